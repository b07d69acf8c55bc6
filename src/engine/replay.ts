import { HP, type HPNumber } from '../numerics/exact/decimal.js';
import type { CheckOutcome, Claim, ClaimInput, HPOutcome, Witness } from './contract/claim.js';
import { budgetProblem, paramsProblem } from './contract/params.js';
import { hpToleranceBound, TOLERANCES, withinTolerance } from './contract/tolerances.js';
import {
  type CounterexampleFile,
  counterexampleName,
  loadCounterexample,
  StoreError,
} from './store.js';

/** The replay of one saved counterexample. */
export interface ReplayResult {
  readonly file: string;
  readonly reproduces: boolean;
  /**
   * The file is bad input (exit 2), judged before any computation: malformed, for another claim,
   * outside the claim's params domain or the replay budget, or its content does not match its name.
   */
  readonly invalid?: boolean;
  /** Why it does not reproduce, or what is wrong with the file. */
  readonly message?: string;
  /** The float64 check recomputed from the file's case. */
  readonly outcome?: CheckOutcome;
  /** The high-precision re-check (with its certificate) recomputed from the file's case. */
  readonly hp?: HPOutcome;
  /** The claim's per-t series recomputed from the file's case, when the claim has one. */
  readonly series?: Record<string, number[]>;
}

function describeOutcome(o: CheckOutcome): string {
  switch (o.status) {
    case 'pass':
      return 'the claim holds on this case';
    case 'skip':
      return o.numerical
        ? `the case could not be judged (${o.reason})`
        : `the hypothesis does not hold (${o.reason})`;
    case 'overflow':
      return `the evaluation overflowed (${o.reason})`;
    case 'oracle-disagreement':
      return `the oracles disagree (${o.reason})`;
    case 'uncertified':
      return `violated at finite t, uncertified (${o.reason})`;
    case 'violated':
      return `violated (relative error ${o.witness.relError.toExponential(3)})`;
  }
}

/** Replays one saved counterexample of `claim`: float64 check, then the high-precision re-check. */
export function replayCounterexample(claim: Claim, file: string): ReplayResult {
  let cf: CounterexampleFile;
  try {
    cf = loadCounterexample(file);
  } catch (e) {
    if (e instanceof StoreError)
      return { file, reproduces: false, invalid: true, message: e.message };
    throw e;
  }
  const refused = admissionProblem(claim, cf, file);
  if (refused !== undefined)
    return { file, reproduces: false, invalid: true, message: `${file}: ${refused}` };
  const input: ClaimInput = { case: cf.case, params: cf.params };
  const outcome = claim.check(input);
  if (outcome.status !== 'violated') {
    return {
      file,
      reproduces: false,
      outcome,
      message: `${file}: does not reproduce: ${describeOutcome(outcome)}; the file's witness had relative error ${cf.witness.relError.toExponential(3)}`,
    };
  }
  const hp = claim.recheckHP?.(input);
  if (hp === undefined || !hp.violated) {
    return {
      file,
      reproduces: false,
      outcome,
      ...(hp ? { hp } : {}),
      message: `${file}: violated only in float64: the ${hp ? `${hp.digits}-digit` : 'missing'} high-precision re-check does not confirm it (numerical artifact)`,
    };
  }
  const series = claim.series?.(input);
  const drift = storedDrift(cf, outcome.witness, hp, series);
  const recomputed = { outcome, hp, ...(series ? { series } : {}) };
  if (drift !== undefined)
    return {
      file,
      reproduces: false,
      ...recomputed,
      message: `${file}: ${drift} (the file was edited, or the code changed since it was saved)`,
    };
  return { file, reproduces: true, ...recomputed };
}

/**
 * The first field where the file's stored values differ from the recomputed ones, if any: the
 * witness, the re-check with its certificate and the series, compared as the file would hold
 * them if it were saved now. Strings and booleans must be equal; float64 numbers agree within
 * float64Exact (the witness matrices as one quantity, every other number on its own scale);
 * the re-check's decimal strings within highPrecision.
 */
function storedDrift(
  cf: CounterexampleFile,
  witness: Witness,
  hp: HPOutcome,
  series: Record<string, number[]> | undefined,
): string | undefined {
  const now = asSaved({ witness, reverification: hp, series });
  const { claimed: _c, actual: _a, ...storedWitness } = cf.witness;
  const { claimed: _nc, actual: _na, ...nowWitness } = now.witness as Record<string, unknown>;
  return (
    witnessDrift(cf.witness, witness) ??
    valueDrift('witness', storedWitness, nowWitness, false) ??
    valueDrift('reverification', cf.reverification, now.reverification, true) ??
    valueDrift('series', cf.series, now.series, false)
  );
}

/** A value as JSON stores it (undefined keys dropped, −0 as 0): what a save would write now. */
function asSaved<T>(v: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A value for a one-line message: JSON, long strings cut. */
function shown(v: unknown): string {
  if (v === undefined) return '(absent)';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

function parseDecimal(s: string): HPNumber | undefined {
  try {
    return new HP(s);
  } catch {
    return undefined;
  }
}

/** Whether two numbers agree: float64 within float64Exact, or decimal strings within highPrecision. */
function sameNumber(stored: unknown, now: unknown, decimals: boolean): boolean | undefined {
  if (typeof stored === 'number' && typeof now === 'number')
    return withinTolerance([stored], [now], TOLERANCES.float64Exact).ok;
  if (decimals && typeof stored === 'string' && typeof now === 'string') {
    const a = parseDecimal(stored);
    const b = parseDecimal(now);
    if (a === undefined || b === undefined || !a.isFinite() || !b.isFinite()) return undefined;
    const scale = HP.max(a.abs(), b.abs());
    return a.minus(b).abs().lte(hpToleranceBound(TOLERANCES.highPrecision, scale));
  }
  return undefined;
}

/**
 * Where a stored value differs from the recomputed one, deep: the path of the first differing
 * field with both values, or undefined when they agree. `decimals` reads strings that parse as
 * decimals as 60-digit numbers; every other string (exact rationals, prose) must be equal.
 */
function valueDrift(
  at: string,
  stored: unknown,
  now: unknown,
  decimals: boolean,
): string | undefined {
  const differs = () => `${at}: stored ${shown(stored)}, recomputed ${shown(now)}`;
  const same = sameNumber(stored, now, decimals);
  if (same !== undefined) return same ? undefined : differs();
  if (Array.isArray(stored) && Array.isArray(now)) {
    if (stored.length !== now.length)
      return `${at}: stored ${stored.length} entries, recomputed ${now.length}`;
    for (let i = 0; i < now.length; i++) {
      const d = valueDrift(`${at}[${i}]`, stored[i], now[i], decimals);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (isRecord(stored) && isRecord(now)) {
    const keys = [...Object.keys(now), ...Object.keys(stored).filter((k) => !(k in now))];
    for (const k of keys) {
      const d = valueDrift(`${at}.${k}`, stored[k], now[k], decimals);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return Object.is(stored, now) ? undefined : differs();
}

/**
 * Why a loaded file cannot be replayed for this claim, as `field: reason`, if it cannot: checked
 * cheaply before any computation, so an oversized case or a params value far outside the claim's
 * domain (k0 = 1e9) is refused at once rather than running out of memory or time.
 */
function admissionProblem(claim: Claim, cf: CounterexampleFile, file: string): string | undefined {
  if (cf.claim !== claim.id) return `claim: file is for ${cf.claim}, not ${claim.id}`;
  const p = budgetProblem(cf.case) ?? paramsProblem(claim.params, cf.params, cf.case);
  if (p !== undefined) return `${p.field}: ${p.reason}`;
  const expectedName = counterexampleName(cf.claim, cf.case, cf.params);
  if (!file.endsWith(expectedName))
    return `case: the content no longer matches the file name (its hash names ${expectedName}); the case or params were edited`;
  return undefined;
}

/** Where a recomputed witness differs from the saved one beyond float64Exact, if anywhere. */
function witnessDrift(saved: Witness, now: Witness): string | undefined {
  for (const side of ['claimed', 'actual'] as const) {
    const a = saved[side];
    const b = now[side];
    if (a.length !== b.length || a.some((row, i) => row.length !== b[i].length)) {
      return `witness.${side}: saved shape differs from the recomputed one`;
    }
    const flatA = a.flat();
    const flatB = b.flat();
    const cmp = withinTolerance(flatA, flatB, TOLERANCES.float64Exact);
    if (!cmp.ok) {
      const q = flatA.findIndex((x, k) => Math.abs(x - flatB[k]) > cmp.bound);
      const cols = a[0]?.length || 1;
      return `witness.${side}[${Math.floor(q / cols)}][${q % cols}]: stored ${flatA[q]}, recomputed ${flatB[q]}`;
    }
  }
  return undefined;
}
