import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { productBoundArbitrary } from '../../generators/explodingArbitrary.js';
import { lemma3Arbitrary, lemma3Case } from '../../generators/lemma3Arbitrary.js';
import type { Case } from '../../model/caseFile.js';
import { lemma3Check, lemma3Recheck, productBoundCheck, productBoundRecheck } from './lemma3.js';

// The Jordan-like block of the lemma's counterexample: eigenvalue 1 twice, s_min = √5 − 2.
const A = [
  [1, 4],
  [0, 1],
];

describe('Lemma 3', () => {
  test('A = [[1, 4], [0, 1]] (λ* = 1, s_min ≈ 0.236) with B = v vᵀ along its weak direction: certified exactly', () => {
    // v ≈ (0.973, −0.230): A v ≈ 0.236·u.
    const v = [0.97265625, -0.23046875];
    const B = v.map((x) => v.map((y) => x * y));
    const input = { case: lemma3Case(A, B), params: {} };
    expect(lemma3Check(input, false).status).toBe('violated');
    const hp = lemma3Recheck(input, false);
    expect(hp.violated).toBe(true);
    expect((hp.certificate as { valid: boolean }).valid).toBe(true);
  });

  test('a singular A (λ* = 0 exactly, ≈ 1e-16 in float64) is no violation', () => {
    const input = {
      case: lemma3Case(
        [
          [0, 0, 0],
          [-0.5, 0, -1],
          [-1, 0, 0],
        ],
        [
          [0, 0, 0],
          [0, -0.25, 0],
          [0, 0, 0],
        ],
      ),
      params: {},
    };
    expect(lemma3Check(input, false).status).toBe('pass');
  });

  test('diagonal A: never violated on the targeted climb (it maximises λ*‖B‖/‖AB‖)', () => {
    for (const x of fc.sample(lemma3Arbitrary(true), { seed: 3, numRuns: 200 })) {
      const o = lemma3Check(x, true);
      expect(o.status).toBe('pass');
      if (o.status === 'pass') expect(o.closeness).toBeLessThanOrEqual(1 + 1e-12);
    }
  });

  test('a normal A satisfies it: diag(2, −3) rotated has λ* = s_min = 2', () => {
    const R = [
      [0.6, -0.8],
      [0.8, 0.6],
    ];
    // A = R·diag(2, 3)·Rᵀ is symmetric with eigenvalues 2, 3.
    const An = [
      [0.6 * 0.6 * 2 + 0.8 * 0.8 * 3, 0.6 * 0.8 * 2 - 0.8 * 0.6 * 3],
      [0.6 * 0.8 * 2 - 0.8 * 0.6 * 3, 0.8 * 0.8 * 2 + 0.6 * 0.6 * 3],
    ];
    const input = { case: lemma3Case(An, R), params: {} };
    expect(lemma3Check(input, false).status).toBe('pass');
  });

  // Two rotation blocks coupled by ±ε: skew-symmetric, hence normal, with λ* = s_min = ω₋ =
  // √(1 + ε²/4) − ε/2, so Lemma 3 holds. The eigenvalue iteration used to give up for ε ≤ 1e-9 and
  // the case was skipped; it is judged now.
  test('A = two rotation blocks coupled by ε = 1e-15 … 1e-6 (normal): judged, and it holds', () => {
    const B = [
      [1, 0.5, 0, -0.25],
      [0, 1, 0.75, 0],
      [-0.5, 0, 1, 0.125],
      [0.25, 0, 0, 1],
    ];
    for (const eps of [1e-15, 1e-12, 1e-10, 1e-9, 1e-6]) {
      const coupled = [
        [0, 1, 0, 0],
        [-1, 0, eps, 0],
        [0, -eps, 0, 1],
        [0, 0, -1, 0],
      ];
      const o = lemma3Check({ case: lemma3Case(coupled, B), params: {} }, false);
      expect(o.status, `ε = ${eps}`).toBe('pass');
    }
  });

  test('an A whose eigenvalues overflow float64 is not judged (a numerical skip), not outside the hypothesis', () => {
    const big = 1.7e308;
    const o = lemma3Check(
      {
        case: lemma3Case(
          [
            [big, big],
            [big, big],
          ],
          [
            [1, 0],
            [0, 1],
          ],
        ),
        params: {},
      },
      false,
    );
    expect(o).toEqual({
      status: 'skip',
      reason: 'the eigenvalues of A did not converge',
      numerical: true,
    });
  });
});

describe("Proof 4's product bound", () => {
  const base: Case = {
    activation: 'identity',
    W_R: [
      [0, 1],
      [0, 0],
    ],
    W_I: [[0], [0]],
    b_R: [0, 0],
    W_O: [[0, 0]],
    b_O: [0],
    h_0: [0, 0],
    xs: [[0], [0]],
    ys: [0, 0],
  };

  test('σ = id, nilpotent W_R: ‖W_R²‖ = 0 < ‖W_R‖² = 1, certified exactly', () => {
    const input = { case: base, params: { t: 2, k: 0 } };
    expect(productBoundCheck(input, 'norm').status).toBe('violated');
    const hp = productBoundRecheck(input, 'norm');
    expect(hp.violated).toBe(true);
    expect((hp.certificate as { valid: boolean }).valid).toBe(true);
  });

  test('the s_min version is an equality for σ = id and a scaled rotation', () => {
    const c: Case = {
      ...base,
      W_R: [
        [1.2, -1.6],
        [1.6, 1.2],
      ],
    };
    const input = { case: c, params: { t: 2, k: 0 } };
    const o = productBoundCheck(input, 'smin');
    expect(o.status).toBe('pass');
    expect(productBoundRecheck(input, 'smin').violated).toBe(false);
  });

  test('the s_min version holds on the targeted climb, and tanh goes through the 60-digit re-check', () => {
    for (const x of fc.sample(productBoundArbitrary('smin'), { seed: 5, numRuns: 150 })) {
      expect(productBoundCheck(x, 'smin').status).not.toBe('violated');
    }
    const c: Case = {
      ...base,
      activation: 'tanh',
      W_R: [
        [0.5, 2],
        [0, 0.5],
      ],
      b_R: [0.25, -0.125],
      h_0: [0.5, -0.5],
    };
    expect(productBoundRecheck({ case: c, params: { t: 2, k: 0 } }, 'smin').violated).toBe(false);
    expect(productBoundRecheck({ case: c, params: { t: 2, k: 0 } }, 'norm').violated).toBe(true);
  });
});

/** A rational 'p/q' or 'p' as a pair of bigints. */
function ratio(s: string): [bigint, bigint] {
  const [p, q = '1'] = s.split('/');
  return [BigInt(p), BigInt(q)];
}

describe('Lemma 3 re-check, by its values', () => {
  test('the certificate: X = L²·R_B exactly, and the sides shown are ‖AB‖₂ and L·‖B‖₂', () => {
    const v = [0.97265625, -0.23046875];
    const B = v.map((x) => v.map((y) => x * y));
    const hp = lemma3Recheck({ case: lemma3Case(A, B), params: {} }, false);
    const cert = hp.certificate as Record<string, string | boolean>;
    const [lp, lq] = ratio(cert.L as string);
    const [rp, rq] = ratio(cert.normBSqLowerBound as string);
    const [xp, xq] = ratio(cert.normABSqUpperBound as string);
    expect(xp * lq * lq * rq).toBe(lp * lp * rp * xq);
    // L < λ* = 1 and close to it; ‖B‖₂ = ‖v‖² for B = v vᵀ
    const L = Number(lp) / Number(lq);
    expect(L).toBeLessThan(1);
    expect(L).toBeGreaterThan(0.99);
    const normB = v[0] ** 2 + v[1] ** 2;
    expect(Number(hp.claimed[0][0])).toBeCloseTo(L * normB, 12);
    // ‖AB‖₂ = ‖Av‖·‖v‖
    const Av = [v[0] + 4 * v[1], v[1]];
    const lhs = Math.hypot(...Av) * Math.hypot(...v);
    expect(Number(hp.actual[0][0])).toBeCloseTo(lhs, 12);
    // scaled by the larger side (no magnitude is passed here)
    expect(Number(hp.relError)).toBeCloseTo((L * normB - lhs) / (L * normB), 10);
  });

  test('a normal A: X > 0 but ‖AB‖₂² ≥ X, so nothing is certified', () => {
    const hp = lemma3Recheck(
      {
        case: lemma3Case(
          [
            [2, 0],
            [0, 3],
          ],
          [
            [1, 0],
            [0, 1],
          ],
        ),
        params: {},
      },
      false,
    );
    expect(hp.violated).toBe(false);
    expect((hp.certificate as { valid: boolean }).valid).toBe(false);
  });

  test('no certified lower bound of λ*(A): a singular A, or eigenvalues that do not converge', () => {
    for (const a of [
      [
        [0, 0, 0],
        [-0.5, 0, -1],
        [-1, 0, 0],
      ],
      [
        [1.7e308, 1.7e308, 0],
        [1.7e308, 1.7e308, 0],
        [0, 0, 1],
      ],
    ]) {
      const hp = lemma3Recheck(
        {
          case: lemma3Case(a, [
            [0, 0, 0],
            [0, -0.25, 0],
            [0, 0, 0],
          ]),
          params: {},
        },
        false,
      );
      expect(hp.violated).toBe(false);
      expect(hp.certificate).toEqual({ valid: false, why: 'no certified lower bound of λ*(A)' });
      expect(hp.claimed).toEqual([['0']]);
    }
  });

  test('diagonal A = diag(3, 2, 5), B = I: λ* = 2 (neither the first nor the last entry), ‖AB‖₂ = 5', () => {
    const I = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const hp = lemma3Recheck(
      {
        case: lemma3Case(
          [
            [3, 0, 0],
            [0, 2, 0],
            [0, 0, 5],
          ],
          I,
        ),
        params: {},
      },
      true,
    );
    expect(hp.violated).toBe(false);
    expect(hp.claimed).toEqual([['2']]);
    expect(hp.actual).toEqual([['5']]);
    expect(hp.absError).toBe('3');
    // scale = max(‖AB‖, λ*‖B‖, ‖A‖‖B‖) = 5
    expect(hp.relError).toBe('0.6');
  });

  test('B = W_O not square: skipped', () => {
    const c = lemma3Case(
      [
        [1, 0],
        [0, 1],
      ],
      [[1, 0]],
    );
    expect(lemma3Check({ case: c, params: {} }, false)).toEqual({
      status: 'skip',
      reason: 'B = W_O is not square (m ≠ n)',
    });
  });
});

describe("Proof 4's product bound re-check, by its values", () => {
  // leaky_relu, W_R = [[0, 2], [0, 0]], h_0 = (−1, 1), b_R = (1/2, −1/2): σ′(h_0) = (1/64, 1),
  // h_1 = (2 + 1/2, −1/2), σ′(h_1) = (1, 1/64); J_2J_1 = 0 (W_R² = 0 through any diagonal).
  const c: Case = {
    activation: 'leaky_relu',
    W_R: [
      [0, 2],
      [0, 0],
    ],
    W_I: [[0], [0]],
    b_R: [0.5, -0.5],
    W_O: [[0, 0]],
    b_O: [0],
    h_0: [-1, 1],
    xs: [[0], [0]],
    ys: [0, 0],
  };

  test('t = 2, k = 0: Π λ* = 1/64², R_W = 4, X = (1/4096)²·4² exactly; rhs = 4/4096, relative to Π ‖W_R‖·max σ′ = 4', () => {
    const hp = productBoundRecheck({ case: c, params: { t: 2, k: 0 } }, 'norm');
    expect(hp.violated).toBe(true);
    expect(hp.certificate).toMatchObject({
      valid: true,
      lambdaStarProduct: '1/4096',
      normWRSqLowerBound: '4',
      X: '1/1048576',
    });
    expect(Number(hp.claimed[0][0])).toBe(1 / 1024);
    expect(hp.actual).toEqual([['0']]);
    expect(Number(hp.relError)).toBe(1 / 4096);
  });

  test('t = 2, k = 1: one factor, Π λ* = 1/64, X = (1/64)²·4', () => {
    const hp = productBoundRecheck({ case: c, params: { t: 2, k: 1 } }, 'norm');
    expect(hp.violated).toBe(false);
    expect(hp.certificate).toMatchObject({ valid: false, lambdaStarProduct: '1/64', X: '1/1024' });
    expect(Number(hp.claimed[0][0])).toBe(1 / 32);
  });

  test('σ = id, W_R = diag(2, 1), t − k = 1: X = 4 = ‖J_1‖₂², not certified', () => {
    const d: Case = {
      ...c,
      activation: 'identity',
      W_R: [
        [2, 0],
        [0, 1],
      ],
    };
    const hp = productBoundRecheck({ case: d, params: { t: 1, k: 0 } }, 'norm');
    expect(hp.violated).toBe(false);
    expect(hp.certificate).toMatchObject({ valid: false, X: '4' });
  });

  test('the exact certificate is only for the norm bound with a piecewise-linear σ', () => {
    expect(productBoundRecheck({ case: c, params: { t: 2, k: 0 } }, 'smin').certificate).toBe(
      undefined,
    );
    expect(
      productBoundRecheck({ case: { ...c, activation: 'tanh' }, params: { t: 2, k: 0 } }, 'norm')
        .certificate,
    ).toBe(undefined);
  });

  test('(t, k) outside 0 ≤ k < t ≤ T, or not integers, is skipped', () => {
    for (const [t, k] of [
      [0, 0],
      [3, 0],
      [1, -1],
      [1, 1],
      [2, 3],
      [1.5, 0],
      [2, 0.5],
    ]) {
      expect(productBoundCheck({ case: c, params: { t, k } }, 'norm')).toEqual({
        status: 'skip',
        reason: 'params: need 0 ≤ k < t ≤ T',
      });
    }
    expect(productBoundCheck({ case: c, params: { t: 1, k: 0 } }, 'norm').status).not.toBe('skip');
  });
});
