import { describe, expect, test } from 'vitest';
import { rationalFromRows, rationalInverse, rationalNullVector } from './rationalMat.js';

describe('exact certificates', () => {
  test('null vector and inverse', () => {
    const v = rationalNullVector(
      rationalFromRows([
        [1, 2],
        [2, 4],
      ]),
    )!;
    expect(v.map((x) => x.toString())).toEqual(['-2', '1']);
    expect(
      rationalNullVector(
        rationalFromRows([
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toBeUndefined();
    expect(
      rationalInverse(
        rationalFromRows([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toBeUndefined();
  });
});
