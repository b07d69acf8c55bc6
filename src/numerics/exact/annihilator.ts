/**
 * The M-annihilator of a vector (its local minimal polynomial), by Krylov elimination over ℚ.
 */

import { lcm, Rational } from './rational.js';

/**
 * The monic polynomial μ of least degree with μ(B)x = 0, for an integer matrix B and an integer
 * vector x, scaled to integer coefficients (a positive multiple, same roots). The Krylov vectors
 * x, Bx, B²x, … are reduced against the earlier ones (Gaussian elimination over ℚ) until one
 * depends on them; the dependency is μ. The cyclic subspace K = span{Bⁱx} is B-invariant and x is
 * cyclic for B|K, so μ is the characteristic polynomial of B|K: B^q x → 0 iff every root of μ
 * lies in the open unit disk. x = 0 gives μ = 1.
 */
export function annihilator(B: readonly bigint[], n: number, x: readonly bigint[]): bigint[] {
  // basis rows: reduced vector, its expression in the Krylov vectors, its pivot
  const basis: { vec: Rational[]; coef: Rational[]; pivot: number }[] = [];
  // Stryker disable next-line MethodExpression: kv is reassigned, never written, so sharing x is harmless
  let kv: bigint[] = x.slice();
  for (let k = 0; k <= n; k++) {
    let r: Rational[] = kv.map((v) => Rational.of(v));
    let c: Rational[] = Array.from({ length: n + 1 }, (_, i) =>
      i === k ? Rational.ONE : Rational.ZERO,
    );
    for (const b of basis) {
      const rp = r[b.pivot];
      // Stryker disable next-line ConditionalExpression: a shortcut; reducing by a zero multiple changes nothing
      if (rp.isZero()) continue;
      const f = rp.div(b.vec[b.pivot]);
      r = r.map((v, i) => v.sub(b.vec[i].mul(f)));
      c = c.map((v, i) => v.sub(b.coef[i].mul(f)));
    }
    const pivot = r.findIndex((v) => !v.isZero());
    if (pivot < 0) {
      // Σ c_i Bⁱx = 0 with c_k = 1: μ(z) = Σ_{i ≤ k} c_i zⁱ, cleared of denominators
      // μ is a monic factor of B's integer characteristic polynomial, so by Gauss's lemma its
      // coefficients are integers and l = 1; clearing denominators only states that exactly
      // Stryker disable next-line MethodExpression,ArithmeticOperator: every den is 1 (Gauss's lemma)
      const l = lcm(c.slice(0, k + 1).map((v) => v.den));
      // Stryker disable next-line ArithmeticOperator: every den is 1, and so is l (Gauss's lemma)
      return c.slice(0, k + 1).map((v) => (v.num * l) / v.den);
    }
    basis.push({ vec: r, coef: c, pivot });
    // next Krylov vector
    // Stryker disable next-line ArrayDeclaration: every entry 0 … n − 1 is assigned below
    const next: bigint[] = new Array(n).fill(0n);
    for (let i = 0; i < n; i++) {
      let acc = 0n;
      for (let j = 0; j < n; j++) acc += B[i * n + j] * kv[j];
      next[i] = acc;
    }
    kv = next;
  }
  throw new Error('annihilator: n + 1 Krylov vectors were independent (a bug)');
}
