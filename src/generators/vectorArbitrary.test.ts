import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { vectorArbitrary } from './vectorArbitrary.js';

describe('vectorArbitrary', () => {
  test('has the fixed length and the items of its item arbitrary', () => {
    fc.assert(
      fc.property(vectorArbitrary({ item: fc.integer({ min: 3, max: 9 }), length: 5 }), (v) => {
        return v.length === 5 && v.every((x) => Number.isInteger(x) && x >= 3 && x <= 9);
      }),
    );
    expect(fc.sample(vectorArbitrary({ item: fc.boolean(), length: 0 }), 3)).toEqual([[], [], []]);
  });

  test('shrinks every item to its minimum, keeping the length', () => {
    // Fails when the sum exceeds 10: shrinks to a vector whose sum is exactly 11, items pushed left.
    const r = fc.check(
      fc.property(vectorArbitrary({ item: fc.integer({ min: 0, max: 9 }), length: 6 }), (v) => {
        return v.reduce((a, b) => a + b, 0) <= 10;
      }),
    );
    expect(r.failed).toBe(true);
    const v = r.counterexample![0];
    expect(v.length).toBe(6);
    expect(v.reduce((a, b) => a + b, 0)).toBe(11);
  });

  test('shrinks without context (a value given by hand)', () => {
    const arb = vectorArbitrary({ item: fc.integer({ min: 0, max: 9 }), length: 3 });
    expect(arb.canShrinkWithoutContext([1, 2, 3])).toBe(true);
    expect(arb.canShrinkWithoutContext([1, 2])).toBe(false);
    const first = arb.shrink([1, 2, 3], undefined).take(1);
    expect([...first].map((s) => s.value)).toEqual([[0, 2, 3]]);
  });

  test('rejects a bad length', () => {
    expect(() => vectorArbitrary({ item: fc.boolean(), length: -1 })).toThrow(RangeError);
  });
});
