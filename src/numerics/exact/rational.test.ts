import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { doubleToDyadic, Rational } from './rational.js';

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
