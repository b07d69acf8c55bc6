import { describe, expect, it } from 'vitest';
import { activation } from '../model/activation.js';
import { toModel } from '../model/caseFile.js';
import { hpForward, hpForwardParams, hpParams } from '../model/hpForward.js';
import { HP } from '../numerics/exact/decimal.js';
import { hpAdd, hpFromVec, hpMat, hpMaxAbsDiff, hpZeros } from '../numerics/exact/hpMat.js';
import {
  expectDigits,
  identityTwoStepsHp,
  TANH_SCALAR,
  tanhScalarDerivatives,
} from '../testing/handDerivedHp.js';
import { randomCaseFamily } from '../testing/randomCase.js';
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
  hpGradientEWR,
  hpGradientTotal,
  hpJacobianHWR,
} from './highPrecision.js';

const randomCaseOf = randomCaseFamily({ label: (t, m) => (t * 7 + 1) % m });

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
    const {
      model,
      jacobian: hand,
      Wh0,
    } = identityTwoStepsHp(randomCaseOf('identity', 3, 1, 2, 2, 5));
    const n = 3;
    const J = hpJacobianHWR(model, 2);
    expectDigits(J, hand, 50);
    // The scalar reading "2 W_R h_0" (lifted as I ⊗ (2W_R h_0)ᵀ) is not this Jacobian when n > 1.
    const twice = hpZeros(n, n * n);
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) twice.data[a * n * n + a * n + b] = Wh0[b].times(2);
    expect(hpMaxAbsDiff(J, twice).gt('1e-3')).toBe(true);
  });

  it('n = 1, tanh: dh_2/dw and dh_3/dw by hand', () => {
    const model = toModel(TANH_SCALAR);
    const { dh, dE2 } = tanhScalarDerivatives();
    for (const t of [1, 2, 3]) expectDigits(hpJacobianHWR(model, t), hpMat(1, 1, [dh[t]]), 55);
    expect(hpJacobianHWR(model, 0).data[0].isZero()).toBe(true);
    // E_2 = log(e^{z_0} + e^{z_1}) − z_{y_2}, z = W_O h_2 + b_O.
    expectDigits(hpGradientEWR(model, 2), hpMat(1, 1, [dE2]), 50);
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
