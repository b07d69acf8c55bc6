import {
  Interval,
  sech2I,
  sigmoidDerivI,
  sigmoidI,
  softplusI,
  tanhI,
} from '../numerics/exact/interval.js';
import { Rational } from '../numerics/exact/rational.js';
import type { ActivationName } from './activation.js';

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
};

/** The interval version of the named activation. */
export function intervalActivation(name: ActivationName): IntervalActivation {
  return INTERVAL_ACTIVATIONS[name];
}
