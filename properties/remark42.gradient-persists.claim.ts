import fc from 'fast-check';
import type { CheckOutcome, ClaimInput, HPOutcome } from '../src/engine/contract/claim.js';
import { defineClaim } from '../src/engine/contract/claim.js';
import { TOLERANCES } from '../src/engine/contract/tolerances.js';
import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { cancellationInputs } from '../src/generators/vanishingInputArbitrary.js';
import { toModel } from '../src/model/caseFile.js';
import {
  dyadicSigma,
  exactCase,
  exactJacobianHWR,
  exactTrajectory,
  PIECEWISE_LINEAR,
} from '../src/model/exactTrajectory.js';
import { forward } from '../src/model/forward.js';
import { HP_DIGITS, toHP } from '../src/numerics/exact/decimal.js';
import { dyadicVecStrings } from '../src/numerics/exact/dyadic.js';
import { hpMaxAbs } from '../src/numerics/exact/hpMat.js';
import { maxAbs } from '../src/numerics/kernels.js';
import { adJacobianHWR } from '../src/oracles/autodiff.js';
import { hpForward, hpJacobianHWR } from '../src/oracles/highPrecision.js';
import { EXACT_BITS_BUDGET } from '../src/paper/s4-vanishing/thm2.js';

function stepOf(input: ClaimInput): number {
  const t = input.params.t;
  if (!Number.isInteger(t) || t < 1 || t > input.case.xs.length)
    throw new RangeError(`params.t = ${t} is outside 1…T = ${input.case.xs.length}`);
  return t;
}

/** A coordinate of some h_r (1 ≤ r < t) at a kink of σ: ∂h_t/∂W_R need not exist there. */
function atKink(h: Float64Array[], t: number, kinks: readonly number[]): boolean {
  for (let r = 1; r < t; r++) for (const x of h[r]) if (kinks.includes(x)) return true;
  return false;
}

function check(input: ClaimInput): CheckOutcome {
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
  const bound = tol.atol + tol.rtol * magnitude;
  if (size > bound) return { status: 'pass', closeness: magnitude > 0 ? 1 - size / magnitude : 0 };
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

function recheckHP(input: ClaimInput): HPOutcome {
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
  // smooth σ: 60-digit dual numbers; "zero" means below TOLERANCES.highPrecision of the summed terms
  const J = hpJacobianHWR(model, t);
  const s = hpForward(model, t).s[t - 1];
  const magnitude = toHP(maxAbs(adJacobianHWR(model, t, true).data));
  const tol = TOLERANCES.highPrecision;
  const size = hpMaxAbs(J);
  const zero = size.lte(magnitude.times(tol.rtol).plus(tol.atol));
  const sMax = hpMaxAbs(s);
  return {
    violated: zero && sMax.gt(0),
    digits: HP_DIGITS,
    claimed: [[sMax.toSignificantDigits(25).toString()]],
    actual: [[size.toSignificantDigits(25).toString()]],
    absError: sMax.minus(size).toSignificantDigits(25).toString(),
    relError: sMax.isZero() ? '0' : sMax.minus(size).div(sMax).toSignificantDigits(25).toString(),
  };
}

export default defineClaim({
  id: 'remark42.gradient-persists',
  section: '4.2, remark after the interpretation of Theorem 2',
  statement:
    'σ(h_{t−1}) ≠ 0 ⇒ ∂h_t/∂W_R ≠ 0 (the gradient "does not vanish": the term I⊗σ(h_{t−1})ᵀ is always present)',
  reading:
    '"Clearly it does not [vanish], as … the term σ(h_{t−1}) will always be present in the expression of ∂h_t/∂W_R": read at a finite t as ∂h_t/∂W_R ≠ 0 whenever σ(h_{t−1}) ≠ 0 (at t = 1 this is true: ∂h_1/∂W_R = I⊗σ(h_0)ᵀ). The t → ∞ reading is remark42.gradient-persists-limit. Cases with some h_r (1 ≤ r < t) at a kink of relu/leaky_relu are outside the statement (no derivative).',
  expected: 'refuted',
  rationale:
    'The other summands can cancel the k = t term exactly. At t = 2, ∂h_2/∂W_R = I⊗σ(h_1)ᵀ + J_2·(I⊗σ(h_0)ᵀ) = 0 when J_2 = −cI and σ(h_1) = c·σ(h_0): e.g. σ = identity, n = 1, W_R = −1, h_0 = 1, b_R = 2 gives h_1 = 1 and ∂h_2/∂w = h_1 + w·h_0 = 0 (h_2 = w²h_0 + (w + 1)·2 has derivative 2wh_0 + 2 = 0 at w = −1). The search draws such cancelling cases from random seeds (choose c and h_0, solve for W_R and b_R) next to the default cases; the zero is certified exactly by forward-mode differentiation over the dyadic rationals (identity, relu, leaky_relu). For the smooth σ the construction is only a float64 approximation and the 60-digit re-check sees a non-zero Jacobian. Evidence: found on seeds 1–10 within 1–23 runs.',
  kind: 'inequality',
  numRuns: 1000,
  arbitrary: (o) =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: claimInputArbitrary(o).map((x) => ({
          ...x,
          family: `default:${x.family.split('/')[0]}`,
        })),
      },
      { weight: 1, arbitrary: cancellationInputs(o) },
    ),
  check,
  recheckHP,
});
