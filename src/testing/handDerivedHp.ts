/**
 * 60-digit derivatives of Eq. (1)–(2) worked out by hand, shared by the tests of the 60-digit
 * oracle and of the paper's 60-digit readings of Theorem 1, with the significant-digits comparison
 * both make. Nothing here calls an oracle or a closed form of the paper.
 */

import { expect } from 'vitest';
import { type Case, type Model, toModel } from '../model/caseFile.js';
import { HP, type HPNumber, toHP } from '../numerics/exact/decimal.js';
import { type HPMat, hpMaxAbs, hpMaxAbsDiff, hpZeros } from '../numerics/exact/hpMat.js';

/** Asserts |a − b|∞ ≤ 10^(−digits)·max(|a|∞, |b|∞): agreement to `digits` significant digits. */
export function expectDigits(a: HPMat, b: HPMat, digits: number): void {
  const scale = HP.max(hpMaxAbs(a), hpMaxAbs(b), new HP('1e-300'));
  const rel = hpMaxAbsDiff(a, b).div(scale);
  expect(rel.lte(new HP(10).pow(-digits)), `relative error ${rel.toExponential(3)}`).toBe(true);
}

/** n = 1, σ = tanh, d = 1, m = 2, T = 3, every parameter nonzero: the scalar chain h_t = w·tanh(h_{t−1}) + u_t. */
export const TANH_SCALAR: Readonly<Case> = {
  activation: 'tanh',
  W_R: [[0.8]],
  W_I: [[0.3]],
  b_R: [-0.1],
  W_O: [[1.5], [-0.5]],
  b_O: [0.2, 0],
  h_0: [0.4],
  xs: [[0.5], [-1.25], [2]],
  ys: [1, 0, 1],
};

/**
 * By hand for TANH_SCALAR, u_t = W_I·x_t + b_R: dh_t/dw = tanh(h_{t−1}) + w·sech²(h_{t−1})·dh_{t−1}/dw
 * for t = 0…3 (dh_0/dw = 0), and, with z = W_O h_2 + b_O and p = softmax(z),
 * dE_2/dw = Σ_j (p_j − δ_{j,y_2}) W_O[j]·dh_2/dw.
 */
export function tanhScalarDerivatives(): { dh: HPNumber[]; dE2: HPNumber } {
  const c = TANH_SCALAR;
  const w = toHP(c.W_R[0][0]);
  const u = c.xs.map(([x]) => toHP(c.W_I[0][0]).times(toHP(x)).plus(toHP(c.b_R[0])));
  const h = [toHP(c.h_0[0])];
  const dh = [new HP(0)];
  for (let t = 1; t <= 3; t++) {
    const th = h[t - 1].tanh();
    h.push(w.times(th).plus(u[t - 1]));
    dh.push(th.plus(w.times(new HP(1).minus(th.pow(2))).times(dh[t - 1])));
  }
  const z = c.W_O.map(([wo], j) => toHP(wo).times(h[2]).plus(toHP(c.b_O[j])));
  const denom = z[0].exp().plus(z[1].exp());
  const dEdh = z.reduce(
    (acc, zj, j) =>
      acc.plus(
        zj
          .exp()
          .div(denom)
          .minus(j === c.ys[1] ? 1 : 0)
          .times(toHP(c.W_O[j][0])),
      ),
    new HP(0),
  );
  return { dh, dE2: dEdh.times(dh[2]) };
}

/**
 * By hand, in 60 digits: c with σ = identity, W_I = 0 and b_R = 0, whose h_2 = W_R² h_0 has
 * ∂h_2/∂W_R[a,b] = e_a (W_R h_0)_b + W_R[:,a] h_0[b] (row i, column a·n+b); with W_R h_0.
 */
export function identityTwoStepsHp(c: Case): { model: Model; jacobian: HPMat; Wh0: HPNumber[] } {
  const model = toModel({
    ...c,
    activation: 'identity',
    W_I: c.W_I.map((row) => row.map(() => 0)),
    b_R: c.b_R.map(() => 0),
  });
  const n = c.W_R.length;
  const W = c.W_R.map((row) => row.map(toHP));
  const h0 = c.h_0.map(toHP);
  const Wh0 = W.map((row) => row.reduce((acc, x, j) => acc.plus(x.times(h0[j])), new HP(0)));
  const jacobian = hpZeros(n, n * n);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        jacobian.data[i * n * n + a * n + b] = (i === a ? Wh0[b] : new HP(0)).plus(
          W[i][a].times(h0[b]),
        );
      }
    }
  }
  return { model, jacobian, Wh0 };
}
