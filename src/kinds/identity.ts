import type fc from 'fast-check';
import type { ArbitraryOptions, Claim, ClaimInput, ClaimSpec } from '../engine/contract/claim.js';
import { defineClaim } from '../engine/contract/claim.js';
import { checkIdentity, recheckIdentityHP } from '../engine/contract/compare.js';
import { type Model, toModel } from '../model/caseFile.js';
import type { HPMat } from '../numerics/exact/hpMat.js';
import { maxAbs } from '../numerics/kernels.js';
import type { Mat } from '../numerics/Mat.js';
import { adGradientEWR, adJacobianHWR } from '../oracles/autodiff.js';
import { csGradientEWR, csJacobianHWR } from '../oracles/complexStep.js';
import { hpGradientEWR, hpJacobianHWR } from '../oracles/highPrecision.js';

/** The declaration of a claim that a closed form equals ∂h_t/∂W_R or ∂E_t/∂W_R at step t. */
export interface IdentityClaimSpec
  extends Omit<ClaimSpec, 'kind' | 'check' | 'recheckHP' | 'arbitrary'> {
  /** Inputs; params.t is the step. */
  readonly arbitrary: (options: ArbitraryOptions) => fc.Arbitrary<ClaimInput>;
  /** The paper's side in float64. */
  readonly claimed: (model: Model, t: number) => Mat;
  /** The paper's side at high precision. */
  readonly claimedHP: (model: Model, t: number) => HPMat;
}

function stepOf(input: ClaimInput): number {
  const t = input.params.t;
  if (!Number.isInteger(t) || t < 1 || t > input.case.xs.length) {
    throw new RangeError(`params.t = ${t} is outside 1…T = ${input.case.xs.length}`);
  }
  return t;
}

/** The oracles of one quantity: float64 autodiff (also in absolute mode), complex step, 60 digits. */
interface QuantityOracles {
  readonly quantity: string;
  readonly autodiff: (m: Model, t: number, absolute?: boolean) => Mat;
  readonly complexStep: (m: Model, t: number) => Mat;
  readonly highPrecision: (m: Model, t: number) => HPMat;
}

function identityClaim(spec: IdentityClaimSpec, q: QuantityOracles): Claim {
  const { claimed, claimedHP, ...rest } = spec;
  return defineClaim({
    ...rest,
    kind: 'identity',
    check: (input) => {
      const model = toModel(input.case);
      const t = stepOf(input);
      return checkIdentity(
        q.quantity,
        claimed(model, t),
        [
          { oracle: 'reverse-mode autodiff', value: q.autodiff(model, t) },
          { oracle: 'complex step', value: q.complexStep(model, t) },
        ],
        { t },
        maxAbs(q.autodiff(model, t, true).data),
      );
    },
    recheckHP: (input) => {
      const model = toModel(input.case);
      const t = stepOf(input);
      return recheckIdentityHP(claimedHP(model, t), q.highPrecision(model, t));
    },
  });
}

/**
 * A claim that the paper's closed form equals ∂h_t/∂W_R (n×n², vec row-major), checked against
 * reverse-mode autodiff and complex step in float64 and forward-mode dual numbers at 60 digits.
 */
export function jacobianIdentityClaim(spec: IdentityClaimSpec): Claim {
  return identityClaim(spec, {
    quantity: '∂h_t/∂W_R',
    autodiff: adJacobianHWR,
    complexStep: csJacobianHWR,
    highPrecision: hpJacobianHWR,
  });
}

/** A claim that the paper's formula equals ∂E_t/∂W_R (n×n), with the same oracles as above. */
export function gradientIdentityClaim(spec: IdentityClaimSpec): Claim {
  return identityClaim(spec, {
    quantity: '∂E_t/∂W_R',
    autodiff: adGradientEWR,
    complexStep: csGradientEWR,
    highPrecision: hpGradientEWR,
  });
}
