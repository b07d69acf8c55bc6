;; C = A·B (acc = 0) or C += A·B (acc ≠ 0) for f64 matrices at byte offsets a (n×p), b (p×m), c (n×m); B and C are row-major, and
;; A[i,k] is at a + i·ri + k·rk bytes, so A may be stored row-major (ri = 8p, rk = 8) or as the
;; row-major transpose of a p×n matrix (ri = 8, rk = 8n).
;; Every C[i,j] is summed as ((0 + A[i,0]B[0,j]) + A[i,1]B[1,j]) + … in ascending k, with a separate
;; multiply and add (no fused multiply-add), exactly as the JavaScript kernel does: the results are
;; bitwise the same. The main loop keeps a 4×4 block of C in eight f64x2 registers for the whole
;; k loop (one pass over a 4-row panel of A and a 4-column panel of B); rows and columns left over
;; (n mod 4, m mod 4) go through the scalar dot product $dot.
(module
  (memory (export "mem") 1)
  ;; s + Σ_k A[i,k]·B[k,j], added in ascending k.
  (func $dot (param $s f64) (param $ai i32) (param $rk i32) (param $bj i32) (param $p i32) (param $mb i32) (result f64)
    (local $k i32)
    (block $done (loop $lk
      (br_if $done (i32.ge_u (local.get $k) (local.get $p)))
      (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $ai)) (f64.load (local.get $bj)))))
      (local.set $ai (i32.add (local.get $ai) (local.get $rk)))
      (local.set $bj (i32.add (local.get $bj) (local.get $mb)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $lk)))
    (local.get $s))
  (func (export "matmul") (param $a i32) (param $b i32) (param $c i32) (param $n i32) (param $p i32) (param $m i32) (param $ri i32) (param $rk i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $k i32) (local $mb i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $bp i32) (local $cp i32)
    (local $x v128) (local $bl v128) (local $bh v128) (local $q i32)
    (local $c0l v128) (local $c0h v128) (local $c1l v128) (local $c1h v128) (local $c2l v128) (local $c2h v128) (local $c3l v128) (local $c3h v128)
    (local.set $mb (i32.shl (local.get $m) (i32.const 3)))
    ;; Full 4-row panels.
    (local.set $i (i32.const 0))
    (block $bi (loop $li
      (br_if $bi (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
      (local.set $j (i32.const 0))
      (block $bj (loop $lj
        (br_if $bj (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $m)))
        (local.set $cp (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $m)) (local.get $j)) (i32.const 3))))
        ;; acc ≠ 0: C += A·B, the sums start from C's entries; else they start from 0.
        (if (local.get $acc)
          (then
            (local.set $c0l (v128.load (local.get $cp)))
            (local.set $c0h (v128.load offset=16 (local.get $cp)))
            (local.set $c1l (v128.load (i32.add (local.get $cp) (i32.mul (local.get $mb) (i32.const 1)))))
            (local.set $c1h (v128.load offset=16 (i32.add (local.get $cp) (i32.mul (local.get $mb) (i32.const 1)))))
            (local.set $c2l (v128.load (i32.add (local.get $cp) (i32.mul (local.get $mb) (i32.const 2)))))
            (local.set $c2h (v128.load offset=16 (i32.add (local.get $cp) (i32.mul (local.get $mb) (i32.const 2)))))
            (local.set $c3l (v128.load (i32.add (local.get $cp) (i32.mul (local.get $mb) (i32.const 3)))))
            (local.set $c3h (v128.load offset=16 (i32.add (local.get $cp) (i32.mul (local.get $mb) (i32.const 3)))))
          )
          (else
            (local.set $c0l (v128.const f64x2 0 0))
            (local.set $c0h (v128.const f64x2 0 0))
            (local.set $c1l (v128.const f64x2 0 0))
            (local.set $c1h (v128.const f64x2 0 0))
            (local.set $c2l (v128.const f64x2 0 0))
            (local.set $c2h (v128.const f64x2 0 0))
            (local.set $c3l (v128.const f64x2 0 0))
            (local.set $c3h (v128.const f64x2 0 0))
          ))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ri))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $ri)))
        (local.set $a2 (i32.add (local.get $a1) (local.get $ri)))
        (local.set $a3 (i32.add (local.get $a2) (local.get $ri)))
        (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $k (i32.const 0))
        (block $bk (loop $lk
          (br_if $bk (i32.ge_u (local.get $k) (local.get $p)))
          (local.set $bl (v128.load (local.get $bp)))
          (local.set $bh (v128.load offset=16 (local.get $bp)))
          (local.set $x (v128.load64_splat (local.get $a0)))
          (local.set $c0l (f64x2.add (local.get $c0l) (f64x2.mul (local.get $x) (local.get $bl))))
          (local.set $c0h (f64x2.add (local.get $c0h) (f64x2.mul (local.get $x) (local.get $bh))))
          (local.set $x (v128.load64_splat (local.get $a1)))
          (local.set $c1l (f64x2.add (local.get $c1l) (f64x2.mul (local.get $x) (local.get $bl))))
          (local.set $c1h (f64x2.add (local.get $c1h) (f64x2.mul (local.get $x) (local.get $bh))))
          (local.set $x (v128.load64_splat (local.get $a2)))
          (local.set $c2l (f64x2.add (local.get $c2l) (f64x2.mul (local.get $x) (local.get $bl))))
          (local.set $c2h (f64x2.add (local.get $c2h) (f64x2.mul (local.get $x) (local.get $bh))))
          (local.set $x (v128.load64_splat (local.get $a3)))
          (local.set $c3l (f64x2.add (local.get $c3l) (f64x2.mul (local.get $x) (local.get $bl))))
          (local.set $c3h (f64x2.add (local.get $c3h) (f64x2.mul (local.get $x) (local.get $bh))))
          (local.set $a0 (i32.add (local.get $a0) (local.get $rk)))
          (local.set $a1 (i32.add (local.get $a1) (local.get $rk)))
          (local.set $a2 (i32.add (local.get $a2) (local.get $rk)))
          (local.set $a3 (i32.add (local.get $a3) (local.get $rk)))
          (local.set $bp (i32.add (local.get $bp) (local.get $mb)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $lk)))
        (v128.store (local.get $cp) (local.get $c0l))
        (v128.store offset=16 (local.get $cp) (local.get $c0h))
        (local.set $cp (i32.add (local.get $cp) (local.get $mb)))
        (v128.store (local.get $cp) (local.get $c1l))
        (v128.store offset=16 (local.get $cp) (local.get $c1h))
        (local.set $cp (i32.add (local.get $cp) (local.get $mb)))
        (v128.store (local.get $cp) (local.get $c2l))
        (v128.store offset=16 (local.get $cp) (local.get $c2h))
        (local.set $cp (i32.add (local.get $cp) (local.get $mb)))
        (v128.store (local.get $cp) (local.get $c3l))
        (v128.store offset=16 (local.get $cp) (local.get $c3h))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $lj)))
      ;; Columns m − (m mod 4) … m − 1 of this panel.
      (block $bt (loop $lt
        (br_if $bt (i32.ge_u (local.get $j) (local.get $m)))
        (local.set $k (i32.const 0))
        (block $br (loop $lr
          (br_if $br (i32.ge_u (local.get $k) (i32.const 4)))
          (local.set $q (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.add (local.get $i) (local.get $k)) (local.get $m)) (local.get $j)) (i32.const 3))))
          (f64.store (local.get $q)
            (call $dot
              (select (f64.load (local.get $q)) (f64.const 0) (local.get $acc))
              (i32.add (local.get $a) (i32.mul (i32.add (local.get $i) (local.get $k)) (local.get $ri)))
              (local.get $rk)
              (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3)))
              (local.get $p) (local.get $mb)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $lr)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $lt)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $li)))
    ;; Rows n − (n mod 4) … n − 1.
    (block $bi2 (loop $li2
      (br_if $bi2 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $j (i32.const 0))
      (block $bj2 (loop $lj2
        (br_if $bj2 (i32.ge_u (local.get $j) (local.get $m)))
        (local.set $q (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $m)) (local.get $j)) (i32.const 3))))
        (f64.store (local.get $q)
          (call $dot
            (select (f64.load (local.get $q)) (f64.const 0) (local.get $acc))
            (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ri)))
            (local.get $rk)
            (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3)))
            (local.get $p) (local.get $mb)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $lj2)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $li2))))
  ;; y[i] = Σ_j A[i,j]·x[j] for row-major A (n×p), summed exactly as kernels.ts dot4 does: partial
  ;; sums s₀…s₃ over j ≡ 0…3 (mod 4) in the two lanes of two f64x2 registers, then
  ;; (s₀ + s₁) + (s₂ + s₃), then the tail j = p − (p mod 4) … p − 1 in order.
  (func (export "matvec") (param $a i32) (param $x i32) (param $y i32) (param $n i32) (param $p i32)
    (local $i i32) (local $j i32) (local $ap i32) (local $v0 v128) (local $v1 v128) (local $s f64)
    ;; $ap walks A row by row: each row advances it by exactly 8p bytes.
    (local.set $ap (local.get $a))
    (block $bi (loop $li
      (br_if $bi (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $v0 (v128.const f64x2 0 0))
      (local.set $v1 (v128.const f64x2 0 0))
      (local.set $j (i32.const 0))
      (block $bj (loop $lj
        (br_if $bj (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $p)))
        (local.set $v0 (f64x2.add (local.get $v0) (f64x2.mul
          (v128.load (local.get $ap)) (v128.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3)))))))
        (local.set $v1 (f64x2.add (local.get $v1) (f64x2.mul
          (v128.load offset=16 (local.get $ap)) (v128.load offset=16 (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3)))))))
        (local.set $ap (i32.add (local.get $ap) (i32.const 32)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $lj)))
      (local.set $s (f64.add
        (f64.add (f64x2.extract_lane 0 (local.get $v0)) (f64x2.extract_lane 1 (local.get $v0)))
        (f64.add (f64x2.extract_lane 0 (local.get $v1)) (f64x2.extract_lane 1 (local.get $v1)))))
      (block $bt (loop $lt
        (br_if $bt (i32.ge_u (local.get $j) (local.get $p)))
        (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $ap))
          (f64.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3)))))))
        (local.set $ap (i32.add (local.get $ap) (i32.const 8)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $lt)))
      (f64.store (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))) (local.get $s))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $li))))
)
