import fc from 'fast-check';
import type { CheckOutcome, ClaimInput, HPOutcome } from '../src/engine/contract/claim.js';
import { defineClaim } from '../src/engine/contract/claim.js';
import { TOLERANCES } from '../src/engine/contract/tolerances.js';
import { defaultLimitInputs, unforcedInputs } from '../src/generators/vanishingInputArbitrary.js';
import { type Case, toModel } from '../src/model/caseFile.js';
import { periodicModel } from '../src/model/periodic.js';
import { HP_DIGITS } from '../src/numerics/exact/decimal.js';
import { allFinite, frobenius } from '../src/numerics/kernels.js';
import { adJacobianHWR } from '../src/oracles/autodiff.js';
import { extendedChain, LIMIT_HORIZON } from '../src/paper/s4-vanishing/chain.js';
import {
  certifyJacobianVanishes,
  certifyTermAlwaysPresent,
} from '../src/paper/s4-vanishing/thm2.js';

/** ‖∂h_t/∂W_R‖_F for t = 1 … H by reverse-mode autodiff on the periodically extended case. */
function jacobianNorms(c: Case, ts: readonly number[]): number[] {
  const H = Math.max(...ts);
  const model = periodicModel(toModel(c), Math.max(H, c.xs.length));
  return ts.map((t) => frobenius(adJacobianHWR(model, t).data));
}

function check(input: ClaimInput): CheckOutcome {
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
  const bound = tol.atol + tol.rtol * first;
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

function recheckHP(input: ClaimInput): HPOutcome {
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

export default defineClaim({
  id: 'remark42.gradient-persists-limit',
  section: '4.2, remark after the interpretation of Theorem 2 (t → ∞)',
  statement: 'σ(h_{t−1}) ≠ 0 for every t ⇒ ∂h_t/∂W_R ↛ 0 as t → ∞ (the gradient does not vanish)',
  reading:
    '"The gradient vanishing doesn\'t mean that the gradient … vanish[es]: clearly it does not" read as a limit: for a network in which the term I⊗σ(h_{t−1})ᵀ the remark points to is present at every t, ∂h_t/∂W_R does not tend to 0 as t → ∞ (inputs repeated with period T beyond T). The premise is checked in float64 up to the horizon (else skip) and certified exactly for a refutation. The finite-t reading is remark42.gradient-persists.',
  expected: 'refuted',
  rationale:
    'When the state itself dies out, so does every term: for an unforced network (W_I x_t + b_R = 0) with σ ∈ {identity, tanh, relu, leaky_relu} (σ(0) = 0, |σ(x)| ≤ |x|, 0 ≤ σ′ ≤ 1) and s_max(W_R) < 1, ‖σ(h_{k−1})‖ ≤ s^{k−1}‖h_0‖ and ‖J_r‖ ≤ s, so ‖∂h_t/∂W_R‖₂ ≤ t·s^{t−1}‖h_0‖ → 0 (for σ = identity, ρ(W_R) < 1 suffices). E.g. σ = identity, W_R = [[1/2]], x_t = 0: ∂h_t/∂w = t·2^{1−t}h_0. The "always present" term σ(h_{t−1}) is present at every t but tends to 0. Certificate: zero forcing checked exactly, s_max(W_R) < 1 (or ρ(W_R) < 1) decided exactly, and the premise σ(h_{t−1}) ≠ 0 ∀t certified (σ = identity: W_Rⁿh_0 ≠ 0; σ ∈ {identity, tanh, leaky_relu}: det W_R ≠ 0 and h_0 ≠ 0). relu cases are never certified (a unit can die exactly), nor sigmoid/softplus (σ(0) ≠ 0, the state does not die out). Evidence: found on seeds 1–10 within 1–42 runs.',
  kind: 'limit',
  numRuns: 500,
  arbitrary: (o) =>
    fc.oneof(
      { weight: 2, arbitrary: defaultLimitInputs(o).map((x) => ({ ...x, params: {} })) },
      { weight: 1, arbitrary: unforcedInputs(o) },
    ),
  check,
  recheckHP,
  series: (input) => {
    const ts = Array.from({ length: LIMIT_HORIZON }, (_, i) => i + 1);
    const norms = jacobianNorms(input.case, ts);
    // index t − 1 for t = 1 … H
    const out: Record<string, number[]> = {};
    if (allFinite(norms)) out.normJacobianF = norms;
    return out;
  },
});
