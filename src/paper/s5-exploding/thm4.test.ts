import { describe, expect, test } from 'vitest';
import type { ClaimInput } from '../../engine/contract/claim.js';
import type { ActivationName } from '../../model/activation.js';
import { type Case, toModel } from '../../model/caseFile.js';
import {
  exactContraction,
  explodingCertificate,
  explodingCheck,
  explodingSeries,
  floatContraction,
} from './thm4.js';

/** A two-unit case with one input and two classes. */
function twoUnit(
  activation: ActivationName,
  W_R: number[][],
  b_R: number[],
  extra: Partial<Case> = {},
): Case {
  return {
    activation,
    W_R,
    W_I: [[0.25], [-0.5]],
    b_R,
    W_O: [
      [0.5, -0.25],
      [-0.5, 0.75],
    ],
    b_O: [0, 0],
    h_0: [0.125, -0.25],
    xs: [[1], [0.5], [-0.25]],
    ys: [0, 1, 1],
    ...extra,
  };
}

const input = (c: Case, eps = 0.5): ClaimInput => ({ case: c, params: { eps } });

describe('the Theorem 4 certificate', () => {
  test('σ = id, strictly triangular W_R with ‖W_R‖₂ = 2 ≥ 1 + ε: certified bounded, and the series obeys the bound', () => {
    const c = twoUnit(
      'identity',
      [
        [0, 2],
        [0, 0],
      ],
      [0.25, 0.125],
    );
    const hp = explodingCertificate(input(c), 'loss');
    expect(hp.violated).toBe(true);
    const cert = hp.certificate as Record<string, unknown>;
    expect(cert.acyclicPattern).toBe(true);
    expect(cert.k).toBe(2);
    const bound = Number(hp.actual[0][0]);
    const s = explodingSeries(toModel(c), 200, 'loss').dE;
    expect(Math.max(...s)).toBeLessThanOrEqual(bound);
    expect(s[199]).toBeGreaterThan(0);
    expect(explodingCheck(input(c), 'loss').status).toBe('violated');
  });

  test('σ = id, non-nilpotent W_R = [[1/2, 4], [0, 1/2]]: ρ(|W_R|) = 1/2 < 1 < ‖W_R‖₂ ≈ 4.06, certified bounded', () => {
    const c = twoUnit(
      'identity',
      [
        [0.5, 4],
        [0, 0.5],
      ],
      [0.25, 0.125],
    );
    const hp = explodingCertificate(input(c, 1), 'hidden');
    expect(hp.violated).toBe(true);
    const cert = hp.certificate as Record<string, unknown>;
    expect(cert.acyclicPattern).toBe(false);
    const s = explodingSeries(toModel(c), 200, 'hidden').dh;
    expect(Math.max(...s)).toBeLessThanOrEqual(Number(hp.actual[0][0]));
    // the sequence converges to a nonzero periodic regime, not to 0
    expect(s[199]).toBeGreaterThan(0.1);
  });

  test('leaky_relu with ‖W_R‖₂ = 128 ≥ 64(1 + ε): the infimum reading λ* = 1/64 holds too', () => {
    const c = twoUnit(
      'leaky_relu',
      [
        [0, 128],
        [0, 0],
      ],
      [0, -0.25],
    );
    const hp = explodingCertificate(input(c, 1), 'loss');
    expect(hp.violated).toBe(true);
    const h = (hp.certificate as { hypothesis: { infimumReading: { verdict: string } } })
      .hypothesis;
    expect(h.infimumReading.verdict).toBe('holds');
  });

  test('sigmoid at its exact fixed point h = 0 (b_1 = −W_12/2): λ* = 1/4 at 60 digits, ‖W_R‖₂ = 8 ≥ 4(1 + ε)', () => {
    const c = twoUnit(
      'sigmoid',
      [
        [0, -8],
        [0, 0],
      ],
      [4, 0],
      {
        W_I: [[0], [0]],
        h_0: [0, 0],
      },
    );
    const hp = explodingCertificate(input(c, 1 / 16), 'loss');
    expect(hp.violated).toBe(true);
    const h = (hp.certificate as { hypothesis: Record<string, unknown> }).hypothesis;
    expect(String(h.lambdaStarLowerBound)).toBe('0.25');
    expect((h.infimumReading as { verdict: string }).verdict).toMatch(/vacuous/);
  });

  test('no certificate: W_R = 2I (the gradient does explode)', () => {
    const c = twoUnit(
      'identity',
      [
        [2, 0],
        [0, 2],
      ],
      [0.25, 0.125],
    );
    expect(exactContraction(c.W_R, 1)).toBeUndefined();
    expect(explodingCertificate(input(c), 'loss').violated).toBe(false);
    expect(explodingCheck(input(c), 'loss').status).toBe('pass');
  });

  test('W_O = 0 makes ∂E_t/∂W_R ≡ 0: degenerate, skipped by the check and not certified', () => {
    const c = twoUnit(
      'identity',
      [
        [0, 2],
        [0, 0],
      ],
      [0.25, 0.125],
      {
        W_O: [
          [0, 0],
          [0, 0],
        ],
      },
    );
    const o = explodingCheck(input(c), 'loss');
    expect(o.status).toBe('skip');
    expect(explodingCertificate(input(c), 'loss').violated).toBe(false);
    // ∂h_t/∂W_R does not depend on W_O: the hidden-state claim is still refuted
    expect(explodingCertificate(input(c), 'hidden').violated).toBe(true);
  });

  test('the hypothesis fails: ‖W_R‖₂ = 1 < 1 + ε', () => {
    const c = twoUnit(
      'identity',
      [
        [0, 1],
        [0, 0],
      ],
      [0.25, 0.125],
    );
    expect(explodingCheck(input(c), 'loss').status).toBe('skip');
    expect(explodingCertificate(input(c), 'loss').violated).toBe(false);
  });

  test('exact and float64 contraction agree on k', () => {
    for (const W of [
      [
        [0.5, 4],
        [0, 0.5],
      ],
      [
        [0, 3, 1],
        [0, 0, 2],
        [0, 0, 0],
      ],
      [
        [0.25, -1],
        [0.125, 0.5],
      ],
    ]) {
      const f = floatContraction(
        toModel(
          twoUnit(
            'identity',
            W,
            W.map(() => 0),
            {
              W_I: W.map(() => [0]),
              h_0: W.map(() => 0),
              W_O: [W.map(() => 1), W.map(() => 0)],
            },
          ),
        ),
      );
      const e = exactContraction(W, 1);
      expect(e?.k).toBe(f?.k);
      expect(e?.normAk.toNumber()).toBeCloseTo(f!.norm, 12);
    }
  });
});
