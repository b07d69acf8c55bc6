import { HP, type HPNumber } from '../numerics/exact/decimal.js';
import { type HPMat, hpFromMat, hpFromVec, hpMatvec } from '../numerics/exact/hpMat.js';
import type { Activation } from './activation.js';
import type { Model } from './caseFile.js';

/** A model's parameters and data as exact high-precision values (each double through toHP). */
export interface HPParams {
  readonly n: number;
  readonly d: number;
  readonly m: number;
  readonly T: number;
  readonly WR: HPMat;
  readonly WI: HPMat;
  readonly bR: HPNumber[];
  readonly WO: HPMat;
  readonly bO: HPNumber[];
  readonly h0: HPNumber[];
  /** T×d, row t−1 is x_t. */
  readonly xs: HPMat;
  readonly ys: Int32Array;
}

/** The states and losses of Eq. (1)–(2) at high precision, indexed like forward()'s Trajectory. */
export interface HPTrajectory {
  /** h_0 … h_T (index t is h_t). */
  readonly h: HPNumber[][];
  /** σ(h_0) … σ(h_T). */
  readonly s: HPNumber[][];
  /** Logits z_t = W_O h_t + b_O; index 0 is unused (empty). */
  readonly z: HPNumber[][];
  /** E_1 … E_T at index t−1: E_t = logsumexp(z_t) − z_t[y_t]. */
  readonly loss: HPNumber[];
}

/** The exact high-precision parameters of a float64 model. */
export function hpParams(model: Model): HPParams {
  return {
    n: model.n,
    d: model.d,
    m: model.m,
    T: model.T,
    WR: hpFromMat(model.WR),
    WI: hpFromMat(model.WI),
    bR: hpFromVec(model.bR),
    WO: hpFromMat(model.WO),
    bO: hpFromVec(model.bO),
    h0: hpFromVec(model.h0),
    xs: hpFromMat(model.xs),
    ys: model.ys,
  };
}

/** log Σ_j exp(z_j), shifted by max z as in the float64 forward pass. */
export function hpLogSumExp(z: readonly HPNumber[]): HPNumber {
  let mx = z[0];
  for (const zj of z) if (zj.gt(mx)) mx = zj;
  let acc = new HP(0);
  for (const zj of z) acc = acc.plus(zj.minus(mx).exp());
  return mx.plus(acc.ln());
}

/** softmax(z) = exp(z_j − max z) / Σ_k exp(z_k − max z): relative accuracy even when max z is large. */
export function hpSoftmax(z: readonly HPNumber[]): HPNumber[] {
  let mx = z[0];
  for (const zj of z) if (zj.gt(mx)) mx = zj;
  const e = z.map((zj) => zj.minus(mx).exp());
  const sum = e.reduce((acc, x) => acc.plus(x), new HP(0));
  return e.map((x) => x.div(sum));
}

/** Row t−1 of xs, i.e. x_t. */
export function hpInput(p: HPParams, t: number): HPNumber[] {
  return p.xs.data.slice((t - 1) * p.d, t * p.d);
}

/** Eq. (1)–(2) run for `steps` ≤ T steps on high-precision parameters (W_R may be any HP matrix). */
export function hpForwardParams(p: HPParams, sigma: Activation, steps = p.T): HPTrajectory {
  if (!Number.isInteger(steps) || steps < 0 || steps > p.T) {
    throw new RangeError(`hpForward: steps = ${steps} is outside 0…${p.T}`);
  }
  const h: HPNumber[][] = [p.h0];
  const s: HPNumber[][] = [p.h0.map(sigma.fHP)];
  const z: HPNumber[][] = [[]];
  const loss: HPNumber[] = [];
  for (let t = 1; t <= steps; t++) {
    // h_t = W_R σ(h_{t−1}) + W_I x_t + b_R.
    const rec = hpMatvec(p.WR, s[t - 1]);
    const inp = hpMatvec(p.WI, hpInput(p, t));
    const ht = rec.map((r, i) => r.plus(inp[i]).plus(p.bR[i]));
    h.push(ht);
    s.push(ht.map(sigma.fHP));
    const zt = hpMatvec(p.WO, ht).map((v, j) => v.plus(p.bO[j]));
    z.push(zt);
    loss.push(hpLogSumExp(zt).minus(zt[p.ys[t - 1]]));
  }
  return { h, s, z, loss };
}

/** Eq. (1)–(2) at 60 digits from the model's exact parameters: the same math as forward(). */
export function hpForward(model: Model, steps = model.T): HPTrajectory {
  return hpForwardParams(hpParams(model), model.sigma, steps);
}
