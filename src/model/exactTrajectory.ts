/**
 * Exact trajectories of Eq. (1) for the piecewise-linear activations: σ and σ′ map dyadic
 * rationals to dyadic rationals, so h_t, the Jacobians J_r = W_R diag σ′(h_{r−1}) and ∂h_t/∂W_R are
 * exact. Callers that work in ℚ convert with dyadicToRationals.
 */

import {
  type DyadicMat,
  type DyadicVec,
  dyadicAdd,
  dyadicMat,
  dyadicMatFromCols,
  dyadicMatvec,
  dyadicScaleCols,
  dyadicVec,
  maxBits,
  normalizeVec,
} from '../numerics/exact/dyadic.js';
import type { ActivationName } from './activation.js';
import type { Case } from './caseFile.js';

/** The activations whose σ maps dyadic rationals to dyadic rationals exactly (σ(x) = x, max(x,0), x or x/64, clip(x, −1, 1)). */
export const PIECEWISE_LINEAR: readonly ActivationName[] = [
  'identity',
  'relu',
  'leaky_relu',
  'hardtanh',
];

/** x clipped to [−one, one] (BigInt: Math.min/max take numbers only). */
function clip(x: bigint, one: bigint): bigint {
  if (x > one) return one;
  if (x < -one) return -one;
  return x;
}

/** h with a non-negative exponent (the same values), and the mantissa of 1 at that exponent. */
function withUnit(h: DyadicVec): { m: readonly bigint[]; e: number; one: bigint } {
  if (h.e >= 0) return { m: h.m, e: h.e, one: 1n << BigInt(h.e) };
  const k = BigInt(-h.e);
  return { m: h.m.map((x) => x << k), e: 0, one: 1n };
}

/** log2 of leaky_relu's slope 1/64 below 0. */
const LEAKY_SHIFT = 6;

/** σ(x) exactly for a piecewise-linear σ. */
export function dyadicSigma(name: ActivationName, h: DyadicVec): DyadicVec {
  switch (name) {
    case 'identity':
      return h;
    case 'relu':
      return normalizeVec(
        h.m.map((x) => (x > 0n ? x : 0n)),
        h.e,
      );
    case 'leaky_relu':
      // x/64 for x < 0: scale everything by 64 and leave the negative entries as they are
      return normalizeVec(
        h.m.map((x) => (x > 0n ? x << BigInt(LEAKY_SHIFT) : x)),
        h.e + LEAKY_SHIFT,
      );
    case 'hardtanh': {
      const { m, e, one } = withUnit(h);
      return normalizeVec(
        m.map((x) => clip(x, one)),
        e,
      );
    }
    default:
      throw new RangeError(`dyadicSigma: σ = ${name} is not piecewise linear`);
  }
}

/**
 * σ′(x) exactly for a piecewise-linear σ, with the float64 convention at a kink: σ′(0) is the
 * left slope (0 for relu, 1/64 for leaky_relu); hardtanh′(±1) = 0, the slope of the flat side.
 */
export function dyadicSigmaPrime(name: ActivationName, h: DyadicVec): DyadicVec {
  if (name === 'identity') return { m: h.m.map(() => 1n), e: 0 };
  if (name === 'relu') return { m: h.m.map((x) => (x > 0n ? 1n : 0n)), e: 0 };
  if (name === 'leaky_relu')
    return { m: h.m.map((x) => (x > 0n ? 1n << BigInt(LEAKY_SHIFT) : 1n)), e: LEAKY_SHIFT };
  if (name === 'hardtanh') {
    const { m, one } = withUnit(h);
    return { m: m.map((x) => (x > -one && x < one ? 1n : 0n)), e: 0 };
  }
  throw new RangeError(`dyadicSigmaPrime: σ = ${name} is not piecewise linear`);
}

/** Whether some coordinate of h sits at a kink of σ (x = 0 for relu and leaky_relu, ±1 for hardtanh), where σ is not differentiable. */
export function atKink(name: ActivationName, h: DyadicVec): boolean {
  if (name === 'identity') return false;
  if (name === 'hardtanh') {
    const { m, one } = withUnit(h);
    return m.some((x) => x === one || x === -one);
  }
  return h.m.some((x) => x === 0n);
}

/** The exact data of a case: W_R and the input drive u_t = W_I x_t + b_R for each t ≤ T. */
export interface ExactCase {
  readonly sigma: ActivationName;
  readonly W: DyadicMat;
  /** u_1 … u_T at index t − 1; the inputs repeat with period T beyond T. */
  readonly drive: DyadicVec[];
  readonly h0: DyadicVec;
}

/** The exact data of a case (every double is a dyadic rational). */
export function exactCase(c: Case): ExactCase {
  const d = c.W_I[0]?.length ?? 0;
  const bR = dyadicVec(c.b_R);
  const WI = d === 0 ? undefined : dyadicMat(c.W_I);
  const drive = c.xs.map((x) => (WI ? dyadicAdd(dyadicMatvec(WI, dyadicVec(x)), bR) : bR));
  return { sigma: c.activation, W: dyadicMat(c.W_R), drive, h0: dyadicVec(c.h_0) };
}

/** An exact trajectory h_0 … h_steps of Eq. (1) with the inputs repeated with period T. */
export interface ExactTrajectory {
  readonly h: DyadicVec[];
  /** Set when the integers outgrew the budget at that step (the trajectory is then shorter). */
  readonly stoppedAt?: number;
}

/**
 * Runs Eq. (1) exactly for `steps` steps (periodic inputs); stops early if an entry exceeds
 * maxBitsBudget bits (never, by default).
 */
export function exactTrajectory(
  ec: ExactCase,
  steps: number,
  maxBitsBudget = Number.POSITIVE_INFINITY,
): ExactTrajectory {
  const T = ec.drive.length;
  const h: DyadicVec[] = [ec.h0];
  for (let t = 1; t <= steps; t++) {
    const s = dyadicSigma(ec.sigma, h[t - 1]);
    const ht = dyadicAdd(dyadicMatvec(ec.W, s), ec.drive[(t - 1) % T]);
    if (maxBits(ht.m) > maxBitsBudget) return { h, stoppedAt: t };
    h.push(ht);
  }
  return { h };
}

/** J_r = W_R·diag σ′(h_{r−1}) exactly (undefined at a kink). */
export function exactJacobian(ec: ExactCase, hPrev: DyadicVec): DyadicMat | undefined {
  return atKink(ec.sigma, hPrev)
    ? undefined
    : dyadicScaleCols(ec.W, dyadicSigmaPrime(ec.sigma, hPrev));
}

/**
 * ∂h_t/∂W_R exactly (n×n², column a·n+b is ∂h_t/∂W_R[a, b]) for piecewise-linear σ, by forward-mode
 * differentiation of Eq. (1) over the dyadic rationals: the tangent along E_ab obeys
 * ḣ_r = E_ab·σ(h_{r−1}) + W_R·(σ′(h_{r−1}) ⊙ ḣ_{r−1}), ḣ_0 = 0 (the chain rule applied to one step;
 * no closed form of the paper). Undefined if some h_r, 1 ≤ r < t, has a coordinate at a kink of σ
 * (h_t is then not differentiable in W_R in general) or the integers outgrow maxBitsBudget.
 */
export function exactJacobianHWR(c: Case, t: number, maxBitsBudget: number): DyadicMat | undefined {
  const ec = exactCase(c);
  const n = ec.W.rows;
  const traj = exactTrajectory(ec, t - 1, maxBitsBudget);
  if (traj.stoppedAt !== undefined) return undefined;
  const sig = traj.h.map((h) => dyadicSigma(ec.sigma, h));
  if (traj.h.slice(1).some((h) => atKink(ec.sigma, h))) return undefined;
  const dsig = traj.h.map((h) => dyadicSigmaPrime(ec.sigma, h));
  const cols: DyadicVec[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let tan: DyadicVec = { m: new Array(n).fill(0n), e: 0 };
      for (let r = 1; r <= t; r++) {
        // E_ab·σ(h_{r−1}) is σ(h_{r−1})_b in row a
        const s = sig[r - 1];
        const unit: DyadicVec = { m: s.m.map((_, i) => (i === a ? s.m[b] : 0n)), e: s.e };
        const d = dsig[r - 1];
        const carried =
          r === 1
            ? { m: new Array<bigint>(n).fill(0n), e: 0 }
            : dyadicMatvec(
                ec.W,
                normalizeVec(
                  tan.m.map((x, i) => x * d.m[i]),
                  tan.e + d.e,
                ),
              );
        tan = dyadicAdd(unit, carried);
      }
      cols.push(tan);
    }
  }
  return dyadicMatFromCols(cols, n);
}
