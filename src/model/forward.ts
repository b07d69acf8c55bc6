import { dot4, fixedMatvec, matvec } from '../numerics/kernels.js';
import type { Model } from './caseFile.js';

/** The states of Eq. (1) and the losses of Eq. (2) along one run. */
export interface Trajectory {
  /** h_0 … h_T (index t is h_t). */
  readonly h: Float64Array[];
  /** σ(h_0) … σ(h_T). */
  readonly s: Float64Array[];
  /** Logits z_t = W_O h_t + b_O; index 0 is unused (empty). */
  readonly z: Float64Array[];
  /** E_1 … E_T at index t−1: E_t = −log softmax(z_t)[y_t]. */
  readonly loss: Float64Array;
}

/** log Σ_j exp(z_j), shifted by max z so that no exp overflows. */
export function logSumExp(z: ArrayLike<number>): number {
  let mx = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < z.length; j++) if (z[j] > mx) mx = z[j];
  if (!Number.isFinite(mx)) return mx;
  let acc = 0;
  for (let j = 0; j < z.length; j++) acc += Math.exp(z[j] - mx);
  return mx + Math.log(acc);
}

/** softmax(z), computed stably. */
export function softmax(z: ArrayLike<number>): Float64Array {
  const lse = logSumExp(z);
  const out = new Float64Array(z.length);
  for (let j = 0; j < z.length; j++) out[j] = Math.exp(z[j] - lse);
  return out;
}

/** The cross-entropy −log softmax(z)[y] = logsumexp(z) − z_y. */
export function crossEntropy(z: ArrayLike<number>, y: number): number {
  return logSumExp(z) - z[y];
}

function applySigma(model: Model, h: Float64Array): Float64Array {
  const out = new Float64Array(h.length);
  for (let i = 0; i < h.length; i++) out[i] = model.sigma.f(h[i]);
  return out;
}

function inputTerm(model: Model, t: number): Float64Array {
  // W_I x_t + b_R, with x_t = xs[t−1].
  const x = model.xs.data.subarray((t - 1) * model.d, t * model.d);
  const u = matvec(model.WI, x);
  for (let i = 0; i < model.n; i++) u[i] += model.bR[i];
  return u;
}

function logits(model: Model, h: Float64Array): Float64Array {
  const z = matvec(model.WO, h);
  for (let j = 0; j < model.m; j++) z[j] += model.bO[j];
  return z;
}

/**
 * The paper's working model, Eq. (1)–(2): h_t = W_R σ(h_{t−1}) + W_I x_t + b_R,
 * o_t = softmax(W_O h_t + b_O), E_t = −log o_t[y_t]; run for `steps` ≤ T steps.
 */
export function forward(model: Model, steps = model.T): Trajectory {
  const { h, s } = states(model, steps);
  const z: Float64Array[] = [new Float64Array(0)];
  const loss = new Float64Array(steps);
  for (let t = 1; t <= steps; t++) {
    const zt = logits(model, h[t]);
    z.push(zt);
    loss[t - 1] = crossEntropy(zt, model.ys[t - 1]);
  }
  return { h, s, z, loss };
}

/**
 * h_0 … h_t and σ(h_0) … σ(h_t) of Eq. (1) only: no logits or losses (what the closed forms need).
 * h_t[i] = (W_R σ(h_{t−1}))[i] + ((W_I x_t)[i] + b_R[i]), each product summed by dot4.
 */
export function states(model: Model, steps = model.T): { h: Float64Array[]; s: Float64Array[] } {
  const { n, d } = model;
  const f = model.sigma.f;
  const h: Float64Array[] = [model.h0];
  const s: Float64Array[] = [applySigma(model, model.h0)];
  const wr = fixedMatvec(model.WR);
  const WI = model.WI.data;
  const xs = model.xs.data;
  const bR = model.bR;
  for (let t = 1; t <= steps; t++) {
    const ht = new Float64Array(n);
    const st = new Float64Array(n);
    wr(s[t - 1], 0, ht);
    const xo = (t - 1) * d;
    for (let i = 0; i < n; i++) {
      ht[i] += dot4(WI, i * d, xs, xo, d) + bR[i];
      st[i] = f(ht[i]);
    }
    h.push(ht);
    s.push(st);
  }
  return { h, s };
}

/** The logits z_t = W_O h_t + b_O of one state. */
export function logitsOf(model: Model, h: Float64Array): Float64Array {
  return logits(model, h);
}

/** States and output distributions of a run: h_0 … h_T and o_1 … o_T (index t−1). */
export interface Outputs {
  readonly h: Float64Array[];
  readonly o: Float64Array[];
}

/**
 * The generic RNN (G1–G2): h_t = σ(W_R h_{t−1} + W_I x_t + b_R), o_t = softmax(W_O h_t + b_O),
 * started from the model's h_0.
 */
export function gForm(model: Model, steps = model.T): Outputs {
  const h: Float64Array[] = [model.h0];
  const o: Float64Array[] = [];
  for (let t = 1; t <= steps; t++) {
    const a = matvec(model.WR, h[t - 1]);
    const u = inputTerm(model, t);
    for (let i = 0; i < model.n; i++) a[i] += u[i];
    const ht = applySigma(model, a);
    h.push(ht);
    o.push(softmax(logits(model, ht)));
  }
  return { h, o };
}

/**
 * The R-form (R1–R2): h̃_t = W_R σ(h̃_{t−1}) + W_I x_t + b_R, o_t = softmax(W_O σ(h̃_t) + b_O),
 * started from h̃_0 = hTilde0. Returned h is h̃.
 */
export function rForm(model: Model, hTilde0: Float64Array, steps = model.T): Outputs {
  const h: Float64Array[] = [hTilde0];
  const o: Float64Array[] = [];
  for (let t = 1; t <= steps; t++) {
    const ht = matvec(model.WR, applySigma(model, h[t - 1]));
    const u = inputTerm(model, t);
    for (let i = 0; i < model.n; i++) ht[i] += u[i];
    h.push(ht);
    o.push(softmax(logits(model, applySigma(model, ht))));
  }
  return { h, o };
}

/** Eq. (2) applied to Eq. (1)'s state as written: o_t = softmax(W_O h_t + b_O), no σ. */
export function eq2Outputs(model: Model, steps = model.T): Outputs {
  const { h } = forward(model, steps);
  return { h, o: h.slice(1).map((ht) => softmax(logits(model, ht))) };
}
