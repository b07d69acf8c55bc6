import { describe, expect, test } from 'vitest';
import { dyadicMat, isNormalExact } from './dyadic.js';

describe('dyadic matrices', () => {
  test('normal: W Wᵀ = Wᵀ W exactly', () => {
    expect(
      isNormalExact(
        dyadicMat([
          [1, -2],
          [2, 1],
        ]),
      ),
    ).toBe(true);
    expect(
      isNormalExact(
        dyadicMat([
          [0, 1],
          [0, 0],
        ]),
      ),
    ).toBe(false);
  });
});
