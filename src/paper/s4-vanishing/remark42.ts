/**
 * The remark of 4.2 after the interpretation of Theorem 2, as three claims: the first summands
 * F(k, t), k = 1, 2, 3, stay present (remark42.early-terms-persist); ∂h_t/∂W_R ≠ 0 at a finite t
 * (remark42.gradient-persists) and as t → ∞ (remark42.gradient-persists-limit). Float64 screens
 * and the exact or 60-digit re-checks that decide them.
 */

import type {
  CheckOutcome,
  ClaimInput,
  HPOutcome,
  SeriesKey,
} from '../../engine/contract/claim.js';
import { stepOf } from '../../engine/contract/claim.js';
import { integerParam, type ParamsDomain } from '../../engine/contract/params.js';
import { TOLERANCES, toleranceBound } from '../../engine/contract/tolerances.js';
import { activation } from '../../model/activation.js';
import { type Case, toModel } from '../../model/caseFile.js';
import {
  dyadicSigma,
  exactCase,
  exactJacobian,
  exactJacobianHWR,
  exactTrajectory,
  PIECEWISE_LINEAR,
} from '../../model/exactTrajectory.js';
import { forward } from '../../model/forward.js';
import { hpForward } from '../../model/hpForward.js';
import { intervalStates } from '../../model/intervalForward.js';
import { periodicModel } from '../../model/periodic.js';
import { HP_DIGITS, hpShow } from '../../numerics/exact/decimal.js';
import { dyadicVecStrings } from '../../numerics/exact/dyadic.js';
import { hpMaxAbs } from '../../numerics/exact/hpMat.js';
import { allFinite, frobenius, maxAbs } from '../../numerics/kernels.js';
import { adJacobianHWR } from '../../oracles/autodiff.js';
import { hpJacobianHWR } from '../../oracles/highPrecision.js';
import { extendedChain, LIMIT_HORIZON, productNorms, sigmaNorm } from './chain.js';
import {
  certifyFVanishes,
  certifyJacobianVanishes,
  certifyTermAlwaysPresent,
  EXACT_BITS_BUDGET,
} from './thm2.js';

// remark42.early-terms-persist

/** The params of remark42.early-terms-persist: k ∈ {1, 2, 3}, the early summand F(k, ·). */
export const EARLY_TERMS_PARAMS: ParamsDomain = { k: integerParam(1, 3) };

/** params.k ∈ {1, 2, 3}, checked. */
function kOf(input: ClaimInput): number {
  const k = input.params.k;
  if (!Number.isInteger(k) || k < 1 || k > 3)
    throw new RangeError(`params.k = ${k} is not 1, 2 or 3`);
  return k;
}

/**
 * F(k, k+1) = J_{k+1}⊗σ(h_{k−1})ᵀ ≠ 0, the summand being present: exactly for piecewise-linear σ;
 * for the smooth σ with σ′ > 0 everywhere, J_{k+1} ≠ 0 iff W_R ≠ 0, and σ(h_{k−1}) ≠ 0 by an interval
 * enclosure that excludes 0;
 * never for a σ′ that changes sign.
 */
function presentExact(c: Case, k: number): boolean {
  if (PIECEWISE_LINEAR.includes(c.activation)) {
    const ec = exactCase(c);
    const traj = exactTrajectory(ec, k, EXACT_BITS_BUDGET);
    if (traj.stoppedAt !== undefined) return false;
    const J = exactJacobian(ec, traj.h[k]);
    const v = dyadicSigma(ec.sigma, traj.h[k - 1]);
    return J?.data.some((x) => x !== 0n) === true && v.m.some((x) => x !== 0n);
  }
  // σ′ > 0 everywhere makes J_{k+1} ≠ 0 iff W_R ≠ 0; an activation whose σ′ changes sign (silu,
  // gelu: inf σ′ < 0) has zeros of σ′ that a state could sit on, so nothing is certified for it
  if (activation(c.activation).infDeriv < 0) return false;
  // σ(h_{k−1}) ≠ 0: some coordinate's outward-rounded enclosure excludes 0
  const { s } = intervalStates(periodicModel(toModel(c), k), k - 1);
  return c.W_R.some((r) => r.some((x) => x !== 0)) && s[k - 1].some((v) => !v.containsZero());
}

/** remark42.early-terms-persist in float64: ‖F(k, t)‖ at the horizon against the exact certificate that it → 0. */
export function earlyTermsCheck(input: ClaimInput): CheckOutcome {
  const c = input.case;
  const k = kOf(input);
  const chain = extendedChain(c, LIMIT_HORIZON);
  if (!chain.traj.h.every((h) => h.every(Number.isFinite)))
    return { status: 'overflow', reason: 'the trajectory left float64 range' };
  const v = sigmaNorm(chain, k - 1);
  const first = productNorms(chain, k, k + 1, true).norm2[0] * v;
  if (!(first > 0))
    return { status: 'skip', reason: `F(${k}, ${k + 1}) = 0: the summand is absent` };
  const last = productNorms(chain, k, LIMIT_HORIZON, true).norm2[0] * v;
  if (!Number.isFinite(first) || !Number.isFinite(last))
    return { status: 'overflow', reason: '‖F(k, t)‖ left float64 range' };
  const tol = TOLERANCES.limitScreen;
  const bound = toleranceBound(tol, v);
  const cert = certifyFVanishes(c, k);
  if (cert.ok) {
    return {
      status: 'violated',
      witness: {
        quantity: `‖F(k, t)‖₂ as t → ∞ for k = ${k} (remark of 4.2: stays present)`,
        claimed: [[first]],
        actual: [[last]],
        absError: first - last,
        relError: (first - last) / Math.max(first, last),
        threshold: bound,
        extra: { k, t: LIMIT_HORIZON, normFFirst: first, normFAtH: last, normSigmaPrev: v },
      },
    };
  }
  if (last <= bound) {
    return {
      status: 'uncertified',
      reason: `‖F(${k}, ${LIMIT_HORIZON})‖ fell below ${tol.rtol}·‖σ(h_{k−1})‖ without a certificate (${cert.reason})`,
    };
  }
  // the claim is a lower bound: threshold/observed, ≤ 1 for a pass and → 1 near the screen
  return { status: 'pass', closeness: last > 0 ? bound / last : 0 };
}

/** remark42.early-terms-persist decided: F(k, k+1) ≠ 0 exactly and F(k, t) → 0 certified. */
export function earlyTermsRecheck(input: ClaimInput): HPOutcome {
  const c = input.case;
  const k = kOf(input);
  const present = presentExact(c, k);
  const cert = certifyFVanishes(c, k);
  return {
    violated: present && cert.ok,
    digits: HP_DIGITS,
    claimed: [[present ? `F(${k}, ${k + 1}) ≠ 0` : `F(${k}, ${k + 1}) = 0`]],
    actual: [[cert.ok ? `F(${k}, t) → 0 (certified, rate ${cert.rate})` : 'not certified']],
    absError: '0',
    relError: cert.ok ? '1' : '0',
    certificate: cert.ok ? cert.certificate : { certified: false, reason: cert.reason },
  };
}

/** The key of earlyTermsSeries. */
export const EARLY_TERMS_SERIES_KEYS: Readonly<Record<string, SeriesKey>> = {
  normF2: { symbol: '‖F(k, t)‖₂', firstT: { param: 'k', plus: 0 }, bound: false },
};

/** ‖F(k, t)‖₂ for t = k … H (index t − k), when finite. */
export function earlyTermsSeries(input: ClaimInput): Record<string, number[]> {
  const k = kOf(input);
  const chain = extendedChain(input.case, LIMIT_HORIZON);
  const v = sigmaNorm(chain, k - 1);
  // index t − k for t = k … H
  const norms = productNorms(chain, k, LIMIT_HORIZON).norm2.map((x) => x * v);
  const out: Record<string, number[]> = {};
  if (norms.every(Number.isFinite)) out.normF2 = norms;
  return out;
}

// remark42.gradient-persists-limit

/** ‖∂h_t/∂W_R‖_F for t = 1 … H by reverse-mode autodiff on the periodically extended case. */
function jacobianNorms(c: Case, ts: readonly number[]): number[] {
  const H = Math.max(...ts);
  const model = periodicModel(toModel(c), Math.max(H, c.xs.length));
  return ts.map((t) => frobenius(adJacobianHWR(model, t).data));
}

/** remark42.gradient-persists-limit in float64: ‖∂h_H/∂W_R‖ against the exact certificates. */
export function gradientPersistsLimitCheck(input: ClaimInput): CheckOutcome {
  const c = input.case;
  const chain = extendedChain(c, LIMIT_HORIZON);
  const absent = chain.traj.s.findIndex((s) => s.every((x) => x === 0));
  if (absent >= 0 && absent < LIMIT_HORIZON)
    return {
      status: 'skip',
      reason: 'σ(h_{t−1}) = 0 at some t ≤ H: the "always present" term is absent',
    };
  const [first, last] = jacobianNorms(c, [1, LIMIT_HORIZON]);
  if (!Number.isFinite(first) || !Number.isFinite(last))
    return { status: 'overflow', reason: '∂h_t/∂W_R left float64 range' };
  const tol = TOLERANCES.limitScreen;
  const bound = toleranceBound(tol, first);
  const cert = certifyJacobianVanishes(c);
  const present = cert.ok ? certifyTermAlwaysPresent(c) : undefined;
  if (cert.ok && present?.ok) {
    return {
      status: 'violated',
      witness: {
        quantity: '‖∂h_t/∂W_R‖_F as t → ∞ (remark of 4.2: does not vanish)',
        claimed: [[first]],
        actual: [[last]],
        absError: first - last,
        relError: first > 0 ? (first - last) / first : 0,
        threshold: bound,
        extra: { t: LIMIT_HORIZON, normAtT1: first, normAtH: last },
      },
    };
  }
  if (last <= bound) {
    return {
      status: 'uncertified',
      reason: `‖∂h_${LIMIT_HORIZON}/∂W_R‖ fell below ${tol.rtol}·‖∂h_1/∂W_R‖ without a certificate (${!cert.ok ? cert.reason : present && !present.ok ? present.reason : ''})`,
    };
  }
  // the claim is a lower bound: threshold/observed, ≤ 1 for a pass and → 1 near the screen
  return { status: 'pass', closeness: last > 0 ? bound / last : 0 };
}

/** remark42.gradient-persists-limit decided: the premise and ∂h_t/∂W_R → 0, both certified exactly. */
export function gradientPersistsLimitRecheck(input: ClaimInput): HPOutcome {
  const c = input.case;
  const present = certifyTermAlwaysPresent(c);
  const cert = certifyJacobianVanishes(c);
  return {
    violated: present.ok && cert.ok,
    digits: HP_DIGITS,
    claimed: [[present.ok ? 'σ(h_{t−1}) ≠ 0 for all t (certified)' : 'presence not certified']],
    actual: [[cert.ok ? '∂h_t/∂W_R → 0 (certified)' : 'not certified']],
    absError: '0',
    relError: cert.ok ? '1' : '0',
    certificate: {
      premise: present.ok ? present.certificate : { certified: false, reason: present.reason },
      conclusionRefuted: cert.ok ? cert.certificate : { certified: false, reason: cert.reason },
    },
  };
}

/** The key of gradientPersistsLimitSeries. */
export const GRADIENT_PERSISTS_SERIES_KEYS: Readonly<Record<string, SeriesKey>> = {
  normJacobianF: { symbol: '‖∂h_t/∂W_R‖_F', firstT: 1, bound: false },
};

/** ‖∂h_t/∂W_R‖_F for t = 1 … H (index t − 1), when finite. */
export function gradientPersistsLimitSeries(input: ClaimInput): Record<string, number[]> {
  const ts = Array.from({ length: LIMIT_HORIZON }, (_, i) => i + 1);
  const norms = jacobianNorms(input.case, ts);
  // index t − 1 for t = 1 … H
  const out: Record<string, number[]> = {};
  if (allFinite(norms)) out.normJacobianF = norms;
  return out;
}

// remark42.gradient-persists

/** A coordinate of some h_r (1 ≤ r < t) at a kink of σ: ∂h_t/∂W_R need not exist there. */
function atKink(h: Float64Array[], t: number, kinks: readonly number[]): boolean {
  for (let r = 1; r < t; r++) for (const x of h[r]) if (kinks.includes(x)) return true;
  return false;
}

/** remark42.gradient-persists in float64: max|∂h_t/∂W_R| against the rounding of its summed terms. */
export function gradientPersistsCheck(input: ClaimInput): CheckOutcome {
  const model = toModel(input.case);
  const t = stepOf(input);
  const traj = forward(model, t);
  if (!traj.h.every((h) => h.every(Number.isFinite)))
    return { status: 'overflow', reason: 'the trajectory left float64 range' };
  const s = traj.s[t - 1];
  const sMax = maxAbs(s);
  if (sMax === 0) return { status: 'skip', reason: 'σ(h_{t−1}) = 0' };
  if (atKink(traj.h, t, model.sigma.kinks))
    return {
      status: 'skip',
      reason: 'some h_r (r < t) is at a kink of σ: ∂h_t/∂W_R does not exist',
    };
  const J = adJacobianHWR(model, t);
  const magnitude = maxAbs(adJacobianHWR(model, t, true).data);
  if (!Number.isFinite(magnitude)) return { status: 'overflow', reason: '∂h_t/∂W_R is not finite' };
  const size = maxAbs(J.data);
  const tol = TOLERANCES.float64Exact;
  // zero up to the rounding of its summed terms: a candidate for an exact zero
  const bound = toleranceBound(tol, magnitude);
  if (size > bound) return { status: 'pass', closeness: magnitude > 0 ? 1 - size / magnitude : 0 };
  // for a σ that is not piecewise linear no re-check can certify an exact zero (see
  // gradientPersistsRecheck): a float64 zero is reported as uncertified, never a candidate
  if (!PIECEWISE_LINEAR.includes(input.case.activation))
    return {
      status: 'uncertified',
      reason: `∂h_t/∂W_R is 0 up to float64 rounding, and an exact zero is not certified for σ = ${input.case.activation}`,
    };
  return {
    status: 'violated',
    witness: {
      quantity: 'max|∂h_t/∂W_R| (remark of 4.2: ≠ 0, the term I⊗σ(h_{t−1})ᵀ is always present)',
      claimed: [[sMax]],
      actual: [[size]],
      absError: size,
      // how far from an exact zero, relative to the summed terms: float64 cannot tell 0 from
      // rounding, so this stays below TOLERANCES.violation and the runner asks the 60-digit
      // (exact, for piecewise-linear σ) re-check on every candidate during the search
      relError: magnitude > 0 ? size / magnitude : 0,
      threshold: bound,
      extra: { t, magnitude, normSigmaPrevMax: sMax },
    },
  };
}

/** remark42.gradient-persists decided: exactly for piecewise-linear σ, at 60 digits otherwise. */
export function gradientPersistsRecheck(input: ClaimInput): HPOutcome {
  const c = input.case;
  const t = stepOf(input);
  const model = toModel(c);
  if (PIECEWISE_LINEAR.includes(c.activation)) {
    // exact: forward-mode differentiation over the dyadic rationals, off the kinks
    const J = exactJacobianHWR(c, t, EXACT_BITS_BUDGET);
    const ec = exactCase(c);
    const traj = exactTrajectory(ec, t - 1, EXACT_BITS_BUDGET);
    const s = dyadicSigma(ec.sigma, traj.h[t - 1] ?? ec.h0);
    const sNonZero = traj.stoppedAt === undefined && s.m.some((x) => x !== 0n);
    const zero = J?.data.every((x) => x === 0n) === true;
    return {
      violated: zero && sNonZero,
      digits: HP_DIGITS,
      claimed: [[sNonZero ? 'σ(h_{t−1}) ≠ 0' : 'σ(h_{t−1}) = 0']],
      actual: [[J === undefined ? 'undefined' : zero ? '0' : '≠ 0']],
      absError: '0',
      relError: zero ? '1' : '0',
      certificate: {
        kind: '∂h_t/∂W_R = 0 exactly with σ(h_{t−1}) ≠ 0',
        decidedBy:
          'exact forward-mode differentiation of Eq. (1) over the dyadic rationals (ḣ_r = E_ab σ(h_{r−1}) + W_R(σ′(h_{r−1})⊙ḣ_{r−1})), no h_r (1 ≤ r < t) at a kink',
        t,
        sigmaPrev: dyadicVecStrings(s),
        jacobianIsZero: zero,
      },
    };
  }
  // smooth σ: a 60-digit value below a tolerance is no proof that ∂h_t/∂W_R = 0 exactly, so
  // nothing is certified (the cell is open); the 60-digit sizes are reported
  const J = hpJacobianHWR(model, t);
  const s = hpForward(model, t).s[t - 1];
  const size = hpMaxAbs(J);
  const sMax = hpMaxAbs(s);
  return {
    violated: false,
    digits: HP_DIGITS,
    claimed: [[hpShow(sMax)]],
    actual: [[hpShow(size)]],
    absError: hpShow(sMax.minus(size)),
    relError: sMax.isZero() ? '0' : hpShow(sMax.minus(size).div(sMax)),
    certificate: {
      certified: false,
      reason:
        'σ is not piecewise linear: an exact zero of ∂h_t/∂W_R is not decided by a 60-digit value below a tolerance',
    },
  };
}

/**
 * Why remark42.gradient-persists is open for a smooth σ: the cancelling construction leaves a
 * residue, and an exact zero near it is not proved.
 */
export const GRADIENT_PERSISTS_SMOOTH_OPEN =
  'The cancelling construction gives ∂h_t/∂W_R = 0 exactly only for piecewise-linear σ (identity, relu, leaky_relu, hardtanh), where the zero is certified over the dyadic rationals. For this σ the float64 construction leaves a residue the 60-digit re-check sees; a true zero nearby exists by continuity, but proving it needs an existence argument (the intermediate value theorem on a one-parameter family, in interval arithmetic) that the suite does not implement.';

/**
 * Why remark42.gradient-persists-limit is open for an activation outside its certificate: the
 * dying-state argument needs σ(0) = 0, |σ(x)| ≤ |x| and 0 ≤ σ′ ≤ 1.
 */
export const GRADIENT_PERSISTS_LIMIT_OPEN =
  'The certificate (zero forcing, s_max(W_R) < 1 so ‖σ(h_{k−1})‖ ≤ s^{k−1}‖h_0‖ and ‖J_r‖ ≤ s, and σ(h_{t−1}) ≠ 0 for every t from det W_R ≠ 0 and σ(x) = 0 only at 0) needs σ(0) = 0, |σ(x)| ≤ |x| and 0 ≤ σ′ ≤ 1. This σ breaks one of them (relu: a unit can die exactly, so the premise is not certified; sigmoid, softplus: σ(0) ≠ 0, the state does not die out; silu, gelu: σ′ > 1 somewhere and < 0 elsewhere; scaled_tanh: |σ(x)| ≤ 2|x| and σ′ ≤ 2), and no other certificate is implemented, so whether ∂h_t/∂W_R → 0 there is not settled.';

/** Why remark42.early-terms-persist is open for a σ′ that changes sign (silu, gelu). */
export const EARLY_TERMS_SIGN_CHANGE_OPEN =
  'σ′ changes sign (inf σ′ < 0), so a state on a zero of σ′ could make J_{k+1} = W_R·diag σ′(h_k) vanish: the premise F(k, k+1) ≠ 0 is not certified from W_R ≠ 0 as for the σ with σ′ > 0, and no enclosure of J_{k+1} is implemented; F(k, t) → 0 itself is certified as for the other σ, so the cell is open.';
