import fc from 'fast-check';
import type { ActivationName } from '../model/activation.js';
import { type Case, toModel } from '../model/caseFile.js';
import { forward } from '../model/forward.js';
import { periodicModel } from '../model/periodic.js';
import { frobenius } from '../numerics/kernels.js';
import { singularValues } from '../numerics/singularValues.js';
import { jacobianProduct } from '../paper/s3-bptt/jacobian-factors.js';
import {
  derivativeTrajectory,
  lambdaStarProduct,
  trajectoryLambdaStar,
} from '../paper/s5-exploding/thm4-products.js';
import { caseArbitrary } from './caseArbitrary.js';
import { climb, climbMovesArbitrary, MOVE_KINDS, moveEntry } from './targetedClimb.js';

/** Options of the section-5 generators. */
export interface ExplodingConstraints {
  /** Activations to draw from; undefined means all of ACTIVATION_NAMES. */
  readonly activations?: readonly ActivationName[];
}

/** A claim input of the section-5 generators: a case, the claim's parameters and the family it came from. */
export interface ExplodingInput {
  readonly case: Case;
  readonly params: Readonly<Record<string, number>>;
  readonly family: string;
}

/** Score given to a state the climb must never move to (overflow, NaN, an undefined quantity). */
const WORST = [Number.POSITIVE_INFINITY];

/** Stand-in for log 0 = −∞ in a score: finite, so that lexicographic comparison stays meaningful. */
const LOG_ZERO = -1e3;

/** The probe horizon of the climb (matches the claim's float64 probe for n, T ≤ 4). */
const CLIMB_HORIZON = 24;

/** Power used to estimate ρ(γ|W_R|) by ‖(γ|W_R|)^16‖_∞^{1/16}. */
const RHO_POWER = 16;

/** n×n rows of a row-major vector. */
function reshape(x: readonly number[], n: number): number[][] {
  return Array.from({ length: n }, (_, i) => x.slice(i * n, (i + 1) * n));
}

/** log ‖(γ|W|)^16‖_∞ / 16: an upper estimate of log ρ(γ|W|), LOG_ZERO when the power vanishes. */
function logRhoAbs(W: readonly number[], n: number, gamma: number): number {
  let P = Float64Array.from(W, (x) => gamma * Math.abs(x));
  for (let s = 1; s < RHO_POWER; s *= 2) {
    const Q = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let l = 0; l < n; l++) {
        const pil = P[i * n + l];
        if (pil === 0) continue;
        for (let j = 0; j < n; j++) Q[i * n + j] += pil * P[l * n + j];
      }
    P = Q;
  }
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += P[i * n + j];
    norm = Math.max(norm, row);
  }
  return norm === 0 ? LOG_ZERO : Math.log(norm) / RHO_POWER;
}

/**
 * The λ* the climb aims the hypothesis at: 1 for identity and 1/64 for leaky_relu (their λ* for
 * every trajectory, which the certificate can use), the trajectory's λ* for the others.
 */
function climbLambdaStar(c: Case): number {
  const m = toModel(c);
  if (m.sigma.infDeriv > 0) return m.sigma.infDeriv;
  const dsig = derivativeTrajectory(periodicModel(m, CLIMB_HORIZON), CLIMB_HORIZON);
  return trajectoryLambdaStar(dsig);
}

/**
 * The score of the Theorem 4 probe on x = (W_R entries, b_R) (smaller is better): first the deficit of the hypothesis
 * max(0, log((1+ε)/λ*) − log‖W_R‖₂), then log ρ(γ|W_R|) — the climb keeps ‖W_R‖₂ ≥ (1+ε)/λ* while
 * driving the products of the factors |J_r| ≤ γ|W_R| toward decay (bounded gradients).
 */
function probeScore(c: Case, eps: number, x: readonly number[]): number[] {
  const n = c.W_R.length;
  const W = x.slice(0, n * n);
  const cc = { ...c, W_R: reshape(W, n), b_R: x.slice(n * n) };
  const lam = climbLambdaStar(cc);
  const sv = singularValues(toModel(cc).WR);
  const normW = sv[0];
  if (!Number.isFinite(lam)) return WORST;
  const deficit =
    lam > 0 && normW > 0 ? Math.max(0, Math.log((1 + eps) / lam) - Math.log(normW)) : -LOG_ZERO;
  return [deficit, logRhoAbs(W, n, toModel(cc).sigma.gamma)];
}

/**
 * The bias move of the probe: b_i − h_{H,i} rounded to a multiple of 1/8, which moves unit i's
 * state at the probe horizon toward 0, where σ′ of tanh and sigmoid peaks (exact for an acyclic
 * pattern whose unit i has settled).
 */
function recentre(c: Case, x: readonly number[], i: number): number | undefined {
  const n = c.W_R.length;
  const m = toModel({ ...c, W_R: reshape(x.slice(0, n * n), n), b_R: x.slice(n * n) });
  const { h } = forward(periodicModel(m, CLIMB_HORIZON), CLIMB_HORIZON);
  const y = Math.round(8 * (x[n * n + i] - h[CLIMB_HORIZON][i])) / 8 + 0;
  return Number.isFinite(y) && y !== x[n * n + i] && Math.abs(y) <= 64 ? y : undefined;
}

/**
 * Inputs of the Theorem 4 limit claims: a case (n ≤ 4, T ≤ 4, exact integer/dyadic entries) and
 * ε = k/16 ∈ (0, 1]. W_R is scaled by a power of two to meet ‖W_R‖₂ ≥ (1+ε)/λ_target (λ_target =
 * inf σ′ for identity and leaky_relu; σ′(0), or γ, for the others), then a targeted climb edits
 * its entries and b_R to keep the hypothesis while minimising ρ(γ|W_R|): the probe for bounded
 * gradients.
 */
export function explodingProbeArbitrary(
  constraints: ExplodingConstraints = {},
): fc.Arbitrary<ExplodingInput> {
  return fc
    .tuple(
      caseArbitrary({
        minN: 1,
        maxN: 4,
        minT: 1,
        maxT: 4,
        maxD: 2,
        maxM: 3,
        biasModes: ['small', 'zero'],
        initialStates: ['random', 'zero'],
        kinds: ['integer', 'dyadic'],
        ...(constraints.activations ? { activations: constraints.activations } : {}),
      }),
      fc.integer({ min: 1, max: 16 }),
      climbMovesArbitrary(32),
    )
    .map(([g, k, moves]) => {
      const c = g.case;
      const n = c.W_R.length;
      const eps = k / 16;
      const m = toModel(c);
      const lamTarget = m.sigma.infDeriv > 0 ? m.sigma.infDeriv : m.sigma.df(0) || m.sigma.gamma;
      const normW = frobenius(m.WR.data) > 0 ? singularValues(m.WR)[0] : 0;
      const target = (1 + eps) / lamTarget;
      const gain = normW > 0 && normW < target ? 2 ** Math.ceil(Math.log2(target / normW)) : 1;
      // The climb edits W_R and b_R: for a smooth σ the bias is what moves the states to where
      // σ′ is large (e.g. sigmoid: h = 0 needs b = −(W_R σ(h))).
      const start = [...c.W_R.flat().map((x) => gain * x + 0), ...c.b_R];
      const x = climb(
        start,
        moves,
        (v) => probeScore(c, eps, v),
        undefined,
        (v, i, kind) =>
          i >= n * n && MOVE_KINDS[kind] === 'unit'
            ? recentre(c, v, i - n * n)
            : moveEntry(v[i], kind),
      );
      return {
        case: { ...c, W_R: reshape(x.slice(0, n * n), n), b_R: x.slice(n * n) },
        params: { eps },
        family: `${c.activation}/${g.family}`,
      };
    });
}

/** Which lower bound of ‖J_t⋯J_{k+1}‖₂ is probed: Proof 4's Π λ*(D_r)·‖W_R‖₂^{t−k}, or Π λ*(D_r)·s_min(W_R)^{t−k}. */
export type ProductBound = 'norm' | 'smin';

/** Π λ*(D_r)·(‖W_R‖₂ or s_min(W_R))^{t−k} and ‖J_t⋯J_{k+1}‖₂ in float64. */
export function productBoundSides(
  c: Case,
  t: number,
  k: number,
  bound: ProductBound,
): { lhs: number; rhs: number } {
  const m = toModel(c);
  const dsig = derivativeTrajectory(m, t);
  const P = jacobianProduct(m.WR, dsig, t, k);
  const sv = singularValues(m.WR);
  const base = bound === 'norm' ? sv[0] : sv[sv.length - 1];
  const lhs = P.data.every(Number.isFinite) ? singularValues(P)[0] : Number.NaN;
  return { lhs, rhs: lambdaStarProduct(dsig, t, k) * base ** (t - k) };
}

/** −log(rhs/lhs): smaller when the claimed lower bound rhs is closer to (or above) ‖J_t⋯J_{k+1}‖₂. */
function ratioScore(
  c: Case,
  t: number,
  k: number,
  bound: ProductBound,
  W: readonly number[],
): number[] {
  try {
    const { lhs, rhs } = productBoundSides({ ...c, W_R: reshape(W, c.W_R.length) }, t, k, bound);
    if (!Number.isFinite(lhs) || !Number.isFinite(rhs)) return WORST;
    if (rhs === 0) return [-LOG_ZERO];
    if (lhs === 0) return [LOG_ZERO];
    return [Math.log(lhs) - Math.log(rhs)];
  } catch {
    return WORST;
  }
}

/**
 * Inputs of the finite-t product bounds of Proof 4: a case (n ≤ 4, 2 ≤ T ≤ 8) with steps
 * 1 ≤ t ≤ T, 0 ≤ k < t, and a targeted climb on W_R maximising the ratio of the claimed lower
 * bound to ‖J_t⋯J_{k+1}‖₂ (toward a violation, or toward equality for a true bound).
 */
export function productBoundArbitrary(
  bound: ProductBound,
  constraints: ExplodingConstraints = {},
): fc.Arbitrary<ExplodingInput> {
  return fc
    .tuple(
      caseArbitrary({
        minN: 1,
        maxN: 4,
        minT: 2,
        maxT: 8,
        maxD: 2,
        maxM: 3,
        kinds: ['integer', 'dyadic', 'double'],
        ...(constraints.activations ? { activations: constraints.activations } : {}),
      }),
      fc.nat({ max: 1 << 16 }),
      fc.nat({ max: 1 << 16 }),
      climbMovesArbitrary(24),
    )
    .map(([g, a, b, moves]) => {
      const c = g.case;
      const T = c.xs.length;
      const t = T - (a % T);
      const k = b % t;
      const W = climb(c.W_R.flat(), moves, (x) => ratioScore(c, t, k, bound, x));
      return {
        case: { ...c, W_R: reshape(W, c.W_R.length) },
        params: { t, k },
        family: `${c.activation}/${g.family}`,
      };
    });
}
