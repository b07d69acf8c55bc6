import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hpRows } from '../../testing/exactFixtures.js';
import { propertyRuns } from '../../testing/propertyRuns.js';
import { fromRows } from '../Mat.js';
import { spectralNorm } from '../singularValues.js';
import { HP } from './decimal.js';
import { hpFromMat } from './hpMat.js';
import { hpSingularValues, hpSpectralNormBounds } from './hpSingularValues.js';

describe('60-digit spectra', () => {
  test('singular values of [[1, 4], [0, 1]] are √5 ± 2', () => {
    const [s1, s2] = hpSingularValues(
      hpRows([
        [1, 4],
        [0, 1],
      ]),
    );
    const r5 = new HP(5).sqrt();
    expect(s1.minus(r5.plus(2)).abs().lt('1e-55')).toBe(true);
    expect(s2.minus(r5.minus(2)).abs().lt('1e-55')).toBe(true);
  });
});

describe('60-digit enclosures of ‖P‖₂', () => {
  test('lo ≤ ‖P‖₂ ≤ hi, as tight as 1e-45 relative, and around the float64 value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) =>
          fc.array(
            fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
            {
              minLength: n,
              maxLength: n,
            },
          ),
        ),
        (rows) => {
          const P = fromRows(rows, rows.length);
          const { lo, hi } = hpSpectralNormBounds(hpFromMat(P));
          const f = spectralNorm(P);
          expect(lo.lte(hi)).toBe(true);
          expect(hi.minus(lo).lte(hi.times('1e-45').plus('1e-300'))).toBe(true);
          expect(Math.abs(lo.toNumber() - f)).toBeLessThanOrEqual(1e-13 * Math.max(f, 1e-300));
        },
      ),
      { numRuns: propertyRuns(40) },
    );
  });

  test('exact cases: ‖diag(3, −4)‖₂ = 4, ‖[[1, 1], [0, 0]]‖₂ = √2, the zero matrix', () => {
    const a = hpSpectralNormBounds(
      hpFromMat(
        fromRows([
          [3, 0],
          [0, -4],
        ]),
      ),
    );
    expect(a.lo.minus(4).abs().lt('1e-50')).toBe(true);
    const b = hpSpectralNormBounds(
      hpFromMat(
        fromRows([
          [1, 1],
          [0, 0],
        ]),
      ),
    );
    expect(b.hi.minus(new HP(2).sqrt()).abs().lt('1e-50')).toBe(true);
    expect(
      hpSpectralNormBounds(
        hpFromMat(
          fromRows([
            [0, 0],
            [0, 0],
          ]),
        ),
      ).hi.isZero(),
    ).toBe(true);
  });
});
