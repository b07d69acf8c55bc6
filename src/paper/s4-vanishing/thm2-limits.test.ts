import { describe, expect, test } from 'vitest';
import type { Case } from '../../model/caseFile.js';
import { eigenvalues } from '../../numerics/eigenvalues.js';
import { fromRows } from '../../numerics/Mat.js';
import { NILPOTENT_RELU_FIXED_POINT } from '../../testing/exactFixtures.js';
import { spectralRadiusHypothesis } from './thm2.js';
import {
  signedEigenvalueLimitHypothesis,
  spectralRadiusLimitHypothesis,
  vanishingRecheck,
} from './thm2-limits.js';

/** n = 1: h_t = w·σ(h_{t−1}), unforced. */
function scalar(activation: Case['activation'], w: number): Case {
  return {
    activation,
    W_R: [[w]],
    W_I: [[0]],
    b_R: [0],
    W_O: [[1]],
    b_O: [0],
    h_0: [1],
    xs: [[0]],
    ys: [0],
  };
}

const facts = (c: Case) => eigenvalues(fromRows(c.W_R, c.W_R.length));

describe('the vanishing-limit re-check', () => {
  test('the nilpotent relu fixed point: ρ(W_R) = 0 certified and F(k0, t) ↛ 0 certified: refuted, ‖F‖_F = √2', () => {
    for (const hypothesis of [spectralRadiusLimitHypothesis, signedEigenvalueLimitHypothesis]) {
      const o = vanishingRecheck(
        { case: NILPOTENT_RELU_FIXED_POINT, params: { k0: 1 } },
        hypothesis,
      );
      expect(o.violated).toBe(true);
      expect(o.claimed).toEqual([['0']]);
      // F(1, t) = J ⊗ σ(h_0)ᵀ with J = [[1, 0], [−1, 0]], σ(h_0) = (1, 0)
      expect(Number(o.actual[0][0])).toBeCloseTo(Math.SQRT2, 14);
      expect(o.absError).toBe(o.actual[0][0]);
      expect(o.relError).toBe('1');
      const cert = o.certificate as Record<string, Record<string, unknown> | string>;
      expect(cert.hypothesis).not.toHaveProperty('holds', false);
      expect(cert.conclusionRefuted).toHaveProperty('M');
      expect(String(cert.witnessNorm)).toMatch(/↛ 0/);
    }
  });

  test('the hypothesis fails (ρ(W_R) = 2): not refuted, and the reason is kept', () => {
    const c = {
      ...NILPOTENT_RELU_FIXED_POINT,
      activation: 'identity' as const,
      W_R: [
        [2, 0],
        [0, 2],
      ],
    };
    for (const hypothesis of [spectralRadiusLimitHypothesis, signedEigenvalueLimitHypothesis]) {
      const o = vanishingRecheck({ case: c, params: { k0: 1 } }, hypothesis);
      expect(o.violated).toBe(false);
      expect(o.certificate).toMatchObject({
        hypothesis: { holds: false, reason: expect.any(String) },
      });
    }
  });

  test('the hypothesis holds but F → 0 (tanh, w = 1/2): not refuted', () => {
    const o = vanishingRecheck(
      { case: scalar('tanh', 0.5), params: { k0: 1 } },
      spectralRadiusLimitHypothesis,
    );
    expect(o.violated).toBe(false);
    expect(o.actual).toEqual([['0']]);
    expect(o.relError).toBe('0');
    expect(o.certificate).toMatchObject({ conclusionRefuted: { certified: false } });
    expect(o.certificate).not.toHaveProperty('witnessNorm');
    expect(spectralRadiusLimitHypothesis(scalar('tanh', 0.5)).status).toBe('holds');
  });

  test('W_R whose eigenvalues do not converge: the hypothesis is skipped, not decided', () => {
    const big = 1.7e308;
    const c: Case = {
      ...NILPOTENT_RELU_FIXED_POINT,
      W_R: [
        [big, big],
        [big, big],
      ],
    };
    const o = vanishingRecheck({ case: c, params: { k0: 1 } }, signedEigenvalueLimitHypothesis);
    expect(o.violated).toBe(false);
    expect(o.certificate).toMatchObject({
      hypothesis: { holds: false, reason: 'the eigenvalues of W_R did not converge' },
    });
  });

  test('the limit hypotheses: holds with its certificate, fails with its reason', () => {
    const ok = scalar('identity', 0.5);
    const h = signedEigenvalueLimitHypothesis(ok, facts(ok));
    expect(h.status).toBe('holds');
    expect(h).toHaveProperty('certificate');
    const bad = scalar('identity', 2);
    expect(signedEigenvalueLimitHypothesis(bad, facts(bad))).toMatchObject({
      status: 'skip',
      reason: expect.any(String),
    });
    expect(spectralRadiusLimitHypothesis(bad)).toEqual({
      status: 'skip',
      reason: spectralRadiusHypothesis(bad).reason,
    });
  });

  test('λ = ±√2/2 (irrational): float64 says λ1 < 1, but it is not certified exactly: uncertain', () => {
    const c: Case = {
      ...NILPOTENT_RELU_FIXED_POINT,
      activation: 'identity',
      W_R: [
        [0, 1],
        [0.5, 0],
      ],
    };
    const h = signedEigenvalueLimitHypothesis(c, facts(c));
    expect(h.status).toBe('uncertain');
    expect(h).toMatchObject({ reason: expect.any(String), certificate: expect.any(Object) });
  });
});
