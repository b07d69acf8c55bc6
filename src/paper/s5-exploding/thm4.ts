/**
 * Theorem 4 as a limit claim: the float64 probe of a case and the exact certificate that refutes
 * "‖∂E_t/∂W_R‖ → ∞" (or "‖∂h_t/∂W_R‖ → ∞") for all t at once.
 *
 * The certificate. Let A = γ|W_R| (entrywise, γ = sup|σ′|). Every factor satisfies
 * |J_r| = |W_R diag σ′(h_{r−1})| ≤ A entrywise, so |J_t⋯J_{k+1}| ≤ A^{t−k}. If ‖A^k‖_∞ = q < 1 for
 * some k (checked exactly on the dyadic entries; q = 0 when the pattern of W_R is acyclic, i.e.
 * W_R is permutation-similar to a strictly triangular matrix), then
 *   C := Σ_{m≥0} ‖A^m‖_∞ ≤ (Σ_{m<k} ‖A^m‖_∞)/(1 − q),
 * and with |σ(x)| ≤ c₀ + γ|x|, u_t = W_I x_t + b_R, |u_t| ≤ U (one period of the inputs):
 *   ‖h_t‖_∞ ≤ C(‖U + c₀|W_R|𝟙‖_∞ + ‖h_0‖_∞) =: B_h,   ‖σ(h_t)‖_∞ ≤ c₀ + γB_h =: S (≤ 1 for tanh, sigmoid),
 *   |∂h_t/∂W_R[i, a·n+b]| = |Σ_k (J_t⋯J_{k+1})[i,a] σ(h_{k−1})_b| ≤ C·S,
 *   ‖∂h_t/∂W_R‖_F² ≤ n³(CS)²,   ‖∂E_t/∂W_R‖_F² ≤ 2‖W_O‖_F²·n³(CS)²   (‖o_t − e_y‖₂² ≤ 2),
 * for every t ≥ 1, every target sequence and every continuation of the inputs with |u_t| ≤ U.
 * Together with an exact check of the hypothesis ‖W_R‖₂ ≥ (1+ε)/λ* (a Rayleigh quotient bounds
 * ‖W_R‖₂² from below; λ* is bounded from below per activation, see lambdaStarLowerBound) and of
 * non-degeneracy (the gradient at the probe horizon of the periodic continuation is not zero), this
 * is a counterexample.
 */

import type {
  CheckOutcome,
  ClaimInput,
  HPOutcome,
  SeriesKey,
} from '../../engine/contract/claim.js';
import { type ParamsDomain, realParam } from '../../engine/contract/params.js';
import { TOLERANCES, toleranceBound } from '../../engine/contract/tolerances.js';
import { activation } from '../../model/activation.js';
import { intervalActivation } from '../../model/activationInterval.js';
import { type Model, toModel } from '../../model/caseFile.js';
import {
  dyadicSigmaPrime,
  exactCase,
  exactTrajectory,
  PIECEWISE_LINEAR,
} from '../../model/exactTrajectory.js';
import { intervalStates } from '../../model/intervalForward.js';
import { periodicModel } from '../../model/periodic.js';
import { HP, HP_DIGITS, type HPNumber, hpShow } from '../../numerics/exact/decimal.js';
import { dyadicToRationals, intMatmul } from '../../numerics/exact/dyadic.js';
import { Interval } from '../../numerics/exact/interval.js';
import { normSqLowerBound } from '../../numerics/exact/normBounds.js';
import { lcm, Rational, rationalToHP } from '../../numerics/exact/rational.js';
import { allFinite, frobenius, maxAbs } from '../../numerics/kernels.js';
import { spectralNorm } from '../../numerics/singularValues.js';
import { adGradientEWR, adJacobianHWR } from '../../oracles/autodiff.js';
import { jacobianProduct } from '../s3-bptt/jacobian-factors.js';
import { derivativeTrajectory, trajectoryLambdaStar } from './thm4-products.js';

/** Which gradient the limit claim is about: ∂E_t/∂W_R (the theorem) or ∂h_t/∂W_R (its proof's reduction). */
export type ExplodingTarget = 'loss' | 'hidden';

/** Largest power k tried for ‖(γ|W_R|)^k‖_∞ < 1. */
export const MAX_CONTRACTION_POWER = 64;

/** Steps of the float64 probe: long enough to see (1+ε)^t growth and to pass one input period after the transient. */
export function probeHorizon(model: Model): number {
  return Math.max(24, 2 * (model.n + model.T));
}

/** Steps of the saved series. */
export const SERIES_HORIZON = 64;

/** Upper bounds c₀ ≥ |σ(0)| with |σ(x)| ≤ c₀ + γ|x| (softplus: ln 2 < 1; sigmoid: 1/2). */
const SIGMA_AT_ZERO: Record<string, Rational> = {
  identity: Rational.ZERO,
  tanh: Rational.ZERO,
  relu: Rational.ZERO,
  leaky_relu: Rational.ZERO,
  sigmoid: Rational.of(1n, 2n),
  softplus: Rational.ONE,
  elu: Rational.ZERO,
  silu: Rational.ZERO,
  gelu: Rational.ZERO,
  hardtanh: Rational.ZERO,
  scaled_tanh: Rational.ZERO,
};

/** Smooth activations whose σ′ is even and decreases in |x| (its minimum on |x| ≤ B is σ′(B)). */
const DECREASING_IN_ABS = new Set(['tanh', 'sigmoid', 'scaled_tanh']);

/** Smooth activations whose σ′ increases (its minimum on |x| ≤ B is σ′(−B)). */
const INCREASING_DERIVATIVE = new Set(['softplus', 'elu']);

/** Activations with |σ| ≤ 1 everywhere. */
const BOUNDED_SIGMA = new Set(['tanh', 'sigmoid', 'hardtanh']);

/** A float64 proposal of the contraction certificate: k, ‖A^k‖_∞ and C ≈ Σ_m ‖A^m‖_∞. */
export interface FloatContraction {
  readonly k: number;
  readonly norm: number;
  readonly C: number;
}

/** ‖(γ|W|)^k‖_∞ for the first k ≤ MAX_CONTRACTION_POWER where it is < 1, in float64 (a proposal only). */
export function floatContraction(model: Model): FloatContraction | undefined {
  const n = model.n;
  const g = model.sigma.gamma;
  const A = Float64Array.from(model.WR.data, (x) => g * Math.abs(x));
  let P = A.slice();
  let sum = 1;
  for (let k = 1; k <= MAX_CONTRACTION_POWER; k++) {
    let norm = 0;
    for (let i = 0; i < n; i++) {
      let row = 0;
      for (let j = 0; j < n; j++) row += P[i * n + j];
      norm = Math.max(norm, row);
    }
    if (!Number.isFinite(norm)) return undefined;
    if (norm < 1) return { k, norm, C: sum / (1 - norm) };
    sum += norm;
    const next = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let l = 0; l < n; l++) {
        const pil = P[i * n + l];
        if (pil === 0) continue;
        for (let j = 0; j < n; j++) next[i * n + j] += pil * A[l * n + j];
      }
    P = next;
  }
  return undefined;
}

/** The exact contraction data of A = γ|W_R|. */
export interface ExactContraction {
  /** The first k with ‖A^k‖_∞ < 1. */
  readonly k: number;
  /** ‖A^k‖_∞ (0 exactly when the pattern of W_R is acyclic). */
  readonly normAk: Rational;
  /** C ≥ Σ_{m≥0} ‖A^m‖_∞. */
  readonly C: Rational;
  /** Whether A^k = 0 (then k is the nilpotency index of the pattern). */
  readonly nilpotent: boolean;
}

/**
 * ‖(γ|W|)^k‖_∞ < 1 exactly for the first such k ≤ MAX_CONTRACTION_POWER. Every double is a dyadic
 * rational, so A = A_int/2^s with an integer matrix A_int, and ‖A^m‖_∞ = ‖A_int^m‖_∞/2^{sm}: the
 * powers are taken in BigInt integers (no gcd), which keeps k = 64 cheap.
 */
export function exactContraction(
  W: readonly (readonly number[])[],
  gamma: Rational | number,
): ExactContraction | undefined {
  const n = W.length;
  const g = typeof gamma === 'number' ? Rational.fromDouble(gamma) : gamma;
  const entries = W.flat().map((x) => g.mul(Rational.fromDouble(Math.abs(x))));
  // A = A_int/D over the common denominator D of γ|w| (a power of two when γ is dyadic)
  const D = lcm(entries.map((e) => e.den));
  const Aint = entries.map((e) => (e.num * D) / e.den);
  const rowMax = (P: bigint[]) => {
    let m = 0n;
    for (let i = 0; i < n; i++) {
      let r = 0n;
      for (let j = 0; j < n; j++) r += P[i * n + j];
      if (r > m) m = r;
    }
    return m;
  };
  let sum = Rational.ONE; // ‖A^0‖_∞ = ‖I‖_∞ = 1
  // Stryker disable next-line MethodExpression: nothing writes into P (intMatmul returns a new array), so a copy of Aint and Aint itself read the same
  let P = Aint.slice();
  for (let k = 1; k <= MAX_CONTRACTION_POWER; k++) {
    const norm = Rational.of(rowMax(P), D ** BigInt(k));
    if (norm.cmp(Rational.ONE) < 0) {
      return { k, normAk: norm, C: sum.div(Rational.ONE.sub(norm)), nilpotent: norm.isZero() };
    }
    sum = sum.add(norm);
    P = intMatmul(P, Aint, n, n, n);
  }
  return undefined;
}

/** A lower bound of λ* with how it was obtained. */
interface LambdaBound {
  /** The bound as a rational, when it is one. */
  readonly exact?: Rational;
  /** A rigorous lower bound of λ* (exact, or the lower end of an outward-rounded enclosure). */
  readonly lower: Rational;
  /** The bound at 60 digits, for display (always set). */
  readonly hp: HPNumber;
  readonly how: string;
}

/** A lower bound of λ* from an enclosure of it: the enclosure's lower end, exactly. */
function enclosedBound(x: Interval, how: string): LambdaBound {
  return { lower: x.lowerRational(), hp: new HP(x.lo), how };
}

/**
 * A lower bound of λ* = inf_{r ≥ 0, i} |σ′(h_{r,i})| over the whole infinite trajectory (inputs
 * periodic):
 * - identity: 1; leaky_relu: 1/64 for every trajectory (this is also the infimum reading);
 * - an acyclic pattern (A^k = 0): h_t for t ≥ k depends only on u_{t−k+1}, …, u_t, so with period-T
 *   inputs the trajectory's states are exactly h_0, …, h_{k+T−1}; λ* is their minimum, exact for
 *   the piecewise-linear σ and at 60 digits for the smooth ones;
 * - otherwise, for tanh, sigmoid, scaled_tanh, softplus, elu: the minimum of σ′ on |x| ≤ B_h (the
 *   state bound); for hardtanh: 1 if B_h < 1; for relu, SiLU, GELU (σ′ reaches 0): 0 (no bound).
 */
function lambdaStarLowerBound(
  input: ClaimInput,
  contraction: ExactContraction,
  stateBound: Rational,
): LambdaBound {
  const c = input.case;
  const name = c.activation;
  if (name === 'identity')
    return { exact: Rational.ONE, lower: Rational.ONE, hp: new HP(1), how: 'σ′ ≡ 1' };
  const model = toModel(c);
  const act = intervalActivation(name);
  if (contraction.nilpotent) {
    const steps = contraction.k + c.xs.length;
    if (PIECEWISE_LINEAR.includes(name)) {
      // Stryker disable next-line ArithmeticOperator: the states past h_{k+T−1} repeat h_k … (period T once t ≥ k), so reading more of them leaves the minimum unchanged
      const { h } = exactTrajectory(exactCase(c), steps - 1);
      let mn: Rational | undefined;
      for (const hr of h)
        for (const x of dyadicToRationals(dyadicSigmaPrime(name, hr))) {
          const d = x.abs();
          if (mn === undefined || d.cmp(mn) < 0) mn = d;
        }
      return {
        exact: mn!,
        lower: mn!,
        hp: rationalToHP(mn!),
        how: `exact min of |σ′| over the eventually periodic trajectory h_0 … h_${steps - 1}`,
      };
    }
    const { h } = intervalStates(periodicModel(model, steps), steps - 1);
    let mn: Interval | undefined;
    for (const hr of h)
      for (const x of hr) {
        const d = act.df(x).abs();
        if (mn === undefined || d.lo.lt(mn.lo)) mn = d;
      }
    return enclosedBound(
      mn!,
      `min of |σ′| over the eventually periodic trajectory h_0 … h_${steps - 1}, by outward-rounded interval arithmetic`,
    );
  }
  if (name === 'leaky_relu') {
    const slope = Rational.of(1n, 64n);
    return { exact: slope, lower: slope, hp: new HP(1).div(64), how: 'σ′ ≥ 1/64 everywhere' };
  }
  const B = Interval.point(stateBound);
  if (DECREASING_IN_ABS.has(name))
    return enclosedBound(
      act.df(B),
      'min of σ′ on |x| ≤ B_h (σ′ decreases in |x|), enclosed by interval arithmetic',
    );
  if (INCREASING_DERIVATIVE.has(name))
    return enclosedBound(
      act.df(B.neg()),
      'min of σ′ on |x| ≤ B_h (σ′ increases), enclosed by interval arithmetic',
    );
  if (name === 'hardtanh' && stateBound.cmp(Rational.ONE) < 0)
    return {
      exact: Rational.ONE,
      lower: Rational.ONE,
      hp: new HP(1),
      how: 'σ′ = 1 on |x| ≤ B_h < 1',
    };
  return {
    exact: Rational.ZERO,
    lower: Rational.ZERO,
    hp: new HP(0),
    how: `${name}: σ′ = 0 is not excluded on |x| ≤ B_h`,
  };
}

/** The norms of section 5 over t = 1 … horizon on the periodic continuation. */
export interface ExplodingSeries {
  /** ‖∂E_t/∂W_R‖_F by reverse-mode autodiff. */
  readonly dE: number[];
  /** ‖∂h_t/∂W_R‖_F by reverse-mode autodiff. */
  readonly dh: number[];
  /** ‖∂h_t/∂h_0‖₂ = ‖J_t⋯J_1‖₂. */
  readonly dhdh0: number[];
}

/**
 * ‖∂E_t/∂W_R‖_F, ‖∂h_t/∂W_R‖_F (both by the autodiff oracle, which uses no formula of the paper)
 * and ‖∂h_t/∂h_0‖₂ for t = 1 … horizon, inputs and targets continued periodically.
 */
export function explodingSeries(
  model: Model,
  horizon: number,
  what: 'all' | 'loss' | 'hidden' = 'all',
): ExplodingSeries {
  const ext = periodicModel(model, horizon);
  const dE: number[] = [];
  const dh: number[] = [];
  const dhdh0: number[] = [];
  const dsig = what === 'all' ? derivativeTrajectory(ext, horizon) : [];
  for (let t = 1; t <= horizon; t++) {
    if (what !== 'hidden') dE.push(frobenius(adGradientEWR(ext, t).data));
    if (what !== 'loss') dh.push(frobenius(adJacobianHWR(ext, t).data));
    if (what === 'all') {
      const P = jacobianProduct(ext.WR, dsig, t, 0);
      dhdh0.push(P.data.every(Number.isFinite) ? spectralNorm(P) : Number.POSITIVE_INFINITY);
    }
  }
  return { dE, dh, dhdh0 };
}

/** The float64 gradient (loss or hidden state) at step t and the magnitude of its summed terms. */
function gradientAt(
  model: Model,
  t: number,
  target: ExplodingTarget,
): { value: Float64Array; magnitude: number } {
  const g = target === 'loss' ? adGradientEWR(model, t) : adJacobianHWR(model, t);
  const a = target === 'loss' ? adGradientEWR(model, t, true) : adJacobianHWR(model, t, true);
  return { value: g.data, magnitude: maxAbs(a.data) };
}

/** Whether a float64 gradient is distinguishable from an exact zero (TOLERANCES.float64Exact against its terms). */
function nonzero(value: Float64Array, magnitude: number): boolean {
  const tol = TOLERANCES.float64Exact;
  return maxAbs(value) > toleranceBound(tol, magnitude);
}

const QUANTITY: Record<ExplodingTarget, string> = {
  loss: '‖∂E_t/∂W_R‖_F as t → ∞ (inputs and targets repeated with period T)',
  hidden: '‖∂h_t/∂W_R‖_F as t → ∞ (inputs repeated with period T)',
};

/** The params of the Theorem 4 probes: the margin 0 < ε ≤ 1 of the hypothesis ‖W_R‖₂·λ* ≥ 1 + ε. */
export const EXPLODING_PARAMS: ParamsDomain = { eps: realParam(0, 1, true) };

/**
 * The float64 probe of Theorem 4 on one case (params: eps). Skips when the hypothesis fails along
 * the trajectory or the gradient is degenerate (zero at the probe horizon); 'violated' when
 * ‖(γ|W_R|)^k‖_∞ < 1 for some k (a certificate candidate, decided exactly by the re-check);
 * 'uncertified' when the gradient does not grow over the second half of the probe horizon and no
 * certificate exists; 'pass' when it grows.
 */
export function explodingCheck(input: ClaimInput, target: ExplodingTarget): CheckOutcome {
  const eps = input.params.eps;
  if (!(eps > 0 && eps <= 1)) return { status: 'skip', reason: 'ε outside (0, 1]' };
  const model = toModel(input.case);
  const H = probeHorizon(model);
  const ext = periodicModel(model, H);
  const dsig = derivativeTrajectory(ext, H);
  if (!dsig.every((d) => allFinite(d)))
    return { status: 'overflow', reason: 'the trajectory overflows' };
  const lam = trajectoryLambdaStar(dsig);
  const normW = spectralNorm(model.WR);
  if (!(lam > 0))
    return { status: 'skip', reason: 'λ* = 0 on the trajectory (σ′ vanishes): (1+ε)/λ* = ∞' };
  if (normW < (1 + eps) / lam)
    return { status: 'skip', reason: '‖W_R‖₂ < (1+ε)/λ* on the trajectory' };
  const last = gradientAt(ext, H, target);
  if (!allFinite(last.value))
    return { status: 'overflow', reason: 'the gradient at the probe horizon overflows' };
  if (!nonzero(last.value, last.magnitude)) {
    return {
      status: 'skip',
      reason: `degenerate: ${target === 'loss' ? '∂E_t/∂W_R' : '∂h_t/∂W_R'} = 0 at the probe horizon (W_O = 0, σ(h) ≡ 0, or a product of factors vanishing with zero drive): not counted`,
    };
  }
  const series = explodingSeries(model, H, target);
  const s = target === 'loss' ? series.dE : series.dh;
  if (!s.every(Number.isFinite))
    return { status: 'overflow', reason: 'the gradient overflows before the probe horizon' };
  const early = Math.max(...s.slice(0, H / 2));
  const late = s[H - 1];
  const cand = floatContraction(model);
  const infimum = model.sigma.infDeriv;
  if (cand !== undefined) {
    const lamCert = certifiableLambdaStar(model, cand, lam);
    if (!(lamCert > 0) || normW < (1 + eps) / lamCert) {
      return {
        status: 'uncertified',
        reason:
          'the gradient is bounded (‖(γ|W_R|)^k‖_∞ < 1), but the hypothesis holds only on the probed steps: λ* has no lower bound for all t that meets it',
      };
    }
    const claimed = (1 + eps) ** (H - 1);
    return {
      status: 'violated',
      witness: {
        quantity: QUANTITY[target],
        claimed: [[claimed]],
        actual: [[Math.max(...s), late]],
        absError: claimed - late,
        relError: (claimed - late) / claimed,
        threshold: 0,
        extra: {
          horizon: H,
          eps,
          lambdaStarTrajectory: lam,
          lambdaStarInfimum: infimum,
          hypothesisInfimumReading: infimum > 0 && normW >= (1 + eps) / infimum ? 1 : 0,
          normWR: normW,
          k: cand.k,
          normAk: cand.norm,
        },
      },
    };
  }
  // A screen, never a verdict: no growth at all over the second half of the horizon is finite-t
  // evidence against "→ ∞" (uncertified); any growth is consistent with the claim (pass).
  if (!(late > early)) {
    return {
      status: 'uncertified',
      reason: `no growth over t ≤ ${H} (‖·‖ at t = ${H} is ${late.toExponential(2)}, max over t ≤ ${H / 2} is ${early.toExponential(2)}) and no certificate`,
    };
  }
  return { status: 'pass', closeness: early / late };
}

/**
 * The float64 estimate of the λ* lower bound the exact certificate can establish for all t (see
 * lambdaStarLowerBound): 1 for identity; the probed trajectory's λ* for an acyclic pattern (the
 * probe horizon covers the eventually periodic trajectory); 1/64 for leaky_relu; 0 for relu, SiLU
 * and GELU (σ′ changes sign); σ′ at the state bound for the other smooth activations, and 1 for
 * hardtanh when the state bound is below 1.
 */
function certifiableLambdaStar(
  model: Model,
  cand: FloatContraction,
  lamTrajectory: number,
): number {
  const name = model.sigma.name;
  if (name === 'identity') return 1;
  if (cand.norm === 0) return lamTrajectory;
  if (name === 'leaky_relu') return model.sigma.infDeriv;
  if (!DECREASING_IN_ABS.has(name) && !INCREASING_DERIVATIVE.has(name) && name !== 'hardtanh')
    return 0;
  const n = model.n;
  const c0 = SIGMA_AT_ZERO[name].toNumber();
  let Uprime = 0;
  for (let i = 0; i < n; i++) {
    let Ui = 0;
    for (let t = 0; t < model.T; t++) {
      let u = model.bR[i];
      for (let j = 0; j < model.d; j++)
        u += model.WI.data[i * model.d + j] * model.xs.data[t * model.d + j];
      Ui = Math.max(Ui, Math.abs(u));
    }
    let rowAbs = 0;
    for (let j = 0; j < n; j++) rowAbs += Math.abs(model.WR.data[i * n + j]);
    Uprime = Math.max(Uprime, Ui + c0 * rowAbs);
  }
  const B = cand.C * (Uprime + maxAbs(model.h0));
  if (name === 'hardtanh') return B < 1 ? 1 : 0;
  return INCREASING_DERIVATIVE.has(name) ? model.sigma.df(-B) : model.sigma.df(B);
}

/**
 * The exact re-check: re-derives from the case alone the bounded-gradient certificate, the
 * hypothesis ‖W_R‖₂ ≥ (1+ε)/λ* and non-degeneracy; violated only when all three hold.
 */
export function explodingCertificate(input: ClaimInput, target: ExplodingTarget): HPOutcome {
  const c = input.case;
  const model = toModel(c);
  const n = model.n;
  const fail = (why: string, certificate: Record<string, unknown> = {}): HPOutcome => ({
    violated: false,
    digits: HP_DIGITS,
    claimed: [['Infinity']],
    actual: [['']],
    absError: '0',
    relError: '0',
    certificate: { valid: false, why, ...certificate },
  });
  if (!(input.params.eps > 0 && input.params.eps <= 1)) return fail('ε outside (0, 1]');
  const eps = Rational.fromDouble(input.params.eps);
  const act = activation(c.activation);
  // γ enters as an upper bound (of |σ(x)| ≤ c₀ + γ|x| and of ‖diag σ′‖), so its exact upper bound
  const gamma = act.gammaBounds.hi;
  const contraction = exactContraction(c.W_R, gamma);
  if (contraction === undefined)
    return fail(`‖(γ|W_R|)^k‖_∞ ≥ 1 for every k ≤ ${MAX_CONTRACTION_POWER}`);

  // State bound B_h = C(‖U + c₀|W_R|𝟙‖_∞ + ‖h_0‖_∞), U_i = max over one period of |W_I x_t + b_R|_i.
  const R = (x: number) => Rational.fromDouble(x);
  const c0 = SIGMA_AT_ZERO[c.activation];
  let Uprime = Rational.ZERO;
  for (let i = 0; i < n; i++) {
    let Ui = Rational.ZERO;
    for (const x of c.xs) {
      let u = R(c.b_R[i]);
      c.W_I[i].forEach((w, j) => {
        u = u.add(R(w).mul(R(x[j])));
      });
      if (u.abs().cmp(Ui) > 0) Ui = u.abs();
    }
    const rowAbs = c.W_R[i].reduce((acc, w) => acc.add(R(w).abs()), Rational.ZERO);
    const v = Ui.add(c0.mul(rowAbs));
    if (v.cmp(Uprime) > 0) Uprime = v;
  }
  const h0 = c.h_0.reduce((acc, x) => (R(x).abs().cmp(acc) > 0 ? R(x).abs() : acc), Rational.ZERO);
  const Bh = contraction.C.mul(Uprime.add(h0));
  let S = c0.add(gamma.mul(Bh));
  if (BOUNDED_SIGMA.has(c.activation) && S.cmp(Rational.ONE) > 0) S = Rational.ONE;
  const entryBound = contraction.C.mul(S);
  const n3 = Rational.of(BigInt(n * n * n));
  const dhSq = n3.mul(entryBound).mul(entryBound);
  const woSq = c.W_O.flat().reduce((acc, w) => acc.add(R(w).mul(R(w))), Rational.ZERO);
  const dESq = Rational.of(2n).mul(woSq).mul(dhSq);
  const boundSq = target === 'loss' ? dESq : dhSq;

  // Hypothesis: ‖W_R‖₂² ≥ R_W (Rayleigh) and R_W·λ*² ≥ (1+ε)².
  const RW = normSqLowerBound(model.WR);
  const lam = lambdaStarLowerBound(input, contraction, Bh);
  const onePlusEpsSq = Rational.ONE.add(eps).mul(Rational.ONE.add(eps));
  // exact: lam.lower ≤ λ* is exact or the lower end of an outward-rounded enclosure
  const hypothesis = RW.mul(lam.lower).mul(lam.lower).cmp(onePlusEpsSq) >= 0;
  const inf = act.infDeriv;
  const infimumReading =
    inf > 0
      ? RW.mul(Rational.fromDouble(inf)).mul(Rational.fromDouble(inf)).cmp(onePlusEpsSq) >= 0
        ? 'holds'
        : 'fails'
      : 'vacuous: inf σ′ = 0, so (1+ε)/λ* = ∞';

  // Non-degeneracy at the probe horizon H of the periodic continuation: the gradient is nonzero
  // beyond float64 rounding of its summed terms (float64Exact), hence nonzero exactly. (At 60
  // digits this costs ~0.2 s per call for a smooth σ, too slow for every shrink step.)
  const H = probeHorizon(model);
  const last = gradientAt(periodicModel(model, H), H, target);
  const nondegenerate = allFinite(last.value) && nonzero(last.value, last.magnitude);

  const boundHP = rationalToHP(boundSq).sqrt();
  const certificate = {
    valid: hypothesis && nondegenerate,
    statement: `for every t ≥ 1, every target sequence and every input continuation with |W_I x_t + b_R| ≤ U: ${
      target === 'loss' ? '‖∂E_t/∂W_R‖_F²' : '‖∂h_t/∂W_R‖_F²'
    } ≤ bound`,
    bound: boundSq.toString(),
    boundDecimal: hpShow(boundHP.pow(2)),
    A: 'γ|W_R| entrywise',
    gamma: gamma.toString(),
    k: contraction.k,
    normAk: contraction.normAk.toString(),
    acyclicPattern: contraction.nilpotent,
    sumOfPowers: contraction.C.toString(),
    stateBound: Bh.toString(),
    sigmaBound: S.toString(),
    entryBound: entryBound.toString(),
    hiddenFrobeniusSqBound: dhSq.toString(),
    lossFrobeniusSqBound: dESq.toString(),
    hypothesis: {
      reading: 'λ* = inf over the whole trajectory of min_i |σ′(h_{r,i})|',
      holds: hypothesis,
      normWRSqLowerBound: RW.toString(),
      lambdaStarLowerBound: lam.exact?.toString() ?? hpShow(lam.hp),
      lambdaStarHow: lam.how,
      onePlusEpsSq: onePlusEpsSq.toString(),
      infimumReading: { lambdaStar: String(inf), verdict: infimumReading },
    },
    nondegenerate: {
      t: H,
      maxAbsEntry: maxAbs(last.value),
      magnitudeOfTerms: last.magnitude,
      holds: nondegenerate,
    },
  };
  return {
    violated: certificate.valid,
    digits: HP_DIGITS,
    claimed: [['Infinity']],
    actual: [[hpShow(boundHP)]],
    absError: 'Infinity',
    relError: '1',
    certificate,
  };
}

/** The keys of explodingSeriesOf: each indexed by t − 1. */
export const EXPLODING_SERIES_KEYS: Readonly<Record<string, SeriesKey>> = {
  '‖∂E_t/∂W_R‖_F': { symbol: '‖∂E_t/∂W_R‖_F', firstT: 1, bound: false },
  '‖∂h_t/∂W_R‖_F': { symbol: '‖∂h_t/∂W_R‖_F', firstT: 1, bound: false },
  '‖∂h_t/∂h_0‖₂': { symbol: '‖∂h_t/∂h_0‖₂', firstT: 1, bound: false },
};

/** The series saved with a counterexample: the three norms over t = 1 … SERIES_HORIZON. */
export function explodingSeriesOf(input: ClaimInput): Record<string, number[]> {
  const s = explodingSeries(toModel(input.case), SERIES_HORIZON, 'all');
  return { '‖∂E_t/∂W_R‖_F': s.dE, '‖∂h_t/∂W_R‖_F': s.dh, '‖∂h_t/∂h_0‖₂': s.dhdh0 };
}
