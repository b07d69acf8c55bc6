import type { Claim, Verdict } from './contract/claim.js';
import { type ReplayResult, replayCounterexample } from './replay.js';
import {
  comparisons,
  emptyTally,
  type SearchOptions,
  type SearchResult,
  searchClaim,
  type Tally,
} from './search.js';
import { type CounterexampleFile, listCounterexamples } from './store.js';

/** How to run a claim. */
export interface RunOptions
  extends Pick<SearchOptions, 'seed' | 'numRuns' | 'save' | 'activations' | 'onRun'> {
  /** Where counterexamples are replayed from and saved to. */
  readonly storeDir: string;
  /** Skip the replay of saved counterexamples (default false). */
  readonly skipReplay?: boolean;
}

/** What running a claim found. */
export interface ClaimReport {
  readonly id: string;
  readonly section: string;
  readonly statement: string;
  /** identity, inequality or limit: what maxCloseness measures depends on it. */
  readonly kind: Claim['kind'];
  readonly expected: Verdict;
  readonly observed: Verdict;
  /** True when observed equals expected and nothing else went wrong. */
  readonly ok: boolean;
  readonly seed: number;
  /** Search runs executed. */
  readonly runs: number;
  readonly tally: Tally;
  /** Runs per generator family, and how many of them met the claim's hypothesis (did not skip). */
  readonly byFamily: Record<string, { tried: number; hypothesisHeld: number }>;
  /** The largest closeness to violation among passing runs (relative error, or observed/bound). */
  readonly maxCloseness: number | null;
  /** The counterexample file found by this search or, failing that, the first one that replays. */
  readonly counterexample: string | null;
  /** Whether this run's search found a certified counterexample. */
  readonly searchFound: boolean;
  /**
   * The counterexample this run found but did not save: the write failed (`error`, e.g. a
   * read-only store) or saving was not asked for (`error` null).
   */
  readonly unsaved: {
    readonly file: string;
    readonly content: CounterexampleFile;
    readonly error: string | null;
  } | null;
  readonly replays: ReplayResult[];
  /** Everything that makes ok false, one line each. */
  readonly problems: string[];
  /** The saved files found to be bad input (malformed, outside the claim's domain or budget): exit 2. */
  readonly badFiles: string[];
  /** Skip reasons with counts (cases outside the hypothesis). */
  readonly skipReasons: Record<string, number>;
  /** Reasons of the numerical skips with counts (cases not judged). */
  readonly numericalSkipReasons: Record<string, number>;
}

/** Runs a claim: replay its saved counterexamples, search on the seed, and compare the verdict. */
export function runClaim(claim: Claim, opts: RunOptions): ClaimReport {
  const problems: string[] = [];
  const replays = opts.skipReplay
    ? []
    : listCounterexamples(opts.storeDir, claim.id).map((f) => guardedReplay(claim, f));
  for (const r of replays)
    if (!r.reproduces) problems.push(r.message ?? `${r.file}: does not reproduce`);

  let search: SearchResult;
  try {
    search = searchClaim(claim, opts);
  } catch (e) {
    search = {
      runs: 0,
      tally: emptyTally(),
      byFamily: {},
      maxCloseness: null,
      skipReasons: {},
      numericalSkipReasons: {},
      found: null,
      failure: `${claim.id}: the search failed: ${oneLine(e)}`,
      interrupted: false,
    };
  }
  if (search.failure !== null) problems.push(search.failure);
  const searchFound = search.found !== null;
  const replayed = replays.filter((r) => r.reproduces);
  const counterexample = search.found?.file ?? replayed[0]?.file ?? null;

  // Runs that compared nothing (an overflow, an unresolved oracle disagreement) are no evidence:
  // a claim most of whose non-vacuous runs were such is open, not holds.
  const { compared, notCompared } = comparisons(search.tally);
  const t = search.tally;
  const uncompared =
    compared < notCompared
      ? `: only ${compared} of ${compared + notCompared} runs that met the hypothesis could be compared (${t.overflow} overflow, ${t.oracleDisagreement} oracle disagreement, ${t.uncertified} uncertified)`
      : '';
  let observed: Verdict;
  if (searchFound || replayed.length > 0) observed = 'refuted';
  else if (claim.kind === 'limit' || search.tally.pass === 0 || uncompared) observed = 'open';
  else observed = 'holds';

  if (claim.expected === 'refuted' && !searchFound && replayed.length > 0) {
    problems.push(
      `the search found no counterexample in ${search.runs} runs (only saved ones replay): the search is too weak for seed ${opts.seed}`,
    );
  }
  if (observed !== claim.expected) {
    problems.unshift(`expected ${claim.expected}, observed ${observed}${uncompared}`);
  }
  return {
    ...claimFields(claim),
    observed,
    ok: problems.length === 0,
    seed: opts.seed,
    runs: search.runs,
    tally: search.tally,
    byFamily: search.byFamily,
    maxCloseness: search.maxCloseness,
    counterexample,
    searchFound,
    unsaved:
      search.found && !search.found.saved
        ? { file: search.found.file, content: search.found.content, error: search.found.saveError }
        : null,
    replays,
    problems,
    badFiles: replays.filter((r) => r.invalid).map((r) => r.file),
    skipReasons: search.skipReasons,
    numericalSkipReasons: search.numericalSkipReasons,
  };
}

/** The first line of what was thrown. */
function oneLine(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return text.split('\n')[0];
}

/**
 * Replays one file; anything it throws (a fault that the checks before computation did not catch,
 * e.g. an allocation that is too large) is that file's failure, reported as bad input, so one
 * file never stops the ledger.
 */
export function guardedReplay(claim: Claim, file: string): ReplayResult {
  try {
    return replayCounterexample(claim, file);
  } catch (e) {
    return {
      file,
      reproduces: false,
      invalid: true,
      message: `${file}: ${claim.id}: the replay failed: ${oneLine(e)}`,
    };
  }
}

/** The fields of a report that the claim's declaration fixes. */
function claimFields(
  claim: Claim,
): Pick<ClaimReport, 'id' | 'section' | 'statement' | 'kind' | 'expected'> {
  const { id, section, statement, kind, expected } = claim;
  return { id, section, statement, kind, expected };
}

/** The report of a claim whose run threw outside replay and search: a FAIL row naming the claim. */
function crashedReport(claim: Claim, seed: number, e: unknown): ClaimReport {
  return {
    ...claimFields(claim),
    observed: 'open',
    ok: false,
    seed,
    runs: 0,
    tally: emptyTally(),
    byFamily: {},
    maxCloseness: null,
    counterexample: null,
    searchFound: false,
    unsaved: null,
    replays: [],
    problems: [`${claim.id}: the run failed: ${oneLine(e)}`],
    badFiles: [],
    skipReasons: {},
    numericalSkipReasons: {},
  };
}

/** Callbacks of a ledger run: progress before and after each claim, and a per-claim run hook. */
export interface LedgerHooks {
  /** Before claim i of total. */
  readonly before?: (i: number, total: number, claim: Claim) => void;
  /** After claim i, with its report and wall time in ms. */
  readonly after?: (
    i: number,
    total: number,
    claim: Claim,
    report: ClaimReport,
    ms: number,
  ) => void;
  /** The onRun hook of one claim's search (e.g. to collect its closeness per run). */
  readonly onRunOf?: (claim: Claim) => RunOptions['onRun'];
}

/** Runs the claims in order with the same options (replay, then search), as `verify` does. */
export function runLedger(
  claims: readonly Claim[],
  opts: Omit<RunOptions, 'onRun'>,
  hooks: LedgerHooks = {},
): ClaimReport[] {
  return claims.map((claim, i) => {
    hooks.before?.(i, claims.length, claim);
    const onRun = hooks.onRunOf?.(claim);
    const t0 = performance.now();
    let report: ClaimReport;
    try {
      report = runClaim(claim, onRun ? { ...opts, onRun } : opts);
    } catch (e) {
      report = crashedReport(claim, opts.seed, e);
    }
    hooks.after?.(i, claims.length, claim, report, performance.now() - t0);
    return report;
  });
}
