import { describe, expect, test } from 'vitest';
import { isPositiveDefinite, positiveLeadingMinors } from './definiteness.js';
import { rationalFromRows } from './rationalMat.js';

describe('positive definiteness', () => {
  test('leading principal minors of integer matrices (Bareiss)', () => {
    expect(positiveLeadingMinors([2n, -1n, -1n, 2n], 2)).toBe(true);
    expect(positiveLeadingMinors([1n, 2n, 2n, 1n], 2)).toBe(false);
  });
});

describe('exact certificates', () => {
  test('positive definiteness by pivots', () => {
    expect(
      isPositiveDefinite(
        rationalFromRows([
          [2, 1],
          [1, 2],
        ]),
      ),
    ).toBe(true);
    expect(
      isPositiveDefinite(
        rationalFromRows([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toBe(false);
    expect(
      isPositiveDefinite(
        rationalFromRows([
          [1, 1],
          [1, 1],
        ]),
      ),
    ).toBe(false);
  });
});
