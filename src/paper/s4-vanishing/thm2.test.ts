import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  cycleInputArbitrary,
  fixedPointInputArbitrary,
} from '../../generators/fixedPointCaseArbitrary.js';
import type { ActivationName } from '../../model/activation.js';
import type { Case } from '../../model/caseFile.js';
import { eigenvalues } from '../../numerics/eigenvalues.js';
import { fromRows } from '../../numerics/Mat.js';
import { NILPOTENT_RELU_FIXED_POINT } from '../../testing/exactFixtures.js';
import {
  cycleSpectralRadius,
  extendedChain,
  LIMIT_HORIZON,
  productNorms,
  sigmaNorm,
} from './chain.js';
import {
  certifyFVanishes,
  certifyJacobianVanishes,
  certifyNonVanishing,
  certifyTermAlwaysPresent,
  signedEigenvalueHypothesis,
  singularValueHypothesis,
  spectralRadiusHypothesis,
} from './thm2.js';

function scalarCase(activation: ActivationName, w: number, h0: number, b = 0, x = 0): Case {
  return {
    activation,
    W_R: [[w]],
    W_I: [[1]],
    b_R: [b],
    W_O: [[1]],
    b_O: [0],
    h_0: [h0],
    xs: [[x]],
    ys: [0],
  };
}

describe('certifyNonVanishing', () => {
  test('the nilpotent relu fixed point: J = [[1, 0], [−1, 0]] is idempotent', () => {
    for (const k0 of [1, 2, 5]) {
      const r = certifyNonVanishing(NILPOTENT_RELU_FIXED_POINT, k0);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.period).toBe(1);
        expect(r.certificate.M).toEqual([
          ['1', '0'],
          ['-1', '0'],
        ]);
        expect(r.certificate.annihilator).toEqual(['0', '-1', '1']);
      }
    }
    expect(spectralRadiusHypothesis(NILPOTENT_RELU_FIXED_POINT).holds).toBe(true);
  });

  test('σ = identity: certified iff ρ(W_R) ≥ 1 (and σ(h_{k0−1}) ≠ 0)', () => {
    expect(certifyNonVanishing(scalarCase('identity', -1.5, 1), 1).ok).toBe(true);
    expect(certifyNonVanishing(scalarCase('identity', 1, 1), 3).ok).toBe(true);
    expect(certifyNonVanishing(scalarCase('identity', 0.5, 1), 1).ok).toBe(false);
    expect(certifyNonVanishing(scalarCase('identity', 2, 0), 1).ok).toBe(false);
  });

  test('a stable relu fixed point, a kink, a smooth σ: no certificate', () => {
    // h* = 2: h* = ½·relu(h*) + 1
    expect(certifyNonVanishing(scalarCase('relu', 0.5, 2, 1), 1).ok).toBe(false);
    // h_0 = 0 is the kink of relu
    expect(certifyNonVanishing(scalarCase('relu', 2, 0, 0), 1).ok).toBe(false);
    expect(certifyNonVanishing(scalarCase('tanh', -2, 1), 1).ok).toBe(false);
  });

  test('soundness: every certified constructed case keeps ‖F(k0, t)‖ away from 0 and has ρ(cycle) ≥ 1', () => {
    const arb = fc.oneof(
      fixedPointInputArbitrary({ activations: ['relu', 'leaky_relu', 'identity'] }),
      cycleInputArbitrary({ activations: ['relu', 'leaky_relu', 'identity'] }),
    );
    let certified = 0;
    fc.assert(
      fc.property(arb, ({ case: c, params }) => {
        const r = certifyNonVanishing(c, params.k0);
        if (!r.ok) return;
        certified++;
        const chain = extendedChain(c, LIMIT_HORIZON);
        const norms = productNorms(chain, params.k0, LIMIT_HORIZON).norm2;
        const v = sigmaNorm(chain, params.k0 - 1);
        const tail = norms.slice(-2 * r.period).map((x) => x * v);
        expect(Math.max(...tail)).toBeGreaterThan(1e-12 * v);
        expect(
          cycleSpectralRadius(chain, r.cycleStart, r.period) ** (1 / r.period),
        ).toBeGreaterThan(1 - 1e-9);
      }),
      { numRuns: 150 },
    );
    expect(certified).toBeGreaterThan(10);
  });
});

describe('hypotheses', () => {
  test('λ1 with its sign: −2 holds, 2 fails, a rotation is a complex pair', () => {
    const sgn = (w: number[][]) => {
      const e = eigenvalues(fromRows(w));
      return signedEigenvalueHypothesis(
        { ...NILPOTENT_RELU_FIXED_POINT, activation: 'identity', W_R: w },
        e.re,
        e.im,
        1e-6,
      ).status;
    };
    expect(
      sgn([
        [-2, 0],
        [0, 1],
      ]),
    ).toBe('holds');
    expect(
      sgn([
        [2, 0],
        [0, 1],
      ]),
    ).toBe('fails');
    expect(
      sgn([
        [0, -1],
        [1, 0],
      ]),
    ).toBe('complex');
    expect(
      sgn([
        [1, 1],
        [-1, -1],
      ]),
    ).toBe('holds');
  });

  test('sigmoid has γ = 1/4: ρ = 3 is below 1/γ, s_max = 5 is not', () => {
    const c = scalarCase('sigmoid', 3, 0);
    expect(spectralRadiusHypothesis(c).holds).toBe(true);
    expect(singularValueHypothesis({ ...c, W_R: [[5]] }).holds).toBe(false);
  });
});

describe('vanishing certificates', () => {
  test('F(k, t) → 0 when s_max·γ < 1 (any σ), or σ = id and ρ < 1', () => {
    expect(certifyFVanishes(scalarCase('tanh', 0.5, 1), 1).ok).toBe(true);
    expect(certifyFVanishes(scalarCase('tanh', 2, 1), 1).ok).toBe(false);
    const jordan = {
      ...NILPOTENT_RELU_FIXED_POINT,
      activation: 'identity' as const,
      W_R: [
        [0.5, 8],
        [0, 0.5],
      ],
    };
    expect(certifyFVanishes(jordan, 2).ok).toBe(true);
  });

  test('∂h_t/∂W_R → 0 needs an unforced network with σ(0) = 0 and a contraction', () => {
    expect(certifyJacobianVanishes(scalarCase('identity', 0.5, 1)).ok).toBe(true);
    expect(certifyJacobianVanishes(scalarCase('identity', 0.5, 1, 1)).ok).toBe(false);
    expect(certifyJacobianVanishes(scalarCase('sigmoid', 0.5, 1)).ok).toBe(false);
    expect(certifyJacobianVanishes(scalarCase('tanh', 1.5, 1)).ok).toBe(false);
  });

  test('the term σ(h_{t−1}) is present for all t', () => {
    expect(certifyTermAlwaysPresent(scalarCase('identity', 0.5, 1)).ok).toBe(true);
    expect(certifyTermAlwaysPresent(scalarCase('identity', 0, 1)).ok).toBe(false);
    expect(certifyTermAlwaysPresent(scalarCase('tanh', -0.5, 1)).ok).toBe(true);
    expect(certifyTermAlwaysPresent(scalarCase('relu', 0.5, 1)).ok).toBe(false);
  });
});
