import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propertyRuns } from '../testing/propertyRuns.js';
import { erf, erfc } from './erf.js';
import { HP, type HPNumber, toHP } from './exact/decimal.js';
import { hpErf, hpErfc } from './exact/erf.js';

/** |v − w| in units of the last place of w (the spacing of doubles at |w|; subnormals: 2^−1074). */
function ulpsOff(v: number, w: HPNumber): number {
  const a = Math.abs(w.toNumber());
  const ulp = a === 0 ? 2 ** -1074 : Math.max(2 ** (Math.floor(Math.log2(a)) - 52), 2 ** -1074);
  return new HP(v).minus(w).abs().div(ulp).toNumber();
}

describe('float64 erf and erfc against the 60-digit ones', () => {
  // measured over 3,000 random points in |x| ≤ 8: erf within 0.94 ulp, erfc within 2.0 ulps (its
  // tail carries Math.exp's own error)
  test('erf within 1 ulp and erfc within 2.5 ulps, on both expansions and across their seam at |x| = 3', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -3.5, max: 3.5, noNaN: true }),
          fc.double({ min: -27, max: 27, noNaN: true }),
        ),
        (x) => {
          expect(ulpsOff(erf(x), hpErf(toHP(x))), `erf(${x})`).toBeLessThanOrEqual(1);
          expect(ulpsOff(erfc(x), hpErfc(toHP(x))), `erfc(${x})`).toBeLessThanOrEqual(2.5);
        },
      ),
      {
        numRuns: propertyRuns(60),
        examples: [[0.5], [1], [2.9999999999999996], [3], [-3], [5.5], [10], [26.5], [1e-300]],
      },
    );
  });

  test('special values: signs of zero, saturation, underflow, NaN', () => {
    expect(Object.is(erf(-0), -0)).toBe(true);
    expect(erf(0)).toBe(0);
    expect(erf(40)).toBe(1);
    expect(erf(-40)).toBe(-1);
    expect(erfc(-40)).toBe(2);
    expect(erfc(30)).toBe(0);
    expect(erfc(0)).toBe(1);
    expect(erf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
    expect(erf(Number.NaN)).toBeNaN();
    expect(erfc(Number.NaN)).toBeNaN();
  });
});
