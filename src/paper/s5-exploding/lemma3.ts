/**
 * The finite inequalities of section 5: Lemma 3 (‖AB‖₂ ≥ λ*(A)‖B‖₂), Proof 4's product bound
 * ‖J_t⋯J_{k+1}‖₂ ≥ Π λ*(D_r)·‖W_R‖₂^{t−k} and its corrected form with s_min(W_R). Float64 checks,
 * 60-digit re-checks, and exact certificates where the data are rational: a violation
 * rhs > lhs is certified by a rational X with lhs² < X ≤ rhs², the first by positive definiteness
 * of X·I − MᵀM, the second from exact lower bounds (Rayleigh quotients, a Schur–Cohn bound on the
 * eigenvalue moduli).
 */

import type { CheckOutcome, ClaimInput, HPOutcome } from '../../engine/contract/claim.js';
import { integerParam, type ParamsDomain } from '../../engine/contract/params.js';
import { hpToleranceBound, TOLERANCES, toleranceBound } from '../../engine/contract/tolerances.js';
import { type Case, toModel } from '../../model/caseFile.js';
import {
  dyadicSigmaPrime,
  exactCase,
  exactTrajectory,
  PIECEWISE_LINEAR,
} from '../../model/exactTrajectory.js';
import { EigenvalueError, eigenvalues } from '../../numerics/eigenvalues.js';
import { HP, HP_DIGITS, type HPNumber, hpShow } from '../../numerics/exact/decimal.js';
import { dyadicToRationals } from '../../numerics/exact/dyadic.js';
import { minEigenvalueModulusLowerBound } from '../../numerics/exact/eigenCertificates.js';
import { hpFromMat, hpMatmul } from '../../numerics/exact/hpMat.js';
import { hpSmallestSingularValue, hpSpectralNorm } from '../../numerics/exact/hpSingularValues.js';
import { certifyNormSqBelow, normSqLowerBound } from '../../numerics/exact/normBounds.js';
import { Rational, rationalToHP } from '../../numerics/exact/rational.js';
import {
  type RationalMat,
  rationalFromMat,
  rationalMatmul,
} from '../../numerics/exact/rationalMat.js';
import { allFinite, matmul } from '../../numerics/kernels.js';
import type { Mat } from '../../numerics/Mat.js';
import { singularValues } from '../../numerics/singularValues.js';
import { hpJacobianProduct } from '../s3-bptt/high-precision.js';
import { jacobianProduct } from '../s3-bptt/jacobian-factors.js';
import { derivativeTrajectory, lambdaStarOf, lambdaStarProduct } from './thm4-products.js';

/**
 * Compares a claimed lower bound rhs with the observed lhs in float64: violated when rhs exceeds
 * lhs beyond float64Exact relative to `magnitude`, the size of the quantities the two sides are
 * computed from (e.g. ‖A‖₂‖B‖₂: a float64 eigenvalue or a product that cancels is accurate to
 * ε·‖A‖, not to its own size, so an exactly singular A gives λ* ≈ 10⁻¹⁶, not 0).
 */
export function lowerBoundOutcome(
  quantity: string,
  lhs: number,
  rhs: number,
  extra: Record<string, number>,
  magnitude = 0,
): CheckOutcome {
  if (!Number.isFinite(lhs) || !Number.isFinite(rhs))
    return { status: 'overflow', reason: `${quantity}: a side is not finite` };
  const tol = TOLERANCES.float64Exact;
  const scale = Math.max(Math.abs(lhs), Math.abs(rhs), Math.abs(magnitude));
  const bound = toleranceBound(tol, scale);
  if (rhs - lhs <= bound) return { status: 'pass', closeness: lhs > 0 ? rhs / lhs : 0 };
  return {
    status: 'violated',
    witness: {
      quantity,
      claimed: [[rhs]],
      actual: [[lhs]],
      absError: rhs - lhs,
      relError: (rhs - lhs) / scale,
      threshold: bound,
      extra,
    },
  };
}

/**
 * The HP outcome of rhs ≥ lhs claims: violated when rhs − lhs exceeds TOLERANCES.highPrecision
 * relative to the larger side or `magnitude` (as in lowerBoundOutcome).
 */
function hpLowerBoundOutcome(
  lhs: HPNumber,
  rhs: HPNumber,
  certificate?: Record<string, unknown>,
  violatedOverride?: boolean,
  magnitude: HPNumber = new HP(0),
): HPOutcome {
  const tol = TOLERANCES.highPrecision;
  let scale = lhs.abs().gt(rhs.abs()) ? lhs.abs() : rhs.abs();
  if (magnitude.gt(scale)) scale = magnitude;
  const diff = rhs.minus(lhs);
  const bound = hpToleranceBound(tol, scale);
  return {
    violated: violatedOverride ?? diff.gt(bound),
    digits: HP_DIGITS,
    claimed: [[hpShow(rhs)]],
    actual: [[hpShow(lhs)]],
    absError: hpShow(diff.abs()),
    relError: hpShow(scale.isZero() ? diff.abs() : diff.abs().div(scale)),
    ...(certificate ? { certificate } : {}),
  };
}

/** A = W_R and B = W_O of a Lemma 3 case, when W_O is square (m = n). */
function lemma3Pair(c: Case): { A: Mat; B: Mat } | undefined {
  const m = toModel(c);
  if (m.m !== m.n) return undefined;
  return { A: m.WR, B: m.WO };
}

/** Whether a square matrix is diagonal. */
function isDiagonal(a: Mat): boolean {
  const n = a.rows;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j && a.data[i * n + j] !== 0) return false;
  return true;
}

/** The smallest eigenvalue modulus in float64 (guarded QR), or undefined when it does not converge. */
function minEigenvalueModulus(a: Mat): number | undefined {
  try {
    const { re, im } = eigenvalues(a);
    let m = Number.POSITIVE_INFINITY;
    for (let i = 0; i < re.length; i++) m = Math.min(m, Math.hypot(re[i], im[i]));
    return m;
  } catch (e) {
    if (e instanceof EigenvalueError) return undefined;
    throw e;
  }
}

const LEMMA3 = '‖AB‖₂ against λ*(A)‖B‖₂ (A = W_R, B = W_O)';

/** Lemma 3 in float64 on A = W_R, B = W_O; `diagonal` restricts A to diagonal matrices. */
export function lemma3Check(input: ClaimInput, diagonal: boolean): CheckOutcome {
  const pair = lemma3Pair(input.case);
  if (pair === undefined) return { status: 'skip', reason: 'B = W_O is not square (m ≠ n)' };
  const { A, B } = pair;
  if (diagonal && !isDiagonal(A)) return { status: 'skip', reason: 'A = W_R is not diagonal' };
  const lam = diagonal
    ? lambdaStarOf(Array.from({ length: A.rows }, (_, i) => A.data[i * A.rows + i]))
    : minEigenvalueModulus(A);
  if (lam === undefined)
    return { status: 'skip', reason: 'the eigenvalues of A did not converge', numerical: true };
  const lhs = singularValues(matmul(A, B))[0];
  const normB = singularValues(B)[0];
  const normA = singularValues(A)[0];
  return lowerBoundOutcome(LEMMA3, lhs, lam * normB, { lambdaStar: lam, normB }, normA * normB);
}

/**
 * Lemma 3 at 60 digits. For a general A the violation is certified exactly: λ*(A) > L (Schur–Cohn
 * on the exact characteristic polynomial), ‖B‖₂² ≥ R_B (Rayleigh quotient) and
 * ‖AB‖₂² < L²·R_B (positive definiteness), all on the exact rationals of the doubles; shown are
 * ‖AB‖₂ and L·‖B‖₂ at 60 digits. For a diagonal A, λ* = min|a_ii| is exact and the comparison is
 * at 60 digits.
 */
export function lemma3Recheck(input: ClaimInput, diagonal: boolean): HPOutcome {
  const { A, B } = lemma3Pair(input.case)!;
  const AB = hpMatmul(hpFromMat(A), hpFromMat(B));
  const lhs = hpSpectralNorm(AB);
  const normB = hpSpectralNorm(hpFromMat(B));
  if (diagonal) {
    let mn: HPNumber | undefined;
    for (let i = 0; i < A.rows; i++) {
      const x = hpFromMat(A).data[i * A.rows + i].abs();
      if (mn === undefined || x.lt(mn)) mn = x;
    }
    return hpLowerBoundOutcome(
      lhs,
      mn!.times(normB),
      undefined,
      undefined,
      hpSpectralNorm(hpFromMat(A)).times(normB),
    );
  }
  const lamF = minEigenvalueModulus(A);
  const Aq = rationalFromMat(A);
  const L = lamF === undefined ? undefined : minEigenvalueModulusLowerBound(Aq, lamF);
  if (L === undefined) {
    return hpLowerBoundOutcome(
      lhs,
      new HP(0),
      { valid: false, why: 'no certified lower bound of λ*(A)' },
      false,
    );
  }
  const RB = normSqLowerBound(B);
  const X = L.mul(L).mul(RB);
  const ABq = rationalMatmul(Aq, rationalFromMat(B));
  const certified = X.sign() > 0 && certifyNormSqBelow(ABq, X);
  return hpLowerBoundOutcome(
    lhs,
    rationalToHP(L).times(normB),
    {
      valid: certified,
      method:
        'exact: every |λ(A)| > L (Schur–Cohn), ‖B‖₂² ≥ R_B (Rayleigh), L²R_B·I − (AB)ᵀ(AB) ≻ 0',
      L: L.toString(),
      normBSqLowerBound: RB.toString(),
      normABSqUpperBound: X.toString(),
    },
    certified,
  );
}

/** Which lower bound of ‖J_t⋯J_{k+1}‖₂ is checked. */
export type ProductBoundKind = 'norm' | 'smin';

function productQuantity(kind: ProductBoundKind): string {
  return kind === 'norm'
    ? '‖J_t⋯J_{k+1}‖₂ against Π λ*(D_r)·‖W_R‖₂^{t−k}'
    : '‖∂h_t/∂h_k‖₂ = ‖J_t⋯J_{k+1}‖₂ against Π λ*(D_r)·s_min(W_R)^{t−k}';
}

/** Π_r ‖W_R‖₂·max_i |σ′(h_{r−1,i})| ≥ Π_r ‖J_r‖₂: the size rounding in J_t⋯J_{k+1} is relative to. */
function productMagnitude(
  dsig: readonly Float64Array[],
  normW: number,
  t: number,
  k: number,
): number {
  let p = 1;
  for (let r = k + 1; r <= t; r++) {
    let mx = 0;
    for (const x of dsig[r - 1]) mx = Math.max(mx, Math.abs(x));
    p *= normW * mx;
  }
  return p;
}

/** The params of the product bounds: the steps 0 ≤ k < t ≤ T. */
export const PRODUCT_BOUND_PARAMS: ParamsDomain = {
  t: integerParam(1, { of: 'T' }),
  k: integerParam(0, { of: 't', plus: -1 }),
};

/** The steps (t, k) of a product-bound input, if valid for the case. */
function steps(input: ClaimInput): { t: number; k: number } | undefined {
  const { t, k } = input.params;
  const T = input.case.xs.length;
  if (!Number.isInteger(t) || !Number.isInteger(k) || t < 1 || t > T || k < 0 || k >= t)
    return undefined;
  return { t, k };
}

/** The product bound in float64: ‖J_t⋯J_{k+1}‖₂ ≥ Π_{r=k+1}^t λ*(D_r)·(‖W_R‖₂ or s_min(W_R))^{t−k}. */
export function productBoundCheck(input: ClaimInput, kind: ProductBoundKind): CheckOutcome {
  const s = steps(input);
  if (s === undefined) return { status: 'skip', reason: 'params: need 0 ≤ k < t ≤ T' };
  const m = toModel(input.case);
  const dsig = derivativeTrajectory(m, s.t);
  if (!dsig.every((d) => allFinite(d)))
    return { status: 'overflow', reason: 'the trajectory overflows' };
  const P = jacobianProduct(m.WR, dsig, s.t, s.k);
  if (!allFinite(P.data)) return { status: 'overflow', reason: 'J_t⋯J_{k+1} overflows' };
  const sv = singularValues(m.WR);
  const base = kind === 'norm' ? sv[0] : sv[sv.length - 1];
  const lp = lambdaStarProduct(dsig, s.t, s.k);
  const lhs = singularValues(P)[0];
  return lowerBoundOutcome(
    productQuantity(kind),
    lhs,
    lp * base ** (s.t - s.k),
    { t: s.t, k: s.k, lambdaStarProduct: lp, [kind === 'norm' ? 'normWR' : 'sminWR']: base },
    productMagnitude(dsig, sv[0], s.t, s.k),
  );
}

/**
 * The product bound at 60 digits (trajectory, σ′, the product and the singular values all at 60
 * digits). For Proof 4's bound with a piecewise-linear σ the violation is also certified exactly:
 * the trajectory and D_r are exact rationals, Π λ*(D_r) is exact, ‖W_R‖₂² ≥ R_W (Rayleigh), and
 * X = (Π λ*)²·R_W^{t−k} > ‖J_t⋯J_{k+1}‖₂² is checked by positive definiteness.
 */
export function productBoundRecheck(input: ClaimInput, kind: ProductBoundKind): HPOutcome {
  const { t, k } = steps(input)!;
  const m = toModel(input.case);
  const { P, dsig: hpDsig } = hpJacobianProduct(m, t, k);
  let lambdaProduct = new HP(1);
  for (const d of hpDsig) {
    let mn = d[0].abs();
    for (const x of d) if (x.abs().lt(mn)) mn = x.abs();
    lambdaProduct = lambdaProduct.times(mn);
  }
  const W = hpFromMat(m.WR);
  const base = kind === 'norm' ? hpSpectralNorm(W) : hpSmallestSingularValue(W);
  const lhs = hpSpectralNorm(P);
  const rhs = lambdaProduct.times(base.pow(t - k));
  const dsig = derivativeTrajectory(m, t);
  const magnitude = new HP(productMagnitude(dsig, singularValues(m.WR)[0], t, k));
  if (kind !== 'norm' || !PIECEWISE_LINEAR.includes(input.case.activation))
    return hpLowerBoundOutcome(lhs, rhs, undefined, undefined, magnitude);
  // Exact: P = J_t⋯J_{k+1} with D_r = diag σ′(h_{r−1}) from the exact trajectory.
  const ec = exactCase(input.case);
  const { h } = exactTrajectory(ec, t);
  const Wq = rationalFromMat(m.WR);
  const n = m.n;
  let Pq: RationalMat = {
    rows: n,
    cols: n,
    data: Array.from({ length: n * n }, (_, q) =>
      q % (n + 1) === 0 ? Rational.ONE : Rational.ZERO,
    ),
  };
  let lp = Rational.ONE;
  for (let r = k + 1; r <= t; r++) {
    const d = dyadicToRationals(dyadicSigmaPrime(ec.sigma, h[r - 1]));
    lp = lp.mul(d.reduce((a, x) => (x.abs().cmp(a) < 0 ? x.abs() : a), d[0].abs()));
    const scaled: RationalMat = {
      rows: n,
      cols: n,
      data: Pq.data.map((x, q) => x.mul(d[Math.floor(q / n)])),
    };
    Pq = rationalMatmul(Wq, scaled);
  }
  const RW = normSqLowerBound(m.WR);
  let X = lp.mul(lp);
  for (let i = 0; i < t - k; i++) X = X.mul(RW);
  const certified = X.sign() > 0 && certifyNormSqBelow(Pq, X);
  return hpLowerBoundOutcome(
    lhs,
    rhs,
    {
      valid: certified,
      method:
        'exact: ‖W_R‖₂² ≥ R_W (Rayleigh), X = (Π λ*(D_r))²·R_W^{t−k}, X·I − PᵀP ≻ 0 with P = J_t⋯J_{k+1} exact',
      lambdaStarProduct: lp.toString(),
      normWRSqLowerBound: RW.toString(),
      X: X.toString(),
    },
    certified,
    magnitude,
  );
}
