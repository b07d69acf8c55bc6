/**
 * Derivatives of Eq. (1)–(2) worked out by hand for small models, shared by the tests of the
 * complex-step and finite-difference oracles. Nothing here calls an oracle or a closed form of the
 * paper: each expected value is the chain rule written out for n = 1, T ≤ 3, or h_2 = W σ(W σ(h_0)).
 *
 * Each case is an input type, an arbitrary of it built from the caller's entry generator (each oracle
 * has its own reasons to shape entries), and a function giving the model with its expected value
 * (row-major) and, where the derivative is a sum of terms that may cancel, the Σ|terms| magnitude
 * rounding is relative to. The oracle's test states only how it compares.
 */

import fc from 'fast-check';
import { ACTIVATION_NAMES, type ActivationName, activation } from '../model/activation.js';
import { type Case, type Model, toModel } from '../model/caseFile.js';

/** The logistic function 1/(1 + e^(−x)). */
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** n = 1, d = 1, m = 2: W_I = [1] and b_R = 0, so the input term of step r is exactly c[r−1]. */
export function scalarCase(
  act: ActivationName,
  w: number,
  h0: number,
  c: number[],
  wo: number[],
  bo: number[],
  ys: number[],
): Case {
  return {
    activation: act,
    W_R: [[w]],
    W_I: [[1]],
    b_R: [0],
    W_O: [[wo[0]], [wo[1]]],
    b_O: bo,
    h_0: [h0],
    xs: c.map((x) => [x]),
    ys,
  };
}

/**
 * By hand, n = 1, σ = tanh: h_r = w·tanh(h_{r−1}) + c_r, so dh_1/dw = tanh(h_0) and
 * dh_r/dw = tanh(h_{r−1}) + w·(1 − tanh²(h_{r−1}))·dh_{r−1}/dw (for r = 2 this is
 * tanh(h_1) + w·sech²(h_1)·tanh(h_0)). dhAbs is the same sum of |terms|, the magnitude rounding
 * is relative to when the terms cancel.
 */
function scalarTanh(
  w: number,
  h0: number,
  c: number[],
): { h: number[]; dh: number[]; dhAbs: number[] } {
  const h = [h0];
  const dh = [0];
  const dhAbs = [0];
  for (let r = 1; r <= c.length; r++) {
    const th = Math.tanh(h[r - 1]);
    h.push(w * th + c[r - 1]);
    dh.push(th + w * (1 - th * th) * dh[r - 1]);
    dhAbs.push(Math.abs(th) + Math.abs(w) * (1 - th * th) * dhAbs[r - 1]);
  }
  return { h, dh, dhAbs };
}

/**
 * By hand, m = 2: E = log(e^{z_0} + e^{z_1}) − z_y = softplus(Δ), Δ = z_o − z_y (o the other
 * class), z_j = wo_j·h + bo_j, so dE/dw = sigmoid(Δ)·(wo_o − wo_y)·dh/dw.
 */
function scalarLossGrad(h: number, dh: number, wo: number[], bo: number[], y: number): number {
  const o = 1 - y;
  return otherClassProbability(h, wo, bo, y) * (wo[o] - wo[y]) * dh;
}

/** The Σ|terms| magnitude of scalarLossGrad: sigmoid(Δ)·(|wo_o| + |wo_y|)·Σ|terms of dh/dw|. */
function scalarLossGradAbs(
  h: number,
  dhAbs: number,
  wo: number[],
  bo: number[],
  y: number,
): number {
  const o = 1 - y;
  return otherClassProbability(h, wo, bo, y) * (Math.abs(wo[o]) + Math.abs(wo[y])) * dhAbs;
}

/** sigmoid(Δ), Δ = z_o − z_y with z_j = wo_j·h + bo_j: the probability of the other class. */
function otherClassProbability(h: number, wo: number[], bo: number[], y: number): number {
  const o = 1 - y;
  return sigmoid(wo[o] * h + bo[o] - (wo[y] * h + bo[y]));
}

/** A model with W_I = 0 and b_R = 0 (d = 1, m = 2), so that h_t = W_R σ(h_{t−1}). */
export function homogeneousCase(
  act: ActivationName,
  WR: number[][],
  h0: number[],
  T: number,
): Case {
  return {
    activation: act,
    W_R: WR,
    W_I: WR.map(() => [0]),
    b_R: h0.map(() => 0),
    W_O: [h0.map(() => 1), h0.map((_, i) => (i % 2 ? 1 : -1))],
    b_O: [0, 0],
    h_0: h0,
    xs: Array.from({ length: T }, () => [0]),
    ys: Array.from({ length: T }, (_, i) => i % 2),
  };
}

/**
 * By hand, h_2 = W σ(h_1), h_1 = W σ(h_0) + β with σ′ = 1 at h_1 (identity, or relu/leaky_relu
 * with h_1 > 0): ∂h_2/∂W[a,b] = e_a σ(h_1)_b + W[:,a]·σ(h_0)_b; column a·n+b, row i.
 */
function jacobianT2(W: number[][], s0: number[], s1: number[]): Float64Array {
  const n = W.length;
  const out = new Float64Array(n * n * n);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        out[i * n * n + a * n + b] = (i === a ? s1[b] : 0) + W[i][a] * s0[b];
      }
    }
  }
  return out;
}

/** W·x for row-major nested arrays. */
function matvecRows(W: number[][], x: number[]): number[] {
  return W.map((row) => row.reduce((acc, wij, j) => acc + wij * x[j], 0));
}

/** A hand-derived derivative: its value, row-major, and the Σ|terms| magnitude its rounding is relative to (0 where nothing cancels). */
export interface HandValue {
  readonly expected: ArrayLike<number>;
  readonly scale: number;
}

/** A model with one hand-derived derivative of it. */
export interface HandCase extends HandValue {
  readonly model: Model;
}

const vectorOf = (entry: fc.Arbitrary<number>, n: number) =>
  fc.array(entry, { minLength: n, maxLength: n });
const squareOf = (entry: fc.Arbitrary<number>, n: number) =>
  fc.array(vectorOf(entry, n), { minLength: n, maxLength: n });

/** One step (T = 1, d = 2, m = 1) of an n-unit model, n ≤ 4, with any activation, W_I, b_R and x_1. */
export interface FirstStep {
  readonly act: ActivationName;
  readonly W: number[][];
  readonly WI: number[][];
  readonly bR: number[];
  readonly h0: number[];
  readonly x: number[];
}

/** FirstStep inputs whose entries come from `entry`. */
export function firstStepArbitrary(entry: fc.Arbitrary<number>): fc.Arbitrary<FirstStep> {
  return fc.integer({ min: 1, max: 4 }).chain((n) =>
    fc.record({
      act: fc.constantFrom(...ACTIVATION_NAMES),
      W: squareOf(entry, n),
      WI: fc.array(vectorOf(entry, 2), { minLength: n, maxLength: n }),
      bR: vectorOf(entry, n),
      h0: vectorOf(entry, n),
      x: vectorOf(entry, 2),
    }),
  );
}

/** By hand, t = 1: ∂h_1/∂W_R[a,b] = e_a σ(h_0)_b (row i, column a·n+b); a single term, scale 0. */
export function firstStepJacobian(c: FirstStep): HandCase {
  const { act, W, WI, bR, h0, x } = c;
  const n = W.length;
  const model = toModel({
    activation: act,
    W_R: W,
    W_I: WI,
    b_R: bR,
    W_O: [h0.map(() => 1)],
    b_O: [0],
    h_0: h0,
    xs: [x],
    ys: [0],
  });
  const s0 = h0.map(activation(act).f);
  const expected = new Float64Array(n * n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) expected[a * n * n + a * n + b] = s0[b];
  return { model, expected, scale: 0 };
}

/** W_R and h_0 of an n-unit model. */
export interface SquareState {
  readonly W: number[][];
  readonly h0: number[];
}

/** SquareState inputs, 1 ≤ n ≤ maxN, whose entries come from `entry`. */
export function squareStateArbitrary(
  entry: fc.Arbitrary<number>,
  maxN: number,
): fc.Arbitrary<SquareState> {
  return fc
    .integer({ min: 1, max: maxN })
    .chain((n) => fc.record({ W: squareOf(entry, n), h0: vectorOf(entry, n) }));
}

/**
 * By hand, σ = identity, W_I = 0, b_R = 0, T = 2: ∂(W_R² h_0)/∂W_R[a,b] = e_a (W_R h_0)_b +
 * W_R[:,a] h_0[b] (jacobianT2 with σ(h_0) = h_0, σ(h_1) = W_R h_0); scale 0 as the oracles compare it.
 */
export function identityTwoSteps({ W, h0 }: SquareState): HandCase {
  return {
    model: toModel(homogeneousCase('identity', W, h0, 2)),
    expected: jacobianT2(W, h0, matvecRows(W, h0)),
    scale: 0,
  };
}

/** W_R of kinkCase. */
const KINK_W = [
  [0.5, -0.5],
  [0.5, 0.5],
];

/**
 * h_0 = (1, 1), W_R = [[0.5, −0.5], [0.5, 0.5]], b_R = (β, 0), T = 2: h_1 = (β, 1) exactly, and
 * perturbing W_R[0,·] by δ moves h_1[0] to β + δ, so β places h_1[0] on or near a kink.
 */
export function kinkCase(act: ActivationName, beta: number): Case {
  return { ...homogeneousCase(act, KINK_W, [1, 1], 2), b_R: [beta, 0] };
}

/** By hand, kinkCase with β > 0 and σ′ = 1 on (0, ∞) (relu, leaky_relu): ∂h_2/∂W_R = jacobianT2 with σ(h_1) = h_1 = (β, 1). */
export function kinkCaseJacobianT2(beta: number): Float64Array {
  return jacobianT2(KINK_W, [1, 1], [beta, 1]);
}

/** The 2-unit tanh model W_R = [[0.5, 0.1], [0.2, −0.3]], h_0 = (1, 2), W_I = 0, b_R = 0, over T steps. */
export function tanhPairCase(T: number): Case {
  return homogeneousCase(
    'tanh',
    [
      [0.5, 0.1],
      [0.2, -0.3],
    ],
    [1, 2],
    T,
  );
}

/** n = 1, σ = tanh, T = 3 (scalarCase): weight w, h_0, inputs c_1…c_3, readout wo, bo and labels ys. */
export interface ScalarTanh {
  readonly w: number;
  readonly h0: number;
  readonly c: number[];
  readonly wo: number[];
  readonly bo: number[];
  readonly ys: number[];
}

/** ScalarTanh inputs for the state alone: w from `weight`, h_0 and c from `entry`; wo = (1, −1), bo = 0, ys = 0. */
export function scalarTanhArbitrary(
  weight: fc.Arbitrary<number>,
  entry: fc.Arbitrary<number>,
): fc.Arbitrary<ScalarTanh> {
  return fc
    .record({ w: weight, h0: entry, c: vectorOf(entry, 3) })
    .map((p) => ({ ...p, wo: [1, -1], bo: [0, 0], ys: [0, 0, 0] }));
}

/** ScalarTanh inputs with the loss: w from `weight`, every other number from `entry`, ys ∈ {0, 1}. */
export function scalarTanhLossArbitrary(
  weight: fc.Arbitrary<number>,
  entry: fc.Arbitrary<number>,
): fc.Arbitrary<ScalarTanh> {
  return fc.record({
    w: weight,
    h0: entry,
    c: vectorOf(entry, 3),
    wo: vectorOf(entry, 2),
    bo: vectorOf(entry, 2),
    ys: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 3, maxLength: 3 }),
  });
}

/**
 * By hand (scalarTanh, scalarLossGrad): for t = 1, 2, 3, dh_t/dw and dE_t/dw, and d(E_1 + E_2 +
 * E_3)/dw, each with its Σ|terms| magnitude (the total's is the sum of the steps').
 */
export function scalarTanhDerivatives(p: ScalarTanh): {
  model: Model;
  steps: { t: number; dh: HandValue; dE: HandValue }[];
  total: HandValue;
} {
  const { w, h0, c, wo, bo, ys } = p;
  const model = toModel(scalarCase('tanh', w, h0, c, wo, bo, ys));
  const { h, dh, dhAbs } = scalarTanh(w, h0, c);
  const steps = [1, 2, 3].map((t) => ({
    t,
    dh: { expected: [dh[t]], scale: dhAbs[t] },
    dE: {
      expected: [scalarLossGrad(h[t], dh[t], wo, bo, ys[t - 1])],
      scale: scalarLossGradAbs(h[t], dhAbs[t], wo, bo, ys[t - 1]),
    },
  }));
  const total = steps.reduce((acc, s) => acc + s.dE.expected[0], 0);
  const scale = steps.reduce((acc, s) => acc + s.dE.scale, 0);
  return { model, steps, total: { expected: [total], scale } };
}

/** By hand, n = 1, σ = identity, h_0 = 0.75, no input: d(w^t h_0)/dw = t·w^(t−1)·h_0 at step t = T. */
export function identityPower(w: number, t: number): HandCase {
  const h0 = 0.75;
  const c = Array.from({ length: t }, () => 0);
  return {
    model: toModel(scalarCase('identity', w, h0, c, [1, -1], [0, 0], c)),
    expected: [t * w ** (t - 1) * h0],
    scale: 0,
  };
}

/**
 * By hand, n = 1, σ = identity, h_0 = 1, W_O = [1, −1]ᵀ, y = 0: z = (w, −w), so E_1 = log(1 +
 * e^{−2w}) = softplus(−2w) and dE_1/dw = −2·sigmoid(−2w), a normal float long after E_1 rounds to 0.
 */
export function confidentClass(w: number): HandCase {
  return {
    model: toModel(scalarCase('identity', w, 1, [0], [1, -1], [0, 0], [0])),
    expected: [-2 * sigmoid(-2 * w)],
    scale: 0,
  };
}

/** One step (T = 1, d = 1, x_1 = 0, m = 2) of an n-unit model, n ≤ 4, for the hand-derived ∂E_1/∂W_R. */
export interface OneStepLoss {
  readonly act: ActivationName;
  readonly W: number[][];
  readonly WO: number[][];
  readonly bO: number[];
  readonly bR: number[];
  readonly h0: number[];
  readonly y: number;
}

/** OneStepLoss inputs whose entries come from `entry`. */
export function oneStepLossArbitrary(entry: fc.Arbitrary<number>): fc.Arbitrary<OneStepLoss> {
  return fc.integer({ min: 1, max: 4 }).chain((n) =>
    fc.record({
      act: fc.constantFrom(...ACTIVATION_NAMES),
      W: squareOf(entry, n),
      WO: fc.array(vectorOf(entry, n), { minLength: 2, maxLength: 2 }),
      bO: vectorOf(entry, 2),
      bR: vectorOf(entry, n),
      h0: vectorOf(entry, n),
      y: fc.integer({ min: 0, max: 1 }),
    }),
  );
}

/**
 * By hand, m = 2, T = 1: ∂E_1/∂W_R[a,b] = sigmoid(Δ)·(W_O[o,a] − W_O[y,a])·σ(h_0)_b (o the other
 * class), row-major, with its Σ|terms| magnitude (z′_o − z′_y cancels when W_O[o,a] ≈ W_O[y,a]).
 */
export function oneStepLossGradient(c: OneStepLoss): HandCase {
  const { act, W, WO, bO, bR, h0, y } = c;
  const n = W.length;
  const model = toModel({
    activation: act,
    W_R: W,
    W_I: W.map(() => [0]),
    b_R: bR,
    W_O: WO,
    b_O: bO,
    h_0: h0,
    xs: [[0]],
    ys: [y],
  });
  const s0 = h0.map(activation(act).f);
  const h1 = matvecRows(W, s0).map((v, i) => v + bR[i]);
  const z = matvecRows(WO, h1).map((v, j) => v + bO[j]);
  const o = 1 - y;
  const p = sigmoid(z[o] - z[y]);
  const expected = new Float64Array(n * n);
  let scale = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      expected[a * n + b] = p * (WO[o][a] - WO[y][a]) * s0[b];
      scale = Math.max(scale, p * (Math.abs(WO[o][a]) + Math.abs(WO[y][a])) * Math.abs(s0[b]));
    }
  }
  return { model, expected, scale };
}
