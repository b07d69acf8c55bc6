import { type Mat, mat } from './Mat.js';
import { WasmMatvec, wasmMatmul, wasmMatmulTN } from './wasmMatmul.js';

/**
 * out = a·b. Loop order i-k-j keeps the inner loop on contiguous rows of b and out, and four rows
 * of a are processed together so each row of b is loaded once per four uses (measured 2× the
 * plain i-k-j loop at n = 64, and 1.5–1.8× ml-matrix's mmul).
 */
export function matmul(a: Mat, b: Mat, out: Mat = mat(a.rows, b.cols)): Mat {
  if (a.cols !== b.rows) throw new RangeError(`matmul: ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
  if (out.data === a.data || out.data === b.data)
    throw new RangeError('matmul: out aliases an input');
  // Large products go to the SIMD WebAssembly kernel (bitwise the same result, 4–6× faster);
  // below 16³ multiply-adds the copies into its memory cost more than they save.
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: either kernel gives the same bits (wasmMatmul.test), only the speed differs
  if (a.rows * a.cols * b.cols >= WASM_MIN_WORK) return wasmMatmul(a, b, out);
  return matmulJs(a, b, out);
}

/** Work (multiply-adds) from which matmul uses the WebAssembly kernel. */
export const WASM_MIN_WORK = 4096;

/** The JavaScript kernel of matmul (also the reference the WebAssembly one is tested against). */
export function matmulJs(a: Mat, b: Mat, out: Mat = mat(a.rows, b.cols)): Mat {
  const n = a.rows;
  const p = a.cols;
  const m = b.cols;
  const A = a.data;
  const B = b.data;
  const C = out.data;
  C.fill(0);
  let i = 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: blocks of four rows and the one-row tail sum each entry in the same k order, so any split gives the same bits; rows past n are writes past the end
  for (; i + 3 < n; i += 4) {
    const a0 = i * p;
    const a1 = a0 + p;
    const a2 = a1 + p;
    const a3 = a2 + p;
    const c0 = i * m;
    const c1 = c0 + m;
    const c2 = c1 + m;
    const c3 = c2 + m;
    for (let k = 0; k < p; k++) {
      const x0 = A[a0 + k];
      const x1 = A[a1 + k];
      const x2 = A[a2 + k];
      const x3 = A[a3 + k];
      const bk = k * m;
      for (let j = 0; j < m; j++) {
        const y = B[bk + j];
        C[c0 + j] += x0 * y;
        C[c1 + j] += x1 * y;
        C[c2 + j] += x2 * y;
        C[c3 + j] += x3 * y;
      }
    }
  }
  // Stryker disable next-line EqualityOperator: the extra pass of i <= n only writes past the end of a typed array, a no-op
  for (; i < n; i++) {
    const ci = i * m;
    for (let k = 0; k < p; k++) {
      const aik = A[i * p + k];
      const bk = k * m;
      for (let j = 0; j < m; j++) C[ci + j] += aik * B[bk + j];
    }
  }
  return out;
}

/**
 * out = aTᵀ·b without forming the transpose: bitwise matmul(aTᵀ, b), since each entry is summed
 * in the same ascending order of the inner index. With accumulate, out += aTᵀ·b, each entry
 * continuing from out's value (for products taken in chunks, so that aT need not be held whole).
 */
export function matmulTN(
  aT: Mat,
  b: Mat,
  out: Mat = mat(aT.cols, b.cols),
  accumulate = false,
): Mat {
  if (aT.rows !== b.rows)
    throw new RangeError(`matmulTN: (${aT.rows}×${aT.cols})ᵀ · ${b.rows}×${b.cols}`);
  if (out.rows !== aT.cols || out.cols !== b.cols)
    throw new RangeError(`matmulTN: out is ${out.rows}×${out.cols}, expected ${aT.cols}×${b.cols}`);
  if (out.data === aT.data || out.data === b.data)
    throw new RangeError('matmulTN: out aliases an input');
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: either kernel gives the same bits (wasmMatmul.test), only the speed differs
  if (aT.rows * aT.cols * b.cols >= WASM_MIN_WORK) return wasmMatmulTN(aT, b, out, accumulate);
  return matmulTNJs(aT, b, out, accumulate);
}

/**
 * Entries of one operand held at once by products taken in chunks (2²¹ doubles, 16 MB): the
 * closed form's stacked products and autodiff's stacked cotangents, which at n = 128, T = 500
 * would otherwise take 65 MB each, twice over with the copy into WebAssembly memory.
 */
export const PRODUCT_CHUNK_ENTRIES = 1 << 21;

/** The JavaScript kernel of matmulTN. */
export function matmulTNJs(
  aT: Mat,
  b: Mat,
  out: Mat = mat(aT.cols, b.cols),
  accumulate = false,
): Mat {
  const n = aT.cols;
  const p = aT.rows;
  const m = b.cols;
  const A = aT.data;
  const B = b.data;
  const C = out.data;
  if (!accumulate) C.fill(0);
  for (let k = 0; k < p; k++) {
    const bk = k * m;
    // Stryker disable next-line EqualityOperator: the extra pass of i <= n only writes past the end of a typed array, a no-op
    for (let i = 0; i < n; i++) {
      const aik = A[k * n + i];
      const ci = i * m;
      for (let j = 0; j < m; j++) C[ci + j] += aik * B[bk + j];
    }
  }
  return out;
}

/** out = a·x for a vector x. */
export function matvec(a: Mat, x: Float64Array, out = new Float64Array(a.rows)): Float64Array {
  if (a.cols !== x.length) throw new RangeError(`matvec: ${a.rows}×${a.cols} · ${x.length}`);
  const A = a.data;
  const p = a.cols;
  for (let i = 0; i < a.rows; i++) out[i] = dot4(A, i * p, x, 0, p);
  return out;
}

/** y = A·x for one fixed A and many x: out[outOff + i] = Σ_j A[i,j]·x[xOff + j]. */
export type FixedMatvec = (
  x: Float64Array,
  xOff: number,
  out: Float64Array,
  outOff?: number,
) => void;

/**
 * Products with one fixed A for a recurrence, each entry bitwise dot4's: in WebAssembly from
 * WASM_MIN_MATVEC entries of A (measured 3–4× the JavaScript loop at 64×64), where the copies of
 * x and y cost less than they save; in JavaScript below.
 */
export function fixedMatvec(a: Mat): FixedMatvec {
  if (a.rows * a.cols >= WASM_MIN_MATVEC) {
    const w = new WasmMatvec(a);
    return (x, xOff, out, outOff = 0) => w.apply(x, xOff, out, outOff);
  }
  const A = a.data;
  const p = a.cols;
  return (x, xOff, out, outOff = 0) => {
    for (let i = 0; i < a.rows; i++) out[outOff + i] = dot4(A, i * p, x, xOff, p);
  };
}

/** Entries of A from which fixedMatvec uses the WebAssembly kernel. */
export const WASM_MIN_MATVEC = 256;

/**
 * Σ_j A[off + j]·x[xOff + j] for j < p, in four interleaved partial sums ((s₀ + s₁) + (s₂ + s₃)), then
 * the tail: one running sum would wait on each add's latency, four keep the FPU busy (measured
 * 3× at p = 64). The order is fixed, so results are deterministic.
 */
export function dot4(
  A: Float64Array,
  off: number,
  x: Float64Array,
  xOff: number,
  p: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < p; j += 4) {
    s0 += A[off + j] * x[xOff + j];
    s1 += A[off + j + 1] * x[xOff + j + 1];
    s2 += A[off + j + 2] * x[xOff + j + 2];
    s3 += A[off + j + 3] * x[xOff + j + 3];
  }
  let acc = s0 + s1 + (s2 + s3);
  for (; j < p; j++) acc += A[off + j] * x[xOff + j];
  return acc;
}

/** out = aᵀ·y for a vector y. */
export function matTvec(a: Mat, y: Float64Array, out = new Float64Array(a.cols)): Float64Array {
  if (a.rows !== y.length) throw new RangeError(`matTvec: (${a.rows}×${a.cols})ᵀ · ${y.length}`);
  const A = a.data;
  const p = a.cols;
  out.fill(0);
  for (let i = 0; i < a.rows; i++) {
    const yi = y[i];
    if (yi === 0) continue;
    const ai = i * p;
    for (let j = 0; j < p; j++) out[j] += A[ai + j] * yi;
  }
  return out;
}

/** a ← a · diag(d): scales column j by d[j]. */
export function scaleColsInPlace(a: Mat, d: Float64Array): Mat {
  const A = a.data;
  const m = a.cols;
  for (let i = 0; i < a.rows; i++) {
    const ai = i * m;
    for (let j = 0; j < m; j++) A[ai + j] *= d[j];
  }
  return a;
}

/** The largest absolute entry (0 for an empty array); NaN if any entry is NaN. */
export function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const v = Math.abs(x[i]);
    if (v > m || Number.isNaN(v)) m = v;
    if (Number.isNaN(m)) return m;
  }
  return m;
}

/** The Frobenius (or Euclidean) norm, scaled to avoid overflow. */
export function frobenius(x: ArrayLike<number>): number {
  const s = maxAbs(x);
  if (s === 0 || !Number.isFinite(s)) return s;
  let acc = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] / s;
    acc += v * v;
  }
  return s * Math.sqrt(acc);
}

/** True when every entry is a finite number. */
export function allFinite(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}

/** Scales a in place by 2^−e so that max|a_ij| ∈ [½, 2) and returns e (0 for the zero matrix). */
export function normalizePow2(a: Mat): number {
  const big = maxAbs(a.data);
  if (big === 0 || !Number.isFinite(big)) return 0;
  const e = Math.round(Math.log2(big));
  // two steps so that 2^−e itself never over/underflows (|e| ≤ 1075)
  const h = Math.trunc(e / 2);
  const f1 = 2 ** -h;
  const f2 = 2 ** -(e - h);
  const A = a.data;
  A.set(A.map((x) => x * f1 * f2));
  return e;
}
