import { describe, expect, it } from 'vitest';
import { type Case, toModel } from '../../model/caseFile.js';
import { HP, type HPNumber, toHP } from '../../numerics/exact/decimal.js';
import {
  type HPMat,
  hpAdd,
  hpMat,
  hpMaxAbs,
  hpMaxAbsDiff,
  hpScale,
  hpZeros,
} from '../../numerics/exact/hpMat.js';
import { adGradientEWR } from '../../oracles/autodiff.js';
import {
  hpGradientEWR,
  hpGradientTotal as hpGradientTotalOracle,
} from '../../oracles/highPrecision.js';
import {
  expectDigits,
  identityTwoStepsHp,
  TANH_SCALAR,
  tanhScalarDerivatives,
} from '../../testing/handDerivedHp.js';
import { randomCaseFamily } from '../../testing/randomCase.js';
import {
  hpBaseCase,
  hpGradientChainRule,
  hpGradientLiteralSum,
  hpGradientTotal,
  hpHVLiteral,
  hpKronIdRow,
  hpLemma1Example,
  hpLemma2,
  hpTheorem1Kron,
  hpTheorem1LiteralHV,
} from './high-precision.js';

const randomCaseOf = randomCaseFamily({ wrScale: 2, label: (t, m) => (t * 5 + 2) % m });

/** Clearly different: the readings disagree by 40+ orders of magnitude more than 60-digit rounding. */
function expectDiffer(a: HPMat, b: HPMat): void {
  const scale = HP.max(hpMaxAbs(a), hpMaxAbs(b));
  const rel = hpMaxAbsDiff(a, b).div(scale);
  expect(rel.gt('1e-12'), `relative difference ${rel.toExponential(3)}`).toBe(true);
}

const scalar = (x: HPNumber): HPMat => hpMat(1, 1, [x]);

describe('HV liftings', () => {
  it('literal HV repeats vᵀ in every block; I ⊗ vᵀ only on the diagonal blocks', () => {
    const v = [new HP(1), new HP(2)];
    expect(hpHVLiteral(v).data.map(String)).toEqual(['1', '2', '1', '2', '1', '2', '1', '2']);
    expect(hpKronIdRow(v).data.map(String)).toEqual(['1', '2', '0', '0', '0', '0', '1', '2']);
  });
});

describe('n = 1: every reading of Theorem 1 coincides with the hand derivative', () => {
  const model = toModel(TANH_SCALAR);
  const { dh, dE2 } = tanhScalarDerivatives();

  it.each([1, 2, 3])('t = %i', (t) => {
    const want = scalar(dh[t]);
    expectDigits(hpTheorem1LiteralHV(model, t), want, 55);
    expectDigits(hpTheorem1Kron(model, t, 'descending'), want, 55);
    expectDigits(hpTheorem1Kron(model, t, 'ascending'), want, 55);
    expectDigits(hpLemma2(model, t), want, 55);
    if (t <= 2) expectDigits(hpBaseCase(model, t as 1 | 2), want, 55);
  });

  it('Eq. (3): dE_2/dw = Σ_j (p_j − δ_{j,y}) W_O[j] · dh_2/dw, and the literal sum doubles it', () => {
    expectDigits(hpGradientChainRule(model, 2), scalar(dE2), 50);
    expectDigits(hpGradientLiteralSum(model, 2), scalar(dE2.times(2)), 50);
  });

  it('Lemma 1 example: 2 w h_0 is dh_2/dw when σ = identity, W_I = 0, b_R = 0', () => {
    const c: Case = { ...TANH_SCALAR, activation: 'identity', W_I: [[0]], b_R: [0] };
    const m = toModel(c);
    const want = scalar(toHP(0.8).times(toHP(0.4)).times(2));
    expectDigits(hpLemma1Example(m), want, 58);
    expectDigits(hpTheorem1Kron(m, 2, 'descending'), want, 58);
  });
});

describe('n = 2, 3: the readings come apart', () => {
  it('t = 1: literal HV(σ(h_0)) ≠ I ⊗ σ(h_0)ᵀ, entry by entry', () => {
    const model = toModel(randomCaseOf('tanh', 2, 1, 2, 1, 3));
    const s0 = Array.from(model.h0, (x) => toHP(x).tanh());
    const lit = hpTheorem1LiteralHV(model, 1);
    const kron = hpTheorem1Kron(model, 1, 'descending');
    for (let i = 0; i < 2; i++) {
      for (let a = 0; a < 2; a++) {
        for (let b = 0; b < 2; b++) {
          expect(lit.data[i * 4 + a * 2 + b].eq(s0[b])).toBe(true);
          expect(kron.data[i * 4 + a * 2 + b].eq(i === a ? s0[b] : new HP(0))).toBe(true);
        }
      }
    }
    expectDiffer(lit, kron);
    expectDigits(hpBaseCase(model, 1), kron, 60);
  });

  it('σ = identity, W_I = 0, b_R = 0, t = 2: Kron-descending is e_a (W_R h_0)_b + W_R[:,a] h_0[b]; Lemma 1 example is not', () => {
    const {
      model,
      jacobian: hand,
      Wh0,
    } = identityTwoStepsHp(randomCaseOf('identity', 3, 1, 2, 2, 8));
    const n = 3;
    expectDigits(hpTheorem1Kron(model, 2, 'descending'), hand, 55);
    expectDigits(hpBaseCase(model, 2), hand, 55);
    expectDigits(hpLemma2(model, 2), hand, 55);
    const example = hpLemma1Example(model);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++)
        expect(example.data[a * n * n + a * n + b].eq(Wh0[b].times(2))).toBe(true);
    }
    expectDiffer(example, hand);
  });

  it('Lemma 2 unrolled equals Theorem 1 (Kron, descending); ascending differs from t = 3', () => {
    const model = toModel(randomCaseOf('tanh', 3, 2, 2, 6, 12));
    for (let t = 1; t <= 6; t++) {
      const desc = hpTheorem1Kron(model, t, 'descending');
      expectDigits(hpLemma2(model, t), desc, 50);
      const asc = hpTheorem1Kron(model, t, 'ascending');
      // With at most one factor in every product the two orders are the same matrix.
      if (t <= 2) expectDigits(asc, desc, 58);
      else expectDiffer(asc, desc);
      expectDiffer(hpTheorem1LiteralHV(model, t), desc);
    }
    expectDigits(hpBaseCase(model, 2), hpTheorem1Kron(model, 2, 'descending'), 58);
  });

  it('gradients: literal sum is t × the chain rule; the total sums the chain rule over t', () => {
    const model = toModel(randomCaseOf('softplus', 2, 1, 3, 4, 6));
    let sum = hpZeros(2, 2);
    for (let t = 1; t <= 4; t++) {
      const g = hpGradientChainRule(model, t);
      expectDigits(hpGradientLiteralSum(model, t), hpScale(g, t), 58);
      sum = hpAdd(sum, g);
    }
    expectDigits(hpGradientTotal(model), sum, 55);
  });

  it('rejects steps outside 1…T', () => {
    const model = toModel(randomCaseOf('tanh', 2, 1, 2, 2, 1));
    expect(() => hpTheorem1Kron(model, 0, 'descending')).toThrow(RangeError);
    expect(() => hpLemma2(model, 3)).toThrow(RangeError);
  });
});

describe('a saturated softmax: 1 − o_y below 10⁻⁶⁰ does not cancel', () => {
  // σ = id, h_1 = 0.5, z = (0.5, 300.5), y = 1: o_0 = 1/(1 + e³⁰⁰) ≈ 5.1e-131 and
  // ∂E_1/∂W_R = (o_0·1 + (o_1 − 1)·601)·h_0 = −600·o_0 ≈ −3.0889e-128. Computed as o_1 − 1, both
  // the closed form and the dual numbers gave 5.1e-131 and 0 at 60 digits.
  const c: Case = {
    activation: 'identity',
    W_R: [[0.5]],
    W_I: [[0]],
    b_R: [0],
    W_O: [[1], [601]],
    b_O: [0, 0],
    h_0: [1],
    xs: [[0]],
    ys: [1],
  };
  const m = toModel(c);
  const exact = new HP(-600).div(new HP(1).plus(new HP(300).exp()));

  it('the closed form (Eq. 3 with Theorem 1) and the dual-number oracle both give −600/(1 + e³⁰⁰) to 50 digits', () => {
    for (const [what, g] of [
      ['closed form', hpGradientChainRule(m, 1)],
      ['dual numbers', hpGradientEWR(m, 1)],
      ['closed form, total', hpGradientTotal(m)],
      ['dual numbers, total', hpGradientTotalOracle(m)],
    ] as const) {
      const rel = g.data[0].minus(exact).abs().div(exact.abs());
      expect(
        rel.lt(new HP('1e-50')),
        `${what}: ∂E/∂W_R = ${g.data[0].toSignificantDigits(8)}`,
      ).toBe(true);
    }
  });

  it('float64 autodiff agrees with the 60-digit value to float64 rounding', () => {
    const g = adGradientEWR(m, 1).data[0];
    expect(Math.abs(g - exact.toNumber()) / Math.abs(exact.toNumber())).toBeLessThan(1e-13);
  });
});
