import { describe, expect, test } from 'vitest';
import type { ClaimInput } from '../../engine/contract/claim.js';
import type { ActivationName } from '../../model/activation.js';
import { type Case, toModel } from '../../model/caseFile.js';
import { states } from '../../model/forward.js';
import { periodicModel } from '../../model/periodic.js';
import {
  exactContraction,
  explodingCertificate,
  explodingCheck,
  explodingSeries,
  floatContraction,
  MAX_CONTRACTION_POWER,
  probeHorizon,
} from './thm4.js';

/** A two-unit case with one input and two classes. */
function twoUnit(
  activation: ActivationName,
  W_R: number[][],
  b_R: number[],
  extra: Partial<Case> = {},
): Case {
  return {
    activation,
    W_R,
    W_I: [[0.25], [-0.5]],
    b_R,
    W_O: [
      [0.5, -0.25],
      [-0.5, 0.75],
    ],
    b_O: [0, 0],
    h_0: [0.125, -0.25],
    xs: [[1], [0.5], [-0.25]],
    ys: [0, 1, 1],
    ...extra,
  };
}

const input = (c: Case, eps = 0.5): ClaimInput => ({ case: c, params: { eps } });

describe('the Theorem 4 certificate', () => {
  test('σ = id, strictly triangular W_R with ‖W_R‖₂ = 2 ≥ 1 + ε: certified bounded, and the series obeys the bound', () => {
    const c = twoUnit(
      'identity',
      [
        [0, 2],
        [0, 0],
      ],
      [0.25, 0.125],
    );
    const hp = explodingCertificate(input(c), 'loss');
    expect(hp.violated).toBe(true);
    const cert = hp.certificate as Record<string, unknown>;
    expect(cert.acyclicPattern).toBe(true);
    expect(cert.k).toBe(2);
    const bound = Number(hp.actual[0][0]);
    const s = explodingSeries(toModel(c), 200, 'loss').dE;
    expect(Math.max(...s)).toBeLessThanOrEqual(bound);
    expect(s[199]).toBeGreaterThan(0);
    expect(explodingCheck(input(c), 'loss').status).toBe('violated');
  });

  test('σ = id, non-nilpotent W_R = [[1/2, 4], [0, 1/2]]: ρ(|W_R|) = 1/2 < 1 < ‖W_R‖₂ ≈ 4.06, certified bounded', () => {
    const c = twoUnit(
      'identity',
      [
        [0.5, 4],
        [0, 0.5],
      ],
      [0.25, 0.125],
    );
    const hp = explodingCertificate(input(c, 1), 'hidden');
    expect(hp.violated).toBe(true);
    const cert = hp.certificate as Record<string, unknown>;
    expect(cert.acyclicPattern).toBe(false);
    const s = explodingSeries(toModel(c), 200, 'hidden').dh;
    expect(Math.max(...s)).toBeLessThanOrEqual(Number(hp.actual[0][0]));
    // the sequence converges to a nonzero periodic regime, not to 0
    expect(s[199]).toBeGreaterThan(0.1);
  });

  test('leaky_relu with ‖W_R‖₂ = 128 ≥ 64(1 + ε): the infimum reading λ* = 1/64 holds too', () => {
    const c = twoUnit(
      'leaky_relu',
      [
        [0, 128],
        [0, 0],
      ],
      [0, -0.25],
    );
    const hp = explodingCertificate(input(c, 1), 'loss');
    expect(hp.violated).toBe(true);
    const h = (hp.certificate as { hypothesis: { infimumReading: { verdict: string } } })
      .hypothesis;
    expect(h.infimumReading.verdict).toBe('holds');
  });

  test('sigmoid at its exact fixed point h = 0 (b_1 = −W_12/2): λ* = 1/4 at 60 digits, ‖W_R‖₂ = 8 ≥ 4(1 + ε)', () => {
    const c = twoUnit(
      'sigmoid',
      [
        [0, -8],
        [0, 0],
      ],
      [4, 0],
      {
        W_I: [[0], [0]],
        h_0: [0, 0],
      },
    );
    const hp = explodingCertificate(input(c, 1 / 16), 'loss');
    expect(hp.violated).toBe(true);
    const h = (hp.certificate as { hypothesis: Record<string, unknown> }).hypothesis;
    expect(String(h.lambdaStarLowerBound)).toBe('0.25');
    expect((h.infimumReading as { verdict: string }).verdict).toMatch(/vacuous/);
  });

  test('no certificate: W_R = 2I (the gradient does explode)', () => {
    const c = twoUnit(
      'identity',
      [
        [2, 0],
        [0, 2],
      ],
      [0.25, 0.125],
    );
    expect(exactContraction(c.W_R, 1)).toBeUndefined();
    expect(explodingCertificate(input(c), 'loss').violated).toBe(false);
    expect(explodingCheck(input(c), 'loss').status).toBe('pass');
  });

  test('W_O = 0 makes ∂E_t/∂W_R ≡ 0: degenerate, skipped by the check and not certified', () => {
    const c = twoUnit(
      'identity',
      [
        [0, 2],
        [0, 0],
      ],
      [0.25, 0.125],
      {
        W_O: [
          [0, 0],
          [0, 0],
        ],
      },
    );
    const o = explodingCheck(input(c), 'loss');
    expect(o.status).toBe('skip');
    expect(explodingCertificate(input(c), 'loss').violated).toBe(false);
    // ∂h_t/∂W_R does not depend on W_O: the hidden-state claim is still refuted
    expect(explodingCertificate(input(c), 'hidden').violated).toBe(true);
  });

  test('the hypothesis fails: ‖W_R‖₂ = 1 < 1 + ε', () => {
    const c = twoUnit(
      'identity',
      [
        [0, 1],
        [0, 0],
      ],
      [0.25, 0.125],
    );
    expect(explodingCheck(input(c), 'loss').status).toBe('skip');
    expect(explodingCertificate(input(c), 'loss').violated).toBe(false);
  });

  test('exact and float64 contraction agree on k', () => {
    for (const W of [
      [
        [0.5, 4],
        [0, 0.5],
      ],
      [
        [0, 3, 1],
        [0, 0, 2],
        [0, 0, 0],
      ],
      [
        [0.25, -1],
        [0.125, 0.5],
      ],
    ]) {
      const f = floatContraction(
        toModel(
          twoUnit(
            'identity',
            W,
            W.map(() => 0),
            {
              W_I: W.map(() => [0]),
              h_0: W.map(() => 0),
              W_O: [W.map(() => 1), W.map(() => 0)],
            },
          ),
        ),
      );
      const e = exactContraction(W, 1);
      expect(e?.k).toBe(f?.k);
      expect(e?.normAk.toNumber()).toBeCloseTo(f!.norm, 12);
    }
  });
});

/** The certificate of an outcome, with the fields the tests read. */
function certOf(c: Case, eps: number, target: 'loss' | 'hidden') {
  const hp = explodingCertificate(input(c, eps), target);
  return {
    hp,
    cert: hp.certificate as Record<string, unknown> & {
      hypothesis: Record<string, unknown> & { infimumReading: { verdict: string } };
      nondegenerate: { t: number; holds: boolean };
    },
  };
}

/** min |σ′| over the float64 states h_0 … h_{steps−1} of the periodic continuation (a reference). */
function floatMinDeriv(c: Case, steps: number): number {
  const model = toModel(c);
  const { h } = states(periodicModel(model, steps), steps - 1);
  let mn = Number.POSITIVE_INFINITY;
  for (const hr of h) for (const x of hr) mn = Math.min(mn, Math.abs(model.sigma.df(x)));
  return mn;
}

describe('the Theorem 4 certificate, by its exact values', () => {
  // σ = id, A = W_R = [[0, 2], [0, 0]]: ‖A‖_∞ = 2, A² = 0, so k = 2 and C = (1 + 2)/(1 − 0) = 3.
  // U = (max(0.5, 0.375, 0.1875), max(0.375, 0.125, 0.25)) = (1/2, 3/8), c₀ = 0, ‖h_0‖_∞ = 1/2
  // (h_0 = (−1/2, 1/4): the largest entry first); B_h = 3(1/2 + 1/2) = 3, S = B_h = 3 (σ = id is
  // unbounded), CS = 9, ‖∂h/∂W_R‖_F² ≤ 2³·81 = 648, ‖W_O‖_F² = 9/8, ‖∂E/∂W_R‖_F² ≤ 2·(9/8)·648 = 1458.
  const c = twoUnit(
    'identity',
    [
      [0, 2],
      [0, 0],
    ],
    [0.25, 0.125],
    { h_0: [-0.5, 0.25] },
  );

  test('σ = id, acyclic W_R: k, C, B_h, S, the entry bound and both Frobenius bounds, exactly', () => {
    const { hp, cert } = certOf(c, 0.5, 'loss');
    expect(hp.violated).toBe(true);
    expect(cert.valid).toBe(true);
    expect(cert).toMatchObject({
      gamma: '1',
      k: 2,
      normAk: '0',
      acyclicPattern: true,
      sumOfPowers: '3',
      stateBound: '3',
      sigmaBound: '3',
      entryBound: '9',
      hiddenFrobeniusSqBound: '648',
      lossFrobeniusSqBound: '1458',
      bound: '1458',
    });
    expect(String(cert.statement)).toMatch(/‖∂E_t\/∂W_R‖_F² ≤ bound/);
    expect(hp.claimed).toEqual([['Infinity']]);
    expect(Number(hp.actual[0][0])).toBeCloseTo(Math.sqrt(1458), 12);
    expect(cert.nondegenerate.holds).toBe(true);
    expect(cert.nondegenerate.t).toBe(probeHorizon(toModel(c)));
    // ‖W_R‖₂² = 4 ≥ (3/2)², and the infimum reading λ* = 1 gives the same
    expect(cert.hypothesis.holds).toBe(true);
    expect(cert.hypothesis.lambdaStarLowerBound).toBe('1');
    expect(cert.hypothesis.infimumReading.verdict).toBe('holds');
  });

  test('the hidden-state target is bounded by the hidden-state bound', () => {
    const { hp, cert } = certOf(c, 0.5, 'hidden');
    expect(hp.violated).toBe(true);
    expect(cert.bound).toBe('648');
    expect(String(cert.statement)).toMatch(/‖∂h_t\/∂W_R‖_F² ≤ bound/);
    expect(Number(hp.actual[0][0])).toBeCloseTo(Math.sqrt(648), 12);
  });

  test('sigmoid: c₀ = 1/2 enters U, and S = c₀ + γB_h = 13/2 is capped at sup|σ| = 1', () => {
    // γ = 1/4: A = [[0, 2], [0, 0]] again (k = 2, C = 3); U′ = max(4 + 8/2, 0) = 8, B_h = 24,
    // S = min(1/2 + 24/4, 1) = 1, CS = 3, ‖∂h/∂W_R‖_F² ≤ 8·9 = 72, ‖∂E/∂W_R‖_F² ≤ 2·(9/8)·72 = 162.
    const s = twoUnit(
      'sigmoid',
      [
        [0, -8],
        [0, 0],
      ],
      [4, 0],
      { W_I: [[0], [0]], h_0: [0, 0] },
    );
    const { cert } = certOf(s, 1 / 16, 'loss');
    expect(cert).toMatchObject({
      gamma: '1/4',
      k: 2,
      sumOfPowers: '3',
      stateBound: '24',
      sigmaBound: '1',
      entryBound: '3',
      hiddenFrobeniusSqBound: '72',
      bound: '162',
    });
    // the trajectory stays at h = 0: h_0 … h_{k+T−1} = h_4 are read, λ* = σ′(0) = 1/4
    expect(String(cert.hypothesis.lambdaStarHow)).toMatch(
      /h_0 … h_4, by outward-rounded interval arithmetic$/,
    );
  });

  test('ε outside (0, 1] is refused before any certificate is built', () => {
    // NaN and ∞ (JSON reads 1e400 as ∞) are refused by the same line, not by a RangeError
    for (const eps of [0, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const { hp, cert } = certOf(c, eps, 'loss');
      expect(hp.violated).toBe(false);
      expect(cert.valid).toBe(false);
      expect(cert.why).toBe('ε outside (0, 1]');
      expect(hp.claimed).toEqual([['Infinity']]);
      expect(hp.actual).toEqual([['']]);
    }
    expect(certOf(c, 1, 'loss').hp.violated).toBe(true);
  });

  test('no contraction: the failure names k ≤ MAX_CONTRACTION_POWER and is not valid', () => {
    const { hp, cert } = certOf(
      twoUnit(
        'identity',
        [
          [2, 0],
          [0, 2],
        ],
        [0.25, 0.125],
      ),
      0.5,
      'loss',
    );
    expect(hp.violated).toBe(false);
    expect(cert.valid).toBe(false);
    expect(cert.why).toBe(`‖(γ|W_R|)^k‖_∞ ≥ 1 for every k ≤ ${MAX_CONTRACTION_POWER}`);
  });
});

describe('exactContraction', () => {
  test('[[1/2, 4], [0, 1/2]]: ‖A^k‖_∞ = (1 + 8k)/2^k, first < 1 at k = 6, C = Σ_{m<6} ‖A^m‖_∞/(1 − 49/64)', () => {
    const e = exactContraction(
      [
        [0.5, 4],
        [0, 0.5],
      ],
      1,
    )!;
    expect(e.k).toBe(6);
    expect(e.normAk.toString()).toBe('49/64');
    expect(e.nilpotent).toBe(false);
    // 1 + 9/2 + 17/4 + 25/8 + 33/16 + 41/32 = 519/32, divided by 15/64
    expect(e.C.toString()).toBe('346/5');
  });

  test('γ = 1/4 scales every power: W = 4·[[1/2, 4], [0, 1/2]] gives the same k and C', () => {
    const e = exactContraction(
      [
        [2, 16],
        [0, 2],
      ],
      0.25,
    )!;
    expect([e.k, e.normAk.toString(), e.C.toString()]).toEqual([6, '49/64', '346/5']);
  });

  test('the last power tried is k = MAX_CONTRACTION_POWER = 64', () => {
    // [[1/2, b], [0, 1/2]]^k has ‖·‖_∞ = (1 + 2kb)/2^k: with b = 1.5·2^56 it is ≥ 1 up to k = 63
    // (1 + 189·2^56 ≥ 2^63) and < 1 at k = 64 (1 + 192·2^56 < 2^64); with b = 2^57 also at k = 64.
    expect(MAX_CONTRACTION_POWER).toBe(64);
    const at64 = exactContraction(
      [
        [0.5, 1.5 * 2 ** 56],
        [0, 0.5],
      ],
      1,
    )!;
    expect(at64.k).toBe(64);
    expect(at64.normAk.toString()).toBe(`${1n + 192n * 2n ** 56n}/${2n ** 64n}`);
    expect(
      exactContraction(
        [
          [0.5, 2 ** 57],
          [0, 0.5],
        ],
        1,
      ),
    ).toBeUndefined();
  });
});

describe('the lower bound of λ* in the certificate, per activation', () => {
  /** A diagonal, non-nilpotent W_R with a constant drive: the certificate's state bound is small. */
  const diag = (activation: ActivationName) =>
    twoUnit(
      activation,
      [
        [0.5, 0],
        [0, 0.25],
      ],
      [0.25, 0],
      { W_I: [[0], [0]], h_0: [0, 0] },
    );
  const lamOf = (c: Case) => {
    const { cert } = certOf(c, 0.5, 'loss');
    const h = cert.hypothesis;
    return {
      value: String(h.lambdaStarLowerBound),
      how: String(h.lambdaStarHow),
      S: cert.sigmaBound,
    };
  };

  test('tanh: σ′ at B_h = 2·1/4 = 1/2 (C = 1/(1 − 1/2) = 2); S = γB_h = 1/2 < 1 is not capped', () => {
    const l = lamOf(diag('tanh'));
    expect(Number(l.value)).toBeCloseTo(1 - Math.tanh(0.5) ** 2, 14);
    expect(l.how).toMatch(/decreases/);
    expect(l.S).toBe('1/2');
  });

  test('sigmoid: σ′ at B_h = (8/7)(1/4 + 1/2·1/2) = 4/7 (γ = 1/4, C = 1/(1 − 1/8), c₀ = 1/2)', () => {
    const s = 1 / (1 + Math.exp(-4 / 7));
    expect(Number(lamOf(diag('sigmoid')).value)).toBeCloseTo(s * (1 - s), 14);
  });

  test('softplus: σ′ at −B_h = −2(1/4 + 1·1/2) = −3/2 (c₀ = 1)', () => {
    const l = lamOf(diag('softplus'));
    expect(Number(l.value)).toBeCloseTo(1 / (1 + Math.exp(1.5)), 14);
    expect(l.how).toMatch(/increases/);
  });

  test('leaky_relu: 1/64 everywhere; relu: 0 (no bound), so the hypothesis fails', () => {
    expect(lamOf(diag('leaky_relu')).value).toBe('1/64');
    const r = certOf(diag('relu'), 0.5, 'loss');
    expect(r.cert.hypothesis.lambdaStarLowerBound).toBe('0');
    expect(String(r.cert.hypothesis.lambdaStarHow)).toMatch(/^relu/);
    expect(r.cert.hypothesis.holds).toBe(false);
    expect(r.hp.violated).toBe(false);
  });

  test('leaky_relu, acyclic W_R: the exact minimum over h_0 … h_{k+T−1}, neither the first nor the last state', () => {
    // h_t[1] = −x_t/2 + 1/8 takes the signs +, −, −, + on t = 1 … 4, h_0 > 0: min |σ′| = 1/64
    const c = twoUnit(
      'leaky_relu',
      [
        [0, 2],
        [0, 0],
      ],
      [0, 0.125],
      { h_0: [0.125, 0.25], xs: [[-0.25], [1], [0.5]] },
    );
    const { cert } = certOf(c, 0.5, 'loss');
    expect(cert.hypothesis.lambdaStarLowerBound).toBe('1/64');
    expect(floatMinDeriv(c, 5)).toBe(1 / 64);
    expect(String(cert.hypothesis.lambdaStarHow)).toMatch(/^exact .* h_0 … h_4$/);
    // ‖W_R‖₂²/64² < (3/2)²: the hypothesis fails in both readings
    expect(cert.hypothesis.holds).toBe(false);
    expect(cert.hypothesis.infimumReading.verdict).toBe('fails');
  });

  test('tanh, acyclic W_R: the 60-digit minimum over h_0 … h_{k+T−1} equals the float64 one', () => {
    const c = twoUnit(
      'tanh',
      [
        [0, 2],
        [0, 0],
      ],
      [0.25, 0.125],
      { h_0: [0.125, 0.25], xs: [[-0.25], [1], [0.5]] },
    );
    const l = lamOf(c);
    expect(Number(l.value)).toBeCloseTo(floatMinDeriv(c, 5), 14);
  });
});
