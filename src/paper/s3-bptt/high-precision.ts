/**
 * The paper's closed forms (Theorem 1 in its readings, Lemma 2, the t = 1, 2 base cases, Lemma 1's
 * example and Eq. (3)) evaluated at 60 digits on the exact values of a float64 model. These are the
 * statements under test; they never import the oracles.
 */

import type { Model } from '../../model/caseFile.js';
import {
  type HPParams,
  type HPTrajectory,
  hpForward,
  hpForwardParams,
  hpParams,
  hpSoftmax,
} from '../../model/hpForward.js';
import { HP, type HPNumber } from '../../numerics/exact/decimal.js';
import {
  type HPMat,
  hpAdd,
  hpFromMat,
  hpIdentity,
  hpMatmul,
  hpMatTvec,
  hpMatvec,
  hpScale,
  hpScaleCols,
  hpZeros,
} from '../../numerics/exact/hpMat.js';
import type { ProductOrder } from './thm1.js';

/** The paper's literal HV(v): an n×n grid of blocks, every block vᵀ, so HV(v)[i, a·n+b] = v[b]. */
export function hpHVLiteral(v: readonly HPNumber[]): HPMat {
  const n = v.length;
  const out = hpZeros(n, n * n);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) out.data[i * n * n + a * n + b] = v[b];
    }
  }
  return out;
}

/** I_n ⊗ vᵀ: block (i, a) is vᵀ when i = a and 0 otherwise, so entry [i, a·n+b] = δ_ia v[b]. */
export function hpKronIdRow(v: readonly HPNumber[]): HPMat {
  const n = v.length;
  const out = hpZeros(n, n * n);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < n; b++) out.data[i * n * n + i * n + b] = v[b];
  }
  return out;
}

/** What every closed form needs: the HP parameters and the HP forward pass up to step t. */
interface Run {
  readonly p: HPParams;
  readonly traj: HPTrajectory;
  /** σ′(h_0) … σ′(h_{steps−1}), computed once: a 60-digit σ′ costs up to ~0.6 ms. */
  readonly ds: HPNumber[][];
}

function run(model: Model, steps: number): Run {
  const p = hpParams(model);
  const traj = hpForwardParams(p, model.sigma, steps);
  const ds = traj.h.slice(0, steps).map((h) => h.map(model.sigma.dfHP));
  return { p, traj, ds };
}

function checkStep(model: Model, t: number, what: string): void {
  if (!Number.isInteger(t) || t < 1 || t > model.T) {
    throw new RangeError(`${what}: t = ${t} is outside 1…${model.T}`);
  }
}

/** J_r = ∂h_r/∂h_{r−1} = W_R·diag(σ′(h_{r−1})) (diag on the right scales the columns of W_R). */
function factor(r: Run, step: number): HPMat {
  return hpScaleCols(r.p.WR, r.ds[step - 1]);
}

/**
 * Theorem 1's right-hand side Σ_{k=1}^{t−1} (Π_{r=k+1}^t J_r)·L(v_k) + L(v_t), v_k = σ(h_{k−1}),
 * for a lift L of vectors to n×n² matrices and an order of the product. The products are built
 * incrementally from k = t−1 down, one n×n multiplication per k.
 */
function theorem1Sum(
  r: Run,
  t: number,
  lift: (v: HPNumber[]) => HPMat,
  order: ProductOrder,
): HPMat {
  let acc = lift(r.traj.s[t - 1]);
  let prod: HPMat | undefined;
  for (let k = t - 1; k >= 1; k--) {
    const J = factor(r, k + 1);
    // descending: J_t⋯J_{k+1} = (J_t⋯J_{k+2})·J_{k+1}; ascending: J_{k+1}⋯J_t = J_{k+1}·(J_{k+2}⋯J_t).
    if (prod === undefined) prod = J;
    else prod = order === 'descending' ? hpMatmul(prod, J) : hpMatmul(J, prod);
    acc = hpAdd(acc, hpMatmul(prod, lift(r.traj.s[k - 1])));
  }
  return acc;
}

/** Theorem 1 as written: Σ_{k=1}^{t−1} (J_t⋯J_{k+1})·HV(σ(h_{k−1})) + HV(σ(h_{t−1})), literal HV. */
export function hpTheorem1LiteralHV(model: Model, t: number): HPMat {
  checkStep(model, t, 'hpTheorem1LiteralHV');
  return theorem1Sum(run(model, t), t, hpHVLiteral, 'descending');
}

/** Theorem 1 with HV(v) read as I ⊗ vᵀ and the product in the given order. */
export function hpTheorem1Kron(model: Model, t: number, order: ProductOrder): HPMat {
  checkStep(model, t, 'hpTheorem1Kron');
  return theorem1Sum(run(model, t), t, hpKronIdRow, order);
}

/** Lemma 2 unrolled: D_0 = 0, D_r = I ⊗ σ(h_{r−1})ᵀ + W_R diag(σ′(h_{r−1}))·D_{r−1}; returns D_t. */
export function hpLemma2(model: Model, t: number): HPMat {
  checkStep(model, t, 'hpLemma2');
  const r = run(model, t);
  let D = hpZeros(model.n, model.n * model.n);
  for (let step = 1; step <= t; step++) {
    D = hpAdd(hpKronIdRow(r.traj.s[step - 1]), hpMatmul(factor(r, step), D));
  }
  return D;
}

/**
 * The paper's base cases with HV read as I ⊗ vᵀ: t = 1 gives I ⊗ σ(h_0)ᵀ; t = 2 gives
 * I ⊗ σ(h_1)ᵀ + W_R diag(σ′(h_1))·(I ⊗ σ(h_0)ᵀ).
 */
export function hpBaseCase(model: Model, t: 1 | 2): HPMat {
  checkStep(model, t, 'hpBaseCase');
  const r = run(model, t);
  const first = hpKronIdRow(r.traj.s[0]);
  if (t === 1) return first;
  const J2 = hpScaleCols(r.p.WR, r.ds[1]);
  return hpAdd(hpKronIdRow(r.traj.s[1]), hpMatmul(J2, first));
}

/** Lemma 1's example dh_2/dW_R = 2W_R h_0, lifted to n×n² as I ⊗ (2W_R h_0)ᵀ. */
export function hpLemma1Example(model: Model): HPMat {
  const p = hpParams(model);
  const two = new HP(2);
  return hpKronIdRow(hpMatvec(p.WR, p.h0).map((x) => x.times(two)));
}

/**
 * ∂E_t/∂h_t = W_Oᵀ(softmax(z_t) − e_{y_t}) for the cross-entropy of Eq. (2), with o_y − 1 taken
 * as −Σ_{j≠y} o_j: o_y − 1 itself cancels to 0 at 60 digits once o_y > 1 − 10⁻⁶⁰.
 */
function lossGradH(r: Run, t: number): HPNumber[] {
  const o = hpSoftmax(r.traj.z[t]);
  const y = r.p.ys[t - 1];
  const others = o.reduce((acc, oj, j) => (j === y ? acc : acc.plus(oj)), new HP(0));
  return hpMatTvec(
    r.p.WO,
    o.map((oj, j) => (j === y ? others.neg() : oj)),
  );
}

/** (∂E_t/∂h_t)·(∂h_t/∂W_R) with Theorem 1 read as I ⊗ vᵀ, descending; row-major to n×n. */
function chainRule(r: Run, t: number): HPMat {
  const n = r.p.n;
  const g = lossGradH(r, t);
  const D = theorem1Sum(r, t, hpKronIdRow, 'descending');
  // The 1×n² row gᵀD is ∂E_t/∂vec(W_R) with vec row-major, so reshaping it row-major gives n×n.
  const row = hpMatmul({ rows: 1, cols: n, data: g }, D);
  return { rows: n, cols: n, data: row.data };
}

/** Eq. (3)'s summand: ∂E_t/∂W_R = (∂E_t/∂h_t)·(∂h_t/∂W_R) as an n×n matrix. */
export function hpGradientChainRule(model: Model, t: number): HPMat {
  checkStep(model, t, 'hpGradientChainRule');
  return chainRule(run(model, t), t);
}

/** Eq. (3) as written: Σ_{k=1}^t of a summand free of k, i.e. t × hpGradientChainRule. */
export function hpGradientLiteralSum(model: Model, t: number): HPMat {
  checkStep(model, t, 'hpGradientLiteralSum');
  return hpScale(chainRule(run(model, t), t), new HP(t));
}

/** ∂E/∂W_R = Σ_{t=1}^T ∂E_t/∂W_R (§3.1), each term by hpGradientChainRule. */
export function hpGradientTotal(model: Model): HPMat {
  const r = run(model, model.T);
  let acc = hpZeros(model.n, model.n);
  for (let t = 1; t <= model.T; t++) acc = hpAdd(acc, chainRule(r, t));
  return acc;
}

/**
 * J_t⋯J_{k+1}, J_r = W_R diag σ′(h_{r−1}), newest factor on the left, at 60 digits from the exact
 * inputs, with the σ′(h_{r−1}) of r = k+1 … t (in that order) and the trajectory it ran.
 */
export function hpJacobianProduct(
  model: Model,
  t: number,
  k: number,
): { P: HPMat; dsig: HPNumber[][]; traj: HPTrajectory } {
  const traj = hpForward(model, t);
  const W = hpFromMat(model.WR);
  let P = hpIdentity(model.n);
  const dsig: HPNumber[][] = [];
  for (let r = k + 1; r <= t; r++) {
    const d = traj.h[r - 1].map(model.sigma.dfHP);
    dsig.push(d);
    P = hpMatmul(hpScaleCols(W, d), P);
  }
  return { P, dsig, traj };
}
