import { describe, expect, test } from 'vitest';
import type { ActivationName } from '../../model/activation.js';
import type { Case } from '../../model/caseFile.js';
import {
  earlyTermsRecheck,
  gradientPersistsLimitRecheck,
  gradientPersistsRecheck,
} from './remark42.js';

/** n = 1: h_t = w·σ(h_{t−1}) + x_t, one input per step. */
function scalar(activation: ActivationName, w: number, h0: number, xs: number[] = [0]): Case {
  return {
    activation,
    W_R: [[w]],
    W_I: [[1]],
    b_R: [0],
    W_O: [[1]],
    b_O: [0],
    h_0: [h0],
    xs: xs.map((x) => [x]),
    ys: xs.map(() => 0),
  };
}

describe('remark42.early-terms-persist, decided', () => {
  const early = (c: Case, k = 1) => earlyTermsRecheck({ case: c, params: { k } });

  test('F(1, 2) ≠ 0 and s_max·γ = 1/2 < 1 certifies F(1, t) → 0: refuted (tanh and relu)', () => {
    for (const act of ['tanh', 'relu'] as const) {
      const o = early(scalar(act, 0.5, 1));
      expect(o.violated).toBe(true);
      expect(o.claimed).toEqual([['F(1, 2) ≠ 0']]);
      expect(o.actual).toEqual([['F(1, t) → 0 (certified, rate s_max(W_R)·γ)']]);
      expect(o.relError).toBe('1');
      expect((o.certificate as Record<string, unknown>).certified).not.toBe(false);
    }
  });

  test('an absent summand is no refutation: σ(h_0) = 0, or W_R = 0 (smooth σ), or J_2 = 0 (relu, h_1 < 0)', () => {
    for (const c of [
      scalar('tanh', 0.5, 0),
      scalar('tanh', 0, 1),
      scalar('relu', 0.5, -1),
      // h_1 = 1/2 − 1 < 0: relu′(h_1) = 0, so J_2 = 0 although σ(h_0) = 1
      scalar('relu', 0.5, 1, [-1]),
    ]) {
      const o = early(c);
      expect(o.violated).toBe(false);
      expect(o.claimed).toEqual([['F(1, 2) = 0']]);
    }
    // σ(h_1) for k = 2: h_1 = 0.5·tanh(1) + 0 ≠ 0
    expect(early(scalar('tanh', 0.5, 1, [0, 0]), 2).claimed).toEqual([['F(2, 3) ≠ 0']]);
  });

  test('no certificate that F(k, t) → 0 (s_max = 2): not refuted, and the reason is kept', () => {
    const o = early(scalar('tanh', 2, 1));
    expect(o.violated).toBe(false);
    expect(o.claimed).toEqual([['F(1, 2) ≠ 0']]);
    expect(o.actual).toEqual([['not certified']]);
    expect(o.relError).toBe('0');
    const cert = o.certificate as { certified: boolean; reason: string };
    expect(cert.certified).toBe(false);
    expect(cert.reason.length).toBeGreaterThan(0);
  });

  test('k outside {1, 2, 3} is refused', () => {
    for (const k of [0, 4, 1.5]) {
      expect(() => early(scalar('tanh', 0.5, 1), k)).toThrow(/^params\.k = .* is not 1, 2 or 3$/);
    }
  });
});

describe('remark42.gradient-persists-limit, decided', () => {
  const limit = (c: Case) => gradientPersistsLimitRecheck({ case: c, params: {} });

  test('σ = id, w = 1/2, h_0 = 1: h_t = 2^−t ≠ 0 for all t, and ∂h_t/∂W_R → 0: refuted', () => {
    const o = limit(scalar('identity', 0.5, 1));
    expect(o.violated).toBe(true);
    expect(o.claimed).toEqual([['σ(h_{t−1}) ≠ 0 for all t (certified)']]);
    expect(o.actual).toEqual([['∂h_t/∂W_R → 0 (certified)']]);
    expect(o.relError).toBe('1');
    const cert = o.certificate as Record<string, Record<string, unknown>>;
    expect(cert.premise.premise).toMatch(/W_Rⁿh_0 ≠ 0/);
    expect(cert.conclusionRefuted.certified).not.toBe(false);
  });

  test('w = 0: the state dies, presence is not certified, so no refutation', () => {
    const o = limit(scalar('identity', 0, 1));
    expect(o.violated).toBe(false);
    expect(o.claimed).toEqual([['presence not certified']]);
    expect(o.actual).toEqual([['∂h_t/∂W_R → 0 (certified)']]);
    expect(o.certificate).toMatchObject({
      premise: { certified: false, reason: expect.stringMatching(/dies/) },
    });
  });

  test('w = 3/2: present but not vanishing: no refutation', () => {
    const o = limit(scalar('identity', 1.5, 1));
    expect(o.violated).toBe(false);
    expect(o.actual).toEqual([['not certified']]);
    expect(o.relError).toBe('0');
    expect(o.certificate).toMatchObject({ conclusionRefuted: { certified: false } });
  });
});

describe('remark42.gradient-persists, decided', () => {
  const persists = (c: Case, t: number) => gradientPersistsRecheck({ case: c, params: { t } });

  test('∂h_2/∂w = σ(h_1) + w·σ′(h_1)σ(h_0) = 1 − 1 = 0 exactly with σ(h_1) = 1 (w = −1, h_0 = 1, x = 2): refuted', () => {
    for (const act of ['relu', 'identity'] as const) {
      const o = persists(scalar(act, -1, 1, [2, 2]), 2);
      expect(o.violated).toBe(true);
      expect(o.claimed).toEqual([['σ(h_{t−1}) ≠ 0']]);
      expect(o.actual).toEqual([['0']]);
      expect(o.relError).toBe('1');
      expect(o.certificate).toMatchObject({ t: 2, sigmaPrev: ['1'], jacobianIsZero: true });
    }
  });

  test('∂h_1/∂w = σ(h_0): nonzero for h_0 = 1; zero with σ(h_0) = 0 for relu at h_0 = −1: neither refutes', () => {
    const on = persists(scalar('relu', -1, 1, [2]), 1);
    expect(on.violated).toBe(false);
    expect(on.actual).toEqual([['≠ 0']]);
    expect(on.relError).toBe('0');
    expect(on.certificate).toMatchObject({ t: 1, sigmaPrev: ['1'], jacobianIsZero: false });
    const off = persists(scalar('relu', -1, -1, [2]), 1);
    expect(off.violated).toBe(false);
    expect(off.claimed).toEqual([['σ(h_{t−1}) = 0']]);
    expect(off.actual).toEqual([['0']]);
    expect(off.certificate).toMatchObject({ sigmaPrev: ['0'], jacobianIsZero: true });
  });

  test('tanh at 60 digits: ∂h_1/∂w = tanh(h_0), never certified zero; zero with σ(h_0) = 0 is no refutation', () => {
    const o = persists(scalar('tanh', 0.5, 1), 1);
    expect(o.violated).toBe(false);
    expect(Number(o.claimed[0][0])).toBeCloseTo(Math.tanh(1), 14);
    expect(Number(o.actual[0][0])).toBeCloseTo(Math.tanh(1), 14);
    // a 60-digit value is never taken for an exact zero of a transcendental expression
    expect(o.certificate).toMatchObject({ certified: false });
    const z = persists(scalar('tanh', 0.5, 0), 1);
    expect(z.violated).toBe(false);
    expect(z.relError).toBe('0');
    // t = 2: tanh(h_1) + w(1 − tanh²h_1)tanh(h_0), h_1 = tanh(1)/2
    const h1 = Math.tanh(1) / 2;
    const o2 = persists(scalar('tanh', 0.5, 1, [0, 0]), 2);
    expect(o2.violated).toBe(false);
    expect(Number(o2.actual[0][0])).toBeCloseTo(
      Math.tanh(h1) + 0.5 * (1 - Math.tanh(h1) ** 2) * Math.tanh(1),
      14,
    );
    expect(Number(o2.claimed[0][0])).toBeCloseTo(Math.tanh(h1), 14);
  });
});

/** n = 2, σ given, one input per step driving unit 2 by b_R = (0, b). */
function pair(activation: ActivationName, W: number[][], h0: number[], b = 0.25): Case {
  return {
    activation,
    W_R: W,
    W_I: [[0], [0]],
    b_R: [0, b],
    W_O: [[1, 1]],
    b_O: [0],
    h_0: h0,
    xs: [[0], [0], [0]],
    ys: [0, 0, 0],
  };
}

describe('remark 4.2 re-checks on two units: every entry is read, not just one', () => {
  const half = [
    [0.5, 0],
    [0, 0.5],
  ];

  test('relu, W_R = I/2, h_0 = (1, −1): J_2 = W_R (zeros off the diagonal) and σ(h_0) = (1, 0) are nonzero: refuted', () => {
    const o = earlyTermsRecheck({ case: pair('relu', half, [1, -1]), params: { k: 1 } });
    expect(o.claimed).toEqual([['F(1, 2) ≠ 0']]);
    expect(o.violated).toBe(true);
  });

  test('tanh, W_R with a zero row: W_R ≠ 0 all the same, so F(1, 2) ≠ 0', () => {
    const o = earlyTermsRecheck({
      case: pair(
        'tanh',
        [
          [0, 0.5],
          [0, 0],
        ],
        [1, 1],
      ),
      params: { k: 1 },
    });
    expect(o.claimed).toEqual([['F(1, 2) ≠ 0']]);
    expect(o.violated).toBe(true);
  });

  test('relu, σ(h_0) = 0 but J_2 ≠ 0 (h_1 = x_1 = 1): the summand is absent', () => {
    expect(
      earlyTermsRecheck({ case: scalar('relu', 0.5, -1, [1]), params: { k: 1 } }).claimed,
    ).toEqual([['F(1, 2) = 0']]);
  });

  test('k = 3 is accepted', () => {
    const o = earlyTermsRecheck({ case: scalar('tanh', 0.5, 1, [0, 0, 0]), params: { k: 3 } });
    expect(o.claimed).toEqual([['F(3, 4) ≠ 0']]);
  });

  test('∂h_1/∂W_R = I ⊗ σ(h_0)ᵀ with σ(h_0) = (1, 1) has zero entries but is not zero', () => {
    const o = gradientPersistsRecheck({ case: pair('relu', half, [1, 1]), params: { t: 1 } });
    expect(o.violated).toBe(false);
    expect(o.certificate).toMatchObject({ jacobianIsZero: false, sigmaPrev: ['1', '1'] });
  });

  test('w = −2, h_0 = 1/2, x = (2, 5): ∂h_2/∂w = σ(h_1) + w·σ(h_0) = 1 − 1 = 0, read at h_1 (not h_0, not h_2)', () => {
    const o = gradientPersistsRecheck({ case: scalar('relu', -2, 0.5, [2, 5]), params: { t: 2 } });
    expect(o.violated).toBe(true);
    expect(o.certificate).toMatchObject({ sigmaPrev: ['1'], jacobianIsZero: true });
  });

  test('h_1 at the kink of relu: ∂h_2/∂W_R does not exist, so it is not zero', () => {
    const o = gradientPersistsRecheck({
      case: scalar('relu', 0.5, 1, [-0.5, 0]),
      params: { t: 2 },
    });
    expect(o.violated).toBe(false);
    expect(o.actual).toEqual([['undefined']]);
  });
});
