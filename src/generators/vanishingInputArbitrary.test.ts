import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { activation } from '../model/activation.js';
import { validateCase } from '../model/caseFile.js';
import {
  dyadicSigma,
  exactCase,
  exactJacobianHWR,
  exactTrajectory,
} from '../model/exactTrajectory.js';
import { spectralRadius } from '../numerics/eigenvalues.js';
import { dyadicMat, dyadicVecEqual, isNormalExact } from '../numerics/exact/dyadic.js';
import { spectralRadiusBelow } from '../numerics/exact/eigenCertificates.js';
import { fromRows } from '../numerics/Mat.js';
import { spectralNorm } from '../numerics/singularValues.js';
import { exactCycle } from '../paper/s4-vanishing/thm2.js';
import { cycleInputArbitrary, fixedPointInputArbitrary } from './fixedPointCaseArbitrary.js';
import {
  cancellationInputs,
  contractCase,
  limitClaimArbitrary,
  normalDyadicInputs,
  unforcedInputs,
} from './vanishingInputArbitrary.js';
import { contractToBoundary, dyadicBetween, fixedPointTarget } from './vanishingTargets.js';

const PL = ['identity', 'relu', 'leaky_relu'] as const;

describe('constructed families', () => {
  test('every family yields valid case files, honours --activation and is deterministic', () => {
    for (const act of ['tanh', 'relu'] as const) {
      const arbs = [
        limitClaimArbitrary({ activations: [act] }, 'rho'),
        normalDyadicInputs({ activations: [act] }),
        cancellationInputs({ activations: [act] }),
        unforcedInputs({ activations: [act] }),
      ];
      for (const arb of arbs) {
        const a = fc.sample(arb, { seed: 42, numRuns: 40 });
        const b = fc.sample(arb, { seed: 42, numRuns: 40 });
        expect(a).toEqual(b);
        for (const x of a) {
          expect(x.case.activation).toBe(act);
          expect(() => validateCase(JSON.parse(JSON.stringify(x.case)))).not.toThrow();
        }
      }
    }
  });

  test('fixed points of piecewise-linear σ are exact: the exact state repeats within one input period', () => {
    fc.assert(
      fc.property(fixedPointInputArbitrary({ activations: PL }), ({ case: c }) => {
        const cyc = exactCycle(exactCase(c), 8);
        expect(cyc).toBeDefined();
        expect(cyc?.a).toBeLessThanOrEqual(1);
        expect(cyc?.p).toBe(c.xs.length);
      }),
      { numRuns: 200 },
    );
  });

  test('period-2 orbits of piecewise-linear σ are exact: h_2 = h_0', () => {
    fc.assert(
      fc.property(cycleInputArbitrary({ activations: PL }), ({ case: c }) => {
        const traj = exactTrajectory(exactCase(c), 2, 4096);
        expect(dyadicVecEqual(traj.h[2], traj.h[0])).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test('normal family: exactly normal, ρ(W_R)·γ < 1 exactly', () => {
    fc.assert(
      fc.property(normalDyadicInputs({}), ({ case: c }) => {
        const W = dyadicMat(c.W_R);
        expect(isNormalExact(W)).toBe(true);
        const g = activation(c.activation).gamma;
        expect(spectralRadiusBelow(W, g === 1 ? 1n : 4n, 1n)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test('cancellation family: ∂h_2/∂W_R = 0 exactly with σ(h_1) ≠ 0 (piecewise-linear σ)', () => {
    fc.assert(
      fc.property(cancellationInputs({ activations: PL }), ({ case: c }) => {
        const J = exactJacobianHWR(c, 2, 4096);
        expect(J?.data.every((x) => x === 0n)).toBe(true);
        const ec = exactCase(c);
        const h1 = exactTrajectory(ec, 1, 4096).h[1];
        expect(dyadicSigma(ec.sigma, h1).m.some((x) => x !== 0n)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('targets', () => {
  test('contractToBoundary puts measure·γ in [1/2, 1)', () => {
    fc.assert(
      fc.property(limitClaimArbitrary({}, 'rho'), ({ case: c }) => {
        for (const [m, f] of [
          ['rho', spectralRadius],
          ['sMax', spectralNorm],
        ] as const) {
          const g = activation(c.activation).gamma;
          const r = contractToBoundary(c.W_R, f, g);
          const v = f(fromRows(r.rows, r.rows.length)) * g;
          if (f(fromRows(c.W_R, c.W_R.length)) === 0) continue;
          expect(v).toBeLessThan(1);
          expect(v).toBeGreaterThanOrEqual(0.5 * (1 - 1e-6));
          expect(contractCase(c, m).W_R).toEqual(r.rows);
        }
      }),
      { numRuns: 100 },
    );
  });

  test('dyadicBetween returns a dyadic inside any interval of relative width ≥ 2^−20, none inside [x, x]', () => {
    expect(dyadicBetween(0.3, 0.3)).toBeUndefined();
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1 + 2 ** -20, max: 2, noNaN: true }),
        (lo, f) => {
          const c = dyadicBetween(lo, lo * f);
          expect(c).toBeDefined();
          expect(c as number).toBeGreaterThanOrEqual(lo);
          expect(c as number).toBeLessThanOrEqual(lo * f);
        },
      ),
    );
  });

  test('the fixed-point hill-climb finds the hint mechanism on the nilpotent [[1, 1], [−1, −1]]', () => {
    const W = fromRows([
      [1, 1],
      [-1, -1],
    ]);
    const t = fixedPointTarget(W, 'relu', [false, false]);
    expect(t.rhoW).toBeLessThan(1e-6);
    expect(t.rhoWD).toBeCloseTo(1, 12);
    expect(t.scale).toBeDefined();
  });
});
