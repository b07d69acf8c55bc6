import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  buildMatrix,
  denseScale,
  MATRIX_FAMILIES,
  type MatrixFamily,
  matrixArbitrary,
} from './matrixArbitrary.js';
import { GAINS, matrixSeedArbitrary } from './matrixSeedArbitrary.js';

type Rows = number[][];

function mul(a: Rows, b: Rows): Rows {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
}
const tr = (a: Rows): Rows => a[0].map((_, j) => a.map((row) => row[j]));
const maxAbs = (a: Rows) => Math.max(0, ...a.flat().map(Math.abs));
const maxDiff = (a: Rows, b: Rows) =>
  Math.max(0, ...a.flat().map((x, i) => Math.abs(x - b.flat()[i])));

const isSquare = (a: Rows) => a.every((row) => row.length === a.length);
const cleanEntries = (a: Rows) => a.flat().every((x) => Number.isFinite(x) && !Object.is(x, -0));

/** The structure each family promises, as a predicate on one matrix. */
const STRUCTURE: Record<MatrixFamily, (a: Rows) => boolean> = {
  zero: (a) => maxAbs(a) === 0,
  diagonal: (a) => a.every((row, i) => row.every((x, j) => i === j || x === 0)),
  dense: (a) => maxAbs(a) <= 3 * denseScale(a.length),
  symmetric: (a) => maxDiff(a, tr(a)) === 0,
  triangular: (a) => a.every((row, i) => row.every((x, j) => j >= i || x === 0)),
  nilpotent: (a) => {
    // Aⁿ = 0 exactly: every product term contains a structural zero.
    let p = a;
    for (let k = 1; k < a.length; k++) p = mul(p, a);
    return maxAbs(p) === 0;
  },
  scaledOrthogonal: (a) => {
    // AᵀA = c²·I with c one of GAINS, up to the rounding of the rotation entries.
    const ata = mul(tr(a), a);
    const c2 = ata[0][0];
    const id = a.map((row, i) => row.map((_, j) => (i === j ? c2 : 0)));
    return GAINS.some((c) => Math.abs(c * c - c2) <= 1e-14 * c2) && maxDiff(ata, id) <= 1e-14 * c2;
  },
  normal: (a) => maxDiff(mul(a, tr(a)), mul(tr(a), a)) <= 1e-14 * (1 + maxAbs(a) ** 2),
};

describe('matrixArbitrary', () => {
  test.each(MATRIX_FAMILIES)('%s: n×n, finite, no −0, and the family structure', (family) => {
    for (const n of [1, 2, 3, 5, 8]) {
      fc.assert(
        fc.property(
          matrixArbitrary({ n, families: [family] }),
          (g) =>
            g.family === family &&
            g.rows.length === n &&
            isSquare(g.rows) &&
            cleanEntries(g.rows) &&
            STRUCTURE[family](g.rows),
        ),
        { numRuns: 200 },
      );
    }
  });

  test('normal and triangular are non-normal / non-symmetric as intended, often', () => {
    const normals = fc.sample(matrixArbitrary({ n: 4, families: ['normal'] }), 200);
    const nonSymmetric = normals.filter((g) => maxDiff(g.rows, tr(g.rows)) > 0).length;
    expect(nonSymmetric).toBeGreaterThan(150);
    // Departure from normality ‖AAᵀ − AᵀA‖ of triangular matrices dwarfs their diagonal (spectrum).
    const tris = fc.sample(matrixArbitrary({ n: 4, families: ['triangular'] }), 200);
    const strong = tris.filter((g) => {
      const spectrum = Math.max(...g.rows.map((row, i) => Math.abs(row[i])));
      return maxDiff(mul(g.rows, tr(g.rows)), mul(tr(g.rows), g.rows)) > 10 * (1 + spectrum) ** 2;
    }).length;
    expect(strong).toBeGreaterThan(150);
  });

  test('a seed drawn at a larger size builds the same dense/triangular leading blocks', () => {
    fc.assert(
      fc.property(matrixSeedArbitrary({ size: 6 }), fc.integer({ min: 1, max: 6 }), (seed, n) => {
        const full = buildMatrix('triangular', seed, 6);
        expect(buildMatrix('triangular', seed, n)).toEqual(
          full.slice(0, n).map((r) => r.slice(0, n)),
        );
        const s = denseScale(n);
        const expected = Array.from({ length: n }, (_, i) =>
          Array.from({ length: n }, (_, j) => s * seed.entries[i * 6 + j] + 0),
        );
        expect(buildMatrix('dense', seed, n)).toEqual(expected);
      }),
    );
  });

  test('shrinks to a dense matrix with one simple off-diagonal entry', () => {
    const offDiagonal = (a: Rows) => a.some((row, i) => row.some((x, j) => i !== j && x !== 0));
    const r = fc.check(fc.property(matrixArbitrary({ n: 3 }), (g) => !offDiagonal(g.rows)));
    expect(r.failed).toBe(true);
    const g = r.counterexample![0];
    expect(g.family).toBe('dense');
    const nonzero = g.rows.flat().filter((x) => x !== 0);
    expect(nonzero.map(Math.abs)).toEqual([denseScale(3)]);
  });

  test('rejects bad constraints', () => {
    expect(() => matrixArbitrary({ n: 0 })).toThrow(RangeError);
    expect(() => matrixArbitrary({ n: 2, families: [] })).toThrow(RangeError);
    expect(() => matrixArbitrary({ n: 2, families: ['hermitian' as MatrixFamily] })).toThrow(
      RangeError,
    );
  });
});
