/**
 * Theorem 3 (σ = id): the expansion of ∂E_t/∂h_k in eigenvectors of W_R, with the eigen-data
 * recovered exactly from the case. With g = ∂E_t/∂h_tᵀ and l = t − k,
 *   ∂E_t/∂h_kᵀ = (W_Rᵀ)^l g   (a row vector times W_R^l, transposed).
 * Reading: "grows like λ_j^{t−k} along q_j" means the closed form
 *   ∂E_t/∂h_kᵀ = Σ_i c_i λ_i^{t−k} b_i   for every k ≤ t,   g = Σ_i c_i b_i,
 * where {b_i} is the claim's basis (right eigenvectors q_i of W_R, or left ones p_i, eigenvectors of
 * W_Rᵀ); it gives c_{j′}(k) = 0 for j′ < j and λ_j^{−(t−k)}∂E_t/∂h_kᵀ → c_j b_j. With W_R = VΛV⁻¹,
 * (W_Rᵀ)^l = V⁻ᵀΛ^lVᵀ, so the true expansion is Σ_i d_i λ_i^l p_i with d = Vᵀg: the closed form
 * holds in the left basis and fails in the right one unless W_R is normal on the span of g.
 */

import type { CheckOutcome, ClaimInput, HPOutcome } from '../../engine/contract/claim.js';
import { checkIdentity, recheckIdentityHP } from '../../engine/contract/compare.js';
import { hpToleranceBound, TOLERANCES, toleranceBound } from '../../engine/contract/tolerances.js';
import { type Model, toModel } from '../../model/caseFile.js';
import { forward } from '../../model/forward.js';
import { hpForward, hpSoftmax } from '../../model/hpForward.js';
import { EigenvalueError, eigenvalues } from '../../numerics/eigenvalues.js';
import { HP, type HPNumber } from '../../numerics/exact/decimal.js';
import { type ExactEigen, exactEigen } from '../../numerics/exact/eigenCertificates.js';
import { hpFromMat, hpMat, hpMatTvec } from '../../numerics/exact/hpMat.js';
import { Rational, rationalToHP } from '../../numerics/exact/rational.js';
import { rationalFromMat } from '../../numerics/exact/rationalMat.js';
import { matTvec } from '../../numerics/kernels.js';
import { mat } from '../../numerics/Mat.js';
import { outputDelta } from '../s3-bptt/thm1.js';

/** Which eigenvectors Theorem 3 expands ∂E_t/∂h_t in: of W_R (right) or of W_Rᵀ (left). */
export type EigenBasis = 'right' | 'left';

/** The exact spectral data of a case, or why the hypothesis cannot be checked. */
type Spectral = { ok: true; eig: ExactEigen } | { ok: false; reason: string; numerical?: boolean };

/**
 * The hypothesis on W_R, exactly: real eigenvalues (from the guarded QR), recognised as exact
 * dyadic roots of the characteristic polynomial, pairwise distinct and of distinct moduli.
 */
function spectralData(model: Model): Spectral {
  let ev: { re: Float64Array; im: Float64Array };
  try {
    ev = eigenvalues(model.WR);
  } catch (e) {
    if (e instanceof EigenvalueError)
      return { ok: false, reason: 'the eigenvalues did not converge', numerical: true };
    throw e;
  }
  if (ev.im.some((x) => x !== 0)) return { ok: false, reason: 'complex eigenvalues (not real)' };
  const eig = exactEigen(rationalFromMat(model.WR), Array.from(ev.re));
  if (eig === undefined)
    return {
      ok: false,
      reason: 'eigenvalues not exact dyadics or not simple: eigenvectors not exactly known',
    };
  const mods = eig.values.map((x) => x.abs());
  for (let i = 0; i + 1 < mods.length; i++) {
    if (mods[i].cmp(mods[i + 1]) <= 0)
      return { ok: false, reason: 'eigenvalue moduli not distinct (|λ_1| > … > |λ_n| fails)' };
  }
  return { ok: true, eig };
}

/**
 * The coefficient map of the claim: c = C g with C = V⁻¹ (right basis, g = Σ c_i q_i) or C = Vᵀ
 * (left basis, g = Σ c_i p_i, p_i = V⁻ᵀe_i); and the basis vectors b_i as columns of B = V or V⁻ᵀ.
 */
function coefficientMaps(eig: ExactEigen, basis: EigenBasis): { C: Rational[]; B: Rational[] } {
  const n = eig.V.rows;
  const C: Rational[] = [];
  const B: Rational[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      C.push(basis === 'right' ? eig.Vinv.data[i * n + j] : eig.V.data[j * n + i]);
      B.push(basis === 'right' ? eig.V.data[i * n + j] : eig.Vinv.data[j * n + i]);
    }
  return { C, B };
}

/**
 * Which coefficients vanish for every output: c = C W_Oᵀ (o − e_y) and Σ(o − e_y) = 0, so c_i = 0
 * exactly whenever row i of C W_Oᵀ is a multiple of 𝟙ᵀ (exact test).
 */
function structuralZeros(C: readonly Rational[], model: Model): boolean[] {
  const n = model.n;
  const WO = rationalFromMat(model.WO);
  const out: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const row: Rational[] = [];
    for (let r = 0; r < model.m; r++) {
      let acc = Rational.ZERO;
      for (let e = 0; e < n; e++) acc = acc.add(C[i * n + e].mul(WO.data[r * n + e]));
      row.push(acc);
    }
    out.push(row.every((x) => x.eq(row[0])));
  }
  return out;
}

/** ∂E_t/∂h_tᵀ = W_Oᵀ(o_t − e_{y_t}) in float64. */
function lossGradient(model: Model, t: number): Float64Array {
  return outputDelta(model, forward(model, t).z[t], model.ys[t - 1]);
}

/** The step t of an input, if valid. */
function stepOrUndefined(input: ClaimInput): number | undefined {
  const t = input.params.t;
  return Number.isInteger(t) && t >= 1 && t <= input.case.xs.length ? t : undefined;
}

const QUANTITY =
  '∂E_t/∂h_kᵀ for k = t−1, …, 0 (rows): Σ_i c_i λ_i^{t−k} b_i against (W_Rᵀ)^{t−k} ∂E_t/∂h_tᵀ';

/** Theorem 3 in float64 (params: t) in the given basis. */
export function spectralCheck(input: ClaimInput, basis: EigenBasis): CheckOutcome {
  if (input.case.activation !== 'identity')
    return { status: 'skip', reason: 'σ is not the identity' };
  const t = stepOrUndefined(input);
  if (t === undefined) return { status: 'skip', reason: 'params: need 1 ≤ t ≤ T' };
  const model = toModel(input.case);
  const sd = spectralData(model);
  if (!sd.ok) return { status: 'skip', reason: sd.reason, numerical: sd.numerical };
  const n = model.n;
  const { C, B } = coefficientMaps(sd.eig, basis);
  const Cf = C.map((x) => x.toNumber());
  const Bf = B.map((x) => x.toNumber());
  const lam = sd.eig.values.map((x) => x.toNumber());
  const g = lossGradient(model, t);
  if (!g.every(Number.isFinite)) return { status: 'overflow', reason: '∂E_t/∂h_t is not finite' };
  const zero = structuralZeros(C, model);
  const tol = TOLERANCES.float64Exact;
  const c: number[] = [];
  for (let i = 0; i < n; i++) {
    let acc = 0;
    let mag = 0;
    for (let e = 0; e < n; e++) {
      acc += Cf[i * n + e] * g[e];
      mag += Math.abs(Cf[i * n + e] * g[e]);
    }
    if (zero[i]) c.push(0);
    else if (Math.abs(acc) > toleranceBound(tol, mag)) c.push(acc);
    else
      return {
        status: 'skip',
        reason: 'a coefficient c_i is zero to rounding but not exactly: undecidable in float64',
      };
  }
  const j = c.findIndex((x) => x !== 0);
  if (j < 0) return { status: 'skip', reason: '∂E_t/∂h_t = 0 (no c_j ≠ 0)' };
  if (!(Math.abs(lam[j]) > 1)) return { status: 'skip', reason: '|λ_j| ≤ 1 for the first c_j ≠ 0' };
  const claimed = mat(t, n);
  const actual = mat(t, n);
  let magnitude = 0;
  let G = g;
  for (let l = 1; l <= t; l++) {
    G = matTvec(model.WR, G);
    actual.data.set(G, (l - 1) * n);
    for (let e = 0; e < n; e++) {
      let acc = 0;
      let mag = 0;
      for (let i = 0; i < n; i++) {
        const term = c[i] * lam[i] ** l * Bf[e * n + i];
        acc += term;
        mag += Math.abs(term);
      }
      claimed.data[(l - 1) * n + e] = acc;
      magnitude = Math.max(magnitude, mag);
    }
  }
  return checkIdentity(
    QUANTITY,
    claimed,
    [{ oracle: 'chain rule (W_Rᵀ)^{t−k}∂E_t/∂h_tᵀ', value: actual }],
    { t, j: j + 1, lambdaJ: lam[j] },
    magnitude,
  );
}

/** ∂E_t/∂h_tᵀ = W_Oᵀ(o_t − e_{y_t}) at 60 digits. */
function hpLossGradient(model: Model, t: number): HPNumber[] {
  const traj = hpForward(model, t);
  const o = hpSoftmax(traj.z[t]);
  const y = model.ys[t - 1];
  const delta = o.map((x, r) => (r === y ? x.minus(1) : x));
  return hpMatTvec(hpFromMat(model.WO), delta);
}

/**
 * Theorem 3 at 60 digits: the exact eigen-data again from the case, g at 60 digits, both sides of
 * the closed form for l = 1…t. The certificate records what happens as t − k → ∞, from the exact
 * expansion (W_Rᵀ)^l g = Σ_i d_i λ_i^l p_i (d = Vᵀg): the first i₀ with d_{i₀} ≠ 0 sets the rate
 * |λ_{i₀}|^l and the direction p_{i₀}.
 */
export function spectralRecheck(input: ClaimInput, basis: EigenBasis): HPOutcome {
  const t = stepOrUndefined(input)!;
  const model = toModel(input.case);
  const sd = spectralData(model);
  if (!sd.ok) throw new Error(`spectralRecheck: ${sd.reason}`);
  const n = model.n;
  const eig = sd.eig;
  const { C, B } = coefficientMaps(eig, basis);
  const g = hpLossGradient(model, t);
  const lam = eig.values.map(rationalToHP);
  const zero = structuralZeros(C, model);
  const c = Array.from({ length: n }, (_, i) =>
    zero[i]
      ? new HP(0)
      : g.reduce((acc, ge, e) => acc.plus(rationalToHP(C[i * n + e]).times(ge)), new HP(0)),
  );
  const claimed: HPNumber[] = [];
  const actual: HPNumber[] = [];
  const W = hpFromMat(model.WR);
  let G = g;
  for (let l = 1; l <= t; l++) {
    G = hpMatTvec(W, G);
    actual.push(...G);
    for (let e = 0; e < n; e++) {
      let acc = new HP(0);
      for (let i = 0; i < n; i++)
        acc = acc.plus(c[i].times(lam[i].pow(l)).times(rationalToHP(B[e * n + i])));
      claimed.push(acc);
    }
  }
  const outcome = recheckIdentityHP(hpMat(t, n, claimed), hpMat(t, n, actual));
  return { ...outcome, certificate: limitCertificate(model, eig, basis, g, c) };
}

/** The t − k → ∞ behaviour from the exact spectral expansion, as plain JSON. */
function limitCertificate(
  model: Model,
  eig: ExactEigen,
  basis: EigenBasis,
  g: readonly HPNumber[],
  c: readonly HPNumber[],
): Record<string, unknown> {
  const n = model.n;
  // d = Vᵀ g: the coefficients of g in the left eigenvectors p_i, which (W_Rᵀ)^l scales by λ_i^l.
  const left = coefficientMaps(eig, 'left');
  const zeroD = structuralZeros(left.C, model);
  const gScale = g.reduce((m, x) => (x.abs().gt(m) ? x.abs() : m), new HP(0));
  const tiny = hpToleranceBound(TOLERANCES.highPrecision, gScale);
  const d = Array.from({ length: n }, (_, i) =>
    zeroD[i]
      ? new HP(0)
      : g.reduce((acc, ge, e) => acc.plus(rationalToHP(left.C[i * n + e]).times(ge)), new HP(0)),
  );
  const j = c.findIndex((x) => !x.isZero());
  const i0 = d.findIndex((x, i) => !zeroD[i] && x.abs().gt(tiny));
  const lam = eig.values;
  const show = (x: HPNumber) => x.toSignificantDigits(20).toString();
  let behaviour: string;
  if (i0 < 0) behaviour = 'g = 0';
  else if (i0 < j)
    behaviour = `λ_j^{−l}·∂E_t/∂h_{t−l} diverges: ∂E_t/∂h_{t−l} grows like |λ_${i0 + 1}|^l = |${lam[i0]}|^l > |λ_j|^l, along the left eigenvector p_${i0 + 1}`;
  else if (i0 > j) {
    const rate = lam[i0].abs();
    behaviour =
      rate.cmp(Rational.ONE) < 0
        ? `∂E_t/∂h_{t−l} → 0 (it decays like |λ_${i0 + 1}|^l = |${lam[i0]}|^l) although c_j ≠ 0 and |λ_j| > 1: no explosion`
        : `λ_j^{−l}·∂E_t/∂h_{t−l} → 0: it grows only like |λ_${i0 + 1}|^l = |${lam[i0]}|^l < |λ_j|^l`;
  } else {
    // Limit d_j p_j against the claimed c_j b_j.
    const p = Array.from({ length: n }, (_, e) => rationalToHP(left.B[e * n + j]).times(d[j]));
    const own = coefficientMaps(eig, basis).B;
    const b = Array.from({ length: n }, (_, e) => rationalToHP(own[e * n + j]).times(c[j]));
    const diff = p.reduce(
      (m, x, e) => (x.minus(b[e]).abs().gt(m) ? x.minus(b[e]).abs() : m),
      new HP(0),
    );
    behaviour = diff.gt(tiny)
      ? `λ_j^{−l}·∂E_t/∂h_{t−l} → d_j p_j ≠ c_j q_j: the rate |λ_j| is right, the direction is the left eigenvector p_j, not q_j`
      : 'λ_j^{−l}·∂E_t/∂h_{t−l} → c_j b_j, as claimed';
  }
  return {
    method:
      'exact eigen-decomposition W_R·V = V·diag(λ) (rational), (W_Rᵀ)^l g = Σ_i d_i λ_i^l p_i with d = Vᵀg, for every l',
    basis,
    eigenvalues: lam.map((x) => x.toString()),
    j: j + 1,
    c: c.map(show),
    d: d.map(show),
    firstNonzeroD: i0 + 1,
    behaviour,
  };
}
