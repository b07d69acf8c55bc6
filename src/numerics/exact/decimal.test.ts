import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propertyRuns } from '../../testing/propertyRuns.js';
import { HP, hpShow, toHP } from './decimal.js';
import { float64Parts } from './float64Bits.js';
import { Rational, rationalToHP } from './rational.js';

describe('float64 fields and exact decimals', () => {
  test('float64Parts: |x| = mant·2^exp2 with the IEEE fields, subnormals included', () => {
    expect(float64Parts(1)).toEqual({ neg: false, mant: 1n << 52n, exp2: -52 });
    expect(float64Parts(-0.75)).toEqual({ neg: true, mant: 3n << 51n, exp2: -53 });
    expect(float64Parts(5e-324)).toEqual({ neg: false, mant: 1n, exp2: -1074 });
    expect(float64Parts(-2.2250738585072014e-308)).toEqual({
      neg: true,
      mant: 1n << 52n,
      exp2: -1074,
    });
    expect(float64Parts(Number.MAX_VALUE)).toEqual({
      neg: false,
      mant: (1n << 53n) - 1n,
      exp2: 971,
    });
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        if (x === 0) return;
        const { neg, mant, exp2 } = float64Parts(x);
        expect(mant < 1n << 53n).toBe(true);
        expect(neg).toBe(x < 0);
        // the value rebuilt through decimal.js at full width is x
        const v = new HP(mant.toString()).times(new HP(2).pow(exp2));
        expect(v.toNumber()).toBe(Math.abs(x));
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  test('toHP is the exact value of the double: 0.1 = 3602879701896397/2^55 to 60 digits', () => {
    expect(toHP(0.1).eq(rationalToHP(Rational.of(3602879701896397n, 1n << 55n)))).toBe(true);
    expect(toHP(0.1).toString()).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(toHP(-3).toString()).toBe('-3');
    expect(toHP(2 ** 80).toString()).toBe('1208925819614629174706176');
    expect(Object.is(toHP(-0).toNumber(), -0)).toBe(true);
    expect(toHP(0).isZero()).toBe(true);
    expect(() => toHP(Number.NaN)).toThrow(/toHP/);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        // toHP keeps every digit; the quotient p/q is rounded to 60
        expect(
          toHP(x)
            .toSignificantDigits(60)
            .eq(rationalToHP(Rational.fromDouble(x))),
        ).toBe(true);
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  test('hpShow keeps 25 significant digits', () => {
    expect(hpShow(new HP(1).div(3))).toBe(`0.${'3'.repeat(25)}`);
    expect(hpShow(new HP(2).div(3))).toBe(`0.${'6'.repeat(24)}7`);
  });
});
