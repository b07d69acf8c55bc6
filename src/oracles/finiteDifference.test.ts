import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TOLERANCES, withinTolerance } from '../engine/contract/tolerances.js';
import { toModel } from '../model/caseFile.js';
import { maxAbs } from '../numerics/kernels.js';
import {
  confidentClass,
  firstStepArbitrary,
  firstStepJacobian,
  homogeneousCase,
  identityPower,
  identityTwoSteps,
  kinkCase,
  kinkCaseJacobianT2,
  oneStepLossArbitrary,
  oneStepLossGradient,
  scalarTanhArbitrary,
  scalarTanhDerivatives,
  scalarTanhLossArbitrary,
  squareStateArbitrary,
  tanhPairCase,
} from '../testing/handDerived.js';
import { propertyRuns } from '../testing/propertyRuns.js';
import {
  type FdResult,
  fdGradientEWR,
  fdGradientTotal,
  fdJacobianHWR,
} from './finiteDifference.js';

// Every expected value below is derived by hand from Eq. (1)–(2); none comes from another
// oracle or from a closed form of the paper.

const FD = TOLERANCES.finiteDifference;

/**
 * Asserts the FD value matches the hand-derived one as callers use it: per entry,
 * |fd − exact| ≤ atol + rtol·scale + errorEstimate. Strict also requires the match without the
 * estimate and every estimate below rtol·scale (for cases where FD must be sharp).
 */
function expectFd(fd: FdResult, expected: ArrayLike<number>, what: string, strict = false): number {
  expect(fd.crossedKink, `${what}: crossedKink`).toBe(false);
  const cmp = withinTolerance(fd.value.data, expected, FD);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(fd.value.data[i] - expected[i]);
    const bound = cmp.bound + fd.errorEstimate.data[i];
    expect(err, `${what}: entry ${i}: |fd − exact| = ${err} > ${bound}`).toBeLessThanOrEqual(bound);
  }
  if (strict) {
    expect(cmp.ok, `${what}: relError ${cmp.relError.toExponential(2)} > ${FD.rtol}`).toBe(true);
    expect(maxAbs(fd.errorEstimate.data), `${what}: error estimate`).toBeLessThanOrEqual(
      FD.rtol * cmp.scale,
    );
  }
  return cmp.relError;
}

const entry = fc.double({ min: -1.5, max: 1.5, noNaN: true, noDefaultInfinity: true });

describe('fdJacobianHWR', () => {
  test('t = 1: ∂h_1/∂W_R[a,b] = e_a σ(h_0)_b for every activation', () => {
    fc.assert(
      fc.property(firstStepArbitrary(entry), (c) => {
        const { model, expected } = firstStepJacobian(c);
        expectFd(fdJacobianHWR(model, 1), expected, c.act);
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  test('identity, W_I = 0, b_R = 0, T = 2: ∂(W_R² h_0)/∂W_R[a,b] = e_a (W_R h_0)_b + W_R[:,a] h_0[b]', () => {
    fc.assert(
      fc.property(squareStateArbitrary(entry, 4), (c) => {
        const { model, expected } = identityTwoSteps(c);
        expectFd(fdJacobianHWR(model, 2), expected, 'identity T=2');
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  test('n = 1, tanh: dh_t/dw by hand for t = 1, 2, 3', () => {
    fc.assert(
      fc.property(scalarTanhArbitrary(entry, entry), (p) => {
        const { model, steps } = scalarTanhDerivatives(p);
        for (const { t, dh } of steps) expectFd(fdJacobianHWR(model, t), dh.expected, `t=${t}`);
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  test('n = 1, identity, exploding: d(w^t h_0)/dw = t·w^(t−1)·h_0 at w = 1.5, t = 40', () => {
    const { model, expected } = identityPower(1.5, 40);
    expectFd(fdJacobianHWR(model, 40), expected, 'w^40', true);
  });

  test('t = 0: the Jacobian of h_0 is zero', () => {
    const model = toModel(tanhPairCase(2));
    const fd = fdJacobianHWR(model, 0);
    expect(fd.value.rows).toBe(2);
    expect(fd.value.cols).toBe(4);
    expect(maxAbs(fd.value.data)).toBe(0);
  });

  test('rejects t outside 0…T', () => {
    const model = toModel(homogeneousCase('tanh', [[0.5]], [1], 2));
    expect(() => fdJacobianHWR(model, 3)).toThrow(RangeError);
    expect(() => fdJacobianHWR(model, -1)).toThrow(RangeError);
    expect(() => fdJacobianHWR(model, 1.5)).toThrow(RangeError);
    expect(() => fdGradientEWR(model, 0)).toThrow(RangeError);
  });
});

describe('fdGradientEWR and fdGradientTotal', () => {
  test('E_1, m = 2: ∂E_1/∂W_R[a,b] = sigmoid(Δ)·(W_O[o,a] − W_O[y,a])·σ(h_0)_b', () => {
    fc.assert(
      fc.property(oneStepLossArbitrary(entry), (c) => {
        const { model, expected } = oneStepLossGradient(c);
        expectFd(fdGradientEWR(model, 1), expected, c.act);
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  test('n = 1, tanh, T = 3: dE_t/dw and d(E_1 + E_2 + E_3)/dw by hand', () => {
    fc.assert(
      fc.property(scalarTanhLossArbitrary(entry, entry), (p) => {
        const { model, steps, total } = scalarTanhDerivatives(p);
        for (const { t, dE } of steps) expectFd(fdGradientEWR(model, t), dE.expected, `E_${t}`);
        expectFd(fdGradientTotal(model), total.expected, 'E');
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  test('confident class: E_1 = softplus(−2w), dE_1/dw = −2·sigmoid(−2w), even where E_1 rounds to 0', () => {
    for (const w of [20, 300]) {
      const { model, expected } = confidentClass(w);
      expectFd(fdGradientEWR(model, 1), expected, `w=${w}`, true);
      expectFd(fdGradientTotal(model), expected, `total w=${w}`, true);
    }
  });
});

describe('fixed cases are sharp (error and estimate below the tolerance)', () => {
  test('identity T = 2, n = 3; tanh n = 1, T = 3; E_1 with m = 2', () => {
    const W = [
      [0.6, -0.2, 0.1],
      [0.3, 0.5, -0.4],
      [-0.7, 0.2, 0.9],
    ];
    const lin = identityTwoSteps({ W, h0: [0.5, -1, 0.25] });
    expectFd(fdJacobianHWR(lin.model, 2), lin.expected, 'identity', true);

    const { model, steps, total } = scalarTanhDerivatives({
      w: 1.1,
      h0: -0.6,
      c: [0.3, -0.8, 0.5],
      wo: [0.9, -0.4],
      bo: [0.1, -0.2],
      ys: [1, 0, 1],
    });
    for (const { t, dh, dE } of steps) {
      expectFd(fdJacobianHWR(model, t), dh.expected, `h_${t}`, true);
      expectFd(fdGradientEWR(model, t), dE.expected, `E_${t}`, true);
    }
    expectFd(fdGradientTotal(model), total.expected, 'E', true);
  });
});

describe('crossedKink', () => {
  // kinkCase: h_1 = (β, 1) exactly, and perturbing W_R[0,·] by δ moves h_1[0] to β + δ.
  test.each(['relu', 'leaky_relu'] as const)(
    '%s: h_1 exactly at the kink, or within any step of it',
    (act) => {
      for (const beta of [0, 1e-9, -1e-9]) {
        const model = toModel(kinkCase(act, beta));
        expect(fdJacobianHWR(model, 2).crossedKink, `β=${beta}`).toBe(true);
        expect(fdGradientEWR(model, 2).crossedKink, `β=${beta}`).toBe(true);
        expect(fdGradientTotal(model).crossedKink, `β=${beta}`).toBe(true);
      }
    },
  );

  test.each(['relu', 'leaky_relu'] as const)(
    '%s: a kink at h_t itself is never crossed (σ(h_t) is not used)',
    (act) => {
      const model = toModel(kinkCase(act, 0));
      expect(fdJacobianHWR(model, 1).crossedKink).toBe(false);
      expect(fdGradientEWR(model, 1).crossedKink).toBe(false);
    },
  );

  test.each(['relu', 'leaky_relu'] as const)(
    '%s: away from the kink the value is the hand-derived derivative',
    (act) => {
      // β = 0.25: no step crosses. β = 5e-5: the first steps (1e-3, 1e-4) cross, a smaller one does not.
      for (const beta of [0.25, 5e-5]) {
        const model = toModel(kinkCase(act, beta));
        const J = fdJacobianHWR(model, 2);
        expectFd(J, kinkCaseJacobianT2(beta), `β=${beta}`, true);
        expect(fdGradientEWR(model, 2).crossedKink).toBe(false);
        expect(fdGradientTotal(model).crossedKink).toBe(false);
      }
    },
  );

  test('activations without kinks never report a crossing', () => {
    for (const act of ['identity', 'tanh', 'sigmoid', 'softplus'] as const) {
      expect(fdJacobianHWR(toModel(kinkCase(act, 0)), 2).crossedKink).toBe(false);
    }
  });
});

describe('error estimate', () => {
  test('is below the finiteDifference tolerance on a smooth case, and covers the actual error', () => {
    const { model, steps } = scalarTanhDerivatives({
      w: 0.9,
      h0: 0.3,
      c: [0.2, -0.4, 0.7],
      wo: [0.8, -0.6],
      bo: [0.1, 0],
      ys: [0, 1, 0],
    });
    const dh3 = steps[2].dh.expected[0];
    const fd = fdJacobianHWR(model, 3);
    const err = Math.abs(fd.value.data[0] - dh3);
    const scale = Math.abs(dh3);
    expect(fd.errorEstimate.rows).toBe(1);
    expect(fd.errorEstimate.cols).toBe(1);
    expect(fd.errorEstimate.data[0]).toBeLessThanOrEqual(FD.rtol * scale);
    expect(err).toBeLessThanOrEqual(FD.rtol * scale);
  });

  test('is below the finiteDifference tolerance on every entry of a smooth n = 4, T = 10 tanh case', () => {
    const n = 4;
    const T = 10;
    // Deterministic, well-conditioned weights: ‖W_R‖ < 1, inputs of order 1.
    const W = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => 0.3 * Math.sin(1 + i * n + j)),
    );
    const model = toModel({
      activation: 'tanh',
      W_R: W,
      W_I: Array.from({ length: n }, (_, i) => [Math.cos(i), Math.sin(2 * i)]),
      b_R: Array.from({ length: n }, (_, i) => 0.1 * i),
      W_O: [0, 1, 2].map((j) => Array.from({ length: n }, (_, i) => Math.cos(i + 3 * j))),
      b_O: [0, 0.1, -0.1],
      h_0: Array.from({ length: n }, (_, i) => 0.5 - 0.25 * i),
      xs: Array.from({ length: T }, (_, t) => [Math.sin(t), Math.cos(3 * t)]),
      ys: Array.from({ length: T }, (_, t) => t % 3),
    });
    for (const fd of [fdJacobianHWR(model, T), fdGradientEWR(model, T), fdGradientTotal(model)]) {
      expect(fd.crossedKink).toBe(false);
      expect(maxAbs(fd.errorEstimate.data)).toBeLessThanOrEqual(FD.rtol * maxAbs(fd.value.data));
    }
  });
});
