import { erfcFraction, erfSeries } from '../numerics/exact/erf.js';
import {
  expm1I,
  INTERVAL_DIGITS,
  Interval,
  sech2I,
  sigmoidDerivI,
  sigmoidI,
  softplusI,
  tanhI,
} from '../numerics/exact/interval.js';
import { Rational } from '../numerics/exact/rational.js';
import { type ActivationName, activation } from './activation.js';

/**
 * An activation in interval arithmetic: f(x) ⊇ {σ(t) : t ∈ x} and df(x) ⊇ {σ′(t) : t ∈ x}; where
 * x contains a kink, df(x) contains both one-sided derivatives.
 */
export interface IntervalActivation {
  /** An enclosure of σ over x. */
  readonly f: (x: Interval) => Interval;
  /** An enclosure of σ′ over x (both one-sided derivatives at a kink inside x). */
  readonly df: (x: Interval) => Interval;
  /** An enclosure of γ = sup_t |σ′(t)|. */
  readonly gamma: Interval;
  /** An enclosure of inf_t σ′(t). */
  readonly infDeriv: Interval;
}

const ZERO = Interval.point(0);
const ONE = Interval.point(1);
/** leaky_relu's slope 1/64 (exact in decimal: 0.015625). */
const LEAKY = Interval.point(Rational.of(1, 64));

/**
 * σ′ of a piecewise-linear σ with slope `left` below its kink at 0 and `right` above: one slope
 * when x lies on one side, the hull of both when x touches 0 (where σ′ does not exist).
 */
function kinkSlope(x: Interval, left: Interval, right: Interval): Interval {
  if (x.lo.gt(0)) return right;
  if (x.hi.lt(0)) return left;
  return left.hull(right);
}

const TWO = Interval.point(2);
const NEG_ONE = Interval.point(-1);
const SQRT2 = TWO.sqrt();
/** π to 75 digits, rounded down and up (its decimal expansion is known far beyond this). */
const PI = Interval.of(
  '3.14159265358979323846264338327950288419716939937510582097494459230781640628',
  '3.14159265358979323846264338327950288419716939937510582097494459230781640629',
);
const SQRT_2PI = TWO.mul(PI).sqrt();

/** γ as an interval from the activation's exact rational bounds. */
function gammaOf(name: ActivationName): Interval {
  const g = activation(name).gammaBounds;
  return Interval.of(g.lo, g.hi);
}

/** A value ± its rigorous error bound, as an interval. */
function enclosed(e: { value: Interval['lo']; errorBound: Interval['lo'] }): Interval {
  const v = Interval.point(e.value);
  const b = Interval.point(e.errorBound);
  return Interval.of(v.sub(b).lo, v.add(b).hi);
}

/** erfc at one point y ≥ 10, by the continued fraction and its rigorous error bound. */
function erfcAt(y: Interval['lo']): Interval {
  return enclosed(erfcFraction(y, INTERVAL_DIGITS)).max(ZERO);
}

/**
 * Φ(x) = (1 + erf(x/√2))/2 at one point x, enclosed: by erfc(|y|)/2 (no cancellation) when
 * y = x/√2 lies beyond ±10, else by the erf series; Φ is increasing, so the ends of the enclosure
 * of y give its ends.
 */
function normalCdfAt(x: Interval['lo']): Interval {
  const y = Interval.point(x).div(SQRT2);
  if (y.hi.lte(-10)) return Interval.of(erfcAt(y.lo.neg()).lo, erfcAt(y.hi.neg()).hi).div(TWO);
  if (y.lo.gte(10)) return ONE.sub(Interval.of(erfcAt(y.hi).lo, erfcAt(y.lo).hi).div(TWO));
  const lo = enclosed(erfSeries(y.lo, INTERVAL_DIGITS));
  const hi = enclosed(erfSeries(y.hi, INTERVAL_DIGITS));
  return ONE.add(Interval.of(lo.lo, hi.hi).max(NEG_ONE).min(ONE)).div(TWO);
}

/** x clipped to σ′'s range [inf σ′, γ]: sound, since every σ′(t) lies there. */
function withinDerivRange(x: Interval, name: ActivationName): Interval {
  return x.max(Interval.point(ONE.sub(gammaOf(name)).lo)).min(Interval.point(gammaOf(name).hi));
}

/** Φ over x: increasing, so the hull of its ends' enclosures. */
function normalCdfI(x: Interval): Interval {
  return Interval.of(normalCdfAt(x.lo).lo, normalCdfAt(x.hi).hi);
}

/** φ(x) = e^{−x²/2}/√(2π), the standard normal density. */
function normalPdfI(x: Interval): Interval {
  return x.sqr().div(TWO).neg().exp().div(SQRT_2PI);
}

/** elu at one end: x above 0, e^x − 1 below (expm1's series keeps it relatively tight near 0). */
function eluAt(x: Interval['lo'], side: 'lo' | 'hi'): Interval['lo'] {
  const p = Interval.point(x);
  return x.gt(0) ? p[side] : expm1I(p)[side];
}

const INTERVAL_ACTIVATIONS: Record<ActivationName, IntervalActivation> = {
  identity: { f: (x) => x, df: () => ONE, gamma: ONE, infDeriv: ONE },
  tanh: { f: tanhI, df: sech2I, gamma: ONE, infDeriv: ZERO },
  sigmoid: {
    f: sigmoidI,
    df: sigmoidDerivI,
    gamma: Interval.point(Rational.of(1, 4)),
    infDeriv: ZERO,
  },
  relu: {
    // max(x, 0) is increasing: its ends are the ends' images
    f: (x) => x.max(ZERO),
    df: (x) => kinkSlope(x, ZERO, ONE),
    gamma: ONE,
    infDeriv: ZERO,
  },
  leaky_relu: {
    // increasing: x above 0, x/64 below
    f: (x) => x.max(ZERO).add(x.min(ZERO).mul(LEAKY)),
    df: (x) => kinkSlope(x, LEAKY, ONE),
    gamma: ONE,
    infDeriv: LEAKY,
  },
  softplus: { f: softplusI, df: sigmoidI, gamma: ONE, infDeriv: ZERO },
  elu: {
    // increasing, and so is σ′ (e^x ≤ 1 below 0, 1 above; continuous at 0)
    f: (x) => Interval.of(eluAt(x.lo, 'lo'), eluAt(x.hi, 'hi')),
    df: (x) =>
      Interval.of(
        x.lo.gt(0) ? ONE.lo : Interval.point(x.lo).exp().lo,
        x.hi.gt(0) ? ONE.hi : Interval.point(x.hi).exp().hi,
      ).min(ONE),
    gamma: ONE,
    infDeriv: ZERO,
  },
  silu: {
    // not monotone: the natural interval extensions of x·s and s·(1 + x(1 − s)), s = sigmoid(x),
    // enclose the ranges (each operation encloses its exact result); σ′(x) + σ′(−x) = 1 puts σ′ in [1 − γ, γ]
    f: (x) => x.mul(sigmoidI(x)),
    // σ′ = s + x·s(1 − s), with s(1 − s) enclosed directly (no cancellation in 1 − s)
    df: (x) => withinDerivRange(sigmoidI(x).add(x.mul(sigmoidDerivI(x))), 'silu'),
    gamma: gammaOf('silu'),
    infDeriv: ONE.sub(gammaOf('silu')),
  },
  gelu: {
    // natural interval extensions of x·Φ(x) and Φ(x) + x·φ(x), erf by its series and error bound
    f: (x) => x.mul(normalCdfI(x)),
    df: (x) => withinDerivRange(normalCdfI(x).add(x.mul(normalPdfI(x))), 'gelu'),
    gamma: gammaOf('gelu'),
    infDeriv: ONE.sub(gammaOf('gelu')),
  },
  hardtanh: {
    // clip(x, −1, 1) is increasing; σ′ is 1 inside, 0 outside, both where x touches ±1
    f: (x) => x.max(NEG_ONE).min(ONE),
    df: (x) => {
      if (x.lo.gt(-1) && x.hi.lt(1)) return ONE;
      if (x.hi.lt(-1) || x.lo.gt(1)) return ZERO;
      return ZERO.hull(ONE);
    },
    gamma: ONE,
    infDeriv: ZERO,
  },
  scaled_tanh: {
    f: (x) => TWO.mul(tanhI(x)),
    df: (x) => TWO.mul(sech2I(x)),
    gamma: TWO,
    infDeriv: ZERO,
  },
};

/** The interval version of the named activation. */
export function intervalActivation(name: ActivationName): IntervalActivation {
  return INTERVAL_ACTIVATIONS[name];
}
