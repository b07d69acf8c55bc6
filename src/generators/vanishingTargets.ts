/**
 * Targeted search for the Theorem 2 claims, in the spirit of Hypothesis' target(): deterministic
 * hill-climbs run inside an arbitrary's .map(), so a run stays reproducible from its seed and
 * shrinking re-runs the same climb on the shrunk raw draw. Everything here returns exact dyadic
 * data: powers of two and short dyadic factors only, so that scaled matrices stay exact in float64.
 */

import { type ActivationName, activation, LEAKY_SLOPE } from '../model/activation.js';
import { spectralRadius } from '../numerics/eigenvalues.js';
import { matmul, scaleColsInPlace } from '../numerics/kernels.js';
import { fromRows, type Mat, mat } from '../numerics/Mat.js';
import { spectralNorm } from '../numerics/singularValues.js';

/** rows·c. */
export function scaleRows(rows: readonly (readonly number[])[], c: number): number[][] {
  return rows.map((r) => r.map((x) => x * c + 0));
}

/**
 * The largest power of two c = 2^k with measure(c·W)·γ < 1 for a measure homogeneous of degree 1
 * (ρ, s_max, a JSR bound): c just inside the hypothesis boundary, where violations of a bound are
 * most likely. A zero measure leaves W as it is (the hypothesis holds at every scale).
 */
export function contractToBoundary(
  rows: readonly (readonly number[])[],
  measure: (W: Mat) => number,
  gamma: number,
): { rows: number[][]; scale: number } {
  const m = measure(fromRows(rows, rows.length)) * gamma;
  if (!(m > 0) || !Number.isFinite(m)) return { rows: rows.map((r) => r.slice()), scale: 1 };
  // c = 2^k with c·m < 1 ≤ 2c·m; a margin of 2^−20 keeps float64 error off the boundary
  let k = -Math.floor(Math.log2(m)) - 1;
  if (2 ** k * m >= 1 - 2 ** -20) k--;
  if (2 ** (k + 1) * m < 1 - 2 ** -20) k++;
  const c = 2 ** k;
  return { rows: scaleRows(rows, c), scale: c };
}

/**
 * The simplest dyadic c in [lo, hi] (fewest significant bits at the coarsest power-of-two
 * step), or undefined when the interval is empty.
 */
export function dyadicBetween(lo: number, hi: number): number | undefined {
  if (!(lo > 0) || !(hi >= lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  const top = Math.floor(Math.log2(hi));
  for (let k = 0; k <= 30; k++) {
    const step = 2 ** (top - k);
    const m = Math.ceil(lo / step);
    if (m * step <= hi) return m * step;
  }
  return undefined;
}

/** σ′ on a coordinate with sign pattern bit (1 = positive side, 0 = negative side) for a PL σ. */
function patternSlope(sigma: ActivationName, bit: boolean): number {
  if (sigma === 'relu') return bit ? 1 : 0;
  if (sigma === 'leaky_relu') return bit ? 1 : LEAKY_SLOPE;
  return 1;
}

/**
 * The diagonal σ′ that an activation pattern gives. For relu/leaky_relu it is exact; for the smooth
 * activations a 0 bit stands for a saturated coordinate (σ′ ≈ 0 at |h| = SATURATION) and a 1 bit
 * for one at 0 (σ′(0)); identity has σ′ ≡ 1.
 */
export function patternDiagonal(sigma: ActivationName, bits: readonly boolean[]): Float64Array {
  const act = activation(sigma);
  return Float64Array.from(bits, (b) => {
    if (sigma === 'relu' || sigma === 'leaky_relu' || sigma === 'identity')
      return patternSlope(sigma, b);
    if (!SATURATES_AT_BOTH_ENDS.includes(sigma)) return b ? act.df(0) : act.df(-SATURATION);
    return b ? act.df(0) : act.df(SATURATION);
  });
}

/**
 * The activations read at +SATURATION for a 0 bit. The states built for a 0 bit sit at
 * −(SATURATION + m) (fixedPointCaseArbitrary), so the others are read at −SATURATION: elu, silu,
 * gelu are linear-like on the positive side (σ′(8) ≈ 1), and hardtanh, scaled_tanh are even.
 * softplus is in this list although σ′(8) ≈ 1 ≠ σ′(−8) ≈ 3e-4: changing it would change its draws.
 */
const SATURATES_AT_BOTH_ENDS: readonly ActivationName[] = ['tanh', 'sigmoid', 'softplus'];

/** |h| of a saturated coordinate for the smooth activations (σ′ < 10⁻³ there for tanh, sigmoid). */
export const SATURATION = 8;

/** ρ(W·diag(d)) in float64. */
function rhoScaled(W: Mat, d: Float64Array): number {
  return spectralRadius(scaleColsInPlace(mat(W.rows, W.cols, W.data.slice()), d));
}

/**
 * Hill-climb over activation patterns: from `start`, flip the one bit that most increases the
 * objective until no flip helps (≤ n rounds of n evaluations). Deterministic; ties keep the
 * lower index. Returns the local maximum and its value.
 */
export function climbPattern(
  start: readonly boolean[],
  objective: (bits: readonly boolean[]) => number,
): { bits: boolean[]; value: number } {
  let bits = start.slice();
  let value = objective(bits);
  for (let round = 0; round < bits.length; round++) {
    let best = -1;
    let bestValue = value;
    for (let i = 0; i < bits.length; i++) {
      const trial = bits.slice();
      trial[i] = !trial[i];
      const v = objective(trial);
      if (v > bestValue * (1 + 1e-12)) {
        best = i;
        bestValue = v;
      }
    }
    if (best < 0) break;
    bits[best] = !bits[best];
    bits = bits.slice();
    value = bestValue;
  }
  return { bits, value };
}

/**
 * The fixed-point target: the pattern maximizing ρ(W·D)/ρ(W) (the amplification a frozen
 * activation pattern gives over Theorem 2's ρ(W_R)), then the simplest dyadic c with
 * ρ(c·W)·γ < 1 ≤ ρ(c·W·D): the hypothesis holds and the Jacobian at the fixed point has an
 * eigenvalue of modulus ≥ 1. Undefined c when no such window exists for this W.
 */
export function fixedPointTarget(
  W: Mat,
  sigma: ActivationName,
  start: readonly boolean[],
): { bits: boolean[]; scale?: number; rhoW: number; rhoWD: number } {
  const rhoW = spectralRadius(W);
  const floor = Math.max(rhoW, 1e-300);
  const { bits } = climbPattern(start, (b) => rhoScaled(W, patternDiagonal(sigma, b)) / floor);
  const rhoWD = rhoScaled(W, patternDiagonal(sigma, bits));
  const gamma = activation(sigma).gamma;
  return { bits, rhoW, rhoWD, ...scaleWindow(rhoW * gamma, rhoWD) };
}

/**
 * The simplest dyadic c with c·a < 1 ≤ c·b (a = ρ(W)γ, b the amplified radius), kept 10⁻³ inside
 * the upper end and `margin` above 1 at the lower, so that float64 estimates of the radii do not
 * decide the outcome.
 */
function scaleWindow(a: number, b: number, margin = 1 + 1e-3): { scale?: number } {
  if (!(b > 0)) return {};
  const lo = (1 / b) * margin;
  const hi = a > 0 ? (1 / a) * (1 - 1e-3) : lo * 8;
  const c = dyadicBetween(lo, hi);
  return c === undefined ? {} : { scale: c };
}

/**
 * The period-2 target: patterns (b1, b2) maximizing ρ(W D2 W D1)^{1/2}/ρ(W), climbed on the
 * concatenated bits, then c with ρ(cW)γ < 1 ≤ ρ(c²·W D2 W D1)^{1/2}.
 */
export function cycleTarget(
  W: Mat,
  sigma: ActivationName,
  start: readonly boolean[],
): { bits1: boolean[]; bits2: boolean[]; scale?: number; rhoW: number; rhoCycle: number } {
  const n = W.rows;
  const rhoW = spectralRadius(W);
  const floor = Math.max(rhoW, 1e-300);
  const radius = (b: readonly boolean[]) => {
    const A = scaleColsInPlace(mat(n, n, W.data.slice()), patternDiagonal(sigma, b.slice(0, n)));
    const B = scaleColsInPlace(mat(n, n, W.data.slice()), patternDiagonal(sigma, b.slice(n)));
    // h_0 = h*_2, h_1 = h*_1: J_1 = W·D(h*_2) = B and J_2 = W·D(h*_1) = A, the cycle's M = J_2 J_1
    return Math.sqrt(spectralRadius(matmul(A, B)));
  };
  const { bits } = climbPattern(start, (b) => radius(b) / floor);
  const rhoCycle = radius(bits);
  const gamma = activation(sigma).gamma;
  return {
    bits1: bits.slice(0, n),
    bits2: bits.slice(n),
    rhoW,
    rhoCycle,
    ...scaleWindow(rhoW * gamma, rhoCycle),
  };
}

/** Grid step of the smooth fixed-point climb: h*_i ∈ {k/8 : |k| ≤ SMOOTH_GRID_MAX}. */
export const SMOOTH_GRID_STEP = 1 / 8;

/** |k| bound of the grid: |h*_i| ≤ 8, where σ′ of tanh and sigmoid is below 10⁻³ (saturated). */
const SMOOTH_GRID_MAX = 64;

/** The moves of the climb on one coordinate, in grid steps (coarse first: ties keep the earlier). */
const SMOOTH_MOVES = [16, -16, 4, -4, 1, -1] as const;

/**
 * ρ(c·W·D(h*))'s floor for the smooth fixed-point family: the Jacobian at h* must be visibly
 * expanding, so that a certificate of ρ(J) > 1 over a small box (traces of powers) succeeds within
 * few powers; a window without this margin is still tried with the default 10⁻³.
 */
export const SMOOTH_EXPANSION = 5 / 4;

/**
 * The smooth fixed-point target: a state h* on the grid k/8 (|h*_i| ≤ 8) maximizing
 * ρ(W·diag σ′(h*)) by a coordinate hill-climb from `start` (snapped to the grid), then the simplest
 * dyadic c with ρ(cW)γ < 1 and ρ(cW·diag σ′(h*)) ≥ SMOOTH_EXPANSION (else ≥ 1 + 10⁻³). σ′ of a
 * smooth σ moves continuously between inf σ′ and γ, so unlike a sign pattern the climb can tune
 * each coordinate: for the nilpotent [[a, b], [−a²/b, −a]], W·diag(d1, d2) has the eigenvalue
 * a(d1 − d2), largest with one unit at σ′'s peak and the other saturated. Deterministic: at most 4n
 * rounds, each taking the best single move (ties keep the lower coordinate and the earlier move).
 */
export function smoothFixedPointTarget(
  W: Mat,
  sigma: ActivationName,
  start: readonly number[],
): { h: number[]; scale?: number; rhoW: number; rhoWD: number } {
  const n = W.rows;
  const df = activation(sigma).df;
  const clamp = (k: number) => Math.max(-SMOOTH_GRID_MAX, Math.min(SMOOTH_GRID_MAX, k));
  let ks = start.map((x) => clamp(Math.round(x / SMOOTH_GRID_STEP)));
  const value = (k: readonly number[]) =>
    rhoScaled(
      W,
      Float64Array.from(k, (q) => df(q * SMOOTH_GRID_STEP)),
    );
  let best = value(ks);
  for (let round = 0; round < 4 * n; round++) {
    let next: number[] | undefined;
    let nextValue = best;
    for (let i = 0; i < n; i++)
      for (const mv of SMOOTH_MOVES) {
        const k = clamp(ks[i] + mv);
        if (k === ks[i]) continue;
        const trial = ks.slice();
        trial[i] = k;
        const v = value(trial);
        if (v > nextValue * (1 + 1e-12)) {
          next = trial;
          nextValue = v;
        }
      }
    if (next === undefined) break;
    ks = next;
    best = nextValue;
  }
  const rhoW = spectralRadius(W);
  const gamma = activation(sigma).gamma;
  const wide = scaleWindow(rhoW * gamma, best, SMOOTH_EXPANSION);
  return {
    h: ks.map((k) => k * SMOOTH_GRID_STEP + 0),
    rhoW,
    rhoWD: best,
    ...(wide.scale === undefined ? scaleWindow(rhoW * gamma, best) : wide),
  };
}

/** s_max(W) in float64. */
export function sMax(W: Mat): number {
  return spectralNorm(W);
}

/** One elementary shear I + s·E_ij (i ≠ j), a unimodular integer matrix with inverse I − s·E_ij. */
export interface Shear {
  readonly i: number;
  readonly j: number;
  readonly s: number;
}

/**
 * S·W·S⁻¹ for S = (I + s_kE_{i_kj_k})⋯(I + s_1E_{i_1j_1}), applied one shear at a time (row i += s·row j,
 * then column j −= s·column i, i.e. W ← (I + sE_ij)·W·(I − sE_ij)). Exact for dyadic W and integer s (entries stay dyadic), same
 * spectrum, but the similarity is not a permutation: a permuted-triangular W (whose W·D stays
 * triangular for every diagonal D, so that no activation pattern can raise its spectral radius)
 * becomes a genuinely non-normal matrix such as the nilpotent [[1, 1], [−1, −1]] = S·[[0, 1], [0, 0]]·S⁻¹.
 * Shears with i = j (mod n) or s = 0 are skipped.
 */
export function shearSimilar(
  rows: readonly (readonly number[])[],
  shears: readonly Shear[],
): number[][] {
  const n = rows.length;
  const W = rows.map((r) => r.slice());
  for (const { i: i0, j: j0, s } of shears) {
    const i = i0 % n;
    const j = j0 % n;
    if (i === j || s === 0) continue;
    for (let c = 0; c < n; c++) W[i][c] += s * W[j][c];
    for (let r = 0; r < n; r++) W[r][j] -= s * W[r][i];
  }
  for (const row of W) for (let c = 0; c < n; c++) row[c] += 0;
  return W;
}
