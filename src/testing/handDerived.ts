/**
 * Derivatives of Eq. (1)–(2) worked out by hand for small models, shared by the tests of the
 * complex-step and finite-difference oracles. Nothing here calls an oracle or a closed form of the
 * paper: each expected value is the chain rule written out for n = 1, T ≤ 3, or h_2 = W σ(W σ(h_0)).
 */

import fc from 'fast-check';
import { ACTIVATION_NAMES, type ActivationName, activation } from '../model/activation.js';
import { type Case, type Model, toModel } from '../model/caseFile.js';

/** The logistic function 1/(1 + e^(−x)). */
export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

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
export function scalarTanh(
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
export function scalarLossGrad(
  h: number,
  dh: number,
  wo: number[],
  bo: number[],
  y: number,
): number {
  const o = 1 - y;
  return otherClassProbability(h, wo, bo, y) * (wo[o] - wo[y]) * dh;
}

/** The Σ|terms| magnitude of scalarLossGrad: sigmoid(Δ)·(|wo_o| + |wo_y|)·Σ|terms of dh/dw|. */
export function scalarLossGradAbs(
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
export function jacobianT2(W: number[][], s0: number[], s1: number[]): Float64Array {
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
export function matvecRows(W: number[][], x: number[]): number[] {
  return W.map((row) => row.reduce((acc, wij, j) => acc + wij * x[j], 0));
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
  const vector = (n: number) => fc.array(entry, { minLength: n, maxLength: n });
  return fc.integer({ min: 1, max: 4 }).chain((n) =>
    fc.record({
      act: fc.constantFrom(...ACTIVATION_NAMES),
      W: fc.array(vector(n), { minLength: n, maxLength: n }),
      WO: fc.array(vector(n), { minLength: 2, maxLength: 2 }),
      bO: vector(2),
      bR: vector(n),
      h0: vector(n),
      y: fc.integer({ min: 0, max: 1 }),
    }),
  );
}

/**
 * By hand, m = 2, T = 1: ∂E_1/∂W_R[a,b] = sigmoid(Δ)·(W_O[o,a] − W_O[y,a])·σ(h_0)_b (o the other
 * class), row-major, with its Σ|terms| magnitude (z′_o − z′_y cancels when W_O[o,a] ≈ W_O[y,a]).
 */
export function oneStepLossGradient(c: OneStepLoss): {
  model: Model;
  expected: Float64Array;
  scale: number;
} {
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
