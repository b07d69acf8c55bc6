import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { climb, climbMovesArbitrary, lexLess, moveEntry } from './targetedClimb.js';

describe('targeted climb', () => {
  test('moves keep dyadic values and refuse no-ops', () => {
    expect(moveEntry(3, 0)).toBe(0);
    expect(moveEntry(3, 1)).toBe(1.5);
    expect(moveEntry(3, 2)).toBe(6);
    expect(moveEntry(3, 3)).toBe(-3);
    expect(moveEntry(-3, 4)).toBe(-1);
    expect(moveEntry(0, 0)).toBeUndefined();
    expect(moveEntry(0, 3)).toBeUndefined();
    expect(moveEntry(4096, 2)).toBeUndefined();
  });

  test('lexicographic order', () => {
    expect(lexLess([0, 5], [1, 0])).toBe(true);
    expect(lexLess([1, 0], [1, 0])).toBe(false);
    expect(lexLess([Number.NaN], [1])).toBe(false);
  });

  test('the climb only accepts strict improvements and is deterministic', () => {
    const score = (x: readonly number[]) => [Math.abs(x[0] - 1) + Math.abs(x[1])];
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: -8, max: 8 }), fc.integer({ min: -8, max: 8 })),
        climbMovesArbitrary(),
        (s, moves) => {
          const a = climb(s, moves, score);
          expect(a).toEqual(climb(s, moves, score));
          expect(score(a)[0]).toBeLessThanOrEqual(score(s)[0]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
