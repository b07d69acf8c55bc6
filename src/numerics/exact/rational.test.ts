import { describe, expect, test } from 'vitest';
import {
  characteristicPolynomial,
  Rational,
  rationalFromRows,
  rationalMatmul,
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
  test('det(λI − A) by Faddeev–LeVerrier: [[1,1],[−1,−1]] is nilpotent (λ²), [[2,1],[1,2]] gives λ² − 4λ + 3', () => {
    const nil = rationalFromRows([
      [1, 1],
      [-1, -1],
    ]);
    expect(characteristicPolynomial(nil).map(String)).toEqual(['0', '0', '1']);
    expect(rationalMatmul(nil, nil).data.every((x) => x.isZero())).toBe(true);
    expect(
      characteristicPolynomial(
        rationalFromRows([
          [2, 1],
          [1, 2],
        ]),
      ).map(String),
    ).toEqual(['3', '-4', '1']);
  });
});
