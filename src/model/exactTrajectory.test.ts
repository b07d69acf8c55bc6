import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dyadicToRationals, dyadicVec } from '../numerics/exact/dyadic.js';
import { adJacobianHWR } from '../oracles/autodiff.js';
import { dyadicEntry } from '../testing/exactFixtures.js';
import { propertyRuns } from '../testing/propertyRuns.js';
import { type Case, toModel } from './caseFile.js';
import {
  atKink,
  dyadicSigma,
  dyadicSigmaPrime,
  exactCase,
  exactJacobian,
  exactJacobianHWR,
  exactTrajectory,
} from './exactTrajectory.js';
import { forward } from './forward.js';

/** A small dyadic case with a piecewise-linear σ. */
const plCase = fc
  .tuple(
    fc.constantFrom('identity', 'relu', 'leaky_relu', 'hardtanh'),
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 4 }),
  )
  .chain(([act, n, T]) =>
    fc
      .tuple(
        fc.array(fc.array(dyadicEntry, { minLength: n, maxLength: n }), {
          minLength: n,
          maxLength: n,
        }),
        fc.array(dyadicEntry, { minLength: n, maxLength: n }),
        fc.array(dyadicEntry, { minLength: n, maxLength: n }),
        fc.array(fc.array(dyadicEntry, { minLength: 1, maxLength: 1 }), {
          minLength: T,
          maxLength: T,
        }),
        fc.array(fc.array(dyadicEntry, { minLength: 1, maxLength: 1 }), {
          minLength: n,
          maxLength: n,
        }),
      )
      .map(
        ([W, b, h0, xs, WI]): Case => ({
          activation: act as Case['activation'],
          W_R: W.map((r) => r.map((x) => x / 4)),
          W_I: WI,
          b_R: b,
          W_O: [new Array(n).fill(0)],
          b_O: [0],
          h_0: h0,
          xs,
          ys: new Array(T).fill(0),
        }),
      ),
  );

describe('exact trajectories and Jacobians', () => {
  test('the exact trajectory equals float64 where float64 is exact (few-bit dyadics)', () => {
    fc.assert(
      fc.property(plCase, (c) => {
        const T = c.xs.length;
        const traj = exactTrajectory(exactCase(c), T, 4096);
        const f = forward(toModel(c), T);
        traj.h.forEach((h, t) => {
          const exact = h.m.map((m) => Number(m) * 2 ** -h.e);
          expect(exact).toEqual(Array.from(f.h[t]).map((x) => x + 0));
        });
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  test('exact forward-mode ∂h_t/∂W_R equals reverse-mode autodiff off the kinks', () => {
    fc.assert(
      fc.property(plCase, (c) => {
        const T = c.xs.length;
        const J = exactJacobianHWR(c, T, 4096);
        if (J === undefined) return; // a kink on the way
        const ad = adJacobianHWR(toModel(c), T);
        const exact = J.data.map((m) => Number(m) * 2 ** -J.e);
        expect(exact).toEqual(Array.from(ad.data).map((x) => x + 0));
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe('exact σ′ and kinks', () => {
  test('σ′(0) is the left slope (float64 convention), and a zero coordinate is a kink', () => {
    const h = dyadicVec([-1, 0, 2]);
    expect(dyadicToRationals(dyadicSigmaPrime('relu', h)).map(String)).toEqual(['0', '0', '1']);
    expect(dyadicToRationals(dyadicSigmaPrime('leaky_relu', h)).map(String)).toEqual([
      '1/64',
      '1/64',
      '1',
    ]);
    expect(dyadicToRationals(dyadicSigmaPrime('identity', h)).map(String)).toEqual(['1', '1', '1']);
    expect(atKink('relu', h)).toBe(true);
    expect(atKink('identity', h)).toBe(false);
    const ec = exactCase({
      activation: 'relu',
      W_R: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      W_I: [[0], [0], [0]],
      b_R: [0, 0, 0],
      W_O: [[0, 0, 0]],
      b_O: [0],
      h_0: [0, 0, 0],
      xs: [[0]],
      ys: [0],
    });
    expect(exactJacobian(ec, h)).toBeUndefined();
    expect(exactJacobian(ec, dyadicVec([-1, 1, 2]))).toBeDefined();
  });

  test('hardtanh: σ clips to [−1, 1] exactly, σ′ is 1 strictly inside and 0 at and beyond ±1 (the kinks)', () => {
    // exponents of both signs: 3/2 = 3·2^−1, and 4 = 1·2^2 (normalized to a negative exponent)
    const h = dyadicVec([-3 / 2, -1, -1 / 4, 1 / 2, 1, 4]);
    expect(dyadicToRationals(dyadicSigma('hardtanh', h)).map(String)).toEqual([
      '-1',
      '-1',
      '-1/4',
      '1/2',
      '1',
      '1',
    ]);
    expect(dyadicToRationals(dyadicSigmaPrime('hardtanh', h)).map(String)).toEqual([
      '0',
      '0',
      '1',
      '1',
      '0',
      '0',
    ]);
    expect(atKink('hardtanh', h)).toBe(true);
    expect(atKink('hardtanh', dyadicVec([-3 / 2, 1 / 2, 4]))).toBe(false);
    expect(atKink('hardtanh', dyadicVec([8, 16]))).toBe(false);
    expect(atKink('hardtanh', dyadicVec([8, -1]))).toBe(true);
  });
});
