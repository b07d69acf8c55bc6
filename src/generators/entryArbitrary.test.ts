import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ENTRY_KINDS, entryArbitrary } from './entryArbitrary.js';

/** Greedy shrinking as fast-check does it: take the first candidate that still fails, repeat. */
function minimize(arb: fc.Arbitrary<number>, start: number, fails: (x: number) => boolean): number {
  let current = new fc.Value(start, undefined as unknown);
  for (;;) {
    let next: fc.Value<number> | undefined;
    for (const c of arb.shrink(current.value, current.context)) {
      if (fails(c.value)) {
        next = c;
        break;
      }
    }
    if (next === undefined) return current.value;
    current = next;
  }
}

const isDyadic8 = (x: number) => Number.isInteger(x * 8);

describe('entryArbitrary', () => {
  test('entries are finite, within [−3·scale, 3·scale], never −0', () => {
    for (const scale of [1, 1 / 4, 0.3]) {
      fc.assert(
        fc.property(entryArbitrary({ scale }), (x) => {
          expect(Number.isFinite(x)).toBe(true);
          expect(Math.abs(x)).toBeLessThanOrEqual(3 * scale);
          expect(Object.is(x, -0)).toBe(false);
        }),
        { numRuns: 2000 },
      );
    }
  });

  test('kinds: integer is k·scale with |k| ≤ 3, dyadic is (k/8)·scale, the default mixes all three', () => {
    const ints = fc.sample(entryArbitrary({ kinds: ['integer'], scale: 2 }), 500);
    expect(ints.every((x) => Number.isInteger(x / 2) && Math.abs(x) <= 6)).toBe(true);
    expect(new Set(ints).size).toBe(7);
    const dyadics = fc.sample(entryArbitrary({ kinds: ['dyadic'] }), 500);
    expect(dyadics.every(isDyadic8)).toBe(true);
    const mixed = fc.sample(entryArbitrary(), 2000);
    const integers = mixed.filter(Number.isInteger).length;
    const general = mixed.filter((x) => !isDyadic8(x)).length;
    // Weights 3 : 3 : 2 ⇒ integers ≈ 3/8 + 3/8·7/49 ≈ 43%, non-dyadic ≈ 2/8 = 25%.
    expect(integers / mixed.length).toBeGreaterThan(0.35);
    expect(general / mixed.length).toBeGreaterThan(0.18);
    expect(general / mixed.length).toBeLessThan(0.32);
  });

  test('shrinking a nonzero entry that must stay nonzero ends at ±scale', () => {
    for (const scale of [1, 1 / 2]) {
      const arb = entryArbitrary({ scale });
      fc.assert(
        fc.property(arb, (x) => {
          fc.pre(x !== 0);
          expect(minimize(arb, x, (y) => y !== 0)).toBe(Math.sign(x) * scale);
        }),
      );
    }
  });

  test('shrinking finds the simplest failing value: rounds to coarser grids first', () => {
    const arb = entryArbitrary();
    expect(minimize(arb, Math.E, (y) => y > 0.3)).toBe(1);
    expect(minimize(arb, 0.33, (y) => y > 0.3 && y < 0.35)).toBe(5 / 16);
    expect(minimize(arb, -2.9, (y) => y < -2.5)).toBe(-3);
    expect(minimize(arb, 0.1234, (y) => y > 0 && y < 0.2)).toBe(1 / 8);
  });

  test('fast-check shrinks a failing entry to a simple one', () => {
    const r = fc.check(fc.property(entryArbitrary(), (x) => Math.abs(x) < 1.2));
    expect(r.failed).toBe(true);
    expect([2, -2]).toContain(r.counterexample?.[0]);
  });

  test('rejects bad constraints', () => {
    expect(() => entryArbitrary({ scale: 0 })).toThrow(RangeError);
    expect(() => entryArbitrary({ kinds: [] })).toThrow(RangeError);
    expect(ENTRY_KINDS).toEqual(['integer', 'dyadic', 'double']);
  });
});
