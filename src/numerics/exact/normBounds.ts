/**
 * Exact certificates for spectral norms: s_max(W) < r for a dyadic W, ‖M‖₂² < x for a rational M
 * (both by positive definiteness of an integer matrix), and certified lower bounds of ‖M‖₂² from
 * exact Rayleigh quotients.
 */

import { matmulTN } from '../kernels.js';
import type { Mat } from '../Mat.js';
import { floatSymmetricEigen } from '../symmetricEigen.js';
import { gramBelow } from './definiteness.js';
import type { DyadicMat } from './dyadic.js';
import { Rational } from './rational.js';
import { clearDenominators, type RationalMat, rationalFromMat } from './rationalMat.js';

/**
 * s_max(W) < num/den exactly: r²I − WᵀW ≻ 0; multiplied by 2^{2e}den² it is the integer matrix
 * num²·2^{2e}·I − den²·AᵀA for W = A·2^−e.
 */
export function spectralNormBelow(W: DyadicMat, num: bigint, den: bigint): boolean {
  const e2 = 2 * W.e;
  // Stryker disable next-line EqualityOperator: at e2 = 0 both branches give num²
  const scaleI = e2 >= 0 ? num * num * (1n << BigInt(e2)) : num * num;
  // Stryker disable next-line EqualityOperator: at e2 = 0 both branches give den²
  const scaleG = e2 >= 0 ? den * den : den * den * (1n << BigInt(-e2));
  return gramBelow(W.data, W.rows, W.cols, scaleI, scaleG);
}

/**
 * ‖a‖₂² < x, exactly: x·I − aᵀa ≻ 0. With a = A/L (A integer) and x = p/q (q > 0), multiplied by
 * q·L² this is the integer matrix p·L²·I − q·AᵀA.
 */
export function certifyNormSqBelow(a: RationalMat, x: Rational): boolean {
  const { ints, den } = clearDenominators(a.data);
  return gramBelow(ints, a.rows, a.cols, x.num * den * den, x.den);
}

/** ‖a v‖²/‖v‖², exactly: a lower bound of ‖a‖₂² for any v ≠ 0. */
export function rayleighNormSq(a: RationalMat, v: readonly Rational[]): Rational {
  let num = Rational.ZERO;
  for (let i = 0; i < a.rows; i++) {
    let acc = Rational.ZERO;
    for (let j = 0; j < a.cols; j++) acc = acc.add(a.data[i * a.cols + j].mul(v[j]));
    num = num.add(acc.mul(acc));
  }
  let den = Rational.ZERO;
  for (const x of v) den = den.add(x.mul(x));
  return den.isZero() ? Rational.ZERO : num.div(den);
}

/**
 * A certified lower bound of ‖a‖₂²: the exact Rayleigh quotient ‖a v‖²/‖v‖² at the float64 top
 * right singular vector v (its error is second order in the vector's, so the bound is tight to
 * about 10⁻³⁰ relative for a simple top singular value).
 */
export function normSqLowerBound(a: Mat): Rational {
  // Stryker disable next-line ConditionalExpression,ArrowFunction: a shortcut; the Rayleigh quotient of the zero matrix is 0 too
  if (a.data.every((x) => x === 0)) return Rational.ZERO;
  const { vectors } = floatSymmetricEigen(matmulTN(a, a));
  const n = a.cols;
  const v: Rational[] = [];
  for (let i = 0; i < n; i++) v.push(Rational.fromDouble(vectors.data[i * n]));
  return rayleighNormSq(rationalFromMat(a), v);
}
