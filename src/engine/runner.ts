import type { ActivationName } from '../model/activation.js';
import { type Cell, type Claim, rowVerdict, type Verdict } from './contract/claim.js';
import { type ReplayResult, replayCounterexample } from './replay.js';
import {
  comparisons,
  emptyTally,
  type SearchOptions,
  type SearchResult,
  searchClaim,
  type Tally,
} from './search.js';
import { type CounterexampleFile, listCounterexamples, loadCounterexample } from './store.js';

/** How to run a claim. */
export interface RunOptions
  extends Pick<SearchOptions, 'seed' | 'numRuns' | 'save' | 'activations' | 'onRun'> {
  /** Where counterexamples are replayed from and saved to. */
  readonly storeDir: string;
  /** Skip the replay of saved counterexamples (default false). */
  readonly skipReplay?: boolean;
}

/** What running a claim, or one of its (claim, activation) cells, found. */
export interface CellReport {
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
  /** The cell's activation (null for a claim that does not involve σ). */
  readonly activation: ActivationName | null;
  /** Why the cell's expected verdict: the proof, the mechanism or the obstacle. */
  readonly why: string;
  /** True when the claim declares this cell's verdict and reason itself (else the claim's rationale). */
  readonly declared: boolean;
}

/**
 * What running a claim found: the cells it ran (every activation of its σ domain, or those
 * `--activation` asks for) and their sum. The row's observed verdict follows from its cells
 * (rowVerdict), and it is ok when every cell is.
 */
export interface ClaimReport extends Omit<CellReport, 'activation' | 'why' | 'declared'> {
  readonly cells: readonly CellReport[];
}

/**
 * The activation of a saved counterexample's case, read without replaying it; undefined when
 * the file cannot be loaded (its replay then reports it as bad input).
 */
function storedActivation(file: string): string | undefined {
  try {
    return loadCounterexample(file).case.activation;
  } catch {
    return undefined;
  }
}

/** A stored file and the activation of its case (undefined when it does not load). */
interface StoredFile {
  readonly file: string;
  readonly activation: string | undefined;
}

/** The files of a claim's store that belong to a cell: its activation's (every file for σ-free). */
function cellFiles(stored: readonly StoredFile[], cell: Cell, domain: readonly Cell[]): string[] {
  if (cell.activation === null) return stored.map((s) => s.file);
  const first = domain[0]?.activation === cell.activation;
  return stored
    .filter(({ activation: a }) => {
      // a file that does not load, or whose σ is outside the claim's domain, is replayed (and
      // refused, naming its field) with the domain's first cell, so it is never silently ignored
      if (a === cell.activation) return true;
      return first && !domain.some((c) => c.activation === a);
    })
    .map((s) => s.file);
}

/** The cells a run judges: the claim's, restricted to `activations` when given. */
export function cellsToRun(claim: Claim, activations?: readonly ActivationName[]): Cell[] {
  if (activations === undefined) return [...claim.cellList];
  return claim.cellList.filter((c) => c.activation === null || activations.includes(c.activation));
}

/**
 * Runs a claim: each of its cells (replay that activation's saved counterexamples, search on the
 * seed with the generator restricted to that activation, compare with the cell's verdict), then
 * their sum.
 */
export function runClaim(claim: Claim, opts: RunOptions): ClaimReport {
  const cells = cellsToRun(claim, opts.activations);
  // each file's activation is read once, not once per cell
  const stored: StoredFile[] = opts.skipReplay
    ? []
    : listCounterexamples(opts.storeDir, claim.id).map((file) => ({
        file,
        activation: storedActivation(file),
      }));
  const reports = cells.map((cell) =>
    runCell(claim, cell, opts, cellFiles(stored, cell, claim.cellList)),
  );
  return sumCells(claim, opts.seed, reports);
}

/** The row of a claim from its cell reports. */
function sumCells(claim: Claim, seed: number, cells: readonly CellReport[]): ClaimReport {
  const tally = emptyTally();
  const byFamily: ClaimReport['byFamily'] = {};
  const skipReasons: Record<string, number> = {};
  const numericalSkipReasons: Record<string, number> = {};
  let maxCloseness: number | null = null;
  for (const c of cells) {
    for (const k of Object.keys(tally) as (keyof typeof tally)[]) tally[k] += c.tally[k];
    for (const [f, v] of Object.entries(c.byFamily)) {
      const b = byFamily[f] ?? { tried: 0, hypothesisHeld: 0 };
      byFamily[f] = {
        tried: b.tried + v.tried,
        hypothesisHeld: b.hypothesisHeld + v.hypothesisHeld,
      };
    }
    addCounts(skipReasons, c.skipReasons);
    addCounts(numericalSkipReasons, c.numericalSkipReasons);
    if (c.maxCloseness !== null && (maxCloseness === null || c.maxCloseness > maxCloseness))
      maxCloseness = c.maxCloseness;
  }
  const problems = cellProblems(cells);
  // a row of cells that --activation left out of the claim's domain judges nothing
  if (cells.length === 0) problems.push(`${claim.id} is not stated for the chosen activations`);
  const observed = cells.length === 0 ? 'open' : rowVerdict(cells.map((c) => c.observed));
  return {
    ...claimFields(claim),
    // the verdict of the cells run: the claim's own for a full row (defineClaim checks it)
    expected: cells.length === 0 ? claim.expected : rowVerdict(cells.map((c) => c.expected)),
    observed,
    ok: problems.length === 0,
    seed,
    runs: cells.reduce((a, c) => a + c.runs, 0),
    tally,
    byFamily,
    maxCloseness,
    counterexample:
      cells.find((c) => c.searchFound)?.counterexample ??
      cells.find((c) => c.counterexample !== null)?.counterexample ??
      null,
    searchFound: cells.some((c) => c.searchFound),
    unsaved: cells.find((c) => c.unsaved !== null)?.unsaved ?? null,
    replays: cells.flatMap((c) => c.replays),
    problems,
    badFiles: cells.flatMap((c) => c.badFiles),
    skipReasons,
    numericalSkipReasons,
    cells,
  };
}

/**
 * The problems of a row: a stored file's own (it names the file, whose case names σ) as they
 * are; the others once each, prefixed with the activations of the cells that have them unless
 * every cell run does (a search that throws fails every cell alike).
 */
function cellProblems(cells: readonly CellReport[]): string[] {
  const fileProblems: string[] = [];
  const bySigma = new Map<string, string[]>();
  for (const c of cells) {
    for (const p of c.problems) {
      if (c.replays.some((r) => p.startsWith(r.file))) fileProblems.push(p);
      else {
        const at = bySigma.get(p) ?? [];
        if (c.activation !== null) at.push(c.activation);
        bySigma.set(p, at);
      }
    }
  }
  const all = cells.filter((c) => c.activation !== null).length;
  const rest = [...bySigma].map(([p, at]) =>
    at.length === 0 || (at.length === all && all > 1) ? p : `σ = ${at.join(', ')}: ${p}`,
  );
  return [...fileProblems, ...rest];
}

function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/** Runs one cell: replay its files, search with the generator restricted to its activation. */
function runCell(claim: Claim, cell: Cell, opts: RunOptions, files: readonly string[]): CellReport {
  const problems: string[] = [];
  const replays = files.map((f) => guardedReplay(claim, f));
  for (const r of replays)
    if (!r.reproduces) problems.push(r.message ?? `${r.file}: does not reproduce`);

  let search: SearchResult;
  try {
    search = searchClaim(claim, {
      ...opts,
      activations: cell.activation === null ? opts.activations : [cell.activation],
    });
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
  // Sampling cannot show a limit: a limit cell holds only by the proof its declaration cites,
  // which the runs then fail to contradict. A cell declared open stays open until a certified
  // counterexample refutes it: passing runs are no proof.
  else if (
    cell.expected === 'open' ||
    (claim.kind === 'limit' && cell.expected !== 'holds') ||
    t.pass === 0 ||
    uncompared
  )
    observed = 'open';
  else observed = 'holds';

  if (cell.expected === 'refuted' && !searchFound && replayed.length > 0) {
    problems.push(
      `the search found no counterexample in ${search.runs} runs (only saved ones replay): the search is too weak for seed ${opts.seed}`,
    );
  }
  if (observed !== cell.expected) {
    problems.unshift(`expected ${cell.expected}, observed ${observed}${uncompared}`);
  }
  return {
    ...claimFields(claim),
    expected: cell.expected,
    activation: cell.activation,
    why: cell.why,
    declared: cell.declared,
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
    cells: [],
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
