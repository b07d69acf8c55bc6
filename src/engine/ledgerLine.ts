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

/**
 * One line per claim: id · section · expected · observed · evidence, plus problems; a row of one
 * cell (`--activation`) names its σ, and a cell with its own declared verdict gives its reason.
 */
export function formatReportLine(r: ClaimReport, suffix = ''): string {
  const mark = r.ok ? 'ok  ' : 'FAIL';
  const sigma = sigmaTag(r).trimEnd();
  return withProblems(
    `${mark} ${r.id}${sigma ? ` ${sigma}` : ''} · ${r.section} · expected ${r.expected} · observed ${r.observed} · ${evidence(r)} · seed ${r.seed}${suffix}`,
    r,
  );
}

/** The one-character mark of a verdict in the verdict matrix. */
export const VERDICT_MARK = { holds: '✓', refuted: '✗', open: '?' } as const;

/** The column header of an activation in the matrix (its name, shortened to fit). */
export function activationHeader(a: string): string {
  const short: Record<string, string> = {
    identity: 'id',
    sigmoid: 'sigm',
    leaky_relu: 'leaky',
    softplus: 'soft',
    hardtanh: 'htanh',
    scaled_tanh: '2tanh',
  };
  return short[a] ?? a;
}

/**
 * The verdict matrix of a ledger run: one row per claim, one column per activation, each cell the
 * observed verdict's mark (✓ holds, ✗ refuted, ? open; "·" not run, "—" the claim is not stated
 * for that σ, "any" a claim that does not involve σ), a "!" after a cell that drifted from its
 * expected verdict; then the legend and the count of open cells.
 */
export function verdictMatrix(
  reports: readonly ClaimReport[],
  activations: readonly string[],
): string {
  const heads = activations.map(activationHeader);
  const idWidth = Math.max(5, ...reports.map((r) => r.id.length));
  const widths = heads.map((h) => Math.max(h.length, 4));
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].length));
  const lines = [`${pad('claim', idWidth)}  ${heads.map((h, i) => pad(h, widths[i])).join(' ')}`];
  let open = 0;
  let drifted = 0;
  for (const r of reports) {
    const free = r.cells.length === 1 && r.cells[0].activation === null ? r.cells[0] : undefined;
    const marks = activations.map((a, i) => {
      const c = free ?? r.cells.find((x) => x.activation === a);
      let m: string;
      if (c === undefined) m = r.cells.length === 0 ? '·' : '—';
      else {
        m = VERDICT_MARK[c.observed] + (c.observed === c.expected ? '' : '!');
        if (free && i > 0) m = '"';
      }
      return pad(m, widths[i]);
    });
    for (const c of r.cells) {
      if (c.observed === 'open') open++;
      if (c.observed !== c.expected) drifted++;
    }
    lines.push(
      `${pad(r.id, idWidth)}  ${marks.join(' ')}${free ? '  (σ-free: one verdict for every σ)' : ''}`,
    );
  }
  const cells = reports.reduce((a, r) => a + r.cells.length, 0);
  lines.push(
    `✓ holds · ✗ refuted (certified) · ? open · — not stated for this σ · " same as the first column · ! differs from the declared verdict`,
    `${cells} cells judged: ${open} open, ${drifted} drifted`,
  );
  return lines.join('\n');
}

/**
 * A row followed by the reason of a single cell with its own declared verdict (∵) and one ✗ line
 * per problem of its claim.
 */
function withProblems(head: string, r: ClaimReport): string {
  const one = r.cells.length === 1 ? r.cells[0] : undefined;
  const lines = [head];
  if (one?.declared) lines.push(`     ∵ ${one.why}`);
  for (const p of r.problems) lines.push(`     ✗ ${p}`);
  return lines.join('\n');
}

/** "[σ = A] " for a row of one activation's cell (`--activation`), else nothing. */
function sigmaTag(r: ClaimReport): string {
  const one = r.cells.length === 1 ? r.cells[0] : undefined;
  return one?.activation ? `[σ = ${one.activation}] ` : '';
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
    `${sigmaTag(r)}${evidence(r)} · seed ${r.seed}${suffix}`,
  ].join(GAP);
  return withProblems(head, r);
}
