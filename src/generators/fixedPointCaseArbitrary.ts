import fc from 'fast-check';
import { type ActivationName, activation } from '../model/activation.js';
import type { Case } from '../model/caseFile.js';
import { PIECEWISE_LINEAR } from '../model/exactTrajectory.js';
import { fromRows } from '../numerics/Mat.js';
import { caseArbitrary } from './caseArbitrary.js';
import {
  cycleTarget,
  fixedPointTarget,
  SATURATION,
  type Shear,
  scaleRows,
  shearSimilar,
  smoothFixedPointTarget,
} from './vanishingTargets.js';
import { vectorArbitrary } from './vectorArbitrary.js';

/** A claim input of the Theorem 2 limit claims: a case, the fixed k0, and its family. */
export interface LimitInput {
  readonly case: Case;
  readonly params: { readonly k0: number };
  readonly family: string;
}

/** Largest n of the constructed families: exact arithmetic and the pattern climb stay cheap. */
const MAX_N = 4;

/**
 * The W_R families the targeted search draws from: the non-normal ones. For a normal W_R no
 * activation pattern can amplify, ρ(W_R·D) ≤ ‖W_R‖₂‖D‖₂ ≤ ρ(W_R)·γ, so there is nothing to climb;
 * the default families (all eight) stay in every claim's mix.
 */
const TARGET_FAMILIES = ['dense', 'nilpotent', 'triangular'] as const;

/** Up to three shears (index pairs reduced mod n, s ∈ {−2, …, 2}; 0 skips), shrinking to none. */
const SHEARS = vectorArbitrary({
  item: fc
    .tuple(fc.nat({ max: 11 }), fc.nat({ max: 11 }), fc.integer({ min: -2, max: 2 }))
    .map(([i, j, s]) => ({ i, j, s })),
  length: 3,
});

/** W_R of the targeted families: the drawn matrix, made genuinely non-normal by shears unless dense. */
function targetMatrix(family: string, rows: number[][], shears: readonly Shear[]): number[][] {
  return family === 'dense' ? rows : shearSimilar(rows, shears);
}

/** Magnitude indices: |h*_i| = k/8 for k ∈ 1…24 (exact dyadics in (0, 3]). */
const MAGNITUDE = fc.integer({ min: 1, max: 24 });

/** The options shared by the constructed families. */
export interface ConstructedOptions {
  readonly activations?: readonly ActivationName[];
}

/** σ(x) in float64 (exact for dyadic x and piecewise-linear σ). */
function sigmaOf(sigma: ActivationName, x: number): number {
  return activation(sigma).f(x);
}

/** A state with the given pattern: bit 1 → the positive side, 0 → the negative (saturated) side. */
function stateWithPattern(
  sigma: ActivationName,
  bits: readonly boolean[],
  mags: readonly number[],
): number[] {
  const smooth = !['identity', 'relu', 'leaky_relu'].includes(sigma);
  return bits.map((b, i) => {
    const m = mags[i] / 8;
    // a smooth σ has σ′ ≈ 0 only far out: a 0 bit sits at −(SATURATION + m)
    if (smooth) return b ? m / 4 : -(SATURATION + m);
    return b ? m : -m;
  });
}

/**
 * Cases whose state sits on a fixed point h* = W_R σ(h*) + W_I x̄ + b_R from the first step, with a
 * constant input x̄: W_R from any matrix family (dyadic entries), an activation pattern found by
 * the hill-climb of fixedPointTarget (maximizing ρ(W_R·D)/ρ(W_R)), W_R rescaled by the simplest
 * dyadic c with ρ(cW_R)γ < 1 ≤ ρ(cW_R·D) when such a window exists, and b_R solved for. For
 * identity, relu and leaky_relu every number is an exact dyadic, so the fixed point is exact; for
 * the smooth activations it is only a float64 approximation (σ(h*) is transcendental). For a
 * smooth σ, half of the draws (the last boolean) instead climb h* itself over a dyadic grid
 * (smoothFixedPointTarget: σ′ varies continuously, so each coordinate's σ′ is tuned rather than
 * saturated or not), with W_R rescaled so that ρ(W_R·diag σ′(h*)) ≥ 5/4 while ρ(W_R)γ < 1: the
 * exact fixed point near the float64 h* is then certified by validated numerics (Krawczyk), and
 * its Jacobian expands.
 */
export function fixedPointInputArbitrary(o: ConstructedOptions = {}): fc.Arbitrary<LimitInput> {
  return fc
    .tuple(
      caseArbitrary({
        maxN: MAX_N,
        maxT: 4,
        activations: o.activations,
        families: TARGET_FAMILIES,
        kinds: ['integer', 'dyadic'],
      }),
      vectorArbitrary({ item: fc.boolean(), length: MAX_N }),
      vectorArbitrary({ item: MAGNITUDE, length: MAX_N }),
      fc.integer({ min: 1, max: 3 }),
      fc.boolean(),
      SHEARS,
      fc.boolean(),
    )
    .map(([g, startBits, mags, k0, reenter, shears, climbState]) => {
      const c = g.case;
      const n = c.W_R.length;
      const sigma = c.activation;
      const W0 = targetMatrix(g.family, c.W_R, shears);
      const smooth = climbState && !PIECEWISE_LINEAR.includes(sigma);
      const { W, hStar } = smooth
        ? smoothState(W0, sigma, startBits, mags)
        : patternState(W0, sigma, startBits, mags);
      const s = hStar.map((x) => sigmaOf(sigma, x));
      const xbar = c.xs[0];
      // b_R = h* − W σ(h*) − W_I x̄, so that h* is a fixed point under the constant input x̄
      const bR = hStar.map((h, i) => {
        let acc = h;
        for (let j = 0; j < n; j++) acc -= W[i][j] * s[j];
        for (let j = 0; j < xbar.length; j++) acc -= c.W_I[i][j] * xbar[j];
        return acc + 0;
      });
      // relu: a dead coordinate of h_0 may be any negative number (σ(h_0) = σ(h*)), entering at step 1
      const h0 =
        reenter && sigma === 'relu'
          ? hStar.map((h, i) => (h < 0 ? h - mags[(i + 1) % n] / 8 : h))
          : hStar;
      const kase: Case = {
        ...c,
        W_R: W,
        b_R: bR,
        h_0: h0,
        xs: c.xs.map(() => xbar.slice()),
      };
      return {
        case: kase,
        params: { k0 },
        family: `${smooth ? 'fixedPointSmooth' : 'fixedPoint'}:${g.family}`,
      };
    });
}

/** W_R and h* of the pattern climb (fixedPointTarget): each coordinate on σ′'s peak side or saturated. */
function patternState(
  W0: number[][],
  sigma: ActivationName,
  startBits: readonly boolean[],
  mags: readonly number[],
): { W: number[][]; hStar: number[] } {
  const n = W0.length;
  const target = fixedPointTarget(fromRows(W0, n), sigma, startBits.slice(0, n));
  const W = target.scale === undefined ? W0 : scaleRows(W0, target.scale);
  return { W, hStar: stateWithPattern(sigma, target.bits, mags) };
}

/** W_R and h* of the smooth climb (smoothFixedPointTarget), started at ±mags/8 with the drawn signs. */
function smoothState(
  W0: number[][],
  sigma: ActivationName,
  startBits: readonly boolean[],
  mags: readonly number[],
): { W: number[][]; hStar: number[] } {
  const n = W0.length;
  const start = Array.from({ length: n }, (_, i) => (startBits[i] ? 1 : -1) * (mags[i] / 8));
  const target = smoothFixedPointTarget(fromRows(W0, n), sigma, start);
  const W = target.scale === undefined ? W0 : scaleRows(W0, target.scale);
  return { W, hStar: target.h };
}

/**
 * Cases on a period-2 orbit h*_2 → h*_1 → h*_2 → … driven by a period-2 input: W_I = I (d = n),
 * b_R = 0, x_1 = h*_1 − W_R σ(h*_2), x_2 = h*_2 − W_R σ(h*_1), h_0 = h*_2. The patterns of h*_1 and
 * h*_2 come from cycleTarget's hill-climb (maximizing ρ(J_2 J_1)^{1/2}/ρ(W_R)), W_R rescaled into
 * the window ρ(cW_R)γ < 1 ≤ ρ(J_2 J_1)^{1/2}: two steps that each look contracting can compose
 * into growth (the joint spectral radius of the Jacobians exceeds ρ(W_R)γ).
 */
export function cycleInputArbitrary(o: ConstructedOptions = {}): fc.Arbitrary<LimitInput> {
  return fc
    .tuple(
      caseArbitrary({
        minN: 1,
        maxN: MAX_N,
        minT: 2,
        maxT: 2,
        activations: o.activations,
        families: TARGET_FAMILIES,
        kinds: ['integer', 'dyadic'],
      }),
      vectorArbitrary({ item: fc.boolean(), length: 2 * MAX_N }),
      vectorArbitrary({ item: MAGNITUDE, length: 2 * MAX_N }),
      fc.integer({ min: 1, max: 3 }),
      SHEARS,
    )
    .map(([g, startBits, mags, k0, shears]) => {
      const c = g.case;
      const n = c.W_R.length;
      const sigma = c.activation;
      const W0 = targetMatrix(g.family, c.W_R, shears);
      const target = cycleTarget(fromRows(W0, n), sigma, [
        ...startBits.slice(0, n),
        ...startBits.slice(MAX_N, MAX_N + n),
      ]);
      const W = target.scale === undefined ? W0 : scaleRows(W0, target.scale);
      const h1 = stateWithPattern(sigma, target.bits1, mags.slice(0, n));
      const h2 = stateWithPattern(sigma, target.bits2, mags.slice(MAX_N, MAX_N + n));
      const s1 = h1.map((x) => sigmaOf(sigma, x));
      const s2 = h2.map((x) => sigmaOf(sigma, x));
      const drive = (h: number[], s: number[]) =>
        h.map((hi, i) => {
          let acc = hi;
          for (let j = 0; j < n; j++) acc -= W[i][j] * s[j];
          return acc + 0;
        });
      const identityRows = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
      );
      const kase: Case = {
        ...c,
        W_R: W,
        W_I: identityRows,
        b_R: new Array(n).fill(0),
        h_0: h2,
        xs: [drive(h1, s2), drive(h2, s1)],
      };
      return {
        case: kase,
        params: { k0 },
        family: `cycle2:${g.family}`,
      };
    });
}
