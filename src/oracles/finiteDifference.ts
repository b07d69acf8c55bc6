import type { Model } from '../model/caseFile.js';
import { matvec } from '../numerics/kernels.js';
import { type Mat, mat } from '../numerics/Mat.js';

/**
 * Ridders' method (Numerical Recipes §5.7, dfridr) in W_R: central differences at steps
 * hh, hh/CON, hh/CON², … extrapolated to step 0 in a Neville tableau; the estimate with the
 * smallest change between tableau neighbours is kept, and that change is its error estimate.
 * It perturbs one entry of W_R and re-runs Eq. (1)–(2); it uses no derivative formula, which
 * makes it an oracle for the paper's.
 */
export const RIDDERS = {
  /**
   * First steps of the two tableaux, times max(1, |W_R[a,b]|); each tableau ends at
   * hh/CON^(NTAB−1) = hh/20.7. Why so small: h_t is a degree-t polynomial in W_R[a,b] (more
   * nonlinear still through σ) whose length scale shrinks like 1/(t·growth), and a step beyond
   * it does not just lose accuracy: the tableau then often stops early on neighbours that agree
   * by chance and reports a small error for a wrong value. Why not smaller: roundoff grows like
   * ε·|f|/h. Measured against complex step on 240 random models (n = 8, T = 2…40, all six σ,
   * ‖W_R‖ gain 0.5…4, exploding and chaotic ones included): starts of 3e-2, 1e-2, 3e-3 left
   * 463, 134, 81 entries whose error exceeded 1e-7·scale + the reported estimate; 1e-3 left
   * none, with max error 2e-10·scale on every entry whose estimate was below 1e-7·scale.
   * Two starts a factor √10 apart give two tableaux over different runs: see FdResult.
   */
  initialSteps: [1e-3, 1e-3 / Math.sqrt(10)],
  /** Step ratio between tableau columns. */
  con: 1.4,
  /** Tableau size: at most NTAB step sizes (2·NTAB runs) per entry. */
  ntab: 10,
  /** Stop when the diagonal moves by more than SAFE times the best error so far. */
  safe: 2,
  /**
   * When a run crosses a kink of σ, the whole tableau restarts with the first step divided by
   * kinkShrink, at most kinkRetries times: a piecewise-linear σ makes h_t a polynomial in W_R[a,b]
   * on each side of a kink, so a step small enough to stay on one side is exact up to rounding.
   */
  kinkShrink: 10,
  kinkRetries: 3,
} as const;

/** A finite-difference derivative with its error estimate. */
export interface FdResult {
  /** The derivative, in the layout of the exact quantity. */
  readonly value: Mat;
  /**
   * Per-entry error estimate (same shape as value): the largest of the two tableaux' Ridders
   * estimates, the gap between their values (so that a tableau fooled by a step too large for
   * the map is caught by the other one) and the rounding floor ε·max|f|/(2h) of the step that
   * produced the value. Callers add it to the tolerance bound.
   */
  readonly errorEstimate: Mat;
  /**
   * True when, for some W_R entry, every attempt had a perturbed run that changed the sign of
   * h_{r,i} − κ (κ a kink of σ, 1 ≤ r < t): that entry's value is then not a valid derivative and
   * callers must skip the case.
   */
  readonly crossedKink: boolean;
}

/** What the perturbed function returns: h_t, E_t, or E = Σ_r E_r. */
type Target = { kind: 'h'; t: number } | { kind: 'loss'; t: number } | { kind: 'total' };

/** The forward pass of Eq. (1)–(2) on a working copy of W_R, with kink bookkeeping. */
class Evaluator {
  /** Working copy of W_R: one entry is perturbed at a time and then restored exactly. */
  readonly WR: Mat;
  /** Length of the function's value. */
  readonly k: number;
  private readonly steps: number;
  /** States h_1 … h_{kinkSteps} feed σ before the target is formed: their signs matter. */
  private readonly kinkSteps: number;
  private readonly u: Float64Array[];
  private readonly kinks: readonly number[];
  /** Sign of h_{r,i} − κ in the unperturbed run, at ((r−1)·n + i)·|kinks| + q. */
  private readonly baseSigns: Int8Array;
  private readonly h: Float64Array<ArrayBuffer>;
  private readonly s: Float64Array;
  private readonly z: Float64Array<ArrayBuffer>;

  constructor(
    private readonly model: Model,
    private readonly target: Target,
  ) {
    const { n } = model;
    this.WR = mat(n, n, model.WR.data.slice());
    this.k = target.kind === 'h' ? n : 1;
    this.steps = target.kind === 'total' ? model.T : target.t;
    this.kinkSteps = Math.max(0, this.steps - 1);
    this.kinks = model.sigma.kinks;
    this.u = [new Float64Array(0)];
    for (let r = 1; r <= this.steps; r++) {
      // W_I x_r + b_R, formed as forward.ts forms it.
      const x = model.xs.data.subarray((r - 1) * model.d, r * model.d);
      const ur = matvec(model.WI, x);
      for (let i = 0; i < n; i++) ur[i] += model.bR[i];
      this.u.push(ur);
    }
    this.h = new Float64Array(n);
    this.s = new Float64Array(n);
    this.z = new Float64Array(model.m);
    this.baseSigns = new Int8Array(this.kinkSteps * n * this.kinks.length);
    this.run(new Float64Array(this.k), this.baseSigns);
  }

  /**
   * Runs the model with the current working W_R and writes the target into out. Returns true
   * when some h_{r,i} (r < steps) lies on another side of a kink than in the unperturbed run;
   * with record given, stores the signs there instead of comparing.
   */
  run(out: Float64Array, record?: Int8Array): boolean {
    const { model, h, s, u, kinks } = this;
    const { n, sigma } = model;
    const nk = kinks.length;
    let crossed = false;
    let total = 0;
    h.set(model.h0);
    for (let r = 1; r <= this.steps; r++) {
      for (let i = 0; i < n; i++) s[i] = sigma.f(h[i]);
      matvec(this.WR, s, h);
      const ur = u[r];
      for (let i = 0; i < n; i++) h[i] += ur[i];
      if (nk > 0 && r <= this.kinkSteps) {
        for (let i = 0; i < n; i++) {
          for (let q = 0; q < nk; q++) {
            const d = h[i] - kinks[q];
            const sign = d > 0 ? 1 : d < 0 ? -1 : 0;
            const at = ((r - 1) * n + i) * nk + q;
            if (record) record[at] = sign;
            else if (sign !== this.baseSigns[at]) crossed = true;
          }
        }
      }
      if (this.target.kind === 'total') total += this.loss(r);
    }
    if (this.target.kind === 'h') out.set(h);
    else if (this.target.kind === 'loss') out[0] = this.loss(this.steps);
    else out[0] = total;
    return crossed;
  }

  /** E_r for the current state h = h_r. */
  private loss(r: number): number {
    const { model, h, z } = this;
    matvec(model.WO, h, z);
    for (let j = 0; j < model.m; j++) z[j] += model.bO[j];
    return crossEntropy(z, model.ys[r - 1]);
  }
}

/**
 * E = logsumexp(z) − z_y as (z_k − z_y) + log1p(Σ_{j≠k} exp(z_j − z_k)), k = argmax z. The
 * same value as forward.ts's logSumExp(z) − z_y, but with E's relative accuracy kept when y is a
 * confident class: there logSumExp(z) − z_y rounds to exactly 0 once the margin exceeds ~37,
 * and central differences would see a flat function where the true gradient is ~e^(−margin).
 */
function crossEntropy(z: Float64Array, y: number): number {
  let k = 0;
  for (let j = 1; j < z.length; j++) if (z[j] > z[k]) k = j;
  let rest = 0;
  for (let j = 0; j < z.length; j++) if (j !== k) rest += Math.exp(z[j] - z[k]);
  return z[k] - z[y] + Math.log1p(rest);
}

/**
 * Ridders' method on the vector function w ↦ f(W_R with entry idx set to w), one tableau per
 * output component over shared runs. Writes estimates and error estimates into val/err and
 * returns true when some run crossed a kink; with abortOnKink it returns at the first crossing
 * without finishing the tableau (the caller retries with a smaller step).
 */
function riddersEntry(
  ev: Evaluator,
  idx: number,
  hh0: number,
  abortOnKink: boolean,
  val: Float64Array,
  err: Float64Array,
): boolean {
  const { con, ntab, safe } = RIDDERS;
  const con2 = con * con;
  const k = ev.k;
  const W = ev.WR.data;
  const w0 = W[idx];
  const fp = new Float64Array(k);
  const fm = new Float64Array(k);
  // Columns i−1 and i of the tableau, component c at c·ntab + j (j = extrapolation order).
  let prev = new Float64Array(k * ntab);
  let cur = new Float64Array(k * ntab);
  const done = new Uint8Array(k);
  // Largest |f| seen, and the rounding floor ε·max|f|/width of the chosen estimate.
  const fmax = new Float64Array(k);
  const floor = new Float64Array(k);
  let remaining = k;
  val.fill(Number.NaN);
  err.fill(Number.POSITIVE_INFINITY);
  let crossed = false;
  let hh = hh0;
  for (let i = 0; i < ntab && remaining > 0; i++, hh /= con) {
    const wp = w0 + hh;
    const wm = w0 - hh;
    W[idx] = wp;
    crossed = ev.run(fp) || crossed;
    W[idx] = wm;
    crossed = ev.run(fm) || crossed;
    W[idx] = w0;
    if (crossed && abortOnKink) return true;
    // The steps actually taken (w0 ± hh rounds); their sum is the central difference's width.
    const width = wp - wm;
    for (let c = 0; c < k; c++) {
      if (done[c]) continue;
      const o = c * ntab;
      fmax[c] = Math.max(fmax[c], Math.abs(fp[c]), Math.abs(fm[c]));
      cur[o] = (fp[c] - fm[c]) / width;
      let fac = con2;
      for (let j = 1; j <= i; j++) {
        // Neville step: eliminate the h^(2j) error term of the central difference.
        cur[o + j] = (cur[o + j - 1] * fac - prev[o + j - 1]) / (fac - 1);
        fac *= con2;
        const errt = Math.max(
          Math.abs(cur[o + j] - cur[o + j - 1]),
          Math.abs(cur[o + j] - prev[o + j - 1]),
        );
        if (errt <= err[c]) {
          err[c] = errt;
          val[c] = cur[o + j];
          floor[c] = (Number.EPSILON * fmax[c]) / width;
        }
      }
      // Higher order got worse by a significant factor: roundoff has taken over.
      if (i > 0 && Math.abs(cur[o + i] - prev[o + i - 1]) >= safe * err[c]) {
        done[c] = 1;
        remaining--;
      }
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  // Ridders' estimate measures how the tableau moves; it cannot see a perturbation lost to
  // rounding altogether (all runs agree, estimate 0). Rounding f to ε·|f| bounds what the
  // differences can resolve, so the estimate is at least that.
  for (let c = 0; c < k; c++) err[c] = Math.max(err[c], floor[c]);
  return crossed;
}

/** Runs Ridders over every W_R entry; column a·n+b of the k×n² result is the (a,b) derivative. */
function fdOverWR(model: Model, target: Target): FdResult {
  const { n } = model;
  const ev = new Evaluator(model, target);
  const k = ev.k;
  const value = mat(k, n * n);
  const errorEstimate = mat(k, n * n);
  const starts = RIDDERS.initialSteps;
  const vals = starts.map(() => new Float64Array(k));
  const errs = starts.map(() => new Float64Array(k));
  const retries = model.sigma.kinks.length > 0 ? RIDDERS.kinkRetries : 0;
  let crossedKink = false;
  for (let col = 0; col < n * n; col++) {
    const scale = Math.max(1, Math.abs(model.WR.data[col]));
    let crossed = true;
    for (let attempt = 0; attempt <= retries && crossed; attempt++) {
      const shrink = RIDDERS.kinkShrink ** attempt;
      const abort = attempt < retries;
      crossed = false;
      for (let q = 0; q < starts.length && !(crossed && abort); q++) {
        crossed =
          riddersEntry(ev, col, (starts[q] * scale) / shrink, abort, vals[q], errs[q]) || crossed;
      }
    }
    if (crossed) crossedKink = true;
    for (let c = 0; c < k; c++) {
      // Keep the tableau that trusts itself most; report an error that also covers the other.
      let best = 0;
      for (let q = 1; q < starts.length; q++) if (errs[q][c] < errs[best][c]) best = q;
      let e = errs[best][c];
      for (let q = 0; q < starts.length; q++) {
        e = Math.max(e, errs[q][c], Math.abs(vals[q][c] - vals[best][c]));
      }
      value.data[c * n * n + col] = vals[best][c];
      errorEstimate.data[c * n * n + col] = e;
    }
  }
  return { value, errorEstimate, crossedKink };
}

function checkStep(model: Model, t: number, min: number): void {
  if (!Number.isInteger(t) || t < min || t > model.T) {
    throw new RangeError(`finite difference: t = ${t} is outside ${min}…${model.T}`);
  }
}

/** Reshapes a 1×n² row (column a·n+b) into the n×n matrix with entry (a,b). */
function asSquare(r: FdResult, n: number): FdResult {
  return {
    value: mat(n, n, r.value.data),
    errorEstimate: mat(n, n, r.errorEstimate.data),
    crossedKink: r.crossedKink,
  };
}

/** ∂h_t/∂vec(W_R) by Ridders-extrapolated central differences: n×n², column a·n+b. */
export function fdJacobianHWR(model: Model, t: number): FdResult {
  checkStep(model, t, 0);
  const { n } = model;
  if (t === 0) {
    // h_0 does not depend on W_R.
    return { value: mat(n, n * n), errorEstimate: mat(n, n * n), crossedKink: false };
  }
  return fdOverWR(model, { kind: 'h', t });
}

/** ∂E_t/∂W_R by Ridders-extrapolated central differences: n×n, entry (a,b). */
export function fdGradientEWR(model: Model, t: number): FdResult {
  checkStep(model, t, 1);
  return asSquare(fdOverWR(model, { kind: 'loss', t }), model.n);
}

/** ∂E/∂W_R for E = Σ_{t=1}^T E_t by Ridders-extrapolated central differences: n×n. */
export function fdGradientTotal(model: Model): FdResult {
  return asSquare(fdOverWR(model, { kind: 'total' }), model.n);
}
