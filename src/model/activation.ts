import { erfc } from '../numerics/erf.js';
import { HP, type HPNumber } from '../numerics/exact/decimal.js';
import { hpErfc } from '../numerics/exact/erf.js';
import { Rational } from '../numerics/exact/rational.js';

/** The names of the activations in the family. */
export const ACTIVATION_NAMES = [
  'identity',
  'tanh',
  'sigmoid',
  'relu',
  'leaky_relu',
  'softplus',
  'elu',
  'silu',
  'gelu',
  'hardtanh',
  'scaled_tanh',
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
  /** γ = sup_x |σ′(x)|, the constant of Theorem 2's hypothesis ‖diag σ′(·)‖ ≤ γ (as a float, for reports). */
  readonly gamma: number;
  /**
   * Exact rationals lo ≤ γ ≤ hi (lo = hi = γ where γ is rational). An exact decision that needs
   * "… γ < 1" met uses hi, one that needs it failed uses lo, and between them γ is not decided.
   */
  readonly gammaBounds: { readonly lo: Rational; readonly hi: Rational };
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

/** SiLU′(x) = s(x)(1 + x·s(−x)), s = sigmoid: s(−x) rather than 1 − s(x), which cancels for x ≫ 0. */
function siluPrime(x: number): number {
  return sigmoid(x) * (1 + x * sigmoid(-x));
}

/** 1/√2 − Math.SQRT1_2: the low part of 1/√2 as a double-double. */
const SQRT1_2_LO = -4.833646656726457e-17;

/**
 * Φ(x) = erfc(y)/2 with y = −x/√2, the standard normal CDF: erfc keeps Φ's relative accuracy for
 * x ≪ 0. erfc's condition number there is 2y² = x², so the rounding of y = y_h + y_l is not left
 * in: erfc(y_h + y_l) = erfc(y_h) − y_l·(2/√π)e^{−y_h²} + O(y_l²), with y_l the exact error of
 * −x·SQRT1_2 (Dekker's product) plus −x·SQRT1_2_LO.
 */
function normalCdf(x: number): number {
  const yh = -x * Math.SQRT1_2;
  const c = 134217729 * x;
  const xh = c - (c - x);
  const xl = x - xh;
  const s = 134217729 * Math.SQRT1_2;
  const sh = s - (s - Math.SQRT1_2);
  const sl = Math.SQRT1_2 - sh;
  // x·SQRT1_2 = p + err exactly
  const err = xh * sh - -yh + xh * sl + xl * sh + xl * sl;
  const yl = -(err + x * SQRT1_2_LO);
  return 0.5 * (erfc(yh) - yl * TWO_OVER_SQRT_PI * Math.exp(-yh * yh));
}

/** 2/√π rounded to a double (enough for the first-order correction in normalCdf). */
const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** 1/√(2π), the standard normal density at 0. */
const INV_SQRT_2PI = 0.3989422804014327;

/** GELU′(x) = Φ(x) + x·φ(x), φ(x) = e^{−x²/2}/√(2π). */
function geluPrime(x: number): number {
  return normalCdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** e^z − 1 for Re z ≤ 0: Re = expm1(a)·cos b − 2 sin²(b/2), free of the cancellation of e^a cos b − 1. */
function expm1Complex(a: number, b: number): Complex {
  const h = Math.sin(b / 2);
  return [Math.expm1(a) * Math.cos(b) - 2 * h * h, Math.exp(a) * Math.sin(b)];
}

function hpNormalCdf(x: HPNumber): HPNumber {
  return hpErfc(x.neg().div(new HP(2).sqrt())).div(2);
}

function hpGeluPrime(x: HPNumber): HPNumber {
  const phi = x.pow(2).div(-2).exp().div(HP.acos(-1).times(2).sqrt());
  return hpNormalCdf(x).plus(x.times(phi));
}

const HP_ONE = new HP(1);

/** γ as an exact rational (lo = hi). */
function exactGamma(num: bigint, den = 1n): { lo: Rational; hi: Rational } {
  const g = Rational.of(num, den);
  return { lo: g, hi: g };
}

/** Bounds lo ≤ γ ≤ hi given as decimal strings (exact rationals). */
function decimalGamma(lo: string, hi: string): { lo: Rational; hi: Rational } {
  const r = (s: string) => {
    const [i, f = ''] = s.split('.');
    return Rational.of(BigInt(i + f), 10n ** BigInt(f.length));
  };
  return { lo: r(lo), hi: r(hi) };
}

const ACTIVATIONS: Record<ActivationName, Activation> = {
  identity: {
    name: 'identity',
    f: (x) => x,
    df: () => 1,
    gamma: 1,
    gammaBounds: exactGamma(1n),
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
    gammaBounds: exactGamma(1n),
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
    gammaBounds: exactGamma(1n, 4n),
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
    gammaBounds: exactGamma(1n),
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
    gammaBounds: exactGamma(1n),
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
    gammaBounds: exactGamma(1n),
    infDeriv: 0,
    inverse: (y) => y + Math.log(-Math.expm1(-y)),
    range: [0, Number.POSITIVE_INFINITY],
    kinks: [],
    fComplex: softplusComplex,
    fHP: (x) => new HP(1).plus(x.exp()).ln(),
    dfHP: hpSigmoid,
  },
  elu: {
    name: 'elu',
    // α = 1: x for x > 0, e^x − 1 for x ≤ 0
    f: (x) => (x > 0 ? x : Math.expm1(x)),
    df: (x) => (x > 0 ? 1 : Math.exp(x)),
    gamma: 1,
    gammaBounds: exactGamma(1n),
    infDeriv: 0,
    inverse: (y) => (y > 0 ? y : Math.log1p(y)),
    range: [-1, Number.POSITIVE_INFINITY],
    // σ′ is continuous at 0 (both sides give 1): no kink in the sense of `kinks`, where σ′ jumps
    kinks: [],
    fComplex: (a, b) => (a > 0 ? [a, b] : expm1Complex(a, b)),
    fHP: (x) => (x.gt(0) ? x : hpExpm1(x)),
    dfHP: (x) => (x.gt(0) ? new HP(1) : x.exp()),
  },
  silu: {
    name: 'silu',
    f: (x) => x * sigmoid(x),
    df: siluPrime,
    // σ″(x) = s(1 − s)(2 − x·tanh(x/2)) vanishes exactly at ±x*, the roots of x·tanh(x/2) = 2
    // (x·tanh(x/2) is even and increasing on x > 0), x* = 2.39935728051546766783…; σ′ → 1 at +∞
    // and 0 at −∞, so sup σ′ = σ′(x*) and inf σ′ = σ′(−x*) = 1 − σ′(x*) (σ′(x) + σ′(−x) = 1).
    // At 60 digits, Newton's x̃ has |σ″(x̃)| < 1e-60 and σ′(x̃) = 1.0998393201288669169581849…;
    // |σ‴| ≈ 0.23 near x*, so |x̃ − x*| < 1e-59 and σ′(x*) − σ′(x̃) < 1e-117: the 12-digit
    // bounds below bracket γ = sup|σ′| = σ′(x*) with room to spare.
    gamma: 1.099839320128867,
    gammaBounds: decimalGamma('1.099839320128', '1.099839320129'),
    infDeriv: -0.09983932012886691,
    range: [-0.2784645427610738, Number.POSITIVE_INFINITY],
    kinks: [],
    fComplex: (a, b) => {
      const [qr, qi] = sigmoidComplex(a, b);
      return [a * qr - b * qi, a * qi + b * qr];
    },
    fHP: (x) => x.times(hpSigmoid(x)),
    dfHP: (x) => {
      const s = hpSigmoid(x);
      return s.times(HP_ONE.plus(x.times(HP_ONE.minus(s))));
    },
  },
  gelu: {
    name: 'gelu',
    // x·Φ(x) with the exact Φ (erf-based), not the tanh approximation
    f: (x) => x * normalCdf(x),
    df: geluPrime,
    // σ″(x) = φ(x)(2 − x²): σ′ has its extrema at ±√2 only, and σ′ → 1 at +∞, 0 at −∞. So
    // γ = σ′(√2) = Φ(√2) + e^{−1}/√π = 1.12890414518515478634…, and inf σ′ = σ′(−√2) = 1 − γ
    // (σ′(x) + σ′(−x) = 1); evaluated at 60 digits (hpErf's error bound is below 1e-59), which the
    // 12-digit bounds bracket.
    gamma: 1.1289041451851547,
    gammaBounds: decimalGamma('1.128904145185', '1.128904145186'),
    infDeriv: -0.12890414518515478,
    range: [-0.1699712074799037, Number.POSITIVE_INFINITY],
    kinks: [],
    // Only the tiny complex step needs σ off the real line: σ(a + ib) = σ(a) + ib·σ′(a) − b²σ″(a)/2
    // + O(b³), so for b = 1e-100 the first two terms are σ(a + ib) to the last bit (b² = 1e-200).
    // erf of a complex argument is not needed.
    fComplex: (a, b) => [a * normalCdf(a), b * geluPrime(a)],
    fHP: (x) => x.times(hpNormalCdf(x)),
    dfHP: hpGeluPrime,
  },
  hardtanh: {
    name: 'hardtanh',
    f: (x) => Math.min(1, Math.max(-1, x)),
    // σ′ = 1 on the open interval (−1, 1), 0 elsewhere: at the kinks ±1 the slope of the flat side
    df: (x) => (x > -1 && x < 1 ? 1 : 0),
    gamma: 1,
    gammaBounds: exactGamma(1n),
    infDeriv: 0,
    range: [-1, 1],
    kinks: [-1, 1],
    fComplex: (a, b) => (a > -1 && a < 1 ? [a, b] : [a > 0 ? 1 : -1, 0]),
    fHP: (x) => (x.gt(1) ? new HP(1) : x.lt(-1) ? new HP(-1) : x),
    dfHP: (x) => new HP(x.gt(-1) && x.lt(1) ? 1 : 0),
  },
  scaled_tanh: {
    name: 'scaled_tanh',
    // 2·tanh: sup σ′ = 2 > 1, the activation that shows which claims need γ ≤ 1
    f: (x) => 2 * Math.tanh(x),
    df: (x) => 2 * sech2(x),
    gamma: 2,
    gammaBounds: exactGamma(2n),
    infDeriv: 0,
    inverse: (y) => Math.atanh(y / 2),
    range: [-2, 2],
    kinks: [],
    fComplex: (a, b) => {
      const [re, im] = tanhComplex(a, b);
      return [2 * re, 2 * im];
    },
    fHP: (x) => x.tanh().times(2),
    dfHP: (x) => HP_ONE.minus(x.tanh().pow(2)).times(2),
  },
};

/**
 * e^x − 1 at 60 digits: exp(x) − 1 cancels |log₁₀|x|| digits for |x| < 1, so there the series
 * Σ_{k≥1} x^k/k! is summed until its terms fall below 10⁻⁷⁰ of the sum.
 */
function hpExpm1(x: HPNumber): HPNumber {
  if (x.abs().gte(1)) return x.exp().minus(HP_ONE);
  let term = x;
  let sum = x;
  for (let k = 2; term.abs().gt(sum.abs().times('1e-70')); k++) {
    term = term.times(x).div(k);
    sum = sum.plus(term);
  }
  return sum;
}

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
