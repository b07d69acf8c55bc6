import type { HPNumber } from '../../numerics/exact/decimal.js';

/**
 * The one tolerance table of the suite. Every comparison of two float64 (or high-precision)
 * quantities goes through `withinTolerance`, `toleranceBound` or `hpToleranceBound` with one of
 * these entries; none is ever loosened to make a claim pass. An entry accepts
 * |a − b|∞ ≤ atol + rtol·scale, where scale is the magnitude of the quantity (max |entry| of both
 * sides, or a larger a-priori magnitude such as Σ|terms| when the computation sums terms that
 * cancel).
 */
export interface Tolerance {
  /** Absolute floor, for quantities that are exactly zero. */
  readonly atol: number;
  /** Relative part, multiplied by the magnitude of the quantity. */
  readonly rtol: number;
  /** Why this number. */
  readonly reason: string;
}

/** Named tolerances, each with its reason. */
export const TOLERANCES = {
  /** Two float64 evaluations of the same exact quantity (closed form vs autodiff vs complex step). */
  float64Exact: {
    // Complex step with h = 1e-100 has an absolute truncation error O(h²·f‴) ≈ 1e-200: quantities
    // that are exactly zero come out as ±1e-201. 1e-150 sits far above that floor and far below any
    // derivative float64 can resolve relative to O(1) inputs.
    atol: 1e-150,
    rtol: 1e-10,
    reason:
      'Both sides are exact formulas evaluated in float64 with at most O(T·n) rounding steps per entry (T ≤ 500, n ≤ 128): ε·T·n ≈ 1.4e-11, so 1e-10 relative to the magnitude of the summed terms leaves headroom without hiding an O(1) relative error.',
  },
  /** Ridders-extrapolated central differences against an exact derivative. */
  finiteDifference: {
    atol: 1e-300,
    rtol: 1e-7,
    reason:
      'Central differences with Richardson (Ridders) extrapolation reach ~1e-10 on smooth cases, but the truncation error grows with the third derivative of the T-step map; 1e-7 is still 7 orders below any real formula error, and the per-entry extrapolation error estimate is added on top.',
  },
  /** Two evaluations at 60 significant digits. */
  highPrecision: {
    atol: 1e-300,
    rtol: 1e-40,
    reason:
      'decimal.js runs at 60 significant digits; 1e-40 leaves 20 digits for rounding growth over the short shrunk cases that are re-verified.',
  },
  /** What a discrepancy must exceed to count as a violation of a claim rather than rounding. */
  violation: {
    atol: 1e-300,
    rtol: 1e-6,
    reason:
      'A claimed identity is reported violated only when both sides differ by more than 1e-6 relative to their magnitude: 10⁴ times above float64Exact, so no rounding pattern can produce it, and a real formula error is O(1) relative.',
  },
  /** The float64 screen of a limit claim: has ‖F(k0, t)‖ visibly decayed by the horizon? */
  limitScreen: {
    atol: 1e-300,
    rtol: 1e-3,
    reason:
      'Limit claims (→ 0) are decided by exact certificates only; this screen merely sorts the uncertified runs. ‖F(k0, H)‖₂ above 1e-3·‖F(k0, k0)‖₂ = 1e-3·‖σ(h_{k0−1})‖₂ at the horizon H = 64 has not visibly decayed (any contraction of rate ≤ 0.9 per step falls below it), and such a run is counted as "violated at finite t, uncertified", never as a verdict; a certified F ↛ 0 always stays above it (‖F‖₂ ≥ ‖σ(h_{k0−1})‖₂ along the cycle when ρ ≥ 1 for σ = id).',
  },
  /** Float64 classification of eigenvalue ties and complex pairs (skip reasons, never verdicts). */
  eigenvalueTie: {
    atol: 0,
    rtol: 1e-6,
    reason:
      'Float64 eigenvalues of a normal matrix are accurate to ~nε‖W‖, of a defective one to ~(ε‖W‖)^{1/k}: 1e-6 relative separates genuine complex pairs and ties from rounding for the well-conditioned cases, and only decides which runs are counted as "hypothesis not applicable"; every verdict is decided by exact arithmetic.',
  },
} as const satisfies Record<string, Tolerance>;

/** The name of a tolerance entry. */
export type ToleranceName = keyof typeof TOLERANCES;

/** The result of comparing two quantities under a tolerance. */
export interface Comparison {
  readonly ok: boolean;
  /** max |a − b| over entries (NaN if either side has a NaN). */
  readonly absError: number;
  /** absError / scale. */
  readonly relError: number;
  /** The magnitude the relative error is measured against. */
  readonly scale: number;
  /** atol + rtol · scale. */
  readonly bound: number;
}

/** Compares a and b entrywise in the max norm, relative to their magnitude (or a larger given one). */
export function withinTolerance(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  tol: Tolerance,
  extraScale = 0,
): Comparison {
  if (a.length !== b.length) throw new RangeError(`compare: lengths ${a.length} and ${b.length}`);
  let absError = 0;
  let scale = Math.abs(extraScale);
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (Number.isNaN(d)) absError = Number.NaN;
    else if (d > absError) absError = d;
    const m = Math.max(Math.abs(a[i]), Math.abs(b[i]));
    if (m > scale) scale = m;
  }
  const bound = toleranceBound(tol, scale);
  const relError = scale > 0 ? absError / scale : absError;
  return { ok: absError <= bound, absError, relError, scale, bound };
}

/** The bound atol + rtol·scale an entry accepts, for a quantity of magnitude scale. */
export function toleranceBound(tol: Tolerance, scale: number): number {
  return tol.atol + tol.rtol * scale;
}

/** The same bound at high precision: rtol·scale + atol. */
export function hpToleranceBound(tol: Tolerance, scale: HPNumber): HPNumber {
  return scale.times(tol.rtol).plus(tol.atol);
}
