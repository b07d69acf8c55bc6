/**
 * The high-precision ORACLE: derivatives of Eq. (1)–(2) by forward-mode dual numbers at 60
 * digits. Every derivative comes from differentiating the forward pass operation by operation
 * (sum and product rules, σ′ = dfHP, exp′ = exp, ln′ = 1/x); none of the paper's formulas
 * (Lemma 2, Theorem 1, Eq. (3)) is written out here, and nothing from src/paper is imported.
 */

import type { Activation } from '../model/activation.js';
import type { Model } from '../model/caseFile.js';
import { type HPParams, hpInput, hpParams } from '../model/hpForward.js';
import { HP, type HPNumber } from '../numerics/exact/decimal.js';
import { type HPMat, hpZeros } from '../numerics/exact/hpMat.js';

/**
 * A dual number v + Σ_k d[k]·ε_k with ε_j·ε_k = 0: a value and its tangents along K seeded
 * directions carried side by side (multi-directional forward mode). Component k is exactly the
 * scalar dual number of direction k; carrying them together only spares recomputing the shared
 * value path (σ, exp and ln at 60 digits cost ~0.3–0.6 ms each). d = null is the zero tangent.
 */
export interface Dual {
  readonly v: HPNumber;
  readonly d: readonly HPNumber[] | null;
}

const ZERO = new HP(0);
const ONE = new HP(1);

/** A constant: zero tangent in every direction. */
export function dConst(v: HPNumber): Dual {
  return { v, d: null };
}

/** The variable seeded along direction k of K: tangent e_k. */
export function dVar(v: HPNumber, k: number, K: number): Dual {
  const d = new Array<HPNumber>(K).fill(ZERO);
  d[k] = ONE;
  return { v, d };
}

/** The tangent of x along direction k. */
export function dTangent(x: Dual, k: number): HPNumber {
  return x.d === null ? ZERO : x.d[k];
}

/** c·t for a tangent t (null stays null). */
function scaleTangent(t: readonly HPNumber[] | null, c: HPNumber): HPNumber[] | null {
  return t === null ? null : t.map((a) => a.times(c));
}

/** s + t for tangents, null being zero. */
function addTangents(
  s: readonly HPNumber[] | null,
  t: readonly HPNumber[] | null,
): readonly HPNumber[] | null {
  if (s === null) return t;
  if (t === null) return s;
  return s.map((a, k) => a.plus(t[k]));
}

/** x + y. */
export function dAdd(x: Dual, y: Dual): Dual {
  return { v: x.v.plus(y.v), d: addTangents(x.d, y.d) };
}

/** x − y. */
export function dSub(x: Dual, y: Dual): Dual {
  return { v: x.v.minus(y.v), d: addTangents(x.d, scaleTangent(y.d, ONE.neg())) };
}

/** x·y, by the product rule (xy)′ = x′y + xy′. */
export function dMul(x: Dual, y: Dual): Dual {
  return { v: x.v.times(y.v), d: addTangents(scaleTangent(x.d, y.v), scaleTangent(y.d, x.v)) };
}

/** exp x, with exp′ = exp. */
export function dExp(x: Dual): Dual {
  const e = x.v.exp();
  return { v: e, d: scaleTangent(x.d, e) };
}

/** ln x, with ln′ x = 1/x. */
export function dLn(x: Dual): Dual {
  // x′/x component by component: one rounding per tangent instead of two via (1/x)·x′.
  return { v: x.v.ln(), d: x.d === null ? null : x.d.map((a) => a.div(x.v)) };
}

/** σ(x), with tangent σ′(x)·x′ (σ′ is the activation's dfHP, its right derivative at a kink). */
export function dSigma(sigma: Activation, x: Dual): Dual {
  return { v: sigma.fHP(x.v), d: scaleTangent(x.d, sigma.dfHP(x.v)) };
}

/**
 * The cross-entropy −log softmax(z)[y] on duals, written as ln(1 + Σ_{j≠y} exp(z_j − z_y)). Its
 * tangent is Σ_{j≠y} exp(z_j − z_y)(ż_j − ż_y)/S: no term is the difference of two nearly equal
 * numbers. Written as logsumexp(z) − z_y instead, the tangent is (Σ_j o_j ż_j) − ż_y, which
 * cancels to nothing at 60 digits once o_y > 1 − 10⁻⁶⁰ (a logit gap above about 138 nats). The
 * 60-digit exponent range (up to 10^(9·10¹⁵)) holds exp(z_j − z_y) for any float64 logits.
 */
function dCrossEntropy(z: readonly Dual[], y: number): Dual {
  let S = dConst(ONE);
  for (let j = 0; j < z.length; j++) if (j !== y) S = dAdd(S, dExp(dSub(z[j], z[y])));
  return dLn(S);
}

/** Σ_j a[i, j]·x[j] on duals, for a row-major rows×cols a. */
function dMatvec(a: readonly Dual[], rows: number, cols: number, x: readonly Dual[]): Dual[] {
  const out: Dual[] = [];
  for (let i = 0; i < rows; i++) {
    let acc = dConst(ZERO);
    for (let j = 0; j < cols; j++) acc = dAdd(acc, dMul(a[i * cols + j], x[j]));
    out.push(acc);
  }
  return out;
}

/** The dual run of Eq. (1)–(2): states h_0…h_steps and losses E_1…E_steps. */
interface DualRun {
  readonly h: Dual[][];
  readonly loss: Dual[];
}

/**
 * Runs Eq. (1)–(2) on dual numbers for `steps` steps with W_R[a, b] seeded along direction a·n+b
 * (n² directions; every other input is a constant), so tangent a·n+b of any quantity is its
 * partial derivative in W_R[a, b].
 */
function dualRun(p: HPParams, sigma: Activation, steps: number): DualRun {
  const n = p.n;
  const WR = p.WR.data.map((w, idx) => dVar(w, idx, n * n));
  const WI = p.WI.data.map(dConst);
  const WO = p.WO.data.map(dConst);
  const bR = p.bR.map(dConst);
  const bO = p.bO.map(dConst);
  const h: Dual[][] = [p.h0.map(dConst)];
  const loss: Dual[] = [];
  for (let t = 1; t <= steps; t++) {
    const s = h[t - 1].map((x) => dSigma(sigma, x));
    const rec = dMatvec(WR, n, n, s);
    const inp = dMatvec(WI, n, p.d, hpInput(p, t).map(dConst));
    const ht = rec.map((r, i) => dAdd(dAdd(r, inp[i]), bR[i]));
    h.push(ht);
    const z = dMatvec(WO, p.m, n, ht).map((v, j) => dAdd(v, bO[j]));
    loss.push(dCrossEntropy(z, p.ys[t - 1]));
  }
  return { h, loss };
}

function checkStep(model: Model, t: number, min: number, what: string): void {
  if (!Number.isInteger(t) || t < min || t > model.T) {
    throw new RangeError(`${what}: t = ${t} is outside ${min}…${model.T}`);
  }
}

/** The n×n matrix whose entry [a, b] is the tangent of x along direction a·n+b. */
function tangentMatrix(x: Dual, n: number): HPMat {
  const out = hpZeros(n, n);
  for (let k = 0; k < n * n; k++) out.data[k] = dTangent(x, k);
  return out;
}

/**
 * ∂h_t/∂W_R as an n×n² matrix (column a·n+b is ∂h_t/∂W_R[a, b]) by dual numbers, one seeded
 * direction per entry of W_R; t = 0 gives the zero matrix.
 */
export function hpJacobianHWR(model: Model, t: number): HPMat {
  checkStep(model, t, 0, 'hpJacobianHWR');
  const n = model.n;
  const ht = dualRun(hpParams(model), model.sigma, t).h[t];
  const out = hpZeros(n, n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n * n; k++) out.data[i * n * n + k] = dTangent(ht[i], k);
  }
  return out;
}

/** ∂E_t/∂W_R as an n×n matrix (entry [a, b] is ∂E_t/∂W_R[a, b]) by dual numbers. */
export function hpGradientEWR(model: Model, t: number): HPMat {
  checkStep(model, t, 1, 'hpGradientEWR');
  return tangentMatrix(dualRun(hpParams(model), model.sigma, t).loss[t - 1], model.n);
}

/** ∂E/∂W_R for E = Σ_{t=1}^T E_t as an n×n matrix, by dual numbers through the summed loss. */
export function hpGradientTotal(model: Model): HPMat {
  const { loss } = dualRun(hpParams(model), model.sigma, model.T);
  return tangentMatrix(loss.reduce(dAdd, dConst(ZERO)), model.n);
}
