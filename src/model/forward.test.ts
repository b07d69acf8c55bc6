import { describe, expect, test } from 'vitest';
import { randomCase } from '../testing/randomCase.js';
import { activation } from './activation.js';
import { toModel } from './caseFile.js';
import {
  crossEntropy,
  eq2Outputs,
  forward,
  gForm,
  logitsOf,
  logSumExp,
  rForm,
  softmax,
  states,
} from './forward.js';

const near = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-14) =>
  a.length === b.length &&
  Array.from(a).every((x, i) => Math.abs(x - b[i]) <= tol * Math.max(1, Math.abs(b[i])));

describe('Eq. (1)–(2), (G1–G2) and (R1–R2) on a hand-checked case', () => {
  // n = 2, d = 1, m = 2, T = 2, σ = tanh: every step written out below.
  const c = {
    activation: 'tanh' as const,
    W_R: [
      [0.5, -1],
      [0.25, 2],
    ],
    W_I: [[1], [-0.5]],
    b_R: [0.1, -0.2],
    W_O: [
      [1, -1],
      [0.5, 0.25],
    ],
    b_O: [0.3, -0.1],
    h_0: [0.2, -0.4],
    xs: [[1], [-2]],
    ys: [1, 0],
  };
  const m = toModel(c);
  const th = Math.tanh;
  const step = (h: number[], x: number) => {
    const s = h.map(th);
    return [0.5 * s[0] - 1 * s[1] + (1 * x + 0.1), 0.25 * s[0] + 2 * s[1] + (-0.5 * x + -0.2)];
  };
  const h1 = step(c.h_0, 1);
  const h2 = step(h1, -2);
  const z = (h: number[]) => [h[0] - h[1] + 0.3, 0.5 * h[0] + 0.25 * h[1] - 0.1];
  const sm = (v: number[]) => {
    const e = v.map(Math.exp);
    const tot = e[0] + e[1];
    return e.map((x) => x / tot);
  };

  test('h_t = W_R σ(h_{t−1}) + W_I x_t + b_R; E_t = −log softmax(W_O h_t + b_O)[y_t]', () => {
    const tr = forward(m);
    expect(near(tr.h[1], h1)).toBe(true);
    expect(near(tr.h[2], h2)).toBe(true);
    expect(near(tr.s[2], h2.map(th))).toBe(true);
    expect(near(tr.z[1], z(h1))).toBe(true);
    expect(near(tr.loss, [-Math.log(sm(z(h1))[1]), -Math.log(sm(z(h2))[0])])).toBe(true);
    // states() is forward() without the outputs, bit for bit; steps < T stops early.
    const st = states(m);
    expect(st.h.map((v) => Array.from(v))).toEqual(tr.h.map((v) => Array.from(v)));
    expect(states(m, 1).h).toHaveLength(2);
    expect(Array.from(logitsOf(m, tr.h[2]))).toEqual(Array.from(tr.z[2]));
  });

  test('(G1–G2): h_t = σ(W_R h_{t−1} + W_I x_t + b_R), o_t = softmax(W_O h_t + b_O)', () => {
    const g = gForm(m);
    const g1 = [0.5 * 0.2 - 1 * -0.4 + 1.1, 0.25 * 0.2 + 2 * -0.4 - 0.7].map(th);
    expect(near(g.h[1], g1)).toBe(true);
    expect(near(g.o[0], sm(z(g1)))).toBe(true);
    expect(g.o).toHaveLength(2);
  });

  test('(R1–R2) from σ⁻¹(h_0) reproduces (G1–G2); Eq. (2) as written does not (it drops σ)', () => {
    const hTilde0 = m.h0.map(Math.atanh);
    const g = gForm(m);
    const r = rForm(m, hTilde0);
    for (let t = 0; t < 2; t++) expect(near(r.o[t], g.o[t], 1e-13)).toBe(true);
    expect(near(r.h[0], hTilde0)).toBe(true);
    const e = eq2Outputs({ ...m, h0: hTilde0 });
    expect(near(e.o[1], g.o[1], 1e-3)).toBe(false);
    expect(near(e.o[1], sm(z(Array.from(e.h[2]))))).toBe(true);
  });

  test('for σ = id the three forms coincide', () => {
    const lin = toModel({ ...randomCase('identity', 3, 2, 4, 5, 11) });
    const g = gForm(lin);
    const r = rForm(lin, lin.h0);
    const e = eq2Outputs(lin);
    for (let t = 0; t < 5; t++) {
      expect(near(r.o[t], g.o[t], 1e-13)).toBe(true);
      expect(near(e.o[t], g.o[t], 1e-13)).toBe(true);
    }
    expect(activation('identity').f(3)).toBe(3);
  });
});

describe('log-sum-exp, softmax and cross-entropy', () => {
  test('stable for huge logits: no overflow, softmax sums to 1', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.LN2, 12);
    const p = softmax([800, 0, -800]);
    expect(p[0]).toBe(1);
    expect(p[2]).toBe(0);
    expect(Array.from(softmax([1, 2, 3])).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    expect(crossEntropy([0, Math.log(3)], 1)).toBeCloseTo(Math.log(4 / 3), 15);
  });

  test('±∞ logits give ±∞, not NaN; the maximum is found wherever it is', () => {
    expect(logSumExp([0, Number.POSITIVE_INFINITY])).toBe(Number.POSITIVE_INFINITY);
    expect(logSumExp([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(
      Number.NEGATIVE_INFINITY,
    );
    expect(logSumExp([-3, 5, 2])).toBeCloseTo(5 + Math.log1p(Math.exp(-8) + Math.exp(-3)), 14);
    expect(logSumExp([5, -3, 2])).toBeCloseTo(logSumExp([-3, 2, 5]), 14);
  });
});
