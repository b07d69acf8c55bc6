import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TOLERANCES, withinTolerance } from '../engine/contract/tolerances.js';
import { toModel } from '../model/caseFile.js';
import { maxAbs } from '../numerics/kernels.js';
import {
  confidentClass,
  firstStepArbitrary,
  firstStepJacobian,
  identityPower,
  identityTwoSteps,
  kinkCase,
  kinkCaseJacobianT2,
  oneStepLossArbitrary,
  oneStepLossGradient,
  scalarCase,
  scalarTanhArbitrary,
  scalarTanhDerivatives,
  scalarTanhLossArbitrary,
  squareStateArbitrary,
  tanhPairCase,
} from '../testing/handDerived.js';
import { propertyRuns } from '../testing/propertyRuns.js';
import { CS_STEP, csGradientEWR, csGradientTotal, csJacobianHWR } from './complexStep.js';

// Every expected value below is derived by hand from Eq. (1)–(2); none comes from another
// oracle or from a closed form of the paper.

const EXACT = TOLERANCES.float64Exact;

/**
 * Asserts the complex-step value matches the hand-derived one under float64Exact; scale is the
 * a-priori magnitude Σ|terms| where the derivative is a sum of terms that may cancel.
 */
function expectCs(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  scale = 0,
): number {
  const cmp = withinTolerance(actual, expected, EXACT, scale);
  expect(cmp.ok, `${what}: relError ${cmp.relError.toExponential(2)} > ${EXACT.rtol}`).toBe(true);
  return cmp.relError;
}

// Complex step resolves derivatives down to 2.2e-308/CS_STEP ≈ 2e-208 (Im parts below the
// smallest normal float underflow; see CS_STEP). Entries under 1e-30 would let products of a few
// of them reach that, so they are flushed to 0.
const entry = fc
  .double({ min: -1.5, max: 1.5, noNaN: true, noDefaultInfinity: true })
  .map((x) => (Math.abs(x) < 1e-30 ? 0 : x));
// The scalar weight w is kept off 0: there dh_3/dw = 0 exactly while d³h_3/dw³ ≠ 0, and the
// complex step's O(CS_STEP²) truncation is all that is left (its own test below).
const weight = entry.filter((w) => w !== 0);

describe('csJacobianHWR', () => {
  test('t = 1: ∂h_1/∂W_R[a,b] = e_a σ(h_0)_b for every activation', () => {
    fc.assert(
      fc.property(firstStepArbitrary(entry), (c) => {
        const { model, expected } = firstStepJacobian(c);
        expectCs(csJacobianHWR(model, 1).data, expected, c.act);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('identity, W_I = 0, b_R = 0, T = 2: ∂(W_R² h_0)/∂W_R[a,b] = e_a (W_R h_0)_b + W_R[:,a] h_0[b]', () => {
    fc.assert(
      fc.property(squareStateArbitrary(entry, 5), (c) => {
        const { model, expected } = identityTwoSteps(c);
        expectCs(csJacobianHWR(model, 2).data, expected, 'identity T=2');
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('relu and leaky_relu with positive states: the same T = 2 formula with σ(h_1) = h_1', () => {
    // kinkCase with β = 0.25: h_1 = (0.25, 1) > 0.
    for (const act of ['relu', 'leaky_relu'] as const) {
      const model = toModel(kinkCase(act, 0.25));
      expectCs(csJacobianHWR(model, 2).data, kinkCaseJacobianT2(0.25), act);
    }
  });

  test('n = 1, tanh: dh_t/dw by hand for t = 1, 2, 3', () => {
    fc.assert(
      fc.property(scalarTanhArbitrary(weight, entry), (p) => {
        const { model, steps } = scalarTanhDerivatives(p);
        for (const { t, dh } of steps) {
          expectCs(csJacobianHWR(model, t).data, dh.expected, `t=${t}`, dh.scale);
        }
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('n = 1, identity, exploding: d(w^t h_0)/dw = t·w^(t−1)·h_0 up to w = 3, t = 200 (≈ 1e97)', () => {
    for (const [w, t] of [
      [1.5, 40],
      [3, 200],
    ]) {
      const { model, expected } = identityPower(w, t);
      expectCs(csJacobianHWR(model, t).data, expected, `w=${w}, t=${t}`);
    }
  });

  test('t = 0: the Jacobian of h_0 is zero; t outside 0…T is rejected', () => {
    const model = toModel(tanhPairCase(2));
    const J = csJacobianHWR(model, 0);
    expect([J.rows, J.cols]).toEqual([2, 4]);
    expect(maxAbs(J.data)).toBe(0);
    expect(() => csJacobianHWR(model, 3)).toThrow(RangeError);
    expect(() => csJacobianHWR(model, 0.5)).toThrow(RangeError);
    expect(() => csGradientEWR(model, 0)).toThrow(RangeError);
  });
});

describe('csGradientEWR and csGradientTotal', () => {
  test('E_1, m = 2: ∂E_1/∂W_R[a,b] = sigmoid(Δ)·(W_O[o,a] − W_O[y,a])·σ(h_0)_b', () => {
    fc.assert(
      fc.property(oneStepLossArbitrary(entry), (c) => {
        const { model, expected, scale } = oneStepLossGradient(c);
        expectCs(csGradientEWR(model, 1).data, expected, c.act, scale);
        expectCs(csGradientTotal(model).data, expected, `${c.act} total`, scale);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('n = 1, tanh, T = 3: dE_t/dw and d(E_1 + E_2 + E_3)/dw by hand', () => {
    fc.assert(
      fc.property(scalarTanhLossArbitrary(weight, entry), (p) => {
        const { model, steps, total } = scalarTanhDerivatives(p);
        // Rounding is relative to Σ|terms| (of each dE_t/dw, and of their sum).
        for (const { t, dE } of steps) {
          expectCs(csGradientEWR(model, t).data, dE.expected, `E_${t}`, dE.scale);
        }
        expectCs(csGradientTotal(model).data, total.expected, 'E', total.scale);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('confident class: dE_1/dw = −2·sigmoid(−2w) to full relative accuracy, down to 1e-261', () => {
    // E_1 rounds to 0 for w ≳ 19, yet its gradient is a normal float up to w ≈ 354.
    for (const w of [0.5, 20, 100, 300]) {
      const { model, expected } = confidentClass(w);
      expectCs(csGradientEWR(model, 1).data, expected, `w=${w}`);
      expectCs(csGradientTotal(model).data, expected, `total w=${w}`);
    }
  });

  test('where dh/dw = 0 but d³h/dw³ ≠ 0, what is left is at most the O(CS_STEP²) truncation', () => {
    // w = 0, c = 0, n = 1, tanh: f(w) = h_3 = w·tanh(w·tanh(w·τ)), τ = tanh(h_0), so f′(0) = 0.
    // The full complex product would leave Im f/h = −h²·τ + O(h⁴); the oracle drops the O(h²)
    // real term of W·s (to keep kinks on the float64 branch), which can only remove such terms.
    const h0 = 0.7;
    const model = toModel(scalarCase('tanh', 0, h0, [0, 0, 0], [1, -1], [0, 0], [0, 0, 0]));
    const inUnits = csJacobianHWR(model, 3).data[0] / (CS_STEP * CS_STEP);
    expect(Math.abs(inUnits)).toBeLessThanOrEqual(Math.tanh(h0));
    expect(csJacobianHWR(model, 2).data[0]).toBe(0); // f = w·tanh(w·τ): f‴(0) = 0, exactly 0.
  });

  test('a pre-activation exactly on a kink takes the branch of σ′(κ), as the float64 forward pass does', () => {
    // leaky_relu, unit 2 pinned at h = 0 for all t: ∂h_4[0]/∂W_R[1,0] goes through σ′(0) = 1/64.
    const model = toModel({
      activation: 'leaky_relu',
      W_R: [
        [0.5, -0.5],
        [0, 0],
      ],
      W_I: [[0], [0]],
      b_R: [0, 0],
      W_O: [
        [0, 0],
        [0, 0],
      ],
      b_O: [0, 0],
      h_0: [0.25, 0],
      xs: [[0], [0], [0], [0]],
      ys: [0, 0, 0, 0],
    });
    // h_r = (2^{−r−2}, 0). With g_r = ∂h_r/∂W_R[1,0], σ′ = 1 at h[0] > 0 and σ′(0) = 1/64:
    // g_r[1] = σ(h_{r−1}[0]), g_r[0] = ½·g_{r−1}[0] − ½·(1/64)·g_{r−1}[1], g_0 = 0. So
    // g_1 = (0, 1/4), g_2 = (−1/512, 1/8), g_3 = (−1/1024 − 1/1024, 1/16), g_4[0] = −1/1024 − 1/2048.
    const value = csJacobianHWR(model, 4).data[0 * 4 + 1 * 2 + 0];
    expect(value).toBe(-3 / 2048);
  });

  test('m = 1: E_t ≡ 0, so every gradient is exactly zero', () => {
    const model = toModel({
      ...tanhPairCase(3),
      W_O: [[1, -2]],
      b_O: [0.5],
      ys: [0, 0, 0],
    });
    expect(maxAbs(csGradientEWR(model, 3).data)).toBe(0);
    expect(maxAbs(csGradientTotal(model).data)).toBe(0);
  });
});
