import fc from 'fast-check';
import type { CheckOutcome, ClaimInput, HPOutcome } from '../src/engine/contract/claim.js';
import { defineClaim } from '../src/engine/contract/claim.js';
import { TOLERANCES } from '../src/engine/contract/tolerances.js';
import {
  contractedLimitInputs,
  defaultLimitInputs,
  type VanishingInput,
} from '../src/generators/vanishingInputArbitrary.js';
import { type Case, toModel } from '../src/model/caseFile.js';
import {
  dyadicSigma,
  exactCase,
  exactJacobian,
  exactTrajectory,
  PIECEWISE_LINEAR,
} from '../src/model/exactTrajectory.js';
import { HP_DIGITS } from '../src/numerics/exact/decimal.js';
import { hpMaxAbs } from '../src/numerics/exact/hpMat.js';
import { hpForward } from '../src/oracles/highPrecision.js';
import {
  extendedChain,
  LIMIT_HORIZON,
  productNorms,
  sigmaNorm,
} from '../src/paper/s4-vanishing/chain.js';
import { certifyFVanishes, EXACT_BITS_BUDGET } from '../src/paper/s4-vanishing/thm2.js';

function kOf(input: ClaimInput): number {
  const k = input.params.k;
  if (!Number.isInteger(k) || k < 1 || k > 3)
    throw new RangeError(`params.k = ${k} is not 1, 2 or 3`);
  return k;
}

/**
 * F(k, k+1) = J_{k+1}⊗σ(h_{k−1})ᵀ ≠ 0, the summand being present: exactly for piecewise-linear σ;
 * for the smooth σ (σ′ > 0 everywhere) J_{k+1} ≠ 0 iff W_R ≠ 0, and σ(h_{k−1}) ≠ 0 at 60 digits.
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
  const s = hpForward(toModel(c), k).s[k - 1];
  return c.W_R.some((r) => r.some((x) => x !== 0)) && hpMaxAbs(s).gt(0);
}

function check(input: ClaimInput): CheckOutcome {
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
  const bound = tol.atol + tol.rtol * v;
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

function recheckHP(input: ClaimInput): HPOutcome {
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

/** k ∈ {1, 2, 3} in place of k0, shrinking toward 1. */
function withK(arb: fc.Arbitrary<VanishingInput>): fc.Arbitrary<VanishingInput> {
  return arb.map((x) => ({ ...x, params: { k: ((x.params.k0 - 1) % 3) + 1 } }));
}

export default defineClaim({
  id: 'remark42.early-terms-persist',
  section: '4.2, remark after the interpretation of Theorem 2',
  statement:
    'F(k, k+1) ≠ 0 ⇒ F(k, t) ↛ 0 as t → ∞ for k = 1, 2, 3 (the first few summands of ∂h_t/∂W_R stay present)',
  reading:
    '"… and so will the first few summands in ∂h_t/∂W_R, i.e. when k = 1, 2, 3 etc." read as: each of F(1, t), F(2, t), F(3, t) (the summands of Theorem 1, F(k, t) = (J_t⋯J_{k+1})⊗σ(h_{k−1})ᵀ) does not tend to 0 as t → ∞, provided it is present at all (F(k, k+1) ≠ 0). Inputs repeated with period T beyond T.',
  expected: 'refuted',
  rationale:
    "The remark contradicts the theorem it comments on: under Theorem 2's own hypothesis (in the form that is true, s_max(W_R)·γ < 1) ‖F(k, t)‖₂ ≤ (s_max γ)^{t−k}‖σ(h_{k−1})‖₂ → 0 for every fixed k, in particular k = 1, 2, 3, whatever the inputs; for σ = identity ρ(W_R) < 1 suffices (F(k, t) = W_R^{t−k}⊗σ(h_{k−1})ᵀ). E.g. σ = identity, W_R = [[1/2]]: F(1, t) = 2^{1−t}h_0 → 0. Certificate: the exact decision of s_max(W_R)·γ < 1 (or ρ(W_R) < 1 with σ = identity), valid for all t and all inputs. Evidence: found on seeds 1–10 within 1–5 runs.",
  kind: 'limit',
  numRuns: 500,
  arbitrary: (o) =>
    fc.oneof(
      { weight: 1, arbitrary: withK(defaultLimitInputs(o)) },
      { weight: 1, arbitrary: withK(contractedLimitInputs(o, 'sMax')) },
    ),
  check,
  recheckHP,
  series: (input) => {
    const k = kOf(input);
    const chain = extendedChain(input.case, LIMIT_HORIZON);
    const v = sigmaNorm(chain, k - 1);
    // index t − k for t = k … H
    const norms = productNorms(chain, k, LIMIT_HORIZON).norm2.map((x) => x * v);
    const out: Record<string, number[]> = {};
    if (norms.every(Number.isFinite)) out.normF2 = norms;
    return out;
  },
});
