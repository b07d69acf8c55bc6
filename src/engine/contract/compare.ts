import { HP_DIGITS, hpShow } from '../../numerics/exact/decimal.js';
import { type HPMat, hpMaxAbs, hpMaxAbsDiff } from '../../numerics/exact/hpMat.js';
import { allFinite } from '../../numerics/kernels.js';
import { type Mat, toRows } from '../../numerics/Mat.js';
import type { CheckOutcome, HPOutcome } from './claim.js';
import { hpToleranceBound, TOLERANCES, withinTolerance } from './tolerances.js';

/** A named float64 value of the true quantity from one oracle. */
export interface OracleValue {
  readonly oracle: string;
  readonly value: Mat;
}

/**
 * Checks a claimed identity claimed = actual in float64. The first oracle is the reference; the
 * others must agree with it to TOLERANCES.float64Exact or the case is an oracle disagreement
 * (a bug in the suite, never a verdict). `magnitude` is the size of the terms the quantity sums
 * (e.g. the absolute-value autodiff sweep): rounding is measured against it, not against a result
 * that cancellation made small. Non-finite values are classified as overflow. The claim
 * is flagged when it misses the reference by more than float64Exact; the high-precision re-check
 * then decides whether that is a real violation or rounding.
 */
export function checkIdentity(
  quantity: string,
  claimed: Mat,
  oracles: readonly OracleValue[],
  extra?: Record<string, number>,
  magnitude = 0,
): CheckOutcome {
  const [ref, ...others] = oracles;
  for (const o of [ref, ...others]) {
    if (!allFinite(o.value.data))
      return { status: 'overflow', reason: `${quantity} by ${o.oracle} is not finite` };
  }
  if (!allFinite(claimed.data))
    return { status: 'overflow', reason: `the claimed ${quantity} is not finite` };
  for (const o of others) {
    const c = withinTolerance(o.value.data, ref.value.data, TOLERANCES.float64Exact, magnitude);
    if (!c.ok) {
      return {
        status: 'oracle-disagreement',
        reason: `${quantity}: ${o.oracle} and ${ref.oracle} differ by ${c.relError.toExponential(3)} relative (> ${TOLERANCES.float64Exact.rtol})`,
      };
    }
  }
  const cmp = withinTolerance(claimed.data, ref.value.data, TOLERANCES.float64Exact, magnitude);
  if (cmp.ok) return { status: 'pass', closeness: cmp.relError };
  return {
    status: 'violated',
    witness: {
      quantity,
      claimed: toRows(claimed),
      actual: toRows(ref.value),
      absError: cmp.absError,
      relError: cmp.relError,
      threshold: cmp.bound,
      ...(extra ? { extra } : {}),
    },
  };
}

function rowsOf(a: HPMat): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < a.rows; i++) {
    out.push(a.data.slice(i * a.cols, (i + 1) * a.cols).map(hpShow));
  }
  return out;
}

/**
 * Re-checks claimed = actual at high precision: violated when they differ by more than
 * TOLERANCES.highPrecision relative to their magnitude. Both sides are exact formulas evaluated at
 * 60 digits, so a true identity leaves a difference near 1e-58 and anything above 1e-40 is a
 * property of the real numbers, not of rounding.
 */
export function recheckIdentityHP(claimed: HPMat, actual: HPMat): HPOutcome {
  const diff = hpMaxAbsDiff(claimed, actual);
  const a = hpMaxAbs(claimed);
  const b = hpMaxAbs(actual);
  const scale = a.gt(b) ? a : b;
  const tol = TOLERANCES.highPrecision;
  const bound = hpToleranceBound(tol, scale);
  const rel = scale.isZero() ? diff : diff.div(scale);
  return {
    violated: diff.gt(bound),
    digits: HP_DIGITS,
    claimed: rowsOf(claimed),
    actual: rowsOf(actual),
    absError: hpShow(diff),
    relError: hpShow(rel),
  };
}
