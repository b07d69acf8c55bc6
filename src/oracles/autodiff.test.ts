import { describe, expect, test } from 'vitest';
import { TOLERANCES, withinTolerance } from '../engine/contract/tolerances.js';
import { type Case, toModel } from '../model/caseFile.js';
import { mat } from '../numerics/Mat.js';
import { adGradientEWR, adGradientTotal, adJacobianHWR, recordRun, Tape } from './autodiff.js';

function linearCase(WR: number[][], h0: number[], T: number): Case {
  return {
    activation: 'identity',
    W_R: WR,
    W_I: WR.map(() => [0]),
    b_R: h0.map(() => 0),
    W_O: [h0.map(() => 1), h0.map((_, i) => i + 1)],
    b_O: [0, 0],
    h_0: h0,
    xs: Array.from({ length: T }, () => [0]),
    ys: Array.from({ length: T }, () => 0),
  };
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  withinTolerance(a, b, TOLERANCES.float64Exact);

describe('reverse-mode tape', () => {
  test('W̄ folded over chunks of two uses = W̄ in one product (chunking bounds memory only)', () => {
    const m = toModel({
      ...linearCase(
        [
          [0.5, -1, 0.25],
          [1, 0.5, -0.75],
          [-0.5, 0.25, 1],
        ],
        [0.3, -0.6, 0.9],
        7,
      ),
      activation: 'tanh',
    });
    const run = recordRun(m, 7, false);
    const seed = mat(3, 3, Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1));
    const whole = run.tape.backward(run.h[7], seed, run.wr);
    const chunked = run.tape.backward(run.h[7], seed, run.wr, false, 2 * 3 * 3);
    expect(close(chunked.data, whole.data).ok).toBe(true);
    expect(Array.from(whole.data)).toEqual(Array.from(adJacobianHWR(m, 7).data));
  });

  test('y = W·x: ∂(c·y)/∂W = c xᵀ for each cotangent row c', () => {
    const tape = new Tape();
    const W = mat(2, 3, Float64Array.of(1, 2, 3, 4, 5, 6));
    const w = tape.param(W);
    const x = tape.leaf(Float64Array.of(1, -1, 2));
    const y = tape.matvec(w, x);
    expect(Array.from(tape.value(y))).toEqual([5, 11]);
    const g = tape.backward(y, mat(2, 2, Float64Array.of(1, 0, 0, 1)), w);
    // Row b of the result is vec(e_b xᵀ).
    expect(Array.from(g.data)).toEqual([1, -1, 2, 0, 0, 0, 0, 0, 0, 1, -1, 2]);
  });

  test('∂/∂z [logsumexp(z) − z_y] = softmax(z) − e_y through W in z = W·x', () => {
    const tape = new Tape();
    const w = tape.param(mat(2, 1, Float64Array.of(0.5, -0.25)));
    const z = tape.matvec(w, tape.leaf(Float64Array.of(2)));
    const loss = tape.crossEntropy(z, 1);
    const g = tape.backward(loss, mat(1, 1, Float64Array.of(1)), w);
    const p0 = Math.exp(1) / (Math.exp(1) + Math.exp(-0.5));
    // ∂loss/∂W[j,0] = (softmax_j − δ_{j1})·x
    expect(close(g.data, [p0 * 2, (1 - p0 - 1) * 2]).ok).toBe(true);
  });
});

describe('Jacobians of the RNN against derivatives worked by hand', () => {
  test('∂h_1/∂W_R[a,b] = δ_{ia} σ(h_0)_b for tanh', () => {
    const c: Case = {
      ...linearCase(
        [
          [0.3, -0.7],
          [1.1, 0.2],
        ],
        [0.4, -1.3],
        1,
      ),
      activation: 'tanh',
    };
    const J = adJacobianHWR(toModel(c), 1);
    const s = c.h_0.map(Math.tanh);
    expect(close(J.data, [s[0], s[1], 0, 0, 0, 0, s[0], s[1]]).ok).toBe(true);
  });

  test('σ = id, h_2 = W_R² h_0: ∂h_2/∂W_R[a,b] = e_a (W_R h_0)_b + W_R[:,a] h_0[b]', () => {
    const W = [
      [0.3, -0.7],
      [1.1, 0.2],
    ];
    const h0 = [0.4, -1.3];
    const J = adJacobianHWR(toModel(linearCase(W, h0, 2)), 2);
    const h1 = [W[0][0] * h0[0] + W[0][1] * h0[1], W[1][0] * h0[0] + W[1][1] * h0[1]];
    const expected: number[] = [];
    for (let i = 0; i < 2; i++)
      for (let a = 0; a < 2; a++)
        for (let b = 0; b < 2; b++) expected.push((i === a ? h1[b] : 0) + W[i][a] * h0[b]);
    expect(close(J.data, expected).ok).toBe(true);
  });

  test('n = 1, tanh: d/dw [w·tanh(w·tanh(h_0) + c) + c] at t = 2', () => {
    const w = 0.8;
    const h0 = 0.3;
    const c = 0.1;
    const cs: Case = {
      activation: 'tanh',
      W_R: [[w]],
      W_I: [[1]],
      b_R: [0],
      W_O: [[1], [-1]],
      b_O: [0, 0],
      h_0: [h0],
      xs: [[c], [c]],
      ys: [0, 1],
    };
    const h1 = w * Math.tanh(h0) + c;
    const dh1 = Math.tanh(h0);
    const dh2 = Math.tanh(h1) + w * (1 - Math.tanh(h1) ** 2) * dh1;
    expect(close(adJacobianHWR(toModel(cs), 2).data, [dh2]).ok).toBe(true);
    // E_2 = logsumexp(h_2, −h_2) − (−h_2) = log(e^{h_2} + e^{−h_2}) + h_2 ⇒ dE_2/dh_2 = tanh(h_2) + 1.
    const h2 = w * Math.tanh(h1) + c;
    expect(close(adGradientEWR(toModel(cs), 2).data, [(Math.tanh(h2) + 1) * dh2]).ok).toBe(true);
    // E = E_1 + E_2 with E_1 = log(e^{h_1} + e^{−h_1}) − h_1 ⇒ dE_1/dw = (tanh h_1 − 1)·dh_1.
    const total = (Math.tanh(h1) - 1) * dh1 + (Math.tanh(h2) + 1) * dh2;
    expect(close(adGradientTotal(toModel(cs)).data, [total]).ok).toBe(true);
  });
});
