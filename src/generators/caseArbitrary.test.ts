import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Case, validateCase } from '../model/caseFile.js';
import { printStatistics } from '../testing/statistics.js';
import { caseArbitrary, type GeneratedCase } from './caseArbitrary.js';

const allEntries = (c: Case) => [c.W_R, c.W_I, [c.b_R], c.W_O, [c.b_O], [c.h_0], c.xs].flat(2);

/** In {−3, …, 3} or a dyadic k/2^j with j ≤ 3 (this includes all integers). */
const isSimple = (x: number) =>
  (Number.isInteger(x) && Math.abs(x) <= 3) || Number.isInteger(x * 8);

const offDiagonal = (w: number[][]) => w.some((row, i) => row.some((x, j) => i !== j && x !== 0));

describe('caseArbitrary', () => {
  test('every case passes validateCase, survives a JSON round trip and respects the default sizes', () => {
    fc.assert(
      fc.property(caseArbitrary(), (g) => {
        const c = g.case;
        expect(validateCase(JSON.parse(JSON.stringify(c)))).toEqual(c);
        const [n, T, d, m] = [c.W_R.length, c.xs.length, c.W_I[0].length, c.W_O.length];
        return n >= 1 && n <= 8 && T >= 1 && T <= 20 && d >= 1 && d <= 3 && m >= 2 && m <= 4;
      }),
      { numRuns: 3000 },
    );
  });

  test('custom sizes and restricted lists are respected', () => {
    const arb = caseArbitrary({
      minN: 3,
      maxN: 3,
      minT: 5,
      maxT: 6,
      minD: 2,
      maxD: 2,
      minM: 5,
      maxM: 7,
      activations: ['relu'],
      families: ['zero', 'diagonal'],
      biasModes: ['zero'],
      initialStates: ['large'],
      kinds: ['integer'],
    });
    fc.assert(
      fc.property(arb, (g) => {
        const c = validateCase(g.case);
        expect([c.W_R.length, c.W_I[0].length]).toEqual([3, 2]);
        expect(c.xs.length === 5 || c.xs.length === 6).toBe(true);
        expect(c.W_O.length >= 5 && c.W_O.length <= 7).toBe(true);
        expect(c.activation).toBe('relu');
        expect(['zero', 'diagonal']).toContain(g.family);
        expect([...c.b_R, ...c.b_O].every((x) => x === 0)).toBe(true);
        expect(
          c.h_0.every((x) => Number.isInteger(x) && Math.abs(x) >= 5 && Math.abs(x) <= 30),
        ).toBe(true);
        // kinds: ['integer'] with the power-of-two scales ⇒ every entry a multiple of 1/2.
        expect(allEntries(c).every((x) => Number.isInteger(2 * x))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test('the modes do what they say', () => {
    const samples = fc.sample(caseArbitrary(), 3000);
    const by = (f: (g: GeneratedCase) => boolean) => samples.filter(f);
    for (const g of by((g) => g.biasMode === 'zero')) {
      expect([...g.case.b_R, ...g.case.b_O].every((x) => x === 0)).toBe(true);
    }
    for (const g of by((g) => g.initialState === 'zero'))
      expect(g.case.h_0.every((x) => x === 0)).toBe(true);
    for (const g of by((g) => g.initialState === 'large')) {
      expect(
        g.case.h_0.every((x) => Number.isInteger(x) && Math.abs(x) >= 5 && Math.abs(x) <= 30),
      ).toBe(true);
    }
    for (const g of by((g) => g.initialState === 'random')) {
      expect(g.case.h_0.every((x) => Math.abs(x) <= 3 / 4)).toBe(true);
    }
    for (const g of by((g) => g.biasMode === 'small')) {
      expect(g.case.b_R.every((x) => Math.abs(x) <= 3 / 4)).toBe(true);
    }
    // Saturating: the first pre-activation from h_0 = 0, W_I·x_1 + b_R, is large (≥ 5) in most cases.
    const saturating = by((g) => g.biasMode === 'saturating');
    const large = saturating.filter(({ case: c }) => {
      const a = c.b_R.map((b, i) => b + c.W_I[i].reduce((s, w, j) => s + w * c.xs[0][j], 0));
      return Math.max(...a.map(Math.abs)) >= 5;
    });
    printStatistics(
      `saturating cases with max|W_I·x_1 + b_R| ≥ 5: ${large.length} of ${saturating.length}`,
    );
    expect(large.length / saturating.length).toBeGreaterThan(0.8);
  });

  test('classes are spread over 0…m−1', () => {
    const counts = [0, 0, 0, 0];
    for (const g of fc.sample(caseArbitrary({ minM: 4, maxM: 4 }), 500))
      for (const y of g.case.ys) counts[y]++;
    const total = counts.reduce((a, b) => a + b, 0);
    for (const c of counts) expect(c / total).toBeGreaterThan(0.15);
  });

  test.each([1, 2, 3, 4, 5, 20190701])(
    'shrinking ends in the smallest case: n = 2, T = 3, simple entries (seed %i)',
    (seed) => {
      // Fails exactly when n ≥ 2, T ≥ 3 and W_R has a nonzero off-diagonal entry.
      const r = fc.check(
        fc.property(
          caseArbitrary(),
          ({ case: c }) => !(c.W_R.length >= 2 && c.xs.length >= 3 && offDiagonal(c.W_R)),
        ),
        { seed },
      );
      expect(r.failed).toBe(true);
      const g = r.counterexample![0];
      const c = g.case;
      printStatistics(`seed ${seed}: ${r.numShrinks} shrinks → ${JSON.stringify(g)}`);
      expect(c.W_R.length).toBe(2);
      expect(c.xs.length).toBe(3);
      expect(allEntries(c).every(isSimple)).toBe(true);
      // Nothing the failure does not need survives: nonzeros only off the diagonal of W_R, d = 1, m = 2.
      const { W_R, ...rest } = c;
      expect(allEntries({ ...rest, W_R: [[0]] }).every((x) => x === 0)).toBe(true);
      expect(W_R[0][0] === 0 && W_R[1][1] === 0).toBe(true);
      expect([c.W_I[0].length, c.W_O.length]).toEqual([1, 2]);
    },
  );

  test('rejects bad constraints', () => {
    expect(() => caseArbitrary({ minN: 0 })).toThrow(RangeError);
    expect(() => caseArbitrary({ minT: 4, maxT: 3 })).toThrow(RangeError);
    expect(() => caseArbitrary({ maxN: 513 })).toThrow(RangeError);
    expect(() => caseArbitrary({ families: [] })).toThrow(RangeError);
    expect(() => caseArbitrary({ biasModes: ['huge' as 'zero'] })).toThrow(RangeError);
  });
});
