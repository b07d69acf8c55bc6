import type fc from 'fast-check';
import type {
  ArbitraryOptions,
  CheckOutcome,
  Claim,
  ClaimInput,
  ClaimSpec,
  HPOutcome,
} from '../engine/contract/claim.js';
import { DEFAULT_RUNS, defineClaim, stepOf } from '../engine/contract/claim.js';
import { checkIdentity, recheckIdentityHP } from '../engine/contract/compare.js';
import { STEP_PARAMS } from '../engine/contract/params.js';
import { TOLERANCES, toleranceBound } from '../engine/contract/tolerances.js';
import { type Case, type Model, toModel } from '../model/caseFile.js';
import { states } from '../model/forward.js';
import { HP_DIGITS } from '../numerics/exact/decimal.js';
import { type HPMat, hpFromMat, hpMaxAbs, hpMaxAbsDiff } from '../numerics/exact/hpMat.js';
import { maxAbs } from '../numerics/kernels.js';
import type { Mat } from '../numerics/Mat.js';
import { adGradientEWR, adJacobianHWR } from '../oracles/autodiff.js';
import { csGradientEWR, csJacobianHWR } from '../oracles/complexStep.js';
import { hpGradientEWR, hpJacobianHWR } from '../oracles/highPrecision.js';

/** The declaration of a claim that a closed form equals ∂h_t/∂W_R or ∂E_t/∂W_R at step t. */
export interface IdentityClaimSpec
  extends Omit<ClaimSpec, 'kind' | 'check' | 'recheckHP' | 'arbitrary' | 'params'> {
  /** Inputs; params.t is the step. */
  readonly arbitrary: (options: ArbitraryOptions) => fc.Arbitrary<ClaimInput>;
  /** The paper's side in float64. */
  readonly claimed: (model: Model, t: number) => Mat;
  /** The paper's side at high precision. */
  readonly claimedHP: (model: Model, t: number) => HPMat;
}

/**
 * The declaration of a claim that a formula which exists only in float64 (a user's module) equals
 * the quantity: it has no 60-digit version, so its float64 value is judged against the 60-digit truth.
 */
export interface Float64IdentitySpec extends Omit<IdentityClaimSpec, 'claimed' | 'claimedHP'> {
  /** The formula's value on the input's case at step t. */
  readonly claimed: (c: Case, t: number) => Mat;
}

/** Which derivative an identity claim is about. */
export type IdentityQuantity = 'jacobian' | 'gradient';

/** The oracles of one quantity: float64 autodiff (also in absolute mode), complex step, 60 digits. */
interface QuantityOracles {
  readonly quantity: string;
  readonly autodiff: (m: Model, t: number, absolute?: boolean) => Mat;
  readonly complexStep: (m: Model, t: number) => Mat;
  readonly highPrecision: (m: Model, t: number) => HPMat;
}

const ORACLES: Record<IdentityQuantity, QuantityOracles> = {
  /** ∂h_t/∂W_R (n×n², vec row-major). */
  jacobian: {
    quantity: '∂h_t/∂W_R',
    autodiff: adJacobianHWR,
    complexStep: csJacobianHWR,
    highPrecision: hpJacobianHWR,
  },
  /** ∂E_t/∂W_R (n×n). */
  gradient: {
    quantity: '∂E_t/∂W_R',
    autodiff: adGradientEWR,
    complexStep: csGradientEWR,
    highPrecision: hpGradientEWR,
  },
};

/** The reason a run at a kink is not judged (one text, so that the ledger row counts them together). */
export const AT_A_KINK =
  "not differentiable: a unit sits on σ's kink while it moves with W_R, so ∂/∂W_R does not exist";

/**
 * The first state h_k[i] (1 ≤ k < t) that sits exactly on a kink of σ while ∂h_k[i]/∂W_R ≠ 0, if
 * any. There σ(h_k[i]) has different one-sided derivatives along W_R, so h_t and E_t (which read
 * σ(h_k)) need not be differentiable in W_R: every oracle then applies the same σ′ convention and
 * agrees with a formula by construction, which judges nothing. h_0 does not move with W_R.
 */
export function kinkOnPath(model: Model, t: number): { k: number; i: number } | undefined {
  const kinks = model.sigma.kinks;
  if (kinks.length === 0 || t < 2) return undefined;
  const { h } = states(model, t - 1);
  const n = model.n;
  for (let k = 1; k < t; k++) {
    for (let i = 0; i < n; i++) {
      if (!kinks.includes(h[k][i])) continue;
      const J = adJacobianHWR(model, k).data;
      for (let c = 0; c < n * n; c++) if (J[i * n * n + c] !== 0) return { k, i };
    }
  }
  return undefined;
}

/** The magnitude of the terms the quantity sums (the absolute-value autodiff sweep). */
function magnitudeOf(q: QuantityOracles, model: Model, t: number): number {
  return maxAbs(q.autodiff(model, t, true).data);
}

/**
 * The float64 check and the high-precision re-check of claimed = quantity; `claimed` and
 * `recheck` receive the input's model, step and input.
 */
function identityCheck(
  q: QuantityOracles,
  claimed: (model: Model, t: number, input: ClaimInput) => Mat,
  recheck: (model: Model, t: number, input: ClaimInput) => HPOutcome,
): Pick<ClaimSpec, 'kind' | 'check' | 'recheckHP' | 'params'> {
  return {
    kind: 'identity',
    // every check reads the step t only, through stepOf
    params: STEP_PARAMS,
    check: (input): CheckOutcome => {
      const model = toModel(input.case);
      const t = stepOf(input);
      if (kinkOnPath(model, t) !== undefined)
        return { status: 'skip', reason: AT_A_KINK, numerical: true };
      return checkIdentity(
        q.quantity,
        claimed(model, t, input),
        [
          { oracle: 'reverse-mode autodiff', value: q.autodiff(model, t) },
          { oracle: 'complex step', value: q.complexStep(model, t) },
        ],
        { t },
        magnitudeOf(q, model, t),
      );
    },
    recheckHP: (input) => recheck(toModel(input.case), stepOf(input), input),
  };
}

/** A paper identity: both sides at 60 digits, violated above TOLERANCES.highPrecision. */
function oracleIdentityClaim(spec: IdentityClaimSpec, q: QuantityOracles): Claim {
  const { claimed, claimedHP, ...rest } = spec;
  return defineClaim({
    ...rest,
    ...identityCheck(q, claimed, (model, t) =>
      recheckIdentityHP(claimedHP(model, t), q.highPrecision(model, t)),
    ),
  });
}

/**
 * A claim that the paper's closed form equals ∂h_t/∂W_R (n×n², vec row-major), checked against
 * reverse-mode autodiff and complex step in float64 and forward-mode dual numbers at 60 digits.
 */
export function jacobianIdentityClaim(spec: IdentityClaimSpec): Claim {
  return oracleIdentityClaim(spec, ORACLES.jacobian);
}

/** A claim that the paper's formula equals ∂E_t/∂W_R (n×n), with the same oracles as above. */
export function gradientIdentityClaim(spec: IdentityClaimSpec): Claim {
  return oracleIdentityClaim(spec, ORACLES.gradient);
}

/**
 * A claim that a float64-only formula equals ∂h_t/∂W_R ('jacobian') or ∂E_t/∂W_R ('gradient'),
 * with the float64 check of the paper's identities. The formula runs in float64 only, so it is
 * violated at high precision when its value is further from the 60-digit truth than float64Exact
 * of the larger of the summed terms' magnitude, |truth| and |formula| allows, i.e. further than
 * float64 rounding can explain. The claim names a user's module, not a ledger entry: it is built
 * without defineClaim, so its id is free-form (a module's file name).
 */
export function float64IdentityClaim(quantity: IdentityQuantity, spec: Float64IdentitySpec): Claim {
  const q = ORACLES[quantity];
  const { claimed, ...rest } = spec;
  return {
    ...rest,
    numRuns: spec.numRuns ?? DEFAULT_RUNS,
    // one cell over the whole activation family (or the one `--activation` picks)
    cellList: [{ activation: null, expected: spec.expected, why: spec.rationale, declared: false }],
    ...identityCheck(
      q,
      (_model, t, input) => claimed(input.case, t),
      (model, t, input) => {
        const value = hpFromMat(claimed(input.case, t));
        const truth = q.highPrecision(model, t);
        const shown = recheckIdentityHP(value, truth);
        const scale = Math.max(
          magnitudeOf(q, model, t),
          hpMaxAbs(truth).toNumber(),
          hpMaxAbs(value).toNumber(),
        );
        const bound = toleranceBound(TOLERANCES.float64Exact, scale);
        return { ...shown, digits: HP_DIGITS, violated: hpMaxAbsDiff(value, truth).gt(bound) };
      },
    ),
  };
}

/** An identity claim (claimed side = true side) whose float64 check and 60-digit re-check are given as functions. */
export function identityClaim(spec: Omit<ClaimSpec, 'kind'>): Claim {
  return defineClaim({ ...spec, kind: 'identity' });
}
