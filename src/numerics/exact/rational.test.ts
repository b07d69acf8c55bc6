import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propertyRuns } from '../../testing/propertyRuns.js';
import {
  absBig,
  doubleToDyadic,
  gcd,
  lcm,
  Rational,
  rationalToHP,
  trailingZeros,
} from './rational.js';

describe('exact rationals', () => {
  test('fromDouble is exact: 0.1 = 3602879701896397/2^55, and round-trips', () => {
    expect(Rational.fromDouble(0.1).toString()).toBe('3602879701896397/36028797018963968');
    for (const x of [0.9, -2.5, 1e-300, 5e-324, 1.7976931348623157e308, 3]) {
      expect(Rational.fromDouble(x).toNumber()).toBe(x);
    }
  });

  test('field operations in lowest terms', () => {
    const a = Rational.of(1, 3);
    const b = Rational.of(-1, 6);
    expect(a.add(b).toString()).toBe('1/6');
    expect(a.mul(b).toString()).toBe('-1/18');
    expect(a.div(b).toString()).toBe('-2');
    expect(a.sub(a).isZero()).toBe(true);
    expect(b.cmp(a)).toBe(-1);
  });
});

describe('dyadic conversion', () => {
  test('doubleToDyadic is the exact value of the double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const { m, e } = doubleToDyadic(x);
        const r = e >= 0 ? Rational.of(m, 1n << BigInt(e)) : Rational.of(m << BigInt(-e));
        expect(r.eq(Rational.fromDouble(x))).toBe(true);
      }),
    );
  });
});

describe('rational arithmetic edge cases', () => {
  test('zero denominators and division by zero are refused, signs are normalised', () => {
    expect(() => Rational.of(1, 0)).toThrow(/zero denominator/);
    expect(() => Rational.ONE.div(Rational.ZERO)).toThrow(/division by zero/);
    expect(() => Rational.fromDouble(Number.POSITIVE_INFINITY)).toThrow(/Rational.fromDouble/);
    const r = Rational.of(3, -6);
    expect([r.num, r.den]).toEqual([-1n, 2n]);
  });

  test('abs, sign, cmp and eq on the ordered field', () => {
    const half = Rational.of(1, 2);
    const mThird = Rational.of(-1, 3);
    expect(mThird.abs().toString()).toBe('1/3');
    expect(half.abs()).toBe(half);
    expect([mThird.sign(), Rational.ZERO.sign(), half.sign()]).toEqual([-1, 0, 1]);
    // 1/2 vs 1/3: the cross products 3 and 2 decide; a quotient in place of a product would not
    expect(half.cmp(Rational.of(1, 3))).toBe(1);
    expect(Rational.of(1, 3).cmp(half)).toBe(-1);
    expect(Rational.of(2, 3).cmp(Rational.of(4, 6))).toBe(0);
    expect(Rational.of(7, 2).cmp(Rational.of(5, 3))).toBe(1);
    expect(half.eq(Rational.of(1, 3))).toBe(false);
    expect(half.eq(Rational.of(2, 4))).toBe(true);
  });

  test('cmp agrees with the order of the doubles', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (x, y) => {
          const c = Rational.fromDouble(x).cmp(Rational.fromDouble(y));
          expect(c).toBe(x < y ? -1 : x > y ? 1 : 0);
          expect(Rational.fromDouble(x).sign()).toBe(x < 0 ? -1 : x > 0 ? 1 : 0);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });

  test('gcd, lcm, absBig and trailingZeros on known values', () => {
    expect(gcd(-12n, 18n)).toBe(6n);
    expect(gcd(0n, 0n)).toBe(0n);
    expect(lcm([4n, 6n, 10n])).toBe(60n);
    expect(lcm([])).toBe(1n);
    expect([absBig(-5n), absBig(0n), absBig(5n)]).toEqual([5n, 0n, 5n]);
    expect(trailingZeros(0n)).toBe(0);
    expect(trailingZeros(1n << 70n)).toBe(70);
    expect(trailingZeros(-(3n << 33n))).toBe(33);
  });

  test('doubleToDyadic: zero is 0·2^0, non-finite values are refused, integers carry e = +0', () => {
    expect(doubleToDyadic(0)).toEqual({ m: 0n, e: 0 });
    expect(doubleToDyadic(-0)).toEqual({ m: 0n, e: 0 });
    expect(() => doubleToDyadic(Number.NaN)).toThrow(/doubleToDyadic/);
    expect(Object.is(doubleToDyadic(7).e, 0)).toBe(true);
    expect(doubleToDyadic(8)).toEqual({ m: 1n, e: -3 });
    expect(doubleToDyadic(-0.75)).toEqual({ m: -3n, e: 2 });
    expect(doubleToDyadic(2 ** 60 * 3)).toEqual({ m: 3n, e: -60 });
  });

  test('rationalToHP and toNumber give p/q at 60 digits', () => {
    expect(rationalToHP(Rational.of(1, 3)).toString()).toBe(`0.${'3'.repeat(60)}`);
    expect(Rational.of(-7, 4).toNumber()).toBe(-1.75);
  });
});
