import type { ClaimReport } from './runner.js';

/** A short evidence summary: runs, outcome counts, closeness, counterexample. */
export function evidence(r: ClaimReport): string {
  const t = r.tally;
  const parts = [`${r.runs} runs`, `${t.pass} pass`];
  if (t.skip) parts.push(`${t.skip} outside hypothesis`);
  if (t.numericalSkip) {
    const why = Object.keys(r.numericalSkipReasons).sort().join('; ');
    parts.push(`${t.numericalSkip} not judged (${why})`);
  }
  if (t.overflow) parts.push(`${t.overflow} overflow`);
  if (t.artifact) parts.push(`${t.artifact} float64-only artifacts`);
  if (t.uncertified) parts.push(`${t.uncertified} violated at finite t (uncertified)`);
  if (t.illConditioned)
    parts.push(`${t.illConditioned} ill-conditioned in float64 (judged at 60 digits)`);
  if (t.oracleDisagreement) parts.push(`${t.oracleDisagreement} oracle disagreements`);
  // An identity's closeness is its relative error; an inequality's or limit's is how near the
  // passing runs came to the bound (observed/bound, 1 = reached exactly).
  if (r.maxCloseness !== null) {
    const what = r.kind === 'identity' ? 'max rel. error' : 'max closeness to the bound';
    parts.push(`${what} ${r.maxCloseness.toExponential(2)}`);
  }
  const replayed = r.replays.filter((x) => x.reproduces).length;
  if (r.replays.length) parts.push(`${replayed}/${r.replays.length} saved replay`);
  if (r.counterexample)
    parts.push(
      `counterexample ${r.counterexample.split('/').pop()}${r.unsaved?.file === r.counterexample ? ' (not saved)' : ''}`,
    );
  return parts.join(', ');
}

/** One line per claim: id · section · expected · observed · evidence, plus problems. */
export function formatReportLine(r: ClaimReport): string {
  const mark = r.ok ? 'ok  ' : 'FAIL';
  return withProblems(
    `${mark} ${r.id} · ${r.section} · expected ${r.expected} · observed ${r.observed} · ${evidence(r)} · seed ${r.seed}`,
    r,
  );
}

/** A row followed by one ✗ line per problem of its claim. */
function withProblems(head: string, r: ClaimReport): string {
  return r.problems.length ? `${head}\n${r.problems.map((p) => `     ✗ ${p}`).join('\n')}` : head;
}

/** The padded widths of the aligned ledger's id and section columns. */
export interface LedgerColumns {
  readonly id: number;
  readonly section: number;
}

/** Width in code points: the sections' ∞, →, Σ and subscripts are one column each. */
function width(s: string): number {
  return [...s].length;
}

/** Pads s with spaces to w code points. */
function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

const ID_HEADER = 'claim';
const SECTION_HEADER = 'section';
// A verdict is holds, refuted or open: the headers are the widest entries of their columns.
const VERDICT_WIDTH = 'observed'.length;
const GAP = '  ';

/**
 * The column widths for these claims, known before any runs: every row streams out aligned as its
 * claim finishes.
 */
export function ledgerColumns(claims: readonly { id: string; section: string }[]): LedgerColumns {
  return {
    id: Math.max(width(ID_HEADER), ...claims.map((c) => width(c.id))),
    section: Math.max(width(SECTION_HEADER), ...claims.map((c) => width(c.section))),
  };
}

/** The aligned ledger's header row, over the columns of formatLedgerRow. */
export function ledgerHeader(cols: LedgerColumns): string {
  return [
    pad('', 4),
    pad(ID_HEADER, cols.id),
    pad(SECTION_HEADER, cols.section),
    pad('expected', VERDICT_WIDTH),
    pad('observed', VERDICT_WIDTH),
    'evidence',
  ].join(GAP);
}

/**
 * One aligned ledger row: ok/FAIL, id, section, expected, observed, then the evidence (last, as it
 * is the long one) and the seed; each problem follows on its own ✗ line.
 */
export function formatLedgerRow(r: ClaimReport, cols: LedgerColumns, suffix = ''): string {
  const head = [
    r.ok ? 'ok  ' : 'FAIL',
    pad(r.id, cols.id),
    pad(r.section, cols.section),
    pad(r.expected, VERDICT_WIDTH),
    pad(r.observed, VERDICT_WIDTH),
    `${evidence(r)} · seed ${r.seed}${suffix}`,
  ].join(GAP);
  return withProblems(head, r);
}
