import { normalizeVec } from '../numerics/exact/dyadic.js';
import { degree } from '../numerics/exact/polynomial.js';
import { absBig } from '../numerics/exact/rational.js';

/**
 * Whether every root of p lies in the open unit disk, exactly, by the Schur–Cohn recursion: with
 * a_n the leading coefficient, if |a_0| ≥ |a_n| the product of the roots has modulus ≥ 1 and the
 * answer is no; otherwise (a_n·p(z) − a_0·p*(z))/z, p* the reversed polynomial, has degree n − 1
 * and, by Rouché on |z| = 1 (where |a_0 p*| < |a_n p|, and p, p* vanish together), all its roots in
 * the disk iff p has. Coefficient sizes double at every step, so it serves as the
 * tests' independent reference for schurStable.
 */
export function schurCohnRecursive(p: readonly bigint[]): boolean {
  let a = p.slice(0, degree(p) + 1);
  if (a.length === 0) throw new RangeError('schurCohnRecursive: the zero polynomial');
  for (;;) {
    const n = a.length - 1;
    if (n === 0) return true;
    if (absBig(a[0]) >= absBig(a[n])) return false;
    const an = a[n];
    const a0 = a[0];
    const b: bigint[] = new Array(n);
    for (let k = 0; k < n; k++) b[k] = an * a[k + 1] - a0 * a[n - 1 - k];
    a = [...normalizeVec(b, 0).m];
  }
}
