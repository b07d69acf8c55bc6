import { describe, expect, it } from 'vitest';
import { activation } from '../model/activation.js';
import { type Case, toModel } from '../model/caseFile.js';
import { hpForwardParams, hpParams } from '../model/hpForward.js';
import { HP, type HPNumber, toHP } from '../numerics/exact/decimal.js';
import {
  type HPMat,
  hpAdd,
  hpFromVec,
  hpMaxAbs,
  hpMaxAbsDiff,
  hpZeros,
} from '../numerics/exact/hpMat.js';
import { randomCase } from '../testing/randomCase.js';
import {
  dAdd,
  dConst,
  dExp,
  dLn,
  dMul,
  dSigma,
  dSub,
  dTangent,
  dVar,
  hpForward,
  hpGradientEWR,
  hpGradientTotal,
  hpJacobianHWR,
} from './highPrecision.js';

/** This file's cases: { label: (t, m) => (t * 7 + 1) % m }. */
function randomCaseOf(
  activation: Case['activation'],
  n: number,
  d: number,
  m: number,
  T: number,
  seed: number,
): Case {
  return randomCase(activation, n, d, m, T, seed, { label: (t, m) => (t * 7 + 1) % m });
}

/** |a − b|∞ ≤ 10^(−digits)·max(|a|∞, |b|∞): agreement to `digits` significant digits. */
function expectDigits(a: HPMat, b: HPMat, digits: number): void {
  const scale = HP.max(hpMaxAbs(a), hpMaxAbs(b), new HP('1e-300'));
  const rel = hpMaxAbsDiff(a, b).div(scale);
  expect(rel.lte(new HP(10).pow(-digits)), `relative error ${rel.toExponential(3)}`).toBe(true);
}

const one = new HP(1);

describe('dual numbers', () => {
  it('follow the product, exp, ln and σ rules along each direction', () => {
    // x = 3 with tangents (2, 0), y = 5 with tangents (−1, 1).
    const x = { v: new HP(3), d: [new HP(2), new HP(0)] };
    const y = { v: new HP(5), d: [new HP(-1), new HP(1)] };
    expect(dMul(x, y).d?.map(String)).toEqual(['7', '3']);
    expect(dTangent(dAdd(x, y), 1).toString()).toBe('1');
    expect(dTangent(dSub(x, y), 0).toString()).toBe('3');
    expect(dTangent(dExp(x), 0).eq(new HP(3).exp().times(2))).toBe(true);
    expect(dTangent(dLn(x), 0).eq(new HP(2).div(3))).toBe(true);
    const t = dSigma(activation('tanh'), x);
    expect(dTangent(t, 0).eq(one.minus(new HP(3).tanh().pow(2)).times(2))).toBe(true);
    // Constants carry no tangent; a seeded variable carries e_k.
    expect(dMul(dConst(new HP(4)), dConst(new HP(2))).d).toBeNull();
    expect(dVar(new HP(7), 1, 3).d?.map(String)).toEqual(['0', '1', '0']);
    expect(dTangent(dMul(dVar(new HP(7), 1, 3), dConst(new HP(2))), 1).toString()).toBe('2');
  });
});

describe('hpJacobianHWR', () => {
  it('t = 1: column a·n+b is e_a σ(h_0)_b, for any W_I, b_R (tanh)', () => {
    const model = toModel(randomCaseOf('tanh', 3, 2, 2, 3, 11));
    const s0 = hpFromVec(model.h0).map((x) => x.tanh());
    const hand = hpZeros(3, 9);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) hand.data[a * 9 + a * 3 + b] = s0[b];
    expectDigits(hpJacobianHWR(model, 1), hand, 55);
  });

  it('σ = identity, W_I = 0, b_R = 0: ∂(W_R² h_0)/∂W_R[a,b] = e_a (W_R h_0)_b + W_R[:,a] h_0[b]', () => {
    const c = randomCaseOf('identity', 3, 1, 2, 2, 5);
    c.W_I = [[0], [0], [0]];
    c.b_R = [0, 0, 0];
    const model = toModel(c);
    const n = 3;
    const W = c.W_R.map((row) => row.map(toHP));
    const h0 = c.h_0.map(toHP);
    const Wh0 = W.map((row) => row.reduce((acc, w, j) => acc.plus(w.times(h0[j])), new HP(0)));
    const hand = hpZeros(n, n * n);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          const ea = i === a ? Wh0[b] : new HP(0);
          hand.data[i * n * n + a * n + b] = ea.plus(W[i][a].times(h0[b]));
        }
      }
    }
    const J = hpJacobianHWR(model, 2);
    expectDigits(J, hand, 50);
    // The scalar reading "2 W_R h_0" (lifted as I ⊗ (2W_R h_0)ᵀ) is not this Jacobian when n > 1.
    const twice = hpZeros(n, n * n);
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) twice.data[a * n * n + a * n + b] = Wh0[b].times(2);
    expect(hpMaxAbsDiff(J, twice).gt('1e-3')).toBe(true);
  });

  it('n = 1, tanh: dh_2/dw and dh_3/dw by hand', () => {
    const c: Case = {
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
    const model = toModel(c);
    const w = toHP(0.8);
    const u = [0.5, -1.25, 2].map((x) => toHP(0.3).times(toHP(x)).plus(toHP(-0.1)));
    const h0 = toHP(0.4);
    const h1 = w.times(h0.tanh()).plus(u[0]);
    const h2 = w.times(h1.tanh()).plus(u[1]);
    const sech2 = (x: HPNumber) => one.minus(x.tanh().pow(2));
    const dh1 = h0.tanh();
    const dh2 = h1.tanh().plus(w.times(sech2(h1)).times(dh1));
    const dh3 = h2.tanh().plus(w.times(sech2(h2)).times(dh2));
    const scalar = (x: HPNumber): HPMat => ({ rows: 1, cols: 1, data: [x] });
    expectDigits(hpJacobianHWR(model, 1), scalar(dh1), 55);
    expectDigits(hpJacobianHWR(model, 2), scalar(dh2), 55);
    expectDigits(hpJacobianHWR(model, 3), scalar(dh3), 55);
    expect(hpJacobianHWR(model, 0).data[0].isZero()).toBe(true);

    // E_2 = log(e^{z_0} + e^{z_1}) − z_{y_2}, z = W_O h_2 + b_O: dE_2/dw = Σ_j (p_j − δ_{j y}) W_O[j] · dh_2/dw.
    const z = [toHP(1.5).times(h2).plus(toHP(0.2)), toHP(-0.5).times(h2)];
    const denom = z[0].exp().plus(z[1].exp());
    const p = z.map((zj) => zj.exp().div(denom));
    const dEdh = p[0]
      .minus(1)
      .times(toHP(1.5))
      .plus(p[1].times(toHP(-0.5)));
    expectDigits(hpGradientEWR(model, 2), scalar(dEdh.times(dh2)), 50);
  });

  it('rejects steps outside 0…T', () => {
    const model = toModel(randomCaseOf('tanh', 2, 1, 2, 2, 1));
    expect(() => hpJacobianHWR(model, 3)).toThrow(RangeError);
    expect(() => hpGradientEWR(model, 0)).toThrow(RangeError);
  });
});

describe('agreement with 60-digit central differences', () => {
  it.each(['tanh', 'sigmoid', 'softplus', 'identity'] as const)(
    '∂h_t/∂W_R and ∂E_t/∂W_R (%s)',
    (name) => {
      const model = toModel(randomCaseOf(name, 3, 2, 3, 4, 23));
      const p = hpParams(model);
      const t = 4;
      const n = 3;
      const eps = new HP('1e-20');
      const J = hpJacobianHWR(model, t);
      const G = hpGradientEWR(model, t);
      const Jfd = hpZeros(n, n * n);
      const Gfd = hpZeros(n, n);
      for (let k = 0; k < n * n; k++) {
        const shifted = (sgn: number) => {
          const WR = { ...p.WR, data: p.WR.data.slice() };
          WR.data[k] = WR.data[k].plus(eps.times(sgn));
          return hpForwardParams({ ...p, WR }, model.sigma, t);
        };
        const plus = shifted(1);
        const minus = shifted(-1);
        for (let i = 0; i < n; i++)
          Jfd.data[i * n * n + k] = plus.h[t][i].minus(minus.h[t][i]).div(eps.times(2));
        Gfd.data[k] = plus.loss[t - 1].minus(minus.loss[t - 1]).div(eps.times(2));
      }
      // O(ε²) truncation and O(10⁻⁶⁰/ε) rounding: 35 digits is safe, 40 is typical.
      expectDigits(J, Jfd, 35);
      expectDigits(G, Gfd, 35);
    },
  );
});

describe('hpGradientTotal', () => {
  it('is Σ_t ∂E_t/∂W_R', () => {
    const model = toModel(randomCaseOf('sigmoid', 2, 1, 3, 5, 9));
    let sum = hpZeros(2, 2);
    for (let t = 1; t <= 5; t++) sum = hpAdd(sum, hpGradientEWR(model, t));
    expectDigits(hpGradientTotal(model), sum, 55);
  });

  it('re-exports the HP forward pass', () => {
    const model = toModel(randomCaseOf('relu', 2, 1, 2, 3, 4));
    expect(hpForward(model).loss).toHaveLength(3);
  });
});
