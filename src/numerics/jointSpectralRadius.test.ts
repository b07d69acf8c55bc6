import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propertyRuns } from '../testing/propertyRuns.js';
import { spectralRadius } from './eigenvalues.js';
import {
  boxVertices,
  forEachProduct,
  jsrBounds,
  jsrExtremeSet,
  jsrNormBound,
  maxProductNorms,
  productLength,
} from './jointSpectralRadius.js';
import { matmul, scaleColsInPlace } from './kernels.js';
import { fromRows, type Mat, mat } from './Mat.js';
import { spectralNorm } from './singularValues.js';

const PHI = (1 + Math.sqrt(5)) / 2;

/** {[[1, 1], [0, 1]], [[1, 0], [1, 1]]}: JSR φ, attained by (AB)^m; ‖A‖₂ = φ and ‖AB‖₂ = φ². */
const GOLDEN_PAIR = [
  fromRows([
    [1, 1],
    [0, 1],
  ]),
  fromRows([
    [1, 0],
    [1, 1],
  ]),
] as const;

/** Any doubles in [−2, 2], including exact zeros, subnormals and 1e-300-sized entries. */
const anyMatrix = (minN: number, maxN: number) =>
  fc
    .integer({ min: minN, max: maxN })
    .chain((n) =>
      fc
        .array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n * n, maxLength: n * n })
        .map((xs) => mat(n, n, Float64Array.from(xs))),
    );

/** Generic matrices: every entry ±[0.05, 2], so ρ is not tiny against ‖A‖ and is well conditioned. */
const genericMatrix = (minN: number, maxN: number) =>
  fc.integer({ min: minN, max: maxN }).chain((n) =>
    fc
      .array(
        fc
          .tuple(fc.boolean(), fc.double({ min: 0.05, max: 2, noNaN: true }))
          .map(([neg, x]) => (neg ? -x : x)),
        { minLength: n * n, maxLength: n * n },
      )
      .map((xs) => mat(n, n, Float64Array.from(xs))),
  );

/** γW, the member of jsrExtremeSet(W, γ) with every unit active (d = (γ, …, γ)), and B = ‖γW‖₂. */
function allActive(W: Mat, gamma: number): { full: Mat; B: number } {
  const full = mat(
    W.rows,
    W.cols,
    W.data.map((x) => x * gamma),
  );
  return { full, B: spectralNorm(full) };
}

/**
 * The float64 error of a lower bound: ρ(P) is computed with a backward error ≈ nε‖P‖, which moves
 * a tiny or defective ρ(P) by up to (nε‖P‖)^{1/k}, and the root ^{1/l} turns an error nε‖P‖ in a
 * ρ(P) near 0 into (nε)^{1/l}·B for ‖P‖ ≤ B^l. So beyond generic matrices only this is testable.
 */
function lowerBoundSlack(n: number, L: number, B: number): number {
  return (16 * n * Number.EPSILON) ** (1 / (L * n)) * B + SUBNORMAL_FLOOR;
}

/** Results in the subnormal range carry an absolute rounding of a few 2^−1074. */
const SUBNORMAL_FLOOR = 2 ** -1022;

describe('jsrBounds', () => {
  test('one generic matrix: lower = ρ(A) (Gelfand), upper ≥ ρ(A)', () => {
    fc.assert(
      fc.property(genericMatrix(1, 5), (a) => {
        const rho = spectralRadius(a);
        const b = jsrBounds([a], 8);
        expect(b.length).toBe(8);
        expect(b.products).toBe(8);
        // ρ(A^l)^{1/l} = ρ(A) exactly; computed, it carries the rounding of A^l relative to ‖A‖^l
        const tol = 1e-10 * spectralNorm(a);
        expect(Math.abs(b.lower - rho)).toBeLessThanOrEqual(tol);
        expect(b.upper).toBeGreaterThanOrEqual(rho - tol);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('one symmetric matrix: lower = upper = ρ(A) = ‖A‖₂', () => {
    fc.assert(
      fc.property(anyMatrix(1, 5), (a) => {
        const n = a.rows;
        const sym = mat(n, n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) sym.data[i * n + j] = a.data[i * n + j] + a.data[j * n + i];
        }
        const bs = jsrBounds([sym], 4);
        const rs = spectralRadius(sym);
        const tol = 1e-12 * spectralNorm(sym) + SUBNORMAL_FLOOR;
        expect(Math.abs(bs.upper - rs)).toBeLessThanOrEqual(tol);
        expect(Math.abs(bs.lower - rs)).toBeLessThanOrEqual(tol);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('one arbitrary matrix (zeros, subnormals, nilpotent parts): bounds consistent within the float64 slack', () => {
    fc.assert(
      fc.property(anyMatrix(1, 5), (a) => {
        const b = jsrBounds([a], 6);
        const B = spectralNorm(a);
        const slack = lowerBoundSlack(a.rows, 6, B);
        // length 1 is among the products (the same computation up to exact power-of-2 scalings)
        expect(b.lower).toBeGreaterThanOrEqual(spectralRadius(a) * (1 - 1e-15) - SUBNORMAL_FLOOR);
        expect(b.upper).toBeLessThanOrEqual(B * (1 + 1e-15) + SUBNORMAL_FLOOR);
        expect(b.lower).toBeLessThanOrEqual(b.upper + slack);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  test('{[[1,1],[0,1]], [[1,0],[1,1]]}: lower = upper = φ (JSR = golden ratio), upper non-increasing in L', () => {
    const [A, B] = GOLDEN_PAIR;
    // L = 14 (32 766 products, 1.1 s); 10 under `npm run mutate`, where every covering mutant reruns it
    const L = process.env.BPTT_MUTATION === '1' ? 10 : 14;
    const b = jsrBounds([A, B], L);
    expect(b.length).toBe(L);
    expect(b.products).toBe(2 ** (L + 1) - 2);
    expect(Math.abs(b.lower - PHI)).toBeLessThan(1e-13);
    // attained by (AB)^m, and ties between m are broken by rounding: only the parity is certain
    expect(b.lowerLength % 2).toBe(0);
    // AB = [[2,1],[1,1]] is symmetric, so ‖AB‖₂^{1/2} = ρ(AB)^{1/2} = φ too: both bounds are tight
    expect(Math.abs(b.upper - PHI)).toBeLessThan(1e-13);
    expect(jsrBounds([A, B], 1).upper).toBeCloseTo(PHI, 14); // ‖A‖₂ = φ as well
    let prevUpper = Number.POSITIVE_INFINITY;
    for (const l of [2, 4, 8, L]) {
      const bl = jsrBounds([A, B], l);
      expect(bl.upper).toBeLessThanOrEqual(prevUpper);
      prevUpper = bl.upper;
    }
  });

  test('upper triangular family: the JSR is the largest |diagonal entry|, and lower finds it', () => {
    const mats = [
      fromRows([
        [0.9, 5],
        [0, 0.3],
      ]),
      fromRows([
        [-0.2, -3],
        [0, 0.95],
      ]),
    ];
    const b = jsrBounds(mats, 10);
    expect(b.lower).toBeCloseTo(0.95, 14);
    expect(b.upper).toBeGreaterThan(0.95);
  });

  test('the work cap: L is the largest length with k^L ≤ maxProducts', () => {
    const set = jsrExtremeSet(
      fromRows([
        [0.5, -1, 0.2, 0],
        [0.3, 0.1, -0.7, 1],
        [1, 0, 0.4, -0.2],
        [0, 0.6, 0.1, 0.3],
      ]),
      1,
    );
    expect(set.length).toBe(16);
    const b = jsrBounds(set, 10, { maxProducts: 5000 });
    expect(b.length).toBe(3); // 16³ = 4096 ≤ 5000 < 16⁴
    expect(b.products).toBe(16 + 256 + 4096);
    expect(jsrBounds(set, 2, { maxProducts: 5000 }).length).toBe(2);
    expect(() => jsrBounds([], 3)).toThrow(RangeError);
    expect(() => jsrBounds(set, 0)).toThrow(RangeError);
    expect(() => jsrBounds(set, 3, { maxProducts: 10 })).toThrow(RangeError);
  });

  test('extreme set of W_R·diag(d), d ∈ {0, γ}ⁿ: ρ(γW) ≤ lower ≤ upper ≤ γ‖W‖₂, tighter with L', () => {
    fc.assert(
      fc.property(
        genericMatrix(2, 3),
        fc.double({ min: 0.1, max: 1.5, noNaN: true }),
        (W, gamma) => {
          const set = jsrExtremeSet(W, gamma);
          const b2 = jsrBounds(set, 2);
          const b4 = jsrBounds(set, 4);
          const { full, B } = allActive(W, gamma);
          // γW is in the set, and (math) ‖W·diag(d)‖ ≤ γ‖W‖: both hold exactly for the computed values
          expect(b4.lower).toBeGreaterThanOrEqual(spectralRadius(full));
          expect(b4.upper).toBeLessThanOrEqual(B * (1 + 1e-14));
          expect(b4.lower).toBeLessThanOrEqual(b4.upper + 1e-12 * B);
          expect(b4.lower).toBeGreaterThanOrEqual(b2.lower);
          expect(b4.upper).toBeLessThanOrEqual(b2.upper);
        },
      ),
      { numRuns: propertyRuns(40) },
    );
  });

  test('extreme set of an arbitrary W (zeros, subnormals): finite, ordered within the float64 slack', () => {
    fc.assert(
      fc.property(anyMatrix(2, 3), fc.double({ min: 0.1, max: 1.5, noNaN: true }), (W, gamma) => {
        const set = jsrExtremeSet(W, gamma);
        const b = jsrBounds(set, 3);
        const { full, B } = allActive(W, gamma);
        expect(Number.isFinite(b.lower) && Number.isFinite(b.upper)).toBe(true);
        expect(b.lower).toBeGreaterThanOrEqual(
          spectralRadius(full) * (1 - 1e-15) - SUBNORMAL_FLOOR,
        );
        expect(b.upper).toBeLessThanOrEqual(B * (1 + 1e-12) + SUBNORMAL_FLOOR);
        expect(b.lower).toBeLessThanOrEqual(b.upper + lowerBoundSlack(W.rows, 3, B));
      }),
      { numRuns: propertyRuns(40) },
    );
  });
});

describe('jsrExtremeSet', () => {
  test('mask bit j sets column j to γ·W[:, j], others to 0', () => {
    const W = fromRows([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    const set: Mat[] = jsrExtremeSet(W, 0.5);
    expect(set.length).toBe(8);
    expect(Array.from(set[0].data).every((x) => x === 0)).toBe(true);
    expect(Array.from(set[7].data)).toEqual(Array.from(W.data, (x) => 0.5 * x));
    // mask 0b101: columns 0 and 2
    expect(Array.from(set[5].data)).toEqual([0.5, 0, 1.5, 2, 0, 3, 3.5, 0, 4.5]);
    expect(W.data[0]).toBe(1); // W untouched
    expect(() => jsrExtremeSet(mat(2, 3), 1)).toThrow(RangeError);
    expect(() => jsrExtremeSet(mat(13, 13), 1)).toThrow(RangeError);
  });
});

describe('products of a set', () => {
  test('productLength: the largest L ≤ maxLength with k^L ≤ maxProducts, at least 1', () => {
    expect(productLength(16, 8, 256)).toBe(2);
    expect(productLength(2, 8, 256)).toBe(8);
    expect(productLength(8, 8, 256)).toBe(2);
    expect(productLength(32, 8, 256)).toBe(1);
    expect(productLength(300, 8, 256)).toBe(1);
    expect(productLength(1, 5, 1)).toBe(5);
    expect(productLength(2, 3, 8)).toBe(3);
    expect(productLength(2, 3, 7)).toBe(2);
  });

  test('forEachProduct visits every word once, parents before children, A_i on the left', () => {
    // words as strings: extend prepends the new letter, so "ba" is A_b·A_a
    const seen: [string, number][] = [];
    forEachProduct(
      3,
      2,
      '',
      (P, i, depth) => {
        expect(depth).toBe(P.length + 1);
        return 'abc'[i] + P;
      },
      (P, depth) => seen.push([P, depth]),
    );
    expect(seen.map(([w]) => w)).toEqual([
      '',
      'a',
      'aa',
      'ba',
      'ca',
      'b',
      'ab',
      'bb',
      'cb',
      'c',
      'ac',
      'bc',
      'cc',
    ]);
    expect(seen.every(([w, d]) => w.length === d)).toBe(true);
  });

  test('boxVertices: bit j of the index sets coordinate j to γ', () => {
    expect(boxVertices(2, 5, 0)).toEqual([
      [0, 0],
      [5, 0],
      [0, 5],
      [5, 5],
    ]);
    expect(boxVertices(0, 'g', 'z')).toEqual([[]]);
  });

  test('maxProductNorms of the extreme set: B_0 = 1, B_1 = γ‖W‖₂, B_l ≤ B_1^l, every product ≤ B_l', () => {
    fc.assert(
      fc.property(anyMatrix(1, 3), (W) => {
        const B = maxProductNorms(jsrExtremeSet(W, 0.25), 3);
        expect(B).toHaveLength(4);
        expect(B[0]).toBe(1);
        expect(B[1]).toBeCloseTo(0.25 * spectralNorm(W), 12);
        for (let l = 2; l <= 3; l++)
          expect(B[l]).toBeLessThanOrEqual(B[1] ** l * (1 + 1e-12) + 1e-300);
        // every product of the 2ⁿ extreme matrices is bounded by B_l: spot-check d = γ·1
        const J = scaleColsInPlace(
          mat(W.rows, W.cols, W.data.slice()),
          new Float64Array(W.rows).fill(0.25),
        );
        expect(spectralNorm(matmul(J, J))).toBeLessThanOrEqual(B[2] * (1 + 1e-12) + 1e-300);
      }),
      { numRuns: propertyRuns(50) },
    );
  });

  test('maxProductNorms is the largest norm over all products of each length', () => {
    const [A, B] = GOLDEN_PAIR;
    const b = maxProductNorms([A, B], 2);
    expect(b[1]).toBeCloseTo(PHI, 14);
    // AB = [[2, 1], [1, 1]] has ‖·‖₂ = φ², the largest of AA, AB, BA, BB
    expect(b[2]).toBeCloseTo(PHI * PHI, 13);
    expect(b[2]).toBeGreaterThanOrEqual(spectralNorm(matmul(A, A)));
  });

  test('jsrNormBound: L* is the first length minimizing B_l^{1/l} and ρ̂ = B_{L*}^{1/L*}', () => {
    fc.assert(
      fc.property(genericMatrix(1, 3), fc.double({ min: 0.1, max: 1.5, noNaN: true }), (W, g) => {
        const set = jsrExtremeSet(W, g);
        const r = jsrNormBound(set, 8, 256);
        const L = productLength(set.length, 8, 256);
        expect(r.B).toEqual(maxProductNorms(set, L));
        const roots = r.B.slice(1).map((x, i) => x ** (1 / (i + 1)));
        expect(r.rhoHat).toBe(Math.min(...roots));
        expect(r.Lstar).toBe(roots.indexOf(r.rhoHat) + 1);
        expect(r.rhoHat).toBe(r.B[r.Lstar] ** (1 / r.Lstar));
        // the same quantity as jsrBounds' upper, up to its power-of-two rescaling
        expect(r.rhoHat).toBeCloseTo(jsrBounds(set, 8, { maxProducts: 256 }).upper, 12);
      }),
      { numRuns: propertyRuns(40) },
    );
  });
});
