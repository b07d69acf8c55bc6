import * as path from 'node:path';
import {
  type Claim,
  type HPQuantity,
  rowVerdict,
  type SeriesKey,
  type Verdict,
} from '../../engine/contract/claim.js';
import { evidence } from '../../engine/ledgerLine.js';
import type { ReplayResult } from '../../engine/replay.js';
import {
  type ClaimReport,
  guardedReplay,
  type LedgerHooks,
  type RunOptions,
  runLedger,
} from '../../engine/runner.js';
import type { Tally } from '../../engine/search.js';
import { SEED_MAX, SEED_MIN } from '../../engine/seed.js';
import {
  type CounterexampleFile,
  listCounterexamples,
  loadCounterexample,
  StoreError,
} from '../../engine/store.js';
import { readBoundedText } from '../../model/boundedRead.js';
import { CliError } from '../exitCodes.js';
import { MAX_INPUT_BYTES, MAX_INPUT_TEXT } from '../readCase.js';

/**
 * What the report reads from a counterexample file: the inputs (the file name's hash checks them)
 * and how the search found it (history, shown as stored, never recomputed). Its witness,
 * re-check, certificate and series are not here: the report shows only their recomputation.
 */
export type StoredInputs = Pick<CounterexampleFile, 'claim' | 'case' | 'params' | 'found'>;

/** What a replay recomputed from a file's case: the float64 check, the 60-digit re-check with its certificate, the series. */
export type Recomputed = Pick<ReplayResult, 'outcome' | 'hp' | 'series'>;

/** One counterexample file of a claim as the report shows it. */
export interface CounterexampleEntry {
  /** The file's base name (the report never prints absolute paths of the machine it ran on). */
  readonly name: string;
  /** The file's inputs and history, or null when it cannot be read. */
  readonly stored: StoredInputs | null;
  /** Why the file cannot be read (StoreError message). */
  readonly error?: string;
  /** What this process recomputed from the case; absent when the claim is not in this checkout. */
  readonly recomputed?: Recomputed;
  /** Whether the replay reproduced it with the values it stores (absent when not replayed). */
  readonly reproduces?: boolean;
  /** The replay's message when it did not reproduce. */
  readonly replayMessage?: string;
  /** True when the file was refused before any computation (outside its claim's domain or budget): bad input. */
  readonly invalid?: boolean;
  /** True when this run's search found it (it was not in the store before). */
  readonly foundNow?: boolean;
  /** What the keys of the recomputed series are (the claim's declaration). */
  readonly seriesKeys?: Readonly<Record<string, SeriesKey>>;
  /** Where the recomputed 60-digit value sits, when the claim places it apart from the witness. */
  readonly hpQuantity?: HPQuantity;
}

/** Everything the report shows about one claim: the run's report fields plus the claim's prose. */
export interface ClaimSection
  extends Pick<
    ClaimReport,
    | 'id'
    | 'section'
    | 'statement'
    | 'expected'
    | 'observed'
    | 'ok'
    | 'seed'
    | 'runs'
    | 'tally'
    | 'byFamily'
    | 'maxCloseness'
    | 'problems'
    | 'skipReasons'
  > {
  /** Null when the claim is not in this checkout's ledger (a --json-input row). */
  readonly reading: string | null;
  readonly rationale: string | null;
  readonly kind: Claim['kind'] | null;
  /** Closeness of every passing search run, when this process ran the search (else null). */
  readonly closeness: number[] | null;
  readonly evidence: string;
  readonly counterexamples: CounterexampleEntry[];
  /** The (claim, activation) cells the run judged: activation null for a claim that does not involve σ. */
  readonly cells: readonly CellSummary[];
}

/** One judged (claim, activation) cell, as the report shows it. */
export interface CellSummary {
  readonly activation: string | null;
  readonly expected: Verdict;
  readonly observed: Verdict;
  readonly ok: boolean;
}

/** The whole report's content, before rendering. */
export interface ReportData {
  /** Where the verdicts come from: this process's run, or a `verify --json` file. */
  readonly source:
    | { readonly kind: 'run' }
    | { readonly kind: 'json-input'; readonly file: string };
  /** The seeds of the rows (one in a normal run). */
  readonly seeds: number[];
  readonly claims: ClaimSection[];
}

/**
 * Reads the counterexample files of a claim from the store, without throwing on a bad one, and
 * replays each (or takes this run's replay of it) so that only recomputed values are shown.
 */
export function readCounterexamples(
  storeDir: string,
  id: string,
  claim?: Claim,
  report?: ClaimReport,
): CounterexampleEntry[] {
  return listCounterexamples(storeDir, id).map((f): CounterexampleEntry => {
    const name = path.basename(f);
    const foundNow = report?.searchFound && report.counterexample === f ? { foundNow: true } : {};
    let stored: StoredInputs;
    try {
      const { claim: c, case: k, params, found } = loadCounterexample(f);
      stored = { claim: c, case: k, params, found };
    } catch (e) {
      if (e instanceof StoreError)
        return { name, stored: null, error: e.message.replace(f, name), ...foundNow };
      throw e;
    }
    const replay =
      report?.replays.find((r) => r.file === f) ?? (claim ? guardedReplay(claim, f) : undefined);
    if (!replay) return { name, stored, ...foundNow };
    const w = replay.outcome?.status === 'violated' ? replay.outcome.witness : undefined;
    return {
      ...(claim?.seriesKeys ? { seriesKeys: claim.seriesKeys } : {}),
      ...(w && claim?.hpQuantity ? { hpQuantity: claim.hpQuantity(w) } : {}),
      name,
      stored,
      recomputed: {
        ...(replay.outcome ? { outcome: replay.outcome } : {}),
        ...(replay.hp ? { hp: replay.hp } : {}),
        ...(replay.series ? { series: replay.series } : {}),
      },
      reproduces: replay.reproduces,
      ...(replay.invalid ? { invalid: true } : {}),
      ...(replay.message ? { replayMessage: replay.message.replace(f, name) } : {}),
      ...foundNow,
    };
  });
}

/** The section of a claim run here. */
export function sectionFromRun(
  claim: Claim,
  report: ClaimReport,
  closeness: number[] | null,
  storeDir: string,
): ClaimSection {
  return {
    id: report.id,
    section: report.section,
    statement: report.statement,
    reading: claim.reading,
    rationale: claim.rationale,
    kind: claim.kind,
    expected: report.expected,
    observed: report.observed,
    ok: report.ok,
    seed: report.seed,
    runs: report.runs,
    tally: report.tally,
    byFamily: report.byFamily,
    maxCloseness: report.maxCloseness,
    closeness,
    // The store path is the machine's; the report names files by their base name only.
    evidence: evidence(report),
    problems: report.problems.map((p) => p.split(`${storeDir}${path.sep}`).join('')),
    skipReasons: report.skipReasons,
    counterexamples: readCounterexamples(storeDir, report.id, claim, report),
    cells: report.cells.map(({ activation, expected, observed, ok }) => ({
      activation,
      expected,
      observed,
      ok,
    })),
  };
}

/** Options of a ledger run for the report. */
/**
 * Runs the chosen claims through the engine's ledger (replay, then search, as `verify` does) and
 * collects their sections, with each passing run's closeness to the bound for the plots.
 */
export function ledgerReport(
  claims: readonly Claim[],
  opts: Omit<RunOptions, 'onRun'>,
  hooks: Omit<LedgerHooks, 'onRunOf'> = {},
): ReportData {
  const closeness = new Map<Claim, number[]>();
  const reports = runLedger(claims, opts, {
    ...hooks,
    onRunOf: (claim) => {
      const xs: number[] = [];
      closeness.set(claim, xs);
      return (o) => {
        if (o.status === 'pass' && o.closeness !== undefined) xs.push(o.closeness);
      };
    },
  });
  const sections = claims.map((claim, i) =>
    sectionFromRun(claim, reports[i], closeness.get(claim) ?? [], opts.storeDir),
  );
  return { source: { kind: 'run' }, seeds: [opts.seed], claims: sections };
}

const VERDICTS: readonly string[] = ['holds', 'refuted', 'open'];
const TALLY_KEYS: readonly (keyof Tally)[] = [
  'pass',
  'skip',
  'numericalSkip',
  'overflow',
  'violated',
  'artifact',
  'uncertified',
  'illConditioned',
  'oracleDisagreement',
];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The cells of a `verify --json` row, each checked against the checkout's declaration: a known
 * activation of the claim's σ domain, at most once, with the checkout's expected verdict.
 */
function readCells(
  raw: unknown,
  claim: Claim,
  at: string,
  fail: (field: string, why: string) => never,
): CellSummary[] {
  if (!Array.isArray(raw) || raw.length === 0)
    return fail(at, 'expected a non-empty array of cells (verify --json of this version)');
  const seen = new Set<string | null>();
  return raw.map((c, j): CellSummary => {
    const here = `${at}[${j}]`;
    if (!isObject(c)) return fail(here, 'expected an object');
    const declared = claim.cellList.find((d) => d.activation === c.activation);
    if (declared === undefined || seen.has(declared.activation))
      return fail(
        `${here}.activation`,
        `${JSON.stringify(c.activation)} is not a (new) cell of ${claim.id} in this checkout`,
      );
    seen.add(declared.activation);
    for (const k of ['expected', 'observed'])
      if (!VERDICTS.includes(c[k] as string))
        fail(`${here}.${k}`, `expected one of ${VERDICTS.join(', ')}`);
    if (c.expected !== declared.expected)
      fail(`${here}.expected`, `${c.expected} differs from this checkout's ${declared.expected}`);
    if (typeof c.ok !== 'boolean') fail(`${here}.ok`, 'expected true or false');
    return {
      activation: declared.activation,
      expected: declared.expected,
      observed: c.observed as Verdict,
      ok: c.ok as boolean,
    };
  });
}

/**
 * Reads a `verify --json` file into sections; the statement's reading and the counterexample
 * files come from this checkout (the JSON has neither). A defect is a one-line CliError naming
 * the file and the field.
 */
export function readVerifyJson(file: string, claims: Claim[], storeDir: string): ReportData {
  const hint = 'produce it with: npx bptt-claims verify --json > FILE';
  const fail = (field: string, why: string): never => {
    throw new CliError(`${file}: ${field}: ${why}`, undefined, hint);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(readBoundedText(file, MAX_INPUT_BYTES, MAX_INPUT_TEXT));
  } catch (e) {
    fail('(file)', (e as Error).message.split('\n')[0]);
  }
  if (!Array.isArray(raw))
    return fail('(root)', 'expected the JSON array that verify --json prints');
  const rows = raw as unknown[];
  const sections = rows.map((row, i): ClaimSection => {
    const at = `[${i}]`;
    if (!isObject(row)) return fail(at, 'expected an object');
    const str = (k: string): string =>
      typeof row[k] === 'string' ? (row[k] as string) : fail(`${at}.${k}`, 'expected a string');
    const num = (k: string): number =>
      typeof row[k] === 'number' && Number.isFinite(row[k])
        ? (row[k] as number)
        : fail(`${at}.${k}`, 'expected a finite number');
    const verdict = (k: string): Verdict =>
      VERDICTS.includes(row[k] as string)
        ? (row[k] as Verdict)
        : fail(`${at}.${k}`, `expected one of ${VERDICTS.join(', ')}`);
    const id = str('id');
    const tallyRaw = row.tally;
    if (!isObject(tallyRaw)) return fail(`${at}.tally`, 'expected an object');
    const tally = Object.fromEntries(
      TALLY_KEYS.map((k) => [
        k,
        typeof tallyRaw[k] === 'number'
          ? tallyRaw[k]
          : fail(`${at}.tally.${k}`, 'expected a number'),
      ]),
    ) as unknown as Tally;
    const fam = row.byFamily ?? {};
    if (!isObject(fam)) return fail(`${at}.byFamily`, 'expected an object');
    const byFamily: ClaimSection['byFamily'] = {};
    for (const [k, v] of Object.entries(fam)) {
      if (!isObject(v) || typeof v.tried !== 'number' || typeof v.hypothesisHeld !== 'number')
        fail(`${at}.byFamily.${k}`, 'expected {tried, hypothesisHeld}');
      const f = v as { tried: number; hypothesisHeld: number };
      byFamily[k] = { tried: f.tried, hypothesisHeld: f.hypothesisHeld };
    }
    const mc = row.maxCloseness ?? null;
    if (mc !== null && typeof mc !== 'number')
      fail(`${at}.maxCloseness`, 'expected a number or null');
    const problemsRaw = row.problems ?? [];
    if (!Array.isArray(problemsRaw) || problemsRaw.some((p) => typeof p !== 'string'))
      fail(`${at}.problems`, 'expected an array of strings');
    const problems = problemsRaw as string[];
    // What the checkout defines (the claim, its section and expected verdict) is taken from it; the
    // file may only record what its run observed, and what it records must agree with the rest.
    const claim = claims.find((c) => c.id === id);
    if (claim === undefined)
      return fail(
        `${at}.id`,
        `unknown claim ${JSON.stringify(id)} (not in this checkout's ledger)`,
      );
    const cells = readCells(row.cells, claim, `${at}.cells`, fail);
    // a row of every cell has the claim's verdict; a row of `--activation` cells, theirs
    const rowExpected = rowVerdict(cells.map((c) => c.expected));
    const expected = verdict('expected');
    if (expected !== rowExpected)
      fail(
        `${at}.expected`,
        `${expected} differs from this checkout's ${rowExpected} for the cells ${cells.map((c) => c.activation ?? 'any σ').join(', ')}`,
      );
    if (str('section') !== claim.section)
      fail(
        `${at}.section`,
        `${JSON.stringify(row.section)} differs from this checkout's ${JSON.stringify(claim.section)}`,
      );
    const observed = verdict('observed');
    if (observed !== rowVerdict(cells.map((c) => c.observed)))
      fail(`${at}.observed`, `${observed} contradicts its cells' observed verdicts`);
    const ok = typeof row.ok === 'boolean' ? row.ok : fail(`${at}.ok`, 'expected true or false');
    if (ok !== (observed === expected && problems.length === 0))
      fail(
        `${at}.ok`,
        `${ok} contradicts expected ${expected}, observed ${observed} and ${problems.length} problems`,
      );
    const seed = num('seed');
    if (!Number.isInteger(seed) || seed < SEED_MIN || seed > SEED_MAX)
      fail(`${at}.seed`, `expected an integer in ${SEED_MIN}…${SEED_MAX}`);
    const runs = num('runs');
    if (!Number.isInteger(runs) || runs < 0) fail(`${at}.runs`, 'expected an integer ≥ 0');
    return {
      id,
      section: claim.section,
      statement: claim.statement,
      reading: claim.reading,
      rationale: claim.rationale,
      kind: claim.kind,
      expected,
      observed,
      ok,
      seed,
      runs,
      tally,
      byFamily,
      maxCloseness: mc as number | null,
      closeness: null,
      evidence: typeof row.evidence === 'string' ? row.evidence : '',
      problems,
      skipReasons: {},
      counterexamples: readCounterexamples(storeDir, id, claim),
      cells,
    };
  });
  return {
    source: { kind: 'json-input', file: path.basename(file) },
    seeds: [...new Set(sections.map((s) => s.seed))],
    claims: sections,
  };
}
