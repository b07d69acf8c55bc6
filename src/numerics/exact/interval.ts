/**
 * The trusted kernel of rigorous real arithmetic: closed intervals [lo, hi] of decimals at
 * INTERVAL_DIGITS significant digits with outward (directed) rounding. Every operation returns an
 * interval that contains f(x) for every real x in its arguments, so a decision read off an
 * enclosure (hi < 0, lo > 0, a.hi < b.lo) is a proof about the exact reals.
 *
 * Soundness rests on decimal.js rounding each operation as documented: +, −, ×, ÷ are computed
 * exactly and then rounded once in the constructor's rounding mode (ROUND_FLOOR for lower ends,
 * ROUND_CEIL for upper ends), so they are correctly rounded in that direction. exp is documented
 * as correctly rounded, ln and sqrt are not documented as such (log and pow are "at most one ulp"
 * off): every exp, ln and sqrt result is therefore moved one further ulp outward, which makes the
 * enclosure sound even if the library's result were one ulp on the wrong side.
 */

import { Decimal } from 'decimal.js';
import type { Mat } from '../Mat.js';
import { HP_DIGITS, toHP } from './decimal.js';
import { Rational } from './rational.js';

/** Significant digits of every interval endpoint: ten guard digits above HP_DIGITS, so a 60-digit value converts exactly. */
export const INTERVAL_DIGITS = HP_DIGITS + 10;

const CONFIG = {
  precision: INTERVAL_DIGITS,
  toExpNeg: -30,
  toExpPos: 30,
  minE: -9e15,
  maxE: 9e15,
} as const;

/** Rounds every result toward −∞ (lower endpoints). */
const DOWN = Decimal.clone({ ...CONFIG, rounding: Decimal.ROUND_FLOOR });
/** Rounds every result toward +∞ (upper endpoints). */
const UP = Decimal.clone({ ...CONFIG, rounding: Decimal.ROUND_CEIL });
/** The constructor of stored endpoints: arithmetic a caller does on lo or hi rounds to nearest, never silently in one direction. */
const NEAR = Decimal.clone({ ...CONFIG, rounding: Decimal.ROUND_HALF_EVEN });

/** |x| above which exp is not evaluated: e^(10¹⁵) ≈ 10^(4.3·10¹⁴) stays inside decimal.js's exponent range 10^(±9·10¹⁵). */
export const EXP_ARG_MAX = new Decimal('1e15');

/** What Interval.point and Interval.of accept: numbers are doubles taken at their exact binary value. */
export type IntervalInput = number | string | Rational | Decimal;

/**
 * A directed result, refused when it left decimal.js's range: an overflow becomes ±Infinity and an
 * underflow becomes 0, and a 0 that the exact result is not would be an unsound endpoint.
 */
function checked(r: Decimal, exactZero: boolean): Decimal {
  if (!r.isFinite()) throw new RangeError('Interval: overflow beyond 10^(9e15)');
  if (r.isZero() && !exactZero) throw new RangeError('Interval: underflow below 10^(-9e15)');
  return r;
}

/** One unit in the INTERVAL_DIGITS-th significant digit of x ≠ 0. */
function ulp(x: Decimal): Decimal {
  return new Decimal(`1e${x.e - INTERVAL_DIGITS + 1}`);
}

/** x moved one ulp toward −∞ (x ≠ 0): covers a library result that is one ulp too high. */
function nudgeDown(x: Decimal): Decimal {
  return DOWN.sub(x, ulp(x));
}

/** x moved one ulp toward +∞ (x ≠ 0). */
function nudgeUp(x: Decimal): Decimal {
  return UP.add(x, ulp(x));
}

/** A lower bound of x (exact for doubles, decimals and strings; rounded down for a rational p/q). */
function lowerOf(x: IntervalInput): Decimal {
  if (x instanceof Rational) return DOWN.div(x.num.toString(), x.den.toString());
  return exactOf(x);
}

/** An upper bound of x (exact for doubles, decimals and strings; rounded up for a rational). */
function upperOf(x: IntervalInput): Decimal {
  if (x instanceof Rational) return UP.div(x.num.toString(), x.den.toString());
  return exactOf(x);
}

/** The exact decimal value of a double, a decimal string or a Decimal (decimal.js stores these unrounded). */
function exactOf(x: number | string | Decimal): Decimal {
  if (typeof x === 'number') return new DOWN(toHP(x));
  const d = new DOWN(x);
  if (!d.isFinite()) throw new RangeError(`Interval: ${x} is not a finite number`);
  // decimal.js reads a string below 10^(−9e15) as 0
  if (typeof x === 'string' && d.isZero() && /[1-9]/.test(x.split(/e/i)[0]))
    throw new RangeError(`Interval: ${x} underflows`);
  return d;
}

/** The exact rational value of a finite decimal: its digits times a power of ten. */
function decimalToRational(x: Decimal): Rational {
  // toFixed() writes every stored digit without exponent notation
  const s = x.toFixed();
  const dot = s.indexOf('.');
  if (dot < 0) return Rational.of(BigInt(s));
  const frac = s.length - dot - 1;
  return Rational.of(BigInt(s.slice(0, dot) + s.slice(dot + 1)), 10n ** BigInt(frac));
}

function minOf(xs: readonly Decimal[]): Decimal {
  let m = xs[0];
  for (const x of xs) if (x.lt(m)) m = x;
  return m;
}

function maxOf(xs: readonly Decimal[]): Decimal {
  let m = xs[0];
  for (const x of xs) if (x.gt(m)) m = x;
  return m;
}

/** A closed interval [lo, hi] of reals with finite decimal endpoints, lo ≤ hi. */
export class Interval {
  /** The lower endpoint. */
  readonly lo: Decimal;
  /** The upper endpoint. */
  readonly hi: Decimal;

  private constructor(lo: Decimal, hi: Decimal) {
    if (!lo.isFinite() || !hi.isFinite() || lo.gt(hi))
      throw new RangeError(`Interval: [${lo}, ${hi}] is not a finite interval`);
    this.lo = new NEAR(lo);
    this.hi = new NEAR(hi);
  }

  /** [lo, hi] enclosing both inputs (a rational end is rounded outward); lo > hi is a RangeError. */
  static of(lo: IntervalInput, hi: IntervalInput): Interval {
    return new Interval(lowerOf(lo), upperOf(hi));
  }

  /** The exact point x (a double at its exact binary value), or a tight enclosure of a rational p/q. */
  static point(x: IntervalInput): Interval {
    return new Interval(lowerOf(x), upperOf(x));
  }

  /** x + y. */
  add(o: Interval): Interval {
    return new Interval(
      checked(DOWN.add(this.lo, o.lo), this.lo.eq(o.lo.neg())),
      checked(UP.add(this.hi, o.hi), this.hi.eq(o.hi.neg())),
    );
  }

  /** x − y. */
  sub(o: Interval): Interval {
    return new Interval(
      checked(DOWN.sub(this.lo, o.hi), this.lo.eq(o.hi)),
      checked(UP.sub(this.hi, o.lo), this.hi.eq(o.lo)),
    );
  }

  /** −x (exact). */
  neg(): Interval {
    return new Interval(this.hi.neg(), this.lo.neg());
  }

  /** x·y: the extreme of the four endpoint products, each rounded outward. */
  mul(o: Interval): Interval {
    const lows: Decimal[] = [];
    const highs: Decimal[] = [];
    for (const a of [this.lo, this.hi]) {
      for (const b of [o.lo, o.hi]) {
        const zero = a.isZero() || b.isZero();
        lows.push(checked(DOWN.mul(a, b), zero));
        highs.push(checked(UP.mul(a, b), zero));
      }
    }
    return new Interval(minOf(lows), maxOf(highs));
  }

  /** x/y; a divisor containing 0 is a RangeError (the quotient is unbounded). */
  div(o: Interval): Interval {
    if (o.containsZero()) throw new RangeError(`Interval: division by ${o}, which contains 0`);
    const lows: Decimal[] = [];
    const highs: Decimal[] = [];
    for (const a of [this.lo, this.hi]) {
      for (const b of [o.lo, o.hi]) {
        lows.push(checked(DOWN.div(a, b), a.isZero()));
        highs.push(checked(UP.div(a, b), a.isZero()));
      }
    }
    return new Interval(minOf(lows), maxOf(highs));
  }

  /** |x|. */
  abs(): Interval {
    if (this.lo.gte(0)) return this;
    if (this.hi.lte(0)) return this.neg();
    return new Interval(new DOWN(0), maxOf([this.lo.neg(), this.hi]));
  }

  /** x², which is ≥ 0 even when x straddles 0 (unlike x·x in interval arithmetic). */
  sqr(): Interval {
    const a = this.abs();
    return new Interval(
      checked(DOWN.mul(a.lo, a.lo), a.lo.isZero()),
      checked(UP.mul(a.hi, a.hi), a.hi.isZero()),
    );
  }

  /** √x; x must be ≥ 0 (a negative lower end is a RangeError). */
  sqrt(): Interval {
    if (this.lo.lt(0))
      throw new RangeError(`Interval: sqrt of ${this}, which has negative numbers`);
    // one ulp below a positive P-digit value is still positive
    const lo = this.lo.isZero() ? this.lo : nudgeDown(DOWN.sqrt(this.lo));
    const hi = this.hi.isZero() ? this.hi : nudgeUp(UP.sqrt(this.hi));
    return new Interval(lo, hi);
  }

  /** e^x; an argument above EXP_ARG_MAX is a RangeError, one below −EXP_ARG_MAX gives the lower end 0. */
  exp(): Interval {
    if (this.hi.gt(EXP_ARG_MAX)) throw new RangeError(`Interval: exp of ${this} would overflow`);
    const hiArg = Decimal.max(this.hi, EXP_ARG_MAX.neg());
    const hi = nudgeUp(UP.exp(hiArg));
    const lo = this.lo.lt(EXP_ARG_MAX.neg()) ? new DOWN(0) : nudgeDown(DOWN.exp(this.lo));
    return new Interval(lo, hi);
  }

  /** ln x; x must be > 0. ln 1 = 0 exactly. */
  log(): Interval {
    if (this.lo.lte(0)) throw new RangeError(`Interval: log of ${this}, which has numbers ≤ 0`);
    return new Interval(logEnd(this.lo, DOWN, nudgeDown), logEnd(this.hi, UP, nudgeUp));
  }

  /** The smaller of x and y, pointwise. */
  min(o: Interval): Interval {
    return new Interval(Decimal.min(this.lo, o.lo), Decimal.min(this.hi, o.hi));
  }

  /** The larger of x and y, pointwise. */
  max(o: Interval): Interval {
    return new Interval(Decimal.max(this.lo, o.lo), Decimal.max(this.hi, o.hi));
  }

  /** The smallest interval containing both. */
  hull(o: Interval): Interval {
    return new Interval(Decimal.min(this.lo, o.lo), Decimal.max(this.hi, o.hi));
  }

  /** True when x lies in the interval (a rational is compared exactly). */
  contains(x: IntervalInput): boolean {
    if (x instanceof Rational)
      return this.lowerRational().cmp(x) <= 0 && x.cmp(this.upperRational()) <= 0;
    const d = exactOf(x);
    return this.lo.lte(d) && d.lte(this.hi);
  }

  /** True when 0 lies in the interval. */
  containsZero(): boolean {
    return this.lo.lte(0) && this.hi.gte(0);
  }

  /** Every element is > 0. */
  isPositive(): boolean {
    return this.lo.gt(0);
  }

  /** Every element is < 0. */
  isNegative(): boolean {
    return this.hi.lt(0);
  }

  /** Certainly less: every element of this is below every element of o. */
  lt(o: Interval): boolean {
    return this.hi.lt(o.lo);
  }

  /** Certainly greater: every element of this is above every element of o. */
  gt(o: Interval): boolean {
    return this.lo.gt(o.hi);
  }

  /** hi − lo, rounded up. */
  width(): Decimal {
    return UP.sub(this.hi, this.lo);
  }

  /** A point of the interval near its middle. */
  mid(): Decimal {
    const m = new DOWN(this.lo).plus(this.hi).div(2);
    return Decimal.min(Decimal.max(m, this.lo), this.hi);
  }

  /** The exact rational value of lo. */
  lowerRational(): Rational {
    return decimalToRational(this.lo);
  }

  /** The exact rational value of hi. */
  upperRational(): Rational {
    return decimalToRational(this.hi);
  }

  /** "[lo, hi]" with every stored digit. */
  toString(): string {
    return `[${this.lo.toString()}, ${this.hi.toString()}]`;
  }
}

/** ln at one end, rounded by ctor and moved one ulp further by nudge; exactly 0 at 1. */
function logEnd(x: Decimal, ctor: typeof DOWN, nudge: (y: Decimal) => Decimal): Decimal {
  if (x.eq(1)) return new ctor(0);
  return nudge(ctor.ln(x));
}

/** A vector of intervals. */
export type IntervalVec = readonly Interval[];

/** A dense row-major matrix of intervals: entry (i, j) is data[i * cols + j]. */
export interface IntervalMat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Interval[];
}

/** The exact point matrix of a float64 matrix (a Mat or rows of numbers). */
export function intervalMat(m: Mat | readonly (readonly number[])[]): IntervalMat {
  if ('data' in m) {
    return { rows: m.rows, cols: m.cols, data: Array.from(m.data, (x) => Interval.point(x)) };
  }
  const rows = m as readonly (readonly number[])[];
  const cols = rows[0]?.length ?? 0;
  const data: Interval[] = [];
  for (const row of rows) {
    if (row.length !== cols) throw new RangeError('intervalMat: rows of unequal length');
    for (const x of row) data.push(Interval.point(x));
  }
  return { rows: rows.length, cols, data };
}

/** Σ of intervals (the exact 0 for none). */
export function sumI(xs: Iterable<Interval>): Interval {
  let s = Interval.point(0);
  for (const x of xs) s = s.add(x);
  return s;
}

/** a·b for interval matrices. */
export function matmulI(a: IntervalMat, b: IntervalMat): IntervalMat {
  if (a.cols !== b.rows) throw new RangeError(`matmulI: ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
  const data: Interval[] = [];
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      const terms: Interval[] = [];
      for (let k = 0; k < a.cols; k++)
        terms.push(a.data[i * a.cols + k].mul(b.data[k * b.cols + j]));
      data.push(sumI(terms));
    }
  }
  return { rows: a.rows, cols: b.cols, data };
}

/** a·x for an interval matrix and vector. */
export function matVecI(a: IntervalMat, x: IntervalVec): Interval[] {
  if (a.cols !== x.length) throw new RangeError(`matVecI: ${a.rows}×${a.cols} · ${x.length}`);
  const out: Interval[] = [];
  for (let i = 0; i < a.rows; i++) {
    const terms: Interval[] = [];
    for (let k = 0; k < a.cols; k++) terms.push(a.data[i * a.cols + k].mul(x[k]));
    out.push(sumI(terms));
  }
  return out;
}

/** The trace of a square interval matrix. */
export function traceI(a: IntervalMat): Interval {
  if (a.rows !== a.cols) throw new RangeError(`traceI: ${a.rows}×${a.cols} is not square`);
  const diag: Interval[] = [];
  for (let i = 0; i < a.rows; i++) diag.push(a.data[i * a.cols + i]);
  return sumI(diag);
}

/** Σ x_ij², enclosing ‖M‖_F² for every M in a. */
export function frobeniusSqI(a: IntervalMat | IntervalVec): Interval {
  const xs = 'data' in a ? a.data : a;
  return sumI(xs.map((x) => x.sqr()));
}

/** An upper bound of ‖M‖₂ valid for every M in a: ‖M‖₂ ≤ ‖M‖_F, rounded up. */
export function norm2UpperI(a: IntervalMat): Decimal {
  return frobeniusSqI(a).sqrt().hi;
}

// ---- elementary functions of one variable ------------------------------------------------

/** An enclosure of f(a) at an exact point a (given as a degenerate interval). */
type PointEnclosure = (a: Interval) => Interval;

/** f over x for an increasing f: [f(lo)'s lower end, f(hi)'s upper end]. */
function increasing(x: Interval, f: PointEnclosure): Interval {
  return Interval.of(f(Interval.point(x.lo)).lo, f(Interval.point(x.hi)).hi);
}

/** f over x for an even f that decreases in |x|: [f(max |x|)'s lower end, f(min |x|)'s upper end]. */
function evenDecreasing(x: Interval, f: PointEnclosure): Interval {
  const a = x.abs();
  return Interval.of(f(Interval.point(a.hi)).lo, f(Interval.point(a.lo)).hi);
}

/** x ∩ [lo, hi] where f(x) is known to lie in [lo, hi] (tightens an enclosure, never empties it). */
function within(x: Interval, lo: number, hi: number): Interval {
  return Interval.of(Decimal.max(x.lo, lo), Decimal.min(x.hi, hi));
}

const ONE = Interval.point(1);
const TWO = Interval.point(2);
const HALF = new Decimal('0.5');
/** Below this |u|, log1p(u) is summed as a series: ln(1 + u) at P digits would lose log10(1/|u|) digits to 1 + u. */
const LOG1P_SERIES_BELOW = new Decimal('1e-3');
/** A series stops once its term is this far below the first one (10 digits beyond INTERVAL_DIGITS). */
const SERIES_RELATIVE_STOP = new Decimal(`1e-${INTERVAL_DIGITS + 10}`);
/** Terms a series may take at most; the tail bound is valid at any length, so this caps only the cost. */
const SERIES_MAX_TERMS = 400;

/**
 * Σ_{k≥1} t_k with t_{k+1} = t_k·ratio(k), enclosed: the first K terms are summed in interval
 * arithmetic and the tail is bounded by 2|t_{K+1}|. The bound holds when |ratio(k)| ≤ 1/2 for
 * every k ≥ K + 1: then |t_{K+1+j}| ≤ 2^{−j}|t_{K+1}| and Σ_{j≥0} 2^{−j} = 2.
 */
function series(first: Interval, ratio: (k: number) => Interval): Interval {
  const stop = UP.mul(first.abs().hi, SERIES_RELATIVE_STOP);
  let term = first;
  let sum = first;
  let k = 1;
  for (; k < SERIES_MAX_TERMS && term.abs().hi.gt(stop); k++) {
    term = term.mul(ratio(k));
    sum = sum.add(term);
  }
  const tail = UP.mul(term.mul(ratio(k)).abs().hi, 2);
  return sum.add(Interval.of(tail.neg(), tail));
}

/** e^a − 1 at a point: the series a + a²/2! + … for |a| < 1/2 (ratio a/(k+1) ≤ 1/4), else e^a − 1. */
function expm1Point(a: Interval): Interval {
  if (a.abs().lo.gte(HALF)) return a.exp().sub(ONE);
  return series(a, (k) => a.div(Interval.point(k + 1)));
}

/**
 * ln(1 + u) at a point u > −1: for |u| < 10⁻³ the alternating series u − u²/2 + … (ratio
 * −u·k/(k+1), |·| < 10⁻³), else ln(1 + u) (1 + u rounded at P digits costs ≤ 10^(3−P) relative).
 */
function log1pPoint(u: Interval): Interval {
  if (u.abs().lo.gte(LOG1P_SERIES_BELOW)) return ONE.add(u).log();
  return series(u, (k) => u.neg().mul(Interval.of(Rational.of(k, k + 1), Rational.of(k, k + 1))));
}

/** tanh at a point a ≥ 0: m/(m + 2) with m = e^{2a} − 1 below 1/4, else 1 − 2E/(1 + E) with E = e^{−2a} ≤ e^{−1/2}. */
function tanhNonNeg(a: Interval): Interval {
  const twoA = a.mul(TWO);
  if (a.lo.lt(0.25)) {
    const m = expm1Point(twoA);
    return m.div(m.add(TWO));
  }
  const e = twoA.neg().exp();
  return ONE.sub(TWO.mul(e).div(ONE.add(e)));
}

/** tanh at a point (odd: tanh(−a) = −tanh a). */
function tanhPoint(a: Interval): Interval {
  return a.lo.lt(0) ? tanhNonNeg(a.neg()).neg() : tanhNonNeg(a);
}

/** The logistic σ(a) = 1/(1 + e^{−a}) at a point; as E/(1 + E) with E = e^a for a < 0, so no exp overflows. */
function sigmoidPoint(a: Interval): Interval {
  if (a.lo.lt(0)) {
    const e = a.exp();
    return e.div(ONE.add(e));
  }
  return ONE.div(ONE.add(a.neg().exp()));
}

/** sech²a = 4E/(1 + E)² with E = e^{−2|a|} (1 − tanh²a would cancel for large |a|). */
function sech2Point(a: Interval): Interval {
  const e = a.abs().mul(TWO).neg().exp();
  return e.mul(Interval.point(4)).div(ONE.add(e).sqr());
}

/** σ′(a) = σ(a)σ(−a) = E/(1 + E)² with E = e^{−|a|}. */
function sigmoidDerivPoint(a: Interval): Interval {
  const e = a.abs().neg().exp();
  return e.div(ONE.add(e).sqr());
}

/** e^x − 1, accurate to P digits relative also for tiny x. */
export function expm1I(x: Interval): Interval {
  return increasing(x, expm1Point);
}

/** ln(1 + x) for x > −1, accurate to P digits relative also for tiny x. */
export function log1pI(x: Interval): Interval {
  if (!x.lo.gt(-1)) throw new RangeError(`Interval: log1p of ${x}, which has numbers ≤ −1`);
  return increasing(x, log1pPoint);
}

/** tanh x (increasing, in [−1, 1]). */
export function tanhI(x: Interval): Interval {
  return within(increasing(x, tanhPoint), -1, 1);
}

/** tanh′x = sech²x (even, decreasing in |x|, in [0, 1]). */
export function sech2I(x: Interval): Interval {
  return within(evenDecreasing(x, sech2Point), 0, 1);
}

/** The logistic sigmoid 1/(1 + e^{−x}) (increasing, in [0, 1]). */
export function sigmoidI(x: Interval): Interval {
  return within(increasing(x, sigmoidPoint), 0, 1);
}

/** σ′(x) = σ(x)(1 − σ(x)) of the logistic sigmoid (even, decreasing in |x|, in [0, 1/4]). */
export function sigmoidDerivI(x: Interval): Interval {
  return within(evenDecreasing(x, sigmoidDerivPoint), 0, 0.25);
}

/** softplus x = ln(1 + e^x) = max(x, 0) + log1p(e^{−|x|}) (increasing, > 0). */
export function softplusI(x: Interval): Interval {
  return increasing(x, (a) => a.max(Interval.point(0)).add(log1pI(a.abs().neg().exp())));
}
