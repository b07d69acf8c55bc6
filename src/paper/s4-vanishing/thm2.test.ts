import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  cycleInputArbitrary,
  fixedPointInputArbitrary,
} from '../../generators/fixedPointCaseArbitrary.js';
import type { ActivationName } from '../../model/activation.js';
import type { Case } from '../../model/caseFile.js';
import { exactCase } from '../../model/exactTrajectory.js';
import { eigenvalues } from '../../numerics/eigenvalues.js';
import { HP, hpShow } from '../../numerics/exact/decimal.js';
import { matmul } from '../../numerics/kernels.js';
import { fromRows, identity } from '../../numerics/Mat.js';
import { NILPOTENT_RELU_FIXED_POINT } from '../../testing/exactFixtures.js';
import {
  cycleSpectralRadius,
  extendedChain,
  jacobianAt,
  LIMIT_HORIZON,
  productNorms,
  sigmaNorm,
} from './chain.js';
import {
  certifyFVanishes,
  certifyJacobianVanishes,
  certifyNonVanishing,
  certifyTermAlwaysPresent,
  exactCycle,
  nilpotentExact,
  normalHypothesis,
  signedEigenvalueHypothesis,
  singularValueHypothesis,
  spectralRadiusHypothesis,
} from './thm2.js';

function scalarCase(activation: ActivationName, w: number, h0: number, b = 0, x = 0): Case {
  return {
    activation,
    W_R: [[w]],
    W_I: [[1]],
    b_R: [b],
    W_O: [[1]],
    b_O: [0],
    h_0: [h0],
    xs: [[x]],
    ys: [0],
  };
}

describe('certifyNonVanishing', () => {
  test('the nilpotent relu fixed point: J = [[1, 0], [−1, 0]] is idempotent', () => {
    for (const k0 of [1, 2, 5]) {
      const r = certifyNonVanishing(NILPOTENT_RELU_FIXED_POINT, k0);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.period).toBe(1);
        expect(r.certificate.M).toEqual([
          ['1', '0'],
          ['-1', '0'],
        ]);
        expect(r.certificate.annihilator).toEqual(['0', '-1', '1']);
      }
    }
    expect(spectralRadiusHypothesis(NILPOTENT_RELU_FIXED_POINT).holds).toBe(true);
  });

  test('σ = identity: certified iff ρ(W_R) ≥ 1 (and σ(h_{k0−1}) ≠ 0)', () => {
    expect(certifyNonVanishing(scalarCase('identity', -1.5, 1), 1).ok).toBe(true);
    expect(certifyNonVanishing(scalarCase('identity', 1, 1), 3).ok).toBe(true);
    expect(certifyNonVanishing(scalarCase('identity', 0.5, 1), 1).ok).toBe(false);
    expect(certifyNonVanishing(scalarCase('identity', 2, 0), 1).ok).toBe(false);
  });

  test('a stable relu fixed point, a kink, a smooth σ: no certificate', () => {
    // h* = 2: h* = ½·relu(h*) + 1
    expect(certifyNonVanishing(scalarCase('relu', 0.5, 2, 1), 1).ok).toBe(false);
    // h_0 = 0 is the kink of relu
    expect(certifyNonVanishing(scalarCase('relu', 2, 0, 0), 1).ok).toBe(false);
    expect(certifyNonVanishing(scalarCase('tanh', -2, 1), 1).ok).toBe(false);
  });

  test('soundness: every certified constructed case keeps ‖F(k0, t)‖ away from 0 and has ρ(cycle) ≥ 1', () => {
    const arb = fc.oneof(
      fixedPointInputArbitrary({ activations: ['relu', 'leaky_relu', 'identity'] }),
      cycleInputArbitrary({ activations: ['relu', 'leaky_relu', 'identity'] }),
    );
    let certified = 0;
    fc.assert(
      fc.property(arb, ({ case: c, params }) => {
        const r = certifyNonVanishing(c, params.k0);
        if (!r.ok) return;
        certified++;
        expect(r.cycleStart).toBeGreaterThanOrEqual(params.k0);
        // M and P0 of the certificate are the float64 products of the Jacobians along the chain
        const long = extendedChain(c, r.cycleStart + r.period);
        const prod = (from: number, to: number) => {
          let P = identity(c.W_R.length);
          for (let t = from + 1; t <= to; t++)
            P = matmul(jacobianAt(long.model, long.dsig[t - 1]), P);
          return P;
        };
        const asNumbers = (rows: unknown) =>
          (rows as string[][]).flat().map((x) => {
            const [p, q = '1'] = x.split('/');
            return Number(p) / Number(q);
          });
        const near = (got: number[], want: Float64Array) => {
          for (let i = 0; i < got.length; i++)
            expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(want[i])));
        };
        near(asNumbers(r.certificate.M), prod(r.cycleStart, r.cycleStart + r.period).data);
        near(asNumbers(r.certificate.P0), prod(params.k0, r.cycleStart).data);
        const chain = extendedChain(c, LIMIT_HORIZON);
        const norms = productNorms(chain, params.k0, LIMIT_HORIZON).norm2;
        const v = sigmaNorm(chain, params.k0 - 1);
        const tail = norms.slice(-2 * r.period).map((x) => x * v);
        expect(Math.max(...tail)).toBeGreaterThan(1e-12 * v);
        expect(
          cycleSpectralRadius(chain, r.cycleStart, r.period) ** (1 / r.period),
        ).toBeGreaterThan(1 - 1e-9);
      }),
      { numRuns: 150 },
    );
    expect(certified).toBeGreaterThan(10);
  });
});

describe('hypotheses', () => {
  test('λ1 with its sign: −2 holds, 2 fails, a rotation is a complex pair', () => {
    const sgn = (w: number[][]) => {
      const e = eigenvalues(fromRows(w));
      return signedEigenvalueHypothesis(
        { ...NILPOTENT_RELU_FIXED_POINT, activation: 'identity', W_R: w },
        e.re,
        e.im,
        1e-6,
      ).status;
    };
    expect(
      sgn([
        [-2, 0],
        [0, 1],
      ]),
    ).toBe('holds');
    expect(
      sgn([
        [2, 0],
        [0, 1],
      ]),
    ).toBe('fails');
    expect(
      sgn([
        [0, -1],
        [1, 0],
      ]),
    ).toBe('complex');
    expect(
      sgn([
        [1, 1],
        [-1, -1],
      ]),
    ).toBe('holds');
  });

  test('sigmoid has γ = 1/4: ρ = 3 is below 1/γ, s_max = 5 is not', () => {
    const c = scalarCase('sigmoid', 3, 0);
    expect(spectralRadiusHypothesis(c).holds).toBe(true);
    expect(singularValueHypothesis({ ...c, W_R: [[5]] }).holds).toBe(false);
  });
});

describe('vanishing certificates', () => {
  test('F(k, t) → 0 when s_max·γ < 1 (any σ), or σ = id and ρ < 1', () => {
    expect(certifyFVanishes(scalarCase('tanh', 0.5, 1), 1).ok).toBe(true);
    expect(certifyFVanishes(scalarCase('tanh', 2, 1), 1).ok).toBe(false);
    const jordan = {
      ...NILPOTENT_RELU_FIXED_POINT,
      activation: 'identity' as const,
      W_R: [
        [0.5, 8],
        [0, 0.5],
      ],
    };
    expect(certifyFVanishes(jordan, 2).ok).toBe(true);
  });

  test('∂h_t/∂W_R → 0 needs an unforced network with σ(0) = 0 and a contraction', () => {
    expect(certifyJacobianVanishes(scalarCase('identity', 0.5, 1)).ok).toBe(true);
    expect(certifyJacobianVanishes(scalarCase('identity', 0.5, 1, 1)).ok).toBe(false);
    expect(certifyJacobianVanishes(scalarCase('sigmoid', 0.5, 1)).ok).toBe(false);
    expect(certifyJacobianVanishes(scalarCase('tanh', 1.5, 1)).ok).toBe(false);
  });

  test('the term σ(h_{t−1}) is present for all t', () => {
    expect(certifyTermAlwaysPresent(scalarCase('identity', 0.5, 1)).ok).toBe(true);
    expect(certifyTermAlwaysPresent(scalarCase('identity', 0, 1)).ok).toBe(false);
    expect(certifyTermAlwaysPresent(scalarCase('tanh', -0.5, 1)).ok).toBe(true);
    expect(certifyTermAlwaysPresent(scalarCase('relu', 0.5, 1)).ok).toBe(false);
  });
});

/** An unforced n-unit case: W_I = 0 and b_R = b (zero unless given), one input. */
function caseOf(activation: ActivationName, W_R: number[][], h0: number[], b?: number[]): Case {
  return {
    activation,
    W_R,
    W_I: W_R.map(() => [0]),
    b_R: b ?? W_R.map(() => 0),
    W_O: [W_R.map(() => 1)],
    b_O: [0],
    h_0: h0,
    xs: [[0]],
    ys: [0],
  };
}

describe('hypothesis certificates', () => {
  test('γ exactly, the verdict, and a reason only on failure', () => {
    const rho = spectralRadiusHypothesis(scalarCase('sigmoid', 3, 0));
    expect(rho.reason).toBeUndefined();
    expect(rho.certificate).toMatchObject({
      hypothesis: 'ρ(W_R)·γ < 1',
      gamma: '1/4',
      holds: true,
    });
    const rhoFails = spectralRadiusHypothesis(scalarCase('tanh', 1, 0));
    expect(rhoFails).toMatchObject({ holds: false, reason: 'ρ(W_R)·γ ≥ 1' });
    expect(rhoFails.certificate).toMatchObject({ gamma: '1/1', holds: false });
    const sv = singularValueHypothesis(scalarCase('sigmoid', 3.5, 0));
    expect(sv.holds).toBe(true);
    expect(sv.reason).toBeUndefined();
    expect(sv.certificate).toMatchObject({
      hypothesis: 's_max(W_R)·γ < 1',
      gamma: '1/4',
      holds: true,
    });
    expect(singularValueHypothesis(scalarCase('tanh', -1, 0))).toMatchObject({
      holds: false,
      reason: 's_max(W_R)·γ ≥ 1',
      certificate: { holds: false },
    });
  });

  test('normal hypothesis: exact normality, then ρ(W_R)·γ < 1', () => {
    const sym = normalHypothesis(
      caseOf(
        'tanh',
        [
          [0.5, 0.25],
          [0.25, 0.5],
        ],
        [1, 0],
      ),
    );
    expect(sym.holds).toBe(true);
    expect(sym.certificate).toMatchObject({
      hypothesis: 'ρ(W_R)·γ < 1',
      normal: 'W_R W_Rᵀ = W_Rᵀ W_R exactly',
    });
    expect(
      normalHypothesis(
        caseOf(
          'tanh',
          [
            [0.5, 1],
            [0, 0.5],
          ],
          [1, 0],
        ),
      ),
    ).toEqual({
      holds: false,
      reason: 'W_R is not normal (exactly)',
      certificate: { hypothesis: 'W_R normal', holds: false },
    });
    expect(
      normalHypothesis(
        caseOf(
          'tanh',
          [
            [2, 0],
            [0, 1],
          ],
          [1, 0],
        ),
      ),
    ).toMatchObject({
      holds: false,
      reason: 'ρ(W_R)·γ ≥ 1',
    });
  });

  test('λ1 with its sign: every dominant eigenvalue, the boundary, and the float64-only readings', () => {
    const signed = (w: number[][], activation: ActivationName = 'identity') => {
      const e = eigenvalues(fromRows(w));
      return signedEigenvalueHypothesis(
        caseOf(
          activation,
          w,
          w.map(() => 1),
        ),
        e.re,
        e.im,
        1e-6,
      );
    };
    // a tie ±2: −2 < 1 but 2 ≥ 1
    expect(
      signed([
        [2, 0],
        [0, -2],
      ]).status,
    ).toBe('fails');
    // λ1 = 1 = 1/γ is not below it
    expect(
      signed([
        [1, 0],
        [0, 0.5],
      ]).status,
    ).toBe('fails');
    const holds = signed([
      [-2, 0],
      [0, 1],
    ]);
    expect(holds.certificate).toMatchObject({
      dominantEigenvalues: [{ value: '-2', multiplicity: 1 }],
      gamma: '1/1',
      holds: true,
    });
    // an eigenvalue 2 of multiplicity two (float64 may split it by ~1e−8): certified
    expect(
      signed([
        [3, -1],
        [1, 1],
      ]).status,
    ).toBe('fails');
    // ±1/√2: irrational and tied; below 1 (identity) and below 4 (sigmoid), in float64 only
    for (const act of ['identity', 'sigmoid'] as const) {
      const u = signed(
        [
          [0, 0.5],
          [1, 0],
        ],
        act,
      );
      expect(u.status).toBe('uncertain');
      expect(u.certificate).toEqual({ hypothesis: 'λ1 < 1/γ', holds: true, floatOnly: true });
    }
    // −1 ± √5: the dominant −3.24 is below 1, the other one (1.24) is not dominant
    expect(
      signed([
        [-2, 2],
        [2, 0],
      ]).status,
    ).toBe('uncertain');
    // the golden ratio 1.618 ≥ 1
    const golden = signed([
      [1, 1],
      [1, 0],
    ]);
    expect(golden.status).toBe('fails-float');
    expect(golden.certificate).toEqual({ hypothesis: 'λ1 < 1/γ', holds: false, floatOnly: true });
    expect(
      signed([
        [0, -1],
        [1, 0],
      ]).certificate,
    ).toEqual({
      hypothesis: 'λ1 < 1/γ',
      holds: false,
      floatOnly: true,
    });
  });
});

describe('certifyNonVanishing: the certificate', () => {
  test('σ = identity: μ of the first column with M = W_R = [[1, 1/2], [1/2, 1]], and ‖F‖_F exactly', () => {
    const r = certifyNonVanishing(
      caseOf(
        'identity',
        [
          [1, 0.5],
          [0.5, 1],
        ],
        [0.5, 0],
      ),
      1,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // e_1 is cyclic: μ = z² − 2z + 3/4, roots 3/2 and 1/2
    expect(r.certificate.annihilator).toEqual(['3/4', '-2', '1']);
    expect(r.certificate).toMatchObject({
      column: 0,
      period: 1,
      cycleStart: 1,
      annihilatorRootsInUnitDisk: false,
    });
    expect(r.certificate.cycleState).toBeUndefined();
    expect(r.certificate.P0).toEqual([
      ['1', '0'],
      ['0', '1'],
    ]);
    // ‖W_R‖_F·‖h_0‖₂ = √2.5 · 1/2
    expect(r.normAtCycleExact).toBe(hpShow(new HP(2.5).sqrt().div(2)));
    // even integers (negative binary exponents): ‖[[2, 4], [4, 2]]‖_F·‖(2, 0)‖₂ = √160
    const even = certifyNonVanishing(
      caseOf(
        'identity',
        [
          [2, 4],
          [4, 2],
        ],
        [2, 0],
      ),
      1,
    );
    expect(even.ok && even.normAtCycleExact).toBe(hpShow(new HP(160).sqrt()));
  });

  test('reasons: σ(h_{k0−1}) = 0, the integer budget, no cycle, a kink on the cycle', () => {
    expect(certifyNonVanishing(scalarCase('identity', 2, 0), 1)).toEqual({
      ok: false,
      reason: 'σ(h_0) = 0: F(1, t) = 0 for all t',
    });
    // 3^t outgrows 4096 bits before t = 3000
    expect(certifyNonVanishing(scalarCase('identity', 3, 1.5), 3000)).toEqual({
      ok: false,
      reason: 'the exact states outgrew the integer budget',
    });
    // 1.5^t never repeats
    expect(certifyNonVanishing(scalarCase('relu', 1.5, 1), 1)).toEqual({
      ok: false,
      reason: 'no exact state cycle within the horizon (or integer budget)',
    });
    // h_1 = (1, 0): the fixed point has a coordinate at the kink of relu
    const kink = certifyNonVanishing(
      caseOf(
        'relu',
        [
          [1, 0],
          [0, 0],
        ],
        [1, 0],
      ),
      1,
    );
    expect(kink.ok).toBe(false);
    if (!kink.ok)
      expect(kink.reason).toMatch(/^h_1 has a coordinate at the kink of σ: J_2 undefined$/);
  });

  test('a period-2 relu cycle read from k0 beyond the horizon, and a cycle entered after P0 starts', () => {
    // W_R swaps (1, 2) ↔ (2, 1): M = W_R² = I, so μ = z − 1 for every column
    const swap = certifyNonVanishing(
      caseOf(
        'relu',
        [
          [0, 1],
          [1, 0],
        ],
        [1, 2],
      ),
      100,
    );
    expect(swap.ok && [swap.cycleStart, swap.period, swap.certificate.premise]).toEqual([
      100,
      2,
      "exact state cycle: h_0 = h_2 with the inputs' period T = 1 dividing 2, so h_{t+p} = h_t and J_{t+p} = J_t for t ≥ 0",
    ]);
    // a 3-cycle read from k0 = 100 (h_100 = h_1 = (3, 1, 2)): the states up to h_{k0+2} come from the periodicity
    const rot = [
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ];
    const three = certifyNonVanishing(caseOf('relu', rot, [1, 2, 3]), 100);
    expect(three.ok && [three.cycleStart, three.period, three.certificate.cycleState]).toEqual([
      100,
      3,
      ['3', '1', '2'],
    ]);
    // h_t = (1, 2, 2, 1) and (2, 1, 2, 1) from t = 2 on (a = 2, p = 2): P0 = J_2 = W_R
    const W = [
      [0, 1, 0, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
    ];
    const late = certifyNonVanishing(caseOf('relu', W, [1, 2, 5, 5], [0, 0, 1, 1]), 1);
    expect(late.ok && [late.cycleStart, late.period]).toEqual([2, 2]);
    expect(late.ok && late.certificate.P0).toEqual(W.map((r) => r.map(String)));
    // a cycle from t = 2 on needs a horizon beyond k0 + 1: W_R nilpotent, so F → 0 is what is found
    const nil = certifyNonVanishing(
      caseOf(
        'relu',
        [
          [0, 0],
          [1, 0],
        ],
        [5, 5],
        [1, 1],
      ),
      1,
    );
    expect(nil.ok ? '' : nil.reason).toMatch(
      /^every column of P0 has a Schur-stable M-annihilator/,
    );
  });

  test('‖F‖_F with quarter entries and a state of norm² 1/2: √(2.125·0.5)', () => {
    const r = certifyNonVanishing(
      caseOf(
        'identity',
        [
          [1, 0.25],
          [0.25, 1],
        ],
        [0.5, 0.5],
      ),
      1,
    );
    expect(r.ok && r.normAtCycleExact).toBe(hpShow(new HP(2.125).times(0.5).sqrt()));
  });

  test('a relu cycle entered late, read from k0 far beyond the horizon', () => {
    // h_t = relu(h_{t−1})·0 + 1: h_0 = 5, then 1 for ever (a = 1, p = 1)
    const late = scalarCase('relu', 0, 5, 1);
    const cyc = exactCycle(exactCase(late), 64);
    expect(cyc && { a: cyc.a, p: cyc.p }).toEqual({ a: 1, p: 1 });
    // h = (1, 1) is a fixed point of relu with W_R = [[1, 0], [0, 1]] − it never decays
    const fixed = caseOf(
      'relu',
      [
        [1, 0],
        [0, 1],
      ],
      [1, 1],
    );
    const r = certifyNonVanishing(fixed, 100);
    expect(
      r.ok && { start: r.cycleStart, period: r.period, state: r.certificate.cycleState },
    ).toEqual({
      start: 100,
      period: 1,
      state: ['1', '1'],
    });
  });
});

describe('vanishing certificates: soundness of each branch', () => {
  test('F(k, t) → 0: ρ < 1 certifies only σ = identity; the certificate carries its data', () => {
    const jordan = [
      [0.5, 8],
      [0, 0.5],
    ];
    // s_max ≥ 1 and ρ < 1: only the identity is certified (tanh may grow transiently, but ρ alone is no bound)
    expect(certifyFVanishes(caseOf('tanh', jordan, [1, 1]), 1).ok).toBe(false);
    expect(certifyFVanishes(scalarCase('identity', 2, 1), 1).ok).toBe(false);
    const id = certifyFVanishes(caseOf('identity', jordan, [1, 1]), 1);
    expect(id.ok && id.rate).toBe('ρ(W_R)');
    expect(id.ok && id.certificate).toMatchObject({
      hypothesis: 'ρ(W_R) < 1',
      charPolyOfScaledW: ['1', '-2', '1'],
      scaleExponent: 1,
    });
    const sv = certifyFVanishes(scalarCase('sigmoid', 3, 1), 2);
    expect(sv.ok && sv.certificate).toMatchObject({
      kind: 'F(2,t) → 0',
      gamma: '1/4',
      holds: true,
    });
  });

  test('∂h_t/∂W_R → 0: forcing in any coordinate, ρ < 1 only for the identity', () => {
    const forced = certifyJacobianVanishes(
      caseOf(
        'identity',
        [
          [0.5, 0],
          [0, 0.5],
        ],
        [1, 1],
        [0, 1],
      ),
    );
    expect(forced).toEqual({ ok: false, reason: 'W_I x_1 + b_R ≠ 0: the network is forced' });
    const jordan = [
      [0.5, 8],
      [0, 0.5],
    ];
    expect(certifyJacobianVanishes(caseOf('tanh', jordan, [1, 1])).ok).toBe(false);
    const id = certifyJacobianVanishes(caseOf('identity', jordan, [1, 1]));
    expect(id.ok && id.certificate).toMatchObject({ hypothesis: 'ρ(W_R) < 1' });
    expect(id.ok && id.certificate.forcing).toBeDefined();
    const contraction = certifyJacobianVanishes(scalarCase('identity', 0.5, 1));
    expect(contraction.ok && contraction.certificate).toMatchObject({
      hypothesis: 's = s_max(W_R) < 1',
    });
  });

  test('nilpotent W_R exactly', () => {
    expect(
      nilpotentExact(
        caseOf(
          'relu',
          [
            [0, 1],
            [0, 0],
          ],
          [1, 1],
        ),
      ),
    ).toBe(true);
    expect(
      nilpotentExact(
        caseOf(
          'relu',
          [
            [0, 1],
            [1e-300, 0],
          ],
          [1, 1],
        ),
      ),
    ).toBe(false);
  });

  test('σ(h_{t−1}) ≠ 0 for all t: forcing at any one step of the period is forcing', () => {
    const c: Case = {
      ...caseOf(
        'identity',
        [
          [0.5, 0],
          [0, 0.5],
        ],
        [1, 1],
      ),
      W_I: [[1], [0]],
      xs: [[0], [1]],
      ys: [0, 0],
    };
    expect(certifyTermAlwaysPresent(c).ok).toBe(false);
    expect(certifyJacobianVanishes(c)).toEqual({
      ok: false,
      reason: 'W_I x_2 + b_R ≠ 0: the network is forced',
    });
  });

  test('σ(h_{t−1}) ≠ 0 for all t: each premise is needed', () => {
    expect(
      certifyTermAlwaysPresent(
        caseOf(
          'identity',
          [
            [0.5, 0],
            [0, 0.5],
          ],
          [1, 1],
          [0, 1],
        ),
      ),
    ).toEqual({
      ok: false,
      reason: 'the network is forced: presence is not certified',
    });
    // identity, det W_R = 0 but W_R²h_0 = (1, 0) ≠ 0
    const proj = certifyTermAlwaysPresent(
      caseOf(
        'identity',
        [
          [1, 0],
          [0, 0],
        ],
        [1, 0],
      ),
    );
    expect(proj.ok && proj.certificate.premise).toMatch(/^σ = identity, unforced/);
    // tanh needs det W_R ≠ 0 and h_0 ≠ 0 (any coordinate)
    expect(
      certifyTermAlwaysPresent(
        caseOf(
          'tanh',
          [
            [1, 0],
            [0, 0],
          ],
          [1, 1],
        ),
      ).ok,
    ).toBe(false);
    expect(
      certifyTermAlwaysPresent(
        caseOf(
          'tanh',
          [
            [1, 0],
            [0, 2],
          ],
          [0, 0],
        ),
      ),
    ).toEqual({
      ok: false,
      reason: 'det W_R = 0 or h_0 = 0: presence not certified',
    });
    const t = certifyTermAlwaysPresent(
      caseOf(
        'tanh',
        [
          [1, 0],
          [0, 2],
        ],
        [1, 0],
      ),
    );
    expect(t.ok && t.certificate.premise).toMatch(/det W_R ≠ 0/);
  });
});
