import { Decimal } from 'decimal.js';
import { describe, expect, test } from 'vitest';
import { HP, toHP } from './decimal.js';
import { erfcFraction, erfSeries, hpErf, hpErfc } from './erf.js';

describe('erf at high precision', () => {
  test('known values: erf(1) to 60 digits; erfc(10) from the continued fraction and from the series agree', () => {
    expect(hpErf(new HP(1)).toString()).toBe(
      '0.842700792949714869341220635082609259296066997966302908459938',
    );
    const viaFraction = erfcFraction(new HP(10), 65).value;
    const viaSeries = new HP(1).minus(erfSeries(new HP(10), 65 + 44).value);
    expect(viaFraction.minus(viaSeries).abs().div(viaFraction).lt('1e-58')).toBe(true);
    expect(hpErfc(new HP(10)).toSignificantDigits(10).toString()).toBe('2.088487584e-45');
  });

  test('the error bounds are honest: at 30 digits the value is within its bound of the 90-digit one, and the bound is small', () => {
    for (const x of ['0', '1e-20', '0.5', '-1.25', '2', '3.75', '-6', '9', '12.3', '15']) {
      const lo = erfSeries(new Decimal(x), 30);
      const hi = erfSeries(new Decimal(x), 90);
      const gap = new Decimal(lo.value).minus(hi.value).abs();
      expect(gap.lte(lo.errorBound.plus(hi.errorBound)), `erf(${x})`).toBe(true);
      expect(lo.errorBound.lt('1e-28'), `erf(${x}): bound ${lo.errorBound}`).toBe(true);
    }
    for (const x of ['10', '14.5', '30']) {
      const lo = erfcFraction(new Decimal(x), 30);
      const hi = erfcFraction(new Decimal(x), 90);
      const gap = new Decimal(lo.value).minus(hi.value).abs();
      expect(gap.lte(lo.errorBound.plus(hi.errorBound)), `erfc(${x})`).toBe(true);
      expect(lo.errorBound.div(lo.value).lt('1e-28'), `erfc(${x})`).toBe(true);
    }
  });

  test('erf is odd and erfc(x) + erfc(−x) = 2, at 60 digits', () => {
    for (const x of [0.3, 1.7, 4.2, 11]) {
      expect(
        hpErf(toHP(x))
          .plus(hpErf(toHP(-x)))
          .abs()
          .lt('1e-59'),
      ).toBe(true);
      expect(
        hpErfc(toHP(x))
          .plus(hpErfc(toHP(-x)))
          .minus(2)
          .abs()
          .lt('1e-58'),
      ).toBe(true);
    }
  });

  test('erfcFraction refuses x < 10, where the fraction converges slowly', () => {
    expect(() => erfcFraction(new HP(9), 60)).toThrow(RangeError);
  });
});
