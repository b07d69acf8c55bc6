import { describe, expect, test } from 'vitest';
import { TOLERANCES, withinTolerance } from '../../engine/contract/tolerances.js';
import { type Case, toModel } from '../../model/caseFile.js';
import { hpToMat } from '../../numerics/exact/hpMat.js';
import { eq3Gradient, totalGradient } from './eq3.js';
import { hpTheorem1Kron, hpTheorem1LiteralHV } from './high-precision.js';
import { lemma1Example } from './lemma1.js';
import { lemma2Recursion } from './lemma2.js';
import { bpttGradient, outputDelta, theorem1 } from './thm1.js';
import { baseCase } from './thm1-base-case.js';

const tanhCase: Case = {
  activation: 'tanh',
  W_R: [
    [0.5, -1.25, 0.75],
    [1, 0.25, -0.5],
    [-0.75, 0.5, 1.5],
  ],
  W_I: [[1], [-0.5], [0.25]],
  b_R: [0.125, -0.25, 0.5],
  W_O: [
    [1, 0, -1],
    [0.5, 1, 0.25],
  ],
  b_O: [0, 0.5],
  h_0: [0.3, -0.2, 0.9],
  xs: [[1], [-1], [0.5], [2], [0]],
  ys: [0, 1, 1, 0, 1],
};

const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  withinTolerance(a, b, TOLERANCES.float64Exact).ok;

describe('Theorem 1 readings on a fixed 3-unit tanh case', () => {
  const m = toModel(tanhCase);

  test('t = 1: I⊗σ(h_0)ᵀ — every reading has the empty product only', () => {
    const d = theorem1(m, 1, { hv: 'kron', order: 'descending' });
    const s = tanhCase.h_0.map(Math.tanh);
    const expected = new Array(27).fill(0);
    for (let i = 0; i < 3; i++) for (let b = 0; b < 3; b++) expected[i * 9 + i * 3 + b] = s[b];
    expect(same(d.data, expected)).toBe(true);
    const lit = theorem1(m, 1, { hv: 'literal', order: 'descending' });
    const grid = new Array(27).fill(0).map((_, q) => s[q % 3]);
    expect(same(lit.data, grid)).toBe(true);
  });

  test('Σ_k J_t⋯J_{k+1}(I⊗σ(h_{k−1})ᵀ) = Lemma 2 unrolled, t = 1…5', () => {
    for (let t = 1; t <= 5; t++) {
      expect(
        same(theorem1(m, t, { hv: 'kron', order: 'descending' }).data, lemma2Recursion(m, t).data),
      ).toBe(true);
    }
  });

  test('descending I⊗vᵀ in chunks of 1 or 2 steps = in one chunk (chunking bounds memory only)', () => {
    const kron = { hv: 'kron', order: 'descending' } as const;
    const whole = theorem1(m, 5, kron);
    for (const steps of [1, 2]) {
      expect(same(theorem1(m, 5, kron, steps * 9).data, whole.data)).toBe(true);
    }
  });

  test('each of the four float64 readings = its 60-digit evaluation, t = 1…5', () => {
    for (let t = 1; t <= 5; t++) {
      const lit = theorem1(m, t, { hv: 'literal', order: 'descending' });
      expect(same(lit.data, hpToMat(hpTheorem1LiteralHV(m, t)).data), `literal, t = ${t}`).toBe(
        true,
      );
      for (const order of ['descending', 'ascending'] as const) {
        const k = theorem1(m, t, { hv: 'kron', order });
        expect(same(k.data, hpToMat(hpTheorem1Kron(m, t, order)).data), `${order}, t = ${t}`).toBe(
          true,
        );
      }
    }
    // The literal grid with the two orders: the same at t = 2, different from t = 3 on.
    const lit = (t: number, order: 'ascending' | 'descending') =>
      theorem1(m, t, { hv: 'literal', order }).data;
    expect(same(lit(2, 'ascending'), lit(2, 'descending'))).toBe(true);
    expect(same(lit(3, 'ascending'), lit(3, 'descending'))).toBe(false);
  });

  test('∂E_t/∂h_t = W_Oᵀ(softmax(z) − e_y) without overflow or cancellation for huge logits', () => {
    const d = outputDelta(m, Float64Array.of(700, -700), 1);
    // softmax = (1, 0): W_Oᵀ(1, −1) = column sums with signs.
    expect(Array.from(d)).toEqual([1 - 0.5, 0 - 1, -1 - 0.25]);
    const e = outputDelta(m, Float64Array.of(-800, 800), 1);
    expect(Array.from(e)).toEqual([0, 0, 0]);
  });

  test('ascending order agrees for t ≤ 2 and differs at t = 3', () => {
    for (const t of [1, 2]) {
      expect(
        same(theorem1(m, t, { hv: 'kron', order: 'ascending' }).data, lemma2Recursion(m, t).data),
      ).toBe(true);
    }
    expect(
      same(theorem1(m, 3, { hv: 'kron', order: 'ascending' }).data, lemma2Recursion(m, 3).data),
    ).toBe(false);
  });

  test('the base steps are Lemma 2 at t = 1, 2', () => {
    expect(same(baseCase(m, 1).data, lemma2Recursion(m, 1).data)).toBe(true);
    expect(same(baseCase(m, 2).data, lemma2Recursion(m, 2).data)).toBe(true);
  });

  test('BPTT δ-recursion = δᵀ·(Theorem 1) = Eq. (3) without the sum; the literal sum is t times it', () => {
    for (let t = 1; t <= 5; t++) {
      const chain = eq3Gradient(m, t, 'chain-rule');
      expect(same(bpttGradient(m, t).data, chain.data)).toBe(true);
      const lit = eq3Gradient(m, t, 'literal-sum');
      expect(
        same(
          lit.data,
          chain.data.map((x) => t * x),
        ),
      ).toBe(true);
    }
  });

  test('the total gradient is the sum of the per-step ones', () => {
    const sum = new Float64Array(9);
    for (let t = 1; t <= 5; t++)
      bpttGradient(m, t).data.forEach((x, q) => {
        sum[q] += x;
      });
    expect(same(totalGradient(m).data, sum)).toBe(true);
  });
});

test("Lemma 1 example: I⊗(2W_R h_0)ᵀ equals W_R² h_0's Jacobian only for n = 1", () => {
  const scalar = toModel({
    ...tanhCase,
    activation: 'identity',
    W_R: [[0.75]],
    W_I: [[0]],
    b_R: [0],
    W_O: [[1], [0]],
    h_0: [2],
  });
  expect(Array.from(lemma1Example(scalar).data)).toEqual([2 * 0.75 * 2]);
  expect(Array.from(theorem1(scalar, 2, { hv: 'kron', order: 'descending' }).data)).toEqual([
    2 * 0.75 * 2,
  ]);
  const lin = toModel({
    ...tanhCase,
    activation: 'identity',
    W_I: [[0], [0], [0]],
    b_R: [0, 0, 0],
  });
  expect(
    same(lemma1Example(lin).data, theorem1(lin, 2, { hv: 'kron', order: 'descending' }).data),
  ).toBe(false);
});
