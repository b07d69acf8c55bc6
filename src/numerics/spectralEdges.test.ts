import { describe, expect, test } from 'vitest';
import { jsrBounds, jsrExtremeSet } from './jointSpectralRadius.js';
import { lyapunovSpectrum, topLyapunovExponent } from './lyapunov.js';
import { fromRows, identity, mat } from './Mat.js';
import { singularValues, smallestSingularValue, spectralNorm } from './singularValues.js';

const scalar = (c: number) => fromRows([[c]]);

describe('Lyapunov exponents: summation and the edges', () => {
  test('one log of 700 then 10⁵ logs of 1e-12: the compensated mean is exact to ε, naive is not', () => {
    const T = 100_000;
    const chain = [scalar(Math.exp(700)), ...Array.from({ length: T }, () => scalar(1 + 1e-12))];
    // The float64 1 + 1e-12 is 1 + 1.000088900582341e-12: its log, not log1p(1e-12).
    const step = Math.log(1 + 1e-12);
    // The exact mean of the float64 logs, summed at twice the precision by hand: 700 + T·step.
    const want = (Math.log(Math.exp(700)) + T * step) / (T + 1);
    let naive = 0;
    for (const J of chain) naive += Math.log(J.data[0]);
    naive /= T + 1;
    const got = topLyapunovExponent(chain, { v0: Float64Array.of(1) });
    expect(Math.abs(got - want)).toBeLessThan(1e-17);
    expect(Math.abs(naive - want)).toBeGreaterThan(1e-16);
    expect(lyapunovSpectrum(chain, 1, { v0: Float64Array.of(1) })[0]).toBeCloseTo(got, 17);
  });

  test('−∞ is absorbing: a zero step makes the exponent −∞, never NaN, wherever it falls', () => {
    for (const chain of [
      [scalar(0), scalar(2)],
      [scalar(2), scalar(0), scalar(3)],
    ]) {
      expect(topLyapunovExponent(chain)).toBe(Number.NEGATIVE_INFINITY);
      expect(lyapunovSpectrum(chain, 1)[0]).toBe(Number.NEGATIVE_INFINITY);
    }
    const spec = lyapunovSpectrum(
      [
        fromRows([
          [2, 0],
          [0, 0],
        ]),
        identity(2),
      ],
      2,
      { v0: Float64Array.of(1, 0) },
    );
    expect(spec[0]).toBeCloseTo(Math.LN2 / 2, 14);
    expect(spec[1]).toBe(Number.NEGATIVE_INFINITY);
  });

  test('v₀ is normalized first: the estimate does not depend on its length', () => {
    const chain = [
      fromRows([
        [1.5, 0.25],
        [-0.5, 0.75],
      ]),
      fromRows([
        [0.5, 1],
        [1, -0.25],
      ]),
    ];
    const a = topLyapunovExponent(chain, { v0: Float64Array.of(3, 4) });
    const b = topLyapunovExponent(chain, { v0: Float64Array.of(0.3, 0.4) });
    expect(a).toBeCloseTo(b, 15);
    // direct: (1/2)·log(‖J₂J₁v̂‖) with v̂ = (0.6, 0.8)
    const v1 = [1.5 * 0.6 + 0.25 * 0.8, -0.5 * 0.6 + 0.75 * 0.8];
    const v2 = [0.5 * v1[0] + 1 * v1[1], 1 * v1[0] - 0.25 * v1[1]];
    expect(a).toBeCloseTo(Math.log(Math.hypot(v2[0], v2[1])) / 2, 14);
  });

  test('shapes: Jacobians of different sizes, a non-square one or a v₀ of the wrong length throw', () => {
    expect(() => topLyapunovExponent([identity(2), identity(3)])).toThrow(RangeError);
    expect(() => topLyapunovExponent([mat(2, 3)])).toThrow(RangeError);
    expect(() => lyapunovSpectrum([identity(2), mat(3, 2)], 1)).toThrow(RangeError);
    expect(() => topLyapunovExponent([identity(2)], { v0: Float64Array.of(1, 0, 0) })).toThrow(
      /v0 has 3/,
    );
    expect(() => lyapunovSpectrum([identity(2)], 3)).toThrow(RangeError);
  });
});

describe('singular values and the JSR at their edges', () => {
  test('wide and tall agree (σ(A) = σ(Aᵀ)); empty and square-zero cases', () => {
    const wide = fromRows([[3, 0, 4]]);
    expect(Array.from(singularValues(wide))).toEqual([5]);
    expect(Array.from(singularValues(fromRows([[3], [0], [4]])))).toEqual([5]);
    const sq = fromRows([
      [2, 0],
      [0, 3],
    ]);
    expect(Array.from(singularValues(sq))).toEqual([3, 2]);
    expect(spectralNorm(mat(0, 3))).toBe(0);
    expect(smallestSingularValue(mat(3, 0))).toBe(0);
    expect(smallestSingularValue(sq)).toBe(2);
    expect(Array.from(singularValues(mat(2, 2)))).toEqual([0, 0]);
  });

  test('jsrBounds rejects sets of mixed or non-square shapes; the extreme set needs a square W_R, n ≤ 12', () => {
    // (the messages are checked: a product of mismatched shapes would throw a RangeError anyway)
    expect(() => jsrBounds([identity(2), identity(3)], 2)).toThrow(/must be square, same size/);
    expect(() => jsrBounds([identity(2), mat(2, 3)], 2)).toThrow(/must be square, same size/);
    expect(() => jsrBounds([mat(2, 3)], 2)).toThrow(/must be square, same size/);
    expect(() => jsrBounds([identity(2), identity(2), identity(2)], 2, { maxProducts: 2 })).toThrow(
      /3 matrices exceed maxProducts 2/,
    );
    // k = maxProducts is allowed (L = 1)
    expect(jsrBounds([identity(2), identity(2)], 5, { maxProducts: 2 }).length).toBe(1);
    expect(() => jsrExtremeSet(mat(2, 3), 1)).toThrow(/not square/);
    expect(() => jsrExtremeSet(identity(13), 1)).toThrow(/n ≤ 12/);
    expect(jsrExtremeSet(identity(12), 1)).toHaveLength(4096);
    // d ∈ {0, γ}ⁿ by the bits of the index: index 2 keeps column 1 only.
    expect(
      Array.from(
        jsrExtremeSet(
          fromRows([
            [1, 2],
            [3, 4],
          ]),
          0.5,
        )[2].data,
      ),
    ).toEqual([0, 1, 0, 2]);
  });

  test('one matrix: the JSR is its spectral radius, found at every length', () => {
    const b = jsrBounds(
      [
        fromRows([
          [0.5, 1],
          [0, 0.25],
        ]),
      ],
      8,
    );
    expect(b.lower).toBeCloseTo(0.5, 14);
    expect(b.upper).toBeGreaterThanOrEqual(b.lower);
    expect(b.length).toBe(8);
  });

  test('ties go to the shortest length: diag(2, 1) has ρ(A^l)^{1/l} = ‖A^l‖^{1/l} = 2 exactly for every l', () => {
    // the power-of-2 bookkeeping makes every root exactly 2, so lower and upper are attained at
    // all lengths; the reported lengths are the first
    const b = jsrBounds(
      [
        fromRows([
          [2, 0],
          [0, 1],
        ]),
      ],
      6,
    );
    expect([b.lower, b.upper, b.lowerLength, b.upperLength, b.length]).toEqual([2, 2, 1, 1, 6]);
    // k^(L+1) = maxProducts exactly still extends L: 2³ = 8 ≤ 8
    const pair = [
      fromRows([
        [1, 0],
        [0, 0.5],
      ]),
      fromRows([
        [0.5, 0],
        [0, 1],
      ]),
    ];
    expect(jsrBounds(pair, 10, { maxProducts: 8 }).length).toBe(3);
    expect(jsrBounds(pair, 10, { maxProducts: 7 }).length).toBe(2);
    // a zero matrix in the set: its root is 0, never NaN, at any scale of the others
    const z = jsrBounds(
      [
        mat(2, 2),
        fromRows([
          [1e300, 0],
          [0, 0],
        ]),
      ],
      3,
    );
    expect(z.lower / 1e300).toBeCloseTo(1, 14);
    expect(Number.isNaN(z.upper)).toBe(false);
  });
});
