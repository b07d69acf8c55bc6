import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { ActivationName } from '../model/activation.js';
import type { CheckOutcome, Claim, ClaimInput } from './contract/claim.js';
import { TOLERANCES } from './contract/tolerances.js';
import {
  COUNTEREXAMPLE_SCHEMA_VERSION,
  type CounterexampleFile,
  counterexampleName,
  type FormulaRef,
  saveCounterexample,
} from './store.js';

/** How to search a claim for a counterexample. */
export interface SearchOptions {
  /** fast-check seed of the search. */
  readonly seed: number;
  /** Search budget; defaults to the claim's own. */
  readonly numRuns?: number;
  /** Where a certified counterexample is saved. */
  readonly storeDir: string;
  /** Save a new counterexample (default true). */
  readonly save?: boolean;
  /** The user formula the claim stands for, recorded in a saved counterexample for replay. */
  readonly formula?: FormulaRef;
  /** Restrict the generators to these activations. */
  readonly activations?: readonly ActivationName[];
  /**
   * Which cases fail the property and get shrunk. 'ledger' (default): a float64 violation beyond
   * TOLERANCES.violation, a smaller one the high-precision re-check confirms, or an oracle
   * disagreement it does not resolve. 'certified': only a violation the high-precision re-check
   * confirms; what float64 cannot judge passes (a user's formula is refuted by certified cases only).
   */
  readonly stopOn?: 'ledger' | 'certified';
  /**
   * What an exception of the check does. 'report' (default): the run ends with a problem line, a
   * finding about the claim. 'throw': searchClaim rethrows it, e.g. a user's module that returns
   * garbage is bad input, not a finding.
   */
  readonly checkErrors?: 'report' | 'throw';
  /** Called after each search run (shrinking excluded) with its outcome, the runs done and the budget. */
  readonly onRun?: (outcome: CheckOutcome, done: number, total: number) => void;
  /**
   * Wall-clock budget in ms of the search and its shrinking (fast-check's interruptAfterTimeLimit):
   * past it no new case is tried, and a failure found so far is kept at its best shrink.
   */
  readonly timeLimitMs?: number;
}

/** Counts of check outcomes over the search's runs (shrinking steps excluded). */
export interface Tally {
  pass: number;
  /** Cases outside the claim's hypothesis. */
  skip: number;
  /** Cases a numerical routine gave up on (a skip with `numerical`): not judged at all. */
  numericalSkip: number;
  overflow: number;
  violated: number;
  /** Float64 violations that the high-precision re-check did not confirm. */
  artifact: number;
  /** Finite-t violations of a limit claim without a certificate (not refutations). */
  uncertified: number;
  /**
   * Cases where the float64 oracles disagreed beyond float64Exact but the claim holds at 60
   * digits: float64 cannot judge them (for example logits of 1e11 whose differences decide the
   * softmax), so the high-precision re-check did. Counted and shown, never silent.
   */
  illConditioned: number;
  /** Oracle disagreements that the 60-digit re-check did not resolve: a bug to look at. */
  oracleDisagreement: number;
}

/**
 * The runs of a tally that compared the claim's two sides (pass, violated, and the float64
 * violations or disagreements the 60-digit re-check judged), and those that did not: an overflow,
 * an unresolved oracle disagreement or an uncertified limit. Hypothesis skips are in neither.
 */
export function comparisons(t: Tally): { compared: number; notCompared: number } {
  return {
    compared: t.pass + t.violated + t.artifact + t.illConditioned,
    notCompared: t.overflow + t.oracleDisagreement + t.uncertified,
  };
}

/** What a search found. */
export interface SearchResult {
  /** Search runs executed (up to and including the first failure). */
  readonly runs: number;
  readonly tally: Tally;
  /** Runs per generator family, and how many of them met the claim's hypothesis (did not skip). */
  readonly byFamily: Record<string, { tried: number; hypothesisHeld: number }>;
  /** The largest closeness to violation among passing runs (relative error, or observed/bound). */
  readonly maxCloseness: number | null;
  /** Skip reasons with counts (cases outside the hypothesis). */
  readonly skipReasons: Record<string, number>;
  /** Reasons of the numerical skips with counts (cases not judged). */
  readonly numericalSkipReasons: Record<string, number>;
  /** The certified, shrunk counterexample: its file in the store, its content, and whether it was saved. */
  readonly found: FoundCounterexample | null;
  /** Why a failed search certified nothing (the check threw, the shrunk case passes, …). */
  readonly failure: string | null;
  /** Whether timeLimitMs stopped the search or its shrinking before the end. */
  readonly interrupted: boolean;
}

/** A certified counterexample of a search and what became of its file. */
export interface FoundCounterexample {
  /** Its path in the store (where it is, or would be, saved). */
  readonly file: string;
  readonly content: CounterexampleFile;
  /** Whether the file is in the store now (false when `save` is false or the write failed). */
  readonly saved: boolean;
  /** The write error ("EROFS: read-only file system, open …"), when saving failed. */
  readonly saveError: string | null;
  /** Whether saving created the store folder. */
  readonly createdDir: boolean;
}

/**
 * Saves a found counterexample unless `save` is false. A failed write is returned, not thrown: the
 * verdict and the counterexample are in memory and the caller prints them with the error.
 */
function store(storeDir: string, content: CounterexampleFile, save: boolean): FoundCounterexample {
  const file = path.join(storeDir, counterexampleName(content.claim, content.case, content.params));
  const unsaved = { file, content, saved: false, saveError: null, createdDir: false };
  // Not saving: the same case may already be in the store (its name is its content's hash).
  if (!save) return fs.existsSync(file) ? { ...unsaved, saved: true } : unsaved;
  try {
    const r = saveCounterexample(storeDir, content);
    return { file: r.file, content, saved: true, saveError: null, createdDir: r.createdDir };
  } catch (e) {
    // Only the file system's errors (they carry an errno code) are a failed save; anything else is a bug.
    if (typeof (e as NodeJS.ErrnoException).code !== 'string') throw e;
    return { ...unsaved, saveError: (e as Error).message };
  }
}

/** A tally with every count at 0. */
export function emptyTally(): Tally {
  return {
    pass: 0,
    skip: 0,
    numericalSkip: 0,
    overflow: 0,
    violated: 0,
    artifact: 0,
    uncertified: 0,
    illConditioned: 0,
    oracleDisagreement: 0,
  };
}

interface Call {
  outcome: CheckOutcome;
  family: string;
  artifact: boolean;
  illConditioned: boolean;
}

/**
 * Searches a claim on the seed, shrinks a failure, re-checks the shrunk case in float64 and at
 * high precision, and saves it when certified.
 */
export function searchClaim(claim: Claim, opts: SearchOptions): SearchResult {
  const numRuns = opts.numRuns ?? claim.numRuns;
  const certifiedOnly = opts.stopOn === 'certified';
  // The runs before the first failure are the search; the calls after it are shrinking steps.
  const searchCalls: Call[] = [];
  let failed = false;
  // The exception of the last failing call, if it threw: fast-check adopts every failing shrink
  // candidate, so the last failure is the shrunk counterexample.
  let lastThrown: { error: unknown } | undefined;
  const judge = (input: ClaimInput): boolean => {
    const outcome = claim.check(input);
    const call: Call = {
      outcome,
      family: input.family ?? 'default',
      artifact: false,
      illConditioned: false,
    };
    if (!failed) {
      searchCalls.push(call);
      opts.onRun?.(outcome, searchCalls.length, numRuns);
    }
    if (outcome.status === 'oracle-disagreement') {
      if (certifiedOnly) return true;
      // Two float64 oracles apart by more than float64Exact of the summed terms' magnitude: the
      // case is ill-conditioned in float64 (e.g. a softplus run whose logits reach 1e11, so the
      // softmax hangs on differences of huge numbers), or an oracle is
      // wrong. The independent 60-digit oracle decides the claim; an oracle bug would show in
      // the well-conditioned cases of properties/oracles.agree.test.ts.
      const hp = claim.recheckHP?.(input);
      if (hp !== undefined && !hp.violated) {
        call.illConditioned = true;
        return true;
      }
      return false;
    }
    if (outcome.status !== 'violated') return true;
    // A discrepancy above TOLERANCES.violation is not rounding, and the shrunk counterexample is
    // re-checked at high precision below; a smaller one is decided at high precision right here,
    // so that float64-only discrepancies are counted as artifacts and the search goes on.
    // A limit claim's violation is only as good as its certificate: always checked exactly here.
    if (
      !certifiedOnly &&
      claim.kind !== 'limit' &&
      outcome.witness.relError > TOLERANCES.violation.rtol
    )
      return false;
    const hp = claim.recheckHP?.(input);
    if (hp !== undefined && !hp.violated) {
      call.artifact = true;
      return true;
    }
    return false;
  };
  const property = fc.property(
    claim.arbitrary(opts.activations ? { activations: opts.activations } : {}),
    (input) => {
      try {
        const ok = judge(input);
        if (!ok) {
          failed = true;
          lastThrown = undefined;
        }
        return ok;
      } catch (e) {
        failed = true;
        lastThrown = { error: e };
        throw e;
      }
    },
  );
  const details = fc.check(property, {
    seed: opts.seed,
    numRuns,
    endOnFailure: false,
    ...(opts.timeLimitMs !== undefined ? { interruptAfterTimeLimit: opts.timeLimitMs } : {}),
  });
  const tally = emptyTally();
  const byFamily: Record<string, { tried: number; hypothesisHeld: number }> = {};
  const skipReasons: Record<string, number> = {};
  const numericalSkipReasons: Record<string, number> = {};
  let maxCloseness: number | null = null;
  for (const c of searchCalls) {
    byFamily[c.family] ??= { tried: 0, hypothesisHeld: 0 };
    const fam = byFamily[c.family];
    fam.tried++;
    const o = c.outcome;
    if (o.status !== 'skip') fam.hypothesisHeld++;
    if (c.artifact) tally.artifact++;
    else if (c.illConditioned) tally.illConditioned++;
    else if (o.status === 'oracle-disagreement') tally.oracleDisagreement++;
    else if (o.status === 'skip' && o.numerical) tally.numericalSkip++;
    else tally[o.status]++;
    if (o.status === 'skip') {
      const reasons = o.numerical ? numericalSkipReasons : skipReasons;
      reasons[o.reason] = (reasons[o.reason] ?? 0) + 1;
    }
    if (o.status === 'pass' && o.closeness !== undefined) {
      maxCloseness = Math.max(maxCloseness ?? Number.NEGATIVE_INFINITY, o.closeness);
    }
  }
  const result = {
    runs: details.numRuns,
    tally,
    byFamily,
    maxCloseness,
    skipReasons,
    numericalSkipReasons,
    interrupted: details.interrupted,
  };
  // fast-check marks a run interrupted before any case passed as failed, without a counterexample.
  if (!details.failed || (details.interrupted && details.counterexample === null))
    return { ...result, found: null, failure: null };

  const rethrow = opts.checkErrors === 'throw';
  if (rethrow && lastThrown) throw lastThrown.error;
  const input = details.counterexample?.[0] as ClaimInput | undefined;
  let outcome: CheckOutcome | undefined;
  try {
    outcome = input ? claim.check(input) : undefined;
  } catch (e) {
    if (rethrow) throw e;
    outcome = undefined;
  }
  const where = `seed ${opts.seed}, path ${details.counterexamplePath}`;
  const failure = (message: string) => ({ ...result, found: null, failure: message });
  if (input === undefined || outcome === undefined)
    return failure(`the check threw: ${String(details.errorInstance)} (${where})`);
  if (outcome.status === 'oracle-disagreement')
    return failure(
      `oracle disagreement on a generated case, not resolved at 60 digits: ${outcome.reason} (${where})`,
    );
  if (outcome.status !== 'violated')
    return failure(
      `the shrunk case no longer fails (${outcome.status}): the check is not deterministic (${where})`,
    );
  const hp = claim.recheckHP?.(input);
  if (hp === undefined)
    return failure(
      `violated in float64 but the claim has no high-precision re-check, so it cannot be certified (${where})`,
    );
  if (!hp.violated)
    return failure(
      `the shrunk float64 violation (relative ${outcome.witness.relError.toExponential(3)}) is not confirmed at ${hp.digits} digits: a numerical artifact (${where})`,
    );
  const content: CounterexampleFile = {
    schema: COUNTEREXAMPLE_SCHEMA_VERSION,
    claim: claim.id,
    case: input.case,
    params: { ...input.params },
    witness: outcome.witness,
    found: {
      seed: opts.seed,
      path: details.counterexamplePath ?? '',
      runs: details.numRuns,
      shrinks: details.numShrinks,
      strategy: 'random',
    },
    reverification: hp,
    ...(claim.series ? { series: claim.series(input) } : {}),
    ...(opts.formula ? { formula: opts.formula } : {}),
  };
  return { ...result, found: store(opts.storeDir, content, opts.save ?? true), failure: null };
}
