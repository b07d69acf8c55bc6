import type { Claim } from '../engine/contract/claim.js';
import { evidence, formatReportLine } from '../engine/ledgerLine.js';
import { loadClaims } from '../engine/registry.js';
import { type ClaimReport, runLedger } from '../engine/runner.js';
import { defaultStoreDir, unclaimedFiles } from '../engine/store.js';
import { CliError } from './exitCodes.js';
import { ledgerRunOptions, resolveSeed, type SearchFlags } from './flags.js';
import { colour } from './progress.js';

/** Options of `verify`, as commander parses them. */
export interface VerifyOptions extends SearchFlags {
  claim?: string[];
  store?: string;
}

/** Colours the leading ok/FAIL mark of a ledger row (stderr TTY only). */
function colourLine(line: string, ok: boolean): string {
  const mark = ok ? 'ok  ' : 'FAIL';
  return colour(mark, ok ? 'green' : 'red', process.stderr) + line.slice(mark.length);
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
  };
}

/**
 * Runs the ledger (or the chosen claims) and returns the reports and, for the whole ledger, the
 * store's files that no claim replays (each one bad input).
 */
export async function verify(
  opts: VerifyOptions,
  log: (line: string) => void,
): Promise<{ reports: ClaimReport[]; stray: string[] }> {
  const seed = resolveSeed(opts.seed);
  const all = await loadClaims();
  const claims = selectClaims(all, opts.claim);
  const storeDir = opts.store ?? defaultStoreDir();
  const stray =
    opts.claim === undefined
      ? unclaimedFiles(
          storeDir,
          all.map((c) => c.id),
        )
      : [];
  const reports = runLedger(claims, ledgerRunOptions(opts, seed, storeDir), {
    before: (i, n, claim) => {
      if (!opts.quiet && !opts.json) log(`[${i + 1}/${n}] ${claim.id} …`);
    },
    after: (_i, _n, _claim, report, ms) => {
      if (!opts.json && (!opts.quiet || !report.ok))
        log(`${colourLine(formatReportLine(report), report.ok)} · ${(ms / 1000).toFixed(1)} s`);
    },
  });
  return { reports, stray };
}
