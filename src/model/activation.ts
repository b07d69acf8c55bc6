import { HP, type HPNumber } from '../numerics/exact/decimal.js';

/** The names of the activations in the family. */
export const ACTIVATION_NAMES = [
  'identity',
  'tanh',
  'sigmoid',
  'relu',
  'leaky_relu',
  'softplus',
] as const;

/** One of ACTIVATION_NAMES. */
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** A complex number as [re, im]. */
export type Complex = readonly [number, number];

/** An elementwise activation σ with everything the paper's statements use. */
export interface Activation {
  readonly name: ActivationName;
  /** σ(x). */
  readonly f: (x: number) => number;
  /** σ′(x); at a kink, the right derivative's convention below. */
  readonly df: (x: number) => number;
  /** γ = sup_x |σ′(x)|, the constant of Theorem 2's hypothesis ‖diag σ′(·)‖ ≤ γ. */
  readonly gamma: number;
  /** inf_x σ′(x): the "λ*(diag σ′(*))" of Theorem 4 read over all arguments. */
  readonly infDeriv: number;
  /** σ⁻¹(y) where σ is invertible, else undefined. */
  readonly inverse?: (y: number) => number;
  /** The open interval σ maps onto (where σ⁻¹ is defined). */
  readonly range: readonly [number, number];
  /** Points where σ is not differentiable; finite differences must not straddle them. */
  readonly kinks: readonly number[];
  /** The complex extension used by the complex-step oracle (analytic off the kinks). */
  readonly fComplex: (re: number, im: number) => Complex;
  /** σ at high precision. */
  readonly fHP: (x: HPNumber) => HPNumber;
  /** σ′ at high precision. */
  readonly dfHP: (x: HPNumber) => HPNumber;
}

/** The slope of leaky_relu for negative arguments. */
export const LEAKY_SLOPE = 1 / 64;

const LEAKY_HP = new HP(1).div(64);

/** sech²(x) = 4e^{−2|x|}/(1 + e^{−2|x|})²: 1 − tanh²x would cancel to nothing once tanh x ≈ ±1. */
function sech2(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  return (4 * e) / ((1 + e) * (1 + e));
}

function sigmoid(x: number): number {
  // Two branches so that exp never overflows.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * tanh(a + ib) = (t + i s)/(1 + i t s) with t = tanh a, s = tan b: no overflow for large |a|,
 * and no cancellation when b is the tiny complex step.
 */
function tanhComplex(a: number, b: number): Complex {
  const t = Math.tanh(a);
  const s = Math.tan(b);
  const den = 1 + t * t * s * s;
  return [(t * (1 + s * s)) / den, (s * sech2(a)) / den];
}

/**
 * σ(z) = 1/(1 + e^{−z}) for complex z, as e^z/(1 + e^z) when Re z < 0: the tanh identity
 * (1 + tanh(z/2))/2 would cancel in the real part for Re z ≪ 0.
 */
function sigmoidComplex(a: number, b: number): Complex {
  const [wr, wi] = a < 0 ? expComplex(a, b) : expComplex(-a, -b);
  // q = 1/(1 + w)
  const dr = 1 + wr;
  const den = dr * dr + wi * wi;
  const qr = dr / den;
  const qi = -wi / den;
  if (a >= 0) return [qr, qi];
  // w·q
  return [wr * qr - wi * qi, wr * qi + wi * qr];
}

function expComplex(a: number, b: number): Complex {
  const r = Math.exp(a);
  return [r * Math.cos(b), r * Math.sin(b)];
}

/** log(1 + e^z) for complex z, using log(1 + e^z) = z + log(1 + e^(−z)) when Re z > 0. */
function softplusComplex(a: number, b: number): Complex {
  if (a > 0) {
    const [er, ei] = expComplex(-a, -b);
    const [lr, li] = log1pComplex(er, ei);
    return [a + lr, b + li];
  }
  const [er, ei] = expComplex(a, b);
  return log1pComplex(er, ei);
}

/** log(1 + w) for complex w, accurate for small |w| (log1p of the modulus). */
function log1pComplex(a: number, b: number): Complex {
  // |1+w|² = 1 + 2a + a² + b²  ⇒  log|1+w| = ½ log1p(2a + a² + b²).
  return [0.5 * Math.log1p(2 * a + a * a + b * b), Math.atan2(b, 1 + a)];
}

function hpSigmoid(x: HPNumber): HPNumber {
  return new HP(1).div(new HP(1).plus(x.neg().exp()));
}

const ACTIVATIONS: Record<ActivationName, Activation> = {
  identity: {
    name: 'identity',
    f: (x) => x,
    df: () => 1,
    gamma: 1,
    infDeriv: 1,
    inverse: (y) => y,
    range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    kinks: [],
    fComplex: (a, b) => [a, b],
    fHP: (x) => x,
    dfHP: () => new HP(1),
  },
  tanh: {
    name: 'tanh',
    f: Math.tanh,
    df: sech2,
    gamma: 1,
    infDeriv: 0,
    inverse: Math.atanh,
    range: [-1, 1],
    kinks: [],
    fComplex: tanhComplex,
    fHP: (x) => x.tanh(),
    dfHP: (x) => new HP(1).minus(x.tanh().pow(2)),
  },
  sigmoid: {
    name: 'sigmoid',
    f: sigmoid,
    // σ(x)σ(−x) rather than σ(1 − σ): no cancellation for x ≫ 0.
    df: (x) => sigmoid(x) * sigmoid(-x),
    gamma: 0.25,
    infDeriv: 0,
    inverse: (y) => Math.log(y / (1 - y)),
    range: [0, 1],
    kinks: [],
    fComplex: sigmoidComplex,
    fHP: hpSigmoid,
    dfHP: (x) => {
      const s = hpSigmoid(x);
      return s.times(new HP(1).minus(s));
    },
  },
  relu: {
    name: 'relu',
    f: (x) => Math.max(x, 0),
    df: (x) => (x > 0 ? 1 : 0),
    gamma: 1,
    infDeriv: 0,
    range: [0, Number.POSITIVE_INFINITY],
    kinks: [0],
    fComplex: (a, b) => (a > 0 ? [a, b] : [0, 0]),
    fHP: (x) => (x.gt(0) ? x : new HP(0)),
    dfHP: (x) => new HP(x.gt(0) ? 1 : 0),
  },
  leaky_relu: {
    name: 'leaky_relu',
    f: (x) => (x > 0 ? x : LEAKY_SLOPE * x),
    df: (x) => (x > 0 ? 1 : LEAKY_SLOPE),
    gamma: 1,
    infDeriv: LEAKY_SLOPE,
    inverse: (y) => (y > 0 ? y : y / LEAKY_SLOPE),
    range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    kinks: [0],
    fComplex: (a, b) => (a > 0 ? [a, b] : [LEAKY_SLOPE * a, LEAKY_SLOPE * b]),
    fHP: (x) => (x.gt(0) ? x : x.times(LEAKY_HP)),
    dfHP: (x) => (x.gt(0) ? new HP(1) : LEAKY_HP),
  },
  softplus: {
    name: 'softplus',
    // log(1 + e^x) = max(x, 0) + log1p(e^(−|x|)).
    f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
    df: sigmoid,
    gamma: 1,
    infDeriv: 0,
    inverse: (y) => y + Math.log(-Math.expm1(-y)),
    range: [0, Number.POSITIVE_INFINITY],
    kinks: [],
    fComplex: softplusComplex,
    fHP: (x) => new HP(1).plus(x.exp()).ln(),
    dfHP: hpSigmoid,
  },
};

/** True when name is one of ACTIVATION_NAMES. */
export function isActivationName(name: unknown): name is ActivationName {
  return typeof name === 'string' && (ACTIVATION_NAMES as readonly string[]).includes(name);
}

/** The activation with that name. */
export function activation(name: ActivationName): Activation {
  return ACTIVATIONS[name];
}

/** The activations with an inverse σ⁻¹ on their range (the G-form identification h = σ⁻¹(h_G) needs one). */
export const INVERTIBLE_ACTIVATIONS: readonly ActivationName[] = ACTIVATION_NAMES.filter(
  (a) => ACTIVATIONS[a].inverse !== undefined,
);
