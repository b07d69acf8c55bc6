import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { limitClaimArbitrary } from '../../generators/vanishingInputArbitrary.js';
import { activation } from '../../model/activation.js';
import { spectralRadius } from '../../numerics/eigenvalues.js';
import { jsrExtremeSet, maxProductNorms } from '../../numerics/jointSpectralRadius.js';
import { fromRows } from '../../numerics/Mat.js';
import { scalarCase } from '../../testing/handDerived.js';
import { propertyRuns } from '../../testing/propertyRuns.js';
import { hpExtremeUpper, jsrData, jsrHypothesis, jsrSides, jsrUpperBound } from './thm2-jsr.js';

describe('the JSR bound of thm2.jsr', () => {
  test('jsrUpperBound ≤ γ·s_max (B_1) and ≥ ρ of every extreme Jacobian', () => {
    fc.assert(
      fc.property(limitClaimArbitrary({}, 'jsr'), ({ case: c }) => {
        if (c.W_R.length > 4) return;
        const W = fromRows(c.W_R, c.W_R.length);
        const g = activation(c.activation).gamma;
        const u = jsrUpperBound(W, g);
        expect(u).toBe(jsrData(c).rhoHat);
        expect(u).toBeLessThanOrEqual(
          maxProductNorms(jsrExtremeSet(W, g), 1)[1] * (1 + 1e-12) + 1e-300,
        );
        expect(u).toBeGreaterThanOrEqual(g * spectralRadius(W) * (1 - 1e-9) - 1e-12);
      }),
      { numRuns: propertyRuns(50) },
    );
  });

  test('the 60-digit B_l enclose the float64 ones from above, within rounding', () => {
    fc.assert(
      fc.property(limitClaimArbitrary({}, 'jsr'), ({ case: c }) => {
        if (c.W_R.length > 3) return;
        const d = jsrData(c);
        const hp = hpExtremeUpper(c, d.Lstar);
        expect(hp).toHaveLength(d.Lstar + 1);
        expect(hp[0].toNumber()).toBe(1);
        for (let l = 1; l <= d.Lstar; l++) {
          expect(hp[l].toNumber()).toBeGreaterThanOrEqual(d.B[l] * (1 - 1e-12));
          expect(hp[l].toNumber()).toBeLessThanOrEqual(d.B[l] * (1 + 1e-12) + 1e-300);
        }
      }),
      { numRuns: propertyRuns(10) },
    );
  });

  test('the hypothesis: n > 4 is not enumerated; ρ̂ < 1 decides otherwise', () => {
    const base = scalarCase('identity', 0.5, 1, [0], [1, 0], [0, 0], [0]);
    expect(jsrHypothesis(base).holds).toBe(true);
    expect(jsrHypothesis({ ...base, W_R: [[2]] })).toMatchObject({ holds: false });
    const n5 = Array.from({ length: 5 }, (_, i) =>
      Array.from({ length: 5 }, (_, j) => (i === j ? 0.1 : 0)),
    );
    expect(jsrHypothesis({ ...base, W_R: n5 }).reason).toMatch(/n = 5 > 4/);
  });

  test('the right side is B_{m mod L*}·B_{L*}^{⌊m/L*⌋}·‖σ(h_{k0−1})‖₂', () => {
    const d = { B: [1, 0.9, 0.5], Lstar: 2, rhoHat: Math.sqrt(0.5) };
    const ctx = { k0: 1, pNorm: [1, 0.8, 0.4, 0.3, 0.1, 0.05], vNorm: 2 };
    expect(jsrSides(ctx, d, 2)).toEqual({ lhs: 1.6, rhs: 0.9 * 2 });
    expect(jsrSides(ctx, d, 4)).toEqual({ lhs: 0.6, rhs: 0.9 * 0.5 * 2 });
    expect(jsrSides(ctx, d, 5)).toEqual({ lhs: 0.2, rhs: 0.25 * 2 });
  });
});
