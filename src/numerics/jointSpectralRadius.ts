/**
 * Bounds on the joint spectral radius ρ̂(Σ) = lim_L max_{P ∈ Σ^L} ‖P‖^{1/L} of a finite set Σ by
 * exhaustive enumeration of products. For every length L (Berger–Wang, Rota–Strang):
 *   max_{P ∈ Σ^L} ρ(P)^{1/L}  ≤  ρ̂(Σ)  ≤  max_{P ∈ Σ^L} ‖P‖₂^{1/L},
 * so the best lower bound is the max over all lengths ≤ L and the best upper bound the min over
 * lengths. The use in the suite: Σ = {W_R·diag(d) : d ∈ {0, γ}ⁿ}, the extreme points of the convex
 * hull of the Jacobians W_R·diag(φ′) with 0 ≤ φ′ ≤ γ; the JSR of a set equals that of its convex
 * hull, so these bounds hold for every product of such Jacobians.
 * The bounds are float64 evaluations, not directed-rounding enclosures: ‖P‖₂ (Jacobi SVD) is good
 * to a few ulps, but ρ(P) (bounded QR) is only backward stable, so where ρ(P) is defective or tiny
 * against ‖P‖ it may be off by up to (nε)^{1/k}‖P‖, and the root ^{1/l} magnifies an error nε‖P‖
 * in a ρ(P) ≈ 0 to (nε‖P‖)^{1/l}. For generic W_R the two bounds agree to ~1e-12 relative where
 * they should; for nilpotent-like sets `lower` can exceed `upper` by that slack.
 */

import { spectralRadius } from './eigenvalues.js';
import { matmul, normalizePow2, scaleColsInPlace } from './kernels.js';
import { identity, type Mat, mat } from './Mat.js';
import { spectralNorm } from './singularValues.js';

/** Lower and upper bounds on the JSR, with the product length actually enumerated. */
export interface JsrBounds {
  /** max over products P of length ≤ length of ρ(P)^{1/|P|}. */
  readonly lower: number;
  /** min over L′ ≤ length of max over products of length L′ of ‖P‖₂^{1/L′}. */
  readonly upper: number;
  /** The longest product length enumerated (≤ maxLength, reduced by the work cap). */
  readonly length: number;
  /** The length whose products attain `lower`. */
  readonly lowerLength: number;
  /** The length L′ whose norm bound is `upper`. */
  readonly upperLength: number;
  /** Number of products evaluated, Σ_{l ≤ length} k^l. */
  readonly products: number;
}

/** Options of jsrBounds. */
export interface JsrOptions {
  /** Enumerate lengths L only while k^L ≤ maxProducts (default 200 000). */
  readonly maxProducts?: number;
}

/** Default cap on k^L, the number of products of the longest enumerated length. */
export const DEFAULT_MAX_PRODUCTS = 200_000;

/** Bounds on the JSR of mats from all products of length ≤ L, L = the largest ≤ maxLength with k^L ≤ maxProducts. */
export function jsrBounds(
  mats: readonly Mat[],
  maxLength: number,
  options: JsrOptions = {},
): JsrBounds {
  const k = mats.length;
  if (k === 0) throw new RangeError('jsrBounds: empty set of matrices');
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`jsrBounds: maxLength must be a positive integer, got ${maxLength}`);
  }
  const n = mats[0].rows;
  for (const m of mats) {
    if (m.rows !== n || m.cols !== n)
      throw new RangeError('jsrBounds: matrices must be square, same size');
  }
  const maxProducts = options.maxProducts ?? DEFAULT_MAX_PRODUCTS;
  if (k > maxProducts)
    throw new RangeError(`jsrBounds: ${k} matrices exceed maxProducts ${maxProducts}`);
  const L = productLength(k, maxLength, maxProducts);

  let lower = 0;
  let lowerLength = 1;
  const maxNorm = new Float64Array(L + 1);
  let products = 0;
  // Products are kept as P = 2^E · P̃ with max|p̃_ij| ∈ [½, 2): a length-L product of matrices with
  // entries ~1e-156 underflows to 0 in float64, and ‖P‖^{1/L} = 0 is no upper bound.
  // ρ(P)^{1/l} = ρ(P̃)^{1/l} · 2^{E/l} and likewise for ‖·‖₂; the power-of-2 scalings are exact.
  // One buffer per depth keeps memory O(L n²).
  const bufs = Array.from({ length: L + 1 }, () => mat(n, n));
  // each A_i = 2^{e_i}·Ã_i too: a set given at a subnormal scale (entries ~1e-323) otherwise lost
  // ~10% per product to subnormal rounding
  const scaled = mats.map((m) => mat(n, n, m.data.slice()));
  const scaleExp = scaled.map((m) => normalizePow2(m));
  // a product P with its exponent E; every depth writes into its own buffer
  forEachProduct<{ P: Mat; E: number }>(
    k,
    L,
    { P: identity(n), E: 0 },
    (parent, i, depth) => {
      if (depth === 1) return { P: scaled[i], E: scaleExp[i] };
      const next = bufs[depth];
      matmul(scaled[i], parent.P, next);
      const e = normalizePow2(next);
      return { P: next, E: parent.E + scaleExp[i] + e };
    },
    ({ P, E }, depth) => {
      if (depth === 0) return;
      products++;
      // (x·2^E)^{1/l} = x^{1/l}·2^f·2^{q₁}·2^{q₂} with E/l = f + q₁ + q₂, q's integers: the integer
      // powers multiply exactly, and splitting them keeps 2^1024 = ∞ out of a set near the overflow
      // threshold; when l divides E (always for l = 1) only x^{1/l} is rounded
      const q = Math.trunc(E / depth);
      const f = E / depth - q;
      const q1 = Math.trunc(q / 2);
      const q2 = q - q1;
      // (|E|/l ≤ ~1100, so each 2^q stays finite and x = 0 gives 0)
      const root = (x: number) => x ** (1 / depth) * 2 ** f * 2 ** q1 * 2 ** q2;
      const rootRho = root(spectralRadius(P));
      if (rootRho > lower) {
        lower = rootRho;
        lowerLength = depth;
      }
      const rootNorm = root(spectralNorm(P));
      maxNorm[depth] = Math.max(maxNorm[depth], rootNorm);
    },
  );

  let upper = Number.POSITIVE_INFINITY;
  let upperLength = 1;
  for (let l = 1; l <= L; l++) {
    if (maxNorm[l] < upper) {
      upper = maxNorm[l];
      upperLength = l;
    }
  }
  return { lower, upper, length: L, lowerLength, upperLength, products };
}

/**
 * The length L ≤ maxLength enumerated for a set of k matrices: the largest with k^L ≤ maxProducts
 * (at least 1). The total work Σ_{l≤L} k^l ≤ k^L·k/(k−1) ≤ 2·maxProducts (k ≥ 2); for k = 1, 1^L
 * never exceeds the cap and L = maxLength.
 */
export function productLength(k: number, maxLength: number, maxProducts: number): number {
  let L = 1;
  while (L < maxLength && k ** (L + 1) <= maxProducts) L++;
  return L;
}

/**
 * Visits every product A_{i_l}⋯A_{i_1} of l = 0 … L factors from a set of k matrices, depth-first
 * over the words i_l⋯i_1, each product before its extensions: the empty product is `root`, and
 * `extend(P, i, l)` returns A_i·P for P of l − 1 factors. A product is needed only until its
 * subtree is done, so `extend` may write into one buffer per depth. Generic over the matrix type:
 * the float64 and the 60-digit enumerations are this one.
 */
export function forEachProduct<P>(
  k: number,
  L: number,
  root: P,
  extend: (parent: P, i: number, depth: number) => P,
  visit: (product: P, depth: number) => void,
): void {
  const walk = (P: P, depth: number) => {
    visit(P, depth);
    if (depth === L) return;
    for (let i = 0; i < k; i++) walk(extend(P, i, depth + 1), depth + 1);
  };
  walk(root, 0);
}

/**
 * The 2ⁿ vertices d ∈ {0, γ}ⁿ of the box [0, γ]ⁿ, d_j = γ iff bit j of the index is set, over any
 * scalar type (float64 or 60-digit).
 */
export function boxVertices<S>(n: number, gamma: S, zero: S): S[][] {
  const out: S[][] = [];
  for (let mask = 0; mask < 2 ** n; mask++)
    out.push(Array.from({ length: n }, (_, j) => ((mask >> j) & 1 ? gamma : zero)));
  return out;
}

/** The 2ⁿ matrices W_R·diag(d), d ∈ {0, γ}ⁿ, d_j = γ iff bit j of the index is set (n ≤ 12). */
export function jsrExtremeSet(WR: Mat, gamma: number): Mat[] {
  const n = WR.cols;
  if (WR.rows !== n)
    throw new RangeError(`jsrExtremeSet: W_R is ${WR.rows}×${WR.cols}, not square`);
  if (n > 12) throw new RangeError(`jsrExtremeSet: 2^${n} matrices is too many (n ≤ 12)`);
  return boxVertices(n, gamma, 0).map((d) =>
    scaleColsInPlace(mat(n, n, WR.data.slice()), Float64Array.from(d)),
  );
}

/**
 * B_l = max{‖P‖₂ : P a product of l matrices of the set} for l = 0 … L (B_0 = 1), plain float64
 * products and SVDs (no power-of-two rescaling, unlike jsrBounds: the B_l are used as numbers, in
 * bounds ‖J_t⋯J_{k0+1}‖₂ ≤ B_{m mod L*}·B_{L*}^{⌊m/L*⌋}); a product that overflows throws
 * SingularValueError.
 */
export function maxProductNorms(mats: readonly Mat[], L: number): number[] {
  const n = mats[0].rows;
  const B = new Array<number>(L + 1).fill(0);
  B[0] = 1;
  const bufs = Array.from({ length: L + 1 }, () => mat(n, n));
  forEachProduct(
    mats.length,
    L,
    identity(n),
    (P, i, depth) => {
      if (depth === 1) return mats[i];
      matmul(mats[i], P, bufs[depth]);
      return bufs[depth];
    },
    (P, depth) => {
      if (depth === 0) return;
      const s = spectralNorm(P);
      if (s > B[depth]) B[depth] = s;
    },
  );
  return B;
}

/** The Rota–Strang upper bound of a JSR from its B_0 … B_L: ρ̂ = min_{1≤l≤L} B_l^{1/l}. */
export interface NormBound {
  readonly B: number[];
  /** The first length attaining the minimum. */
  readonly Lstar: number;
  /** ρ̂ = B_{L*}^{1/L*}. */
  readonly rhoHat: number;
}

/**
 * B_0 … B_L of the set (maxProductNorms, L = productLength(k, maxLength, maxProducts)) and the
 * length L* minimizing B_l^{1/l}.
 */
export function jsrNormBound(
  mats: readonly Mat[],
  maxLength: number,
  maxProducts: number,
): NormBound {
  const L = productLength(mats.length, maxLength, maxProducts);
  const B = maxProductNorms(mats, L);
  let Lstar = 1;
  for (let l = 2; l <= L; l++) if (B[l] ** (1 / l) < B[Lstar] ** (1 / Lstar)) Lstar = l;
  return { B, Lstar, rhoHat: B[Lstar] ** (1 / Lstar) };
}
