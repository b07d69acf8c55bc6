import type { Claim } from '../engine/contract/claim.js';
import {
  evidence,
  formatLedgerRow,
  ledgerColumns,
  ledgerHeader,
  verdictMatrix,
} from '../engine/ledgerLine.js';
import { loadClaims } from '../engine/registry.js';
import { type CellReport, type ClaimReport, cellsToRun, runLedger } from '../engine/runner.js';
import { defaultStoreDir, unclaimedFiles } from '../engine/store.js';
import { ACTIVATION_NAMES } from '../model/activation.js';
import { CliError, EXIT } from './exitCodes.js';
import {
  type LedgerFlags,
  ledgerRunOptions,
  ledgerStore,
  resolveSeed,
  type SearchFlags,
} from './flags.js';
import { colour, StatusLine } from './progress.js';

/** Options of `verify`, as commander parses them. */
export interface VerifyOptions extends SearchFlags, LedgerFlags {}

/** Colours the leading ok/FAIL mark of a ledger row (stdout TTY without NO_COLOR only). */
function colourLine(line: string, ok: boolean): string {
  const mark = ok ? 'ok  ' : 'FAIL';
  return colour(mark, ok ? 'green' : 'red', process.stdout) + line.slice(mark.length);
}

/** Selects claims by id; an unknown id is a CliError that lists the known ones. */
export function selectClaims(all: Claim[], ids: string[] | undefined): Claim[] {
  if (!ids || ids.length === 0) return all;
  return ids.map((id) => {
    const c = all.find((x) => x.id === id);
    if (!c)
      throw new CliError(
        `--claim: unknown claim ${JSON.stringify(id)}`,
        undefined,
        `known claims: ${all.map((x) => x.id).join(', ')}`,
      );
    return c;
  });
}

/** The row `--json` prints for a claim. */
export function jsonRow(r: ClaimReport) {
  return {
    id: r.id,
    section: r.section,
    expected: r.expected,
    observed: r.observed,
    ok: r.ok,
    runs: r.runs,
    seed: r.seed,
    counterexample: r.counterexample,
    tally: r.tally,
    byFamily: r.byFamily,
    maxCloseness: r.maxCloseness,
    evidence: evidence(r),
    problems: r.problems,
    // the (claim, activation) cells run: activation null for a claim that does not involve σ
    cells: r.cells.map((c) => ({
      activation: c.activation,
      expected: c.expected,
      observed: c.observed,
      ok: c.ok,
      runs: c.runs,
      counterexample: c.counterexample,
      why: c.why,
      declared: c.declared,
      problems: c.problems,
    })),
    // A counterexample found but not in the store: in full, so that a failed write loses nothing.
    unsaved: r.unsaved
      ? { file: r.unsaved.file, error: r.unsaved.error, counterexample: r.unsaved.content }
      : null,
  };
}

/** The cells of a row that found a counterexample they did not save (the row itself when it has no cells). */
function unsavedCells(r: ClaimReport): (CellReport | ClaimReport)[] {
  const cells: (CellReport | ClaimReport)[] = r.cells.length ? [...r.cells] : [r];
  return cells.filter((c) => c.unsaved !== null);
}

/** The notes for counterexamples found but deliberately not saved (non-default seed or filter). */
export function notSavedNotes(r: ClaimReport): string[] {
  return unsavedCells(r)
    .filter((c) => c.unsaved?.error === null)
    .map((c) => `note: ${r.id}: found ${c.unsaved?.file}; not saved (pass --save to keep it)`);
}

/**
 * The errors of a ledger run's store, one line each: counterexamples whose write failed (with
 * their case and params, so nothing is lost) and files no claim replays. Returns the lines and the
 * exit code they call for (4 for a failed write, else 2 for a stray file), or null if none.
 */
export function storeErrors(
  reports: readonly ClaimReport[],
  stray: readonly string[],
): { lines: string[]; code: number } | null {
  const lines: string[] = [];
  let failed = 0;
  for (const r of reports) {
    for (const c of unsavedCells(r)) {
      const u = c.unsaved;
      if (!u?.error) continue;
      failed++;
      lines.push(`error: could not save ${u.file}: ${u.error}`);
      lines.push(
        `  ${r.id} is refuted by this case (not saved): ${JSON.stringify({ case: u.content.case, params: u.content.params })}`,
      );
    }
  }
  for (const f of stray)
    lines.push(`error: ${f}: not a counterexample of any claim (expected <claim id>--<hash>.json)`);
  if (lines.length === 0) return null;
  return { lines, code: failed ? EXIT.unsaved : EXIT.usage };
}

/**
 * Runs the ledger (or the chosen claims) and returns the reports and, for the whole ledger, the
 * store's files that no claim replays (each one bad input). The aligned rows go to `print` (the
 * ledger: stdout), notes to `log` (stderr), and "[i/n] id …" to a transient status on a stderr TTY.
 */
export async function verify(
  opts: VerifyOptions,
  log: (line: string) => void,
  print: (line: string) => void,
): Promise<{ reports: ClaimReport[]; stray: string[] }> {
  const seed = resolveSeed(opts.seed);
  const all = await loadClaims();
  const chosen = selectClaims(all, opts.claim);
  const activations = opts.activation === undefined ? undefined : [opts.activation];
  // a claim stated only for other activations (the paper's linear example, say) has no cell to
  // judge under --activation: it is left out, and said so
  const claims = chosen.filter((c) => cellsToRun(c, activations).length > 0);
  const notStated = chosen.filter((c) => !claims.includes(c)).map((c) => c.id);
  if (notStated.length > 0 && !opts.json)
    log(`note: not stated for σ = ${opts.activation}: ${notStated.join(', ')}`);
  const storeDir = ledgerStore(opts.store, defaultStoreDir());
  const stray =
    opts.claim === undefined
      ? unclaimedFiles(
          storeDir,
          all.map((c) => c.id),
        )
      : [];
  const cols = ledgerColumns(claims);
  const status = new StatusLine();
  if (!opts.json && !opts.quiet) print(ledgerHeader(cols));
  const reports = runLedger(claims, ledgerRunOptions(opts, seed, storeDir), {
    before: (i, n, claim) => status.show(`[${i + 1}/${n}] ${claim.id} …`),
    after: (_i, _n, _claim, report, ms) => {
      status.clear();
      const seconds = ` · ${(ms / 1000).toFixed(1)} s`;
      if (!opts.json && (!opts.quiet || !report.ok))
        print(colourLine(formatLedgerRow(report, cols, seconds), report.ok));
      if (!opts.quiet) for (const note of notSavedNotes(report)) log(note);
    },
  });
  return { reports, stray };
}

/** The activations whose column the matrix shows: the one --activation names, else every one. */
export function matrixColumns(opts: VerifyOptions): readonly string[] {
  return opts.activation === undefined ? ACTIVATION_NAMES : [opts.activation];
}

/** The verdict matrix of a run, for the human ledger. */
export function matrixText(reports: readonly ClaimReport[], opts: VerifyOptions): string {
  return verdictMatrix(reports, matrixColumns(opts));
}
