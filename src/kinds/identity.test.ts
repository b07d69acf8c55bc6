import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { claimInputArbitrary } from '../generators/claimInputArbitrary.js';
import { type Case, toModel } from '../model/caseFile.js';
import { hpFromMat } from '../numerics/exact/hpMat.js';
import { adJacobianHWR } from '../oracles/autodiff.js';
import { AT_A_KINK, jacobianIdentityClaim, kinkOnPath } from './identity.js';

/** n = 1, relu, h_1 = W_R·σ(h_0) + b_R = 1·1 + b: on the kink at 0 when b = −1. */
function kinkCase(b: number): Case {
  return {
    activation: 'relu',
    W_R: [[1]],
    W_I: [[0]],
    b_R: [b],
    W_O: [[1]],
    b_O: [0],
    h_0: [1],
    xs: [[0], [0]],
    ys: [0, 0],
  };
}

// The true ∂h_t/∂W_R, written as autodiff: a claim that can only fail where the derivative does not exist.
const truth = jacobianIdentityClaim({
  id: 'test.truth',
  section: 'test',
  statement: 'autodiff = ∂h_t/∂W_R',
  reading: 'test',
  expected: 'holds',
  rationale: 'test',
  arbitrary: claimInputArbitrary,
  claimed: (m, t) => adJacobianHWR(m, t),
  claimedHP: (m, t) => hpFromMat(adJacobianHWR(m, t)),
});

describe('a run whose trajectory sits on a kink of σ is not judged', () => {
  test('h_1 = 0 on relu’s kink with ∂h_1/∂W_R = σ(h_0) = 1: ∂h_2/∂W_R does not exist (one-sided 0 and 1)', () => {
    const m = toModel(kinkCase(-1));
    expect(kinkOnPath(m, 2)).toEqual({ k: 1, i: 0 });
    expect(truth.check({ case: kinkCase(-1), params: { t: 2 } })).toEqual({
      status: 'skip',
      reason: AT_A_KINK,
      numerical: true,
    });
  });

  test('h_1 on the kink matters only for t ≥ 2; off the kink the run is judged and passes', () => {
    expect(kinkOnPath(toModel(kinkCase(-1)), 1)).toBeUndefined();
    expect(kinkOnPath(toModel(kinkCase(-0.5)), 2)).toBeUndefined();
    expect(truth.check({ case: kinkCase(-0.5), params: { t: 2 } }).status).toBe('pass');
  });

  test('a unit on the kink that does not move with W_R (h_0 = 0 everywhere) is differentiable', () => {
    const c = { ...kinkCase(0), h_0: [0] };
    // h_1 = W_R·0 + 0 = 0 for every W_R: its derivative is 0, so σ′'s side does not matter
    expect(kinkOnPath(toModel(c), 2)).toBeUndefined();
  });

  test('smooth activations have no kinks: never skipped for this reason', () => {
    fc.assert(
      fc.property(
        claimInputArbitrary({ activations: ['tanh', 'sigmoid', 'softplus'] }),
        (input) => {
          const m = toModel(input.case);
          expect(kinkOnPath(m, m.T)).toBeUndefined();
        },
      ),
      { numRuns: 50, seed: 1 },
    );
  });
});
