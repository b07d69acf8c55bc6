/**
 * The error function at high precision (decimal.js has none), each value with a rigorous bound on
 * its absolute error.
 *
 * erf by its Maclaurin series erf(x) = (2/√π) Σ_{k≥0} (−1)^k x^{2k+1}/(k!(2k+1)). The terms grow to
 * about e^{x²} before they shrink, so the sum cancels about x²·log₁₀e digits: the working precision
 * is raised by that much.
 *
 * erfc for large x by Laplace's continued fraction erfc(x) = (e^{−x²}/√π)/(x + (1/2)/(x + 1/(x + …))),
 * whose partial numerators k/2 and denominators x are positive: its successive convergents lie
 * alternately above and below the limit, so the last step bounds the truncation error.
 */

import { Decimal } from 'decimal.js';
import { HP, HP_DIGITS, type HPNumber } from './decimal.js';

/** A value and an upper bound on |value − exact|. */
export interface Enclosed {
  readonly value: Decimal;
  readonly errorBound: Decimal;
}

const working = new Map<number, typeof Decimal>();

/** A decimal.js constructor at `digits` significant digits, rounding half to even. */
function at(digits: number): typeof Decimal {
  let D = working.get(digits);
  if (D === undefined) {
    D = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30 });
    working.set(digits, D);
  }
  return D;
}

const twoOverSqrtPi = new Map<number, Decimal>();

/** 2/√π at `digits` digits (three roundings: π, the square root, the quotient), computed once per precision. */
function twoOverRootPi(digits: number): Decimal {
  let c = twoOverSqrtPi.get(digits);
  if (c === undefined) {
    const W = at(digits);
    c = new W(2).div(W.acos(-1).sqrt());
    twoOverSqrtPi.set(digits, c);
  }
  return c;
}

/** Bounds are computed at 20 digits rounding away from zero: every quantity in them is positive, so each operation rounds up. */
const Up = Decimal.clone({ precision: 20, rounding: Decimal.ROUND_UP });

/**
 * erf(x) by the Maclaurin series at raised working precision, returned at `digits` significant
 * digits with a bound on the absolute error.
 *
 * The bound, with u = 10^{1−p} (twice the unit roundoff at p working digits) and N terms summed:
 * - truncation: from k ≥ x² on, |term_{k+1}|/|term_k| = x²(2k+1)/((k+1)(2k+3)) < 1, so the tail of
 *   the alternating series is at most its first omitted term;
 * - rounding: term k carries 2k+3 roundings (x², k products and quotients, the 2k+1 division), the
 *   sum N more, each relative to a partial sum of |terms| ≤ Σ|x|^{2k+1}/k! = |x|e^{x²}; so at most
 *   (3N + 6)·u·|x|e^{x²} once 2/√π (three roundings) and the final product are included;
 * - the final rounding to `digits` digits: ≤ 10^{1−digits}·|value|.
 * The bound is then doubled, which covers the relative error of its own 20-digit evaluation.
 */
export function erfSeries(x: Decimal, digits: number): Enclosed {
  const ax = new Up(x).abs();
  const x2Up = ax.times(ax);
  // e^{−x²} < 10^{−digits−5}: erf(x) = ±1 up to erfc(|x|) < e^{−x²}/(|x|√π) < e^{−x²}
  if (x2Up.gt((digits + 5) * Math.LN10 + 5)) {
    // e^{−x²} ≤ e^{−⌊x²⌋} < 2.71^{−⌊x²⌋}
    const tail = new Up(1).div(new Up(2.71).pow(Math.floor(x.times(x).toNumber())));
    const D = at(digits);
    return { value: new D(x.isNeg() ? -1 : 1), errorBound: tail.times(2) };
  }
  const raise = Math.ceil(x2Up.toNumber() * Math.LOG10E);
  const p = digits + 10 + raise;
  const W = at(p);
  const xw = new W(x);
  const x2 = xw.times(xw);
  const target = new W(10).pow(-(digits + 5));
  let power = xw; // x^{2k+1}/k!
  let sum = new W(xw);
  let k = 1;
  let next: Decimal;
  for (;;) {
    power = power.times(x2).div(k).neg();
    next = power.div(2 * k + 1);
    if (k >= x2.toNumber() && next.abs().lt(target.times(sum.abs().plus(1e-300)))) break;
    sum = sum.plus(next);
    k++;
  }
  const N = k;
  const full = sum.times(twoOverRootPi(p));
  const D = at(digits);
  const value = new D(full).toSignificantDigits(digits);
  const u = new Up(10).pow(1 - p);
  const rounding = u
    .times(3 * N + 6)
    .times(ax)
    .times(new Up(2.72).pow(Math.ceil(x2Up.toNumber()))); // e^{x²} < 2.72^{⌈x²⌉}
  const truncation = new Up(next.abs()).times(new Up(1).plus(u.times(2 * N + 3)));
  const final = new Up(value.abs()).times(new Up(10).pow(1 - digits));
  const errorBound = truncation
    .plus(rounding)
    .times(1.2) // 2/√π < 1.2
    .plus(final)
    .times(2);
  return { value, errorBound };
}

/**
 * erfc(x) for x ≥ 10 by the continued fraction at `digits` + 10 working digits, stopped when two
 * successive convergents agree to 10^{−digits−5} relatively (their difference bounds the
 * truncation error, the convergents bracketing the limit); rounding adds at most 4 units of the
 * working precision per step to the convergents (the three-term recurrences), relative.
 */
export function erfcFraction(x: Decimal, digits: number): Enclosed {
  const ax = new Up(x);
  if (!ax.gte(10)) throw new RangeError(`erfcFraction: x = ${x} < 10`);
  const p = digits + 10;
  const W = at(p);
  const xw = new W(x);
  // convergents A_n/B_n of x + (1/2)/(x + 1/(x + …)): A_n = x A_{n−1} + (n/2) A_{n−2}
  let A0 = new W(1);
  let B0 = new W(0);
  let A1 = xw;
  let B1 = new W(1);
  let prev = A1.div(B1);
  let cur = prev;
  let n = 1;
  const target = new W(10).pow(-(digits + 5));
  for (; n < 10000; n++) {
    const a = new W(n).div(2);
    const A2 = xw.times(A1).plus(a.times(A0));
    const B2 = xw.times(B1).plus(a.times(B0));
    [A0, A1, B0, B1] = [A1, A2, B1, B2];
    cur = A1.div(B1);
    if (cur.minus(prev).abs().lte(target.times(cur))) break;
    prev = cur;
  }
  const scale = W.exp(xw.times(xw).neg()).div(W.acos(-1).sqrt());
  const full = scale.div(cur);
  const D = at(digits);
  const value = new D(full).toSignificantDigits(digits);
  const u = new Up(10).pow(1 - p);
  // relative error of 1/f from the truncation (|Δf|/f) and rounding (4n+8 units), then the final rounding
  const rel = new Up(cur.minus(prev).abs())
    .div(new Up(cur).times(new Up(1).minus(u.times(4 * n + 8))))
    .plus(u.times(4 * n + 8))
    .plus(new Up(10).pow(1 - digits));
  return { value, errorBound: new Up(value.abs()).times(rel).times(2) };
}

/** erf(x) at HP_DIGITS digits (error below one unit of the 65th digit: see erfSeries). */
export function hpErf(x: HPNumber): HPNumber {
  return new HP(erfSeries(x, HP_DIGITS + 5).value).toSignificantDigits(HP_DIGITS);
}

/**
 * erfc(x) = 1 − erf(x) at HP_DIGITS digits, relative to erfc(x) itself for x > 0: the series is
 * evaluated with x²·log₁₀e more digits, so that 1 − erf(x) keeps HP_DIGITS of them; the continued
 * fraction from x = 10 on.
 */
export function hpErfc(x: HPNumber): HPNumber {
  if (x.gte(10)) return new HP(erfcFraction(x, HP_DIGITS + 5).value).toSignificantDigits(HP_DIGITS);
  const extra = x.gt(0) ? Math.ceil(x.toNumber() ** 2 * Math.LOG10E) + 2 : 0;
  const e = erfSeries(x, HP_DIGITS + 5 + extra).value;
  return new HP(new (at(HP_DIGITS + 5 + extra))(1).minus(e)).toSignificantDigits(HP_DIGITS);
}
