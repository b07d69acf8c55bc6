/**
 * The quantities of section 5 (Theorems 3–4, Lemma 3, Proof 4) on a model: the Jacobian products
 * J_t⋯J_{k+1}, λ*(D_r) = min_i |σ′(h_{r−1,i})|, the trajectory's λ*, the periodic continuation of
 * a case to any horizon (the reading of t → ∞), per-t norms through the autodiff oracle, and the
 * exact forward pass of the piecewise-linear activations.
 */

import type { ActivationName } from '../../model/activation.js';
import type { Case, Model } from '../../model/caseFile.js';
import { forward } from '../../model/forward.js';
import { hpForward } from '../../model/hpForward.js';
import { type HPNumber, toHP } from '../../numerics/exact/decimal.js';
import { type HPMat, hpFromMat, hpIdentity, hpMatmul } from '../../numerics/exact/hpMat.js';
import { Rational } from '../../numerics/exact/rational.js';
import { frobenius, matmul } from '../../numerics/kernels.js';
import { identity, type Mat, mat } from '../../numerics/Mat.js';
import { spectralNorm } from '../../numerics/singularValues.js';
import { adGradientEWR, adJacobianHWR } from '../../oracles/autodiff.js';

/**
 * The case continued to `horizon` steps with its inputs and targets repeated with period T:
 * x_{t+T} = x_t, y_{t+T} = y_t. The claims of section 5 are about t → ∞, and a case file only
 * holds T steps; this is the continuation they are read with.
 */
export function periodicModel(model: Model, horizon: number): Model {
  const { T, d } = model;
  const xs = mat(horizon, d);
  const ys = new Int32Array(horizon);
  for (let t = 0; t < horizon; t++) {
    xs.data.set(model.xs.data.subarray((t % T) * d, ((t % T) + 1) * d), t * d);
    ys[t] = model.ys[t % T];
  }
  return { ...model, T: horizon, xs, ys };
}

/** σ′(h_r) for r = 0 … steps − 1 along the model's trajectory (float64). */
export function derivativeTrajectory(model: Model, steps: number): Float64Array[] {
  const { h } = forward(model, steps);
  const df = model.sigma.df;
  return h.slice(0, steps).map((hr) => Float64Array.from(hr, (x) => df(x)));
}

/** min_i |d_i|: λ*(diag d), the smallest |eigenvalue| of a diagonal matrix. */
export function lambdaStarOf(d: ArrayLike<number>): number {
  let m = Number.POSITIVE_INFINITY;
  for (let i = 0; i < d.length; i++) m = Math.min(m, Math.abs(d[i]));
  return m;
}

/** λ* along a trajectory: min over r < steps and i of |σ′(h_{r,i})| (the D_r of Proof 4 for r ≤ steps). */
export function trajectoryLambdaStar(dsig: readonly Float64Array[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const d of dsig) m = Math.min(m, lambdaStarOf(d));
  return m;
}

/** J_t⋯J_{k+1} = ∂h_t/∂h_k in float64, J_r = W_R diag σ′(h_{r−1}); dsig[r] = σ′(h_r). */
export function jacobianProduct(WR: Mat, dsig: readonly Float64Array[], t: number, k: number): Mat {
  const n = WR.rows;
  let P = identity(n);
  for (let r = k + 1; r <= t; r++) {
    // J_r·P = W_R·(diag σ′(h_{r−1})·P): scale the rows of P, then multiply.
    const d = dsig[r - 1];
    const scaled = mat(n, n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) scaled.data[i * n + j] = d[i] * P.data[i * n + j];
    P = matmul(WR, scaled);
  }
  return P;
}

/** Π_{r=k+1}^t λ*(D_r), D_r = diag σ′(h_{r−1}), in float64. */
export function lambdaStarProduct(dsig: readonly Float64Array[], t: number, k: number): number {
  let p = 1;
  for (let r = k + 1; r <= t; r++) p *= lambdaStarOf(dsig[r - 1]);
  return p;
}

/** J_t⋯J_{k+1} and Π_{r=k+1}^t λ*(D_r) at 60 digits, from the exact values of the model (t ≤ T). */
export function hpJacobianProduct(
  model: Model,
  t: number,
  k: number,
): { P: HPMat; lambdaProduct: HPNumber } {
  const traj = hpForward(model, t);
  const W = hpFromMat(model.WR);
  const n = model.n;
  let P = hpIdentity(n);
  let lp = toHP(1);
  for (let r = k + 1; r <= t; r++) {
    const d = traj.h[r - 1].map(model.sigma.dfHP);
    let mn = d[0].abs();
    for (const x of d) if (x.abs().lt(mn)) mn = x.abs();
    lp = lp.times(mn);
    const scaled: HPMat = {
      rows: n,
      cols: n,
      data: P.data.map((x, q) => x.times(d[Math.floor(q / n)])),
    };
    P = hpMatmul(W, scaled);
  }
  return { P, lambdaProduct: lp };
}

/** The norms of section 5 over t = 1 … horizon on the periodic continuation. */
export interface ExplodingSeries {
  /** ‖∂E_t/∂W_R‖_F by reverse-mode autodiff. */
  readonly dE: number[];
  /** ‖∂h_t/∂W_R‖_F by reverse-mode autodiff. */
  readonly dh: number[];
  /** ‖∂h_t/∂h_0‖₂ = ‖J_t⋯J_1‖₂. */
  readonly dhdh0: number[];
}

/**
 * ‖∂E_t/∂W_R‖_F, ‖∂h_t/∂W_R‖_F (both by the autodiff oracle, which uses no formula of the paper)
 * and ‖∂h_t/∂h_0‖₂ for t = 1 … horizon, inputs and targets continued periodically.
 */
export function explodingSeries(
  model: Model,
  horizon: number,
  what: 'all' | 'loss' | 'hidden' = 'all',
): ExplodingSeries {
  const ext = periodicModel(model, horizon);
  const dE: number[] = [];
  const dh: number[] = [];
  const dhdh0: number[] = [];
  const dsig = what === 'all' ? derivativeTrajectory(ext, horizon) : [];
  for (let t = 1; t <= horizon; t++) {
    if (what !== 'hidden') dE.push(frobenius(adGradientEWR(ext, t).data));
    if (what !== 'loss') dh.push(frobenius(adJacobianHWR(ext, t).data));
    if (what === 'all') {
      const P = jacobianProduct(ext.WR, dsig, t, 0);
      dhdh0.push(P.data.every(Number.isFinite) ? spectralNorm(P) : Number.POSITIVE_INFINITY);
    }
  }
  return { dE, dh, dhdh0 };
}

/** σ exactly on rationals, for the piecewise-linear activations (undefined for the others). */
export function rationalSigma(name: ActivationName): ((x: Rational) => Rational) | undefined {
  const slope = Rational.of(1n, 64n);
  switch (name) {
    case 'identity':
      return (x) => x;
    case 'relu':
      return (x) => (x.sign() > 0 ? x : Rational.ZERO);
    case 'leaky_relu':
      return (x) => (x.sign() > 0 ? x : x.mul(slope));
    default:
      return undefined;
  }
}

/** σ′ exactly on rationals for the piecewise-linear activations (the float64 kink convention: σ′(0) is the left slope). */
export function rationalSigmaPrime(name: ActivationName): ((x: Rational) => Rational) | undefined {
  const slope = Rational.of(1n, 64n);
  switch (name) {
    case 'identity':
      return () => Rational.ONE;
    case 'relu':
      return (x) => (x.sign() > 0 ? Rational.ONE : Rational.ZERO);
    case 'leaky_relu':
      return (x) => (x.sign() > 0 ? Rational.ONE : slope);
    default:
      return undefined;
  }
}

/**
 * h_0 … h_steps of Eq. (1) in exact rational arithmetic for a piecewise-linear σ, inputs continued
 * periodically (x_{t+T} = x_t); undefined for a smooth σ.
 */
export function rationalTrajectory(c: Case, steps: number): Rational[][] | undefined {
  const sigma = rationalSigma(c.activation);
  if (sigma === undefined) return undefined;
  const R = (x: number) => Rational.fromDouble(x);
  const n = c.W_R.length;
  const T = c.xs.length;
  const W = c.W_R.map((row) => row.map(R));
  // u_t = W_I x_t + b_R for one period.
  const u = c.xs.map((x) =>
    c.W_I.map((row, i) => row.reduce((acc, w, j) => acc.add(R(w).mul(R(x[j]))), R(c.b_R[i]))),
  );
  const h: Rational[][] = [c.h_0.map(R)];
  for (let t = 1; t <= steps; t++) {
    const s = h[t - 1].map(sigma);
    const next: Rational[] = [];
    for (let i = 0; i < n; i++) {
      let acc = u[(t - 1) % T][i];
      for (let j = 0; j < n; j++) acc = acc.add(W[i][j].mul(s[j]));
      next.push(acc);
    }
    h.push(next);
  }
  return h;
}
