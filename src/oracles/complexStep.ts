import type { Model } from '../model/caseFile.js';
import { matvec } from '../numerics/kernels.js';
import { type Mat, mat } from '../numerics/Mat.js';

/**
 * The complex step h. Complex-step differentiation in W_R: f′(w) = Im f(w + i·h)/h − h²·f‴(w)/6
 * + O(h⁴), with no subtraction of nearby values, so apart from that truncation the only error is
 * the float64 rounding of the complex forward pass. It perturbs one entry of W_R and re-runs
 * Eq. (1)–(2) in complex arithmetic; it uses no derivative formula, which makes it an oracle for
 * the paper's.
 *
 * Why h = 1e-100: the truncation h²·|f‴/f′|/6 stays below 2⁻⁵³ relative as long as h·G ≲ 1e-8,
 * G the growth of the T-step map (f‴/f′ ~ G² when gradients explode), i.e. for G up to 1e92; the
 * usual 1e-20…1e-30 would give that up (G ≤ 1e12…1e22) for nothing. The other limit is
 * underflow: Im parts are h·∂/∂w and stay normal floats while |∂/∂w| ≥ 2.2e-308/h ≈ 2e-208 (the
 * loss carries its Im parts divided by h, so e^(−margin) factors do not count against this).
 * Two consequences callers should know: an entry whose true derivative is exactly 0 while f‴ is
 * not comes out as ≈ −h²·f‴/6 (~1e-200, absolute), and derivatives below ~2e-208 lose digits.
 */
export const CS_STEP = 1e-100;

/** W_I x_r + b_R for r = 1…steps (index 0 unused), formed as forward.ts forms it. */
function inputTerms(model: Model, steps: number): Float64Array[] {
  const u: Float64Array[] = [new Float64Array(0)];
  for (let r = 1; r <= steps; r++) {
    const x = model.xs.data.subarray((r - 1) * model.d, r * model.d);
    const ur = matvec(model.WI, x);
    for (let i = 0; i < model.n; i++) ur[i] += model.bR[i];
    u.push(ur);
  }
  return u;
}

/** Buffers of one complex run, reused across the n² perturbed entries. */
interface Work {
  readonly u: Float64Array[];
  readonly hre: Float64Array<ArrayBuffer>;
  readonly him: Float64Array<ArrayBuffer>;
  readonly sre: Float64Array;
  readonly sim: Float64Array;
  readonly zre: Float64Array<ArrayBuffer>;
  readonly zim: Float64Array<ArrayBuffer>;
}

function makeWork(model: Model, steps: number): Work {
  const { n, m } = model;
  return {
    u: inputTerms(model, steps),
    hre: new Float64Array(n),
    him: new Float64Array(n),
    sre: new Float64Array(n),
    sim: new Float64Array(n),
    zre: new Float64Array(m),
    zim: new Float64Array(m),
  };
}

/**
 * Runs Eq. (1) for `steps` steps with W_R[a,b] replaced by W_R[a,b] + i·CS_STEP, calling
 * onStep(r) with work.hre/him = h_r after each step. With W = W_R + i·CS_STEP·e_a e_bᵀ and
 * s = σ(h_{r−1}) complex: W·s = W_R·s_re − CS_STEP·s_im[b]·e_a + i·(W_R·s_im + CS_STEP·s_re[b]·e_a);
 * the O(CS_STEP²) real term is dropped (see below).
 */
function complexRun(
  model: Model,
  work: Work,
  a: number,
  b: number,
  steps: number,
  onStep: (r: number) => void,
): void {
  const { n, sigma, WR } = model;
  const { hre, him, sre, sim, u } = work;
  hre.set(model.h0);
  him.fill(0);
  for (let r = 1; r <= steps; r++) {
    for (let i = 0; i < n; i++) {
      const [re, im] = sigma.fComplex(hre[i], him[i]);
      sre[i] = re;
      sim[i] = im;
    }
    matvec(WR, sre, hre);
    matvec(WR, sim, him);
    // The exact product also has Re −= CS_STEP·s_im[b], a second-order term O(CS_STEP²) ≈ 1e-200,
    // the same order as the method's truncation. It is dropped so that the real part stays bitwise
    // equal to the float64 forward pass: a piecewise-linear σ then takes the same branch at a
    // pre-activation that sits exactly on its kink as σ′'s convention does, instead of one chosen
    // by the sign of that 1e-200.
    him[a] += CS_STEP * sre[b];
    const ur = u[r];
    for (let i = 0; i < n; i++) hre[i] += ur[i];
    onStep(r);
  }
}

/**
 * Im E_r / CS_STEP for the complex state in work.hre/him: z = W_O h + b_O (W_O, b_O real), and
 * E = logsumexp(z) − z_y evaluated as (z_k − z_y) + log S, S = Σ_j exp(z_j − z_k),
 * k = argmax_j Re z_j: the usual max-shift, but by the complex z_k, so the j = k term of S is
 * exactly 1 and no exp overflows. Shifting by the real max instead would leave
 * Im E = Im log S − Im z_y, which cancels catastrophically when y is a confident class (E ≈ 0,
 * gradient ~ e^(−margin)). Im parts of S are carried divided by CS_STEP: a margin of a few
 * hundred makes e^(−margin)·CS_STEP underflow although the gradient itself is a normal float.
 */
function imCrossEntropyPerStep(model: Model, work: Work, y: number): number {
  const { hre, him, zre, zim } = work;
  matvec(model.WO, hre, zre);
  for (let j = 0; j < model.m; j++) zre[j] += model.bO[j];
  matvec(model.WO, him, zim);
  let k = 0;
  for (let j = 1; j < model.m; j++) if (zre[j] > zre[k]) k = j;
  let sRe = 1;
  let sImPerStep = 0;
  for (let j = 0; j < model.m; j++) {
    if (j === k) continue;
    // exp(x + iφ) = eˣ(cos φ + i sin φ) for z_j − z_k = x + iφ.
    const e = Math.exp(zre[j] - zre[k]);
    const phase = zim[j] - zim[k];
    sRe += e * Math.cos(phase);
    sImPerStep += e * (Math.sin(phase) / CS_STEP);
  }
  // Im log S = atan2(Im S, Re S) = atan(x), x = Im S/Re S (Re S ≥ 1: no branch cut near);
  // divided by CS_STEP as q·atan(x)/x with q = x/CS_STEP, so x may underflow harmlessly.
  const q = sImPerStep / sRe;
  const x = q * CS_STEP;
  const imLogSPerStep = x === 0 ? q : q * (Math.atan(x) / x);
  return (zim[k] - zim[y]) / CS_STEP + imLogSPerStep;
}

function checkStep(model: Model, t: number, min: number): void {
  if (!Number.isInteger(t) || t < min || t > model.T) {
    throw new RangeError(`complex step: t = ${t} is outside ${min}…${model.T}`);
  }
}

/** ∂h_t/∂vec(W_R) by complex step: n×n², column a·n+b is ∂h_t/∂W_R[a,b]. */
export function csJacobianHWR(model: Model, t: number): Mat {
  checkStep(model, t, 0);
  const { n } = model;
  const out = mat(n, n * n);
  if (t === 0) return out; // h_0 does not depend on W_R.
  const work = makeWork(model, t);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const col = a * n + b;
      complexRun(model, work, a, b, t, (r) => {
        if (r !== t) return;
        for (let i = 0; i < n; i++) out.data[i * n * n + col] = work.him[i] / CS_STEP;
      });
    }
  }
  return out;
}

/** ∂E_t/∂W_R by complex step: n×n, entry (a,b) is ∂E_t/∂W_R[a,b]. */
export function csGradientEWR(model: Model, t: number): Mat {
  checkStep(model, t, 1);
  const { n } = model;
  const out = mat(n, n);
  const work = makeWork(model, t);
  const y = model.ys[t - 1];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      complexRun(model, work, a, b, t, (r) => {
        if (r === t) out.data[a * n + b] = imCrossEntropyPerStep(model, work, y);
      });
    }
  }
  return out;
}

/** ∂E/∂W_R for E = Σ_{t=1}^T E_t by complex step: n×n. */
export function csGradientTotal(model: Model): Mat {
  const { n, T } = model;
  const out = mat(n, n);
  const work = makeWork(model, T);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let acc = 0;
      complexRun(model, work, a, b, T, (r) => {
        acc += imCrossEntropyPerStep(model, work, model.ys[r - 1]);
      });
      out.data[a * n + b] = acc;
    }
  }
  return out;
}
