import type { Claim, Witness } from '../../engine/contract/claim.js';
import { activationHeader, VERDICT_MARK } from '../../engine/ledgerLine.js';
import type { Tally } from '../../engine/search.js';
import { ACTIVATION_NAMES } from '../../model/activation.js';
import type { Case } from '../../model/caseFile.js';
import { firstTOf } from './plots.js';
import type { ClaimSection, CounterexampleEntry } from './reportData.js';

/** Matrices larger than this are shown with their corners and an ellipsis. */
export const MAX_SHOWN = { rows: 8, cols: 10 } as const;

/** Longest string of a certificate shown whole; exact rationals can run to thousands of digits. */
export const MAX_CERT_STRING = 160;

function clip<T>(xs: readonly T[], max: number, gap: T): T[] {
  if (xs.length <= max) return [...xs];
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return [...xs.slice(0, head), gap, ...xs.slice(xs.length - tail)];
}

/** The indices shown of a length-`len` axis clipped to `max` entries; null stands for "…". */
export function clipIndices(len: number, max: number): (number | null)[] {
  return clip(
    Array.from({ length: len }, (_, i): number | null => i),
    max,
    null,
  );
}

/** A matrix as text rows `[a, b, …]`, clipped to MAX_SHOWN with "…" where entries are left out. */
export function matrixText(rows: readonly (readonly (number | string)[])[]): string {
  if (rows.length === 0) return '[]';
  const shown = clip(
    rows.map((r) => `[${clip(r.map(String), MAX_SHOWN.cols, '…').join(', ')}]`),
    MAX_SHOWN.rows,
    '…',
  );
  return `[${shown.join(',\n ')}]`;
}

/** A vector as `[a, b, …]`, clipped like a matrix row. */
export function vectorText(v: readonly (number | string)[]): string {
  return `[${clip(v.map(String), MAX_SHOWN.cols, '…').join(', ')}]`;
}

/** What the report says in place of a file's witness when its claim is not in this checkout's ledger. */
export const NOT_RECOMPUTED =
  "not recomputed: the claim is not in this checkout's ledger, so the file's witness, re-check and certificate are not shown";

/** The case in a few lines: σ, the sizes, then every parameter (as replay prints it). */
export function caseLines(c: Case, params: Record<string, number>): string[] {
  const n = c.W_R.length;
  const d = c.W_I[0]?.length ?? 0;
  const p = Object.entries(params)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
  return [
    `σ = ${c.activation}, n = ${n}, d = ${d}, m = ${c.W_O.length}, T = ${c.xs.length}${p ? `; ${p}` : ''}`,
    `W_R = ${matrixText(c.W_R).replace(/\n /g, ' ')}`,
    `h_0 = ${vectorText(c.h_0)}, b_R = ${vectorText(c.b_R)}`,
    `W_I = ${matrixText(c.W_I).replace(/\n /g, ' ')}, xs = ${matrixText(c.xs).replace(/\n /g, ' ')}`,
    `W_O = ${matrixText(c.W_O).replace(/\n /g, ' ')}, b_O = ${vectorText(c.b_O)}, ys = ${vectorText(c.ys)}`,
  ];
}

// Only numbers are shortened (p/q, decimals, m·2^k): prose in a certificate is its argument.
const EXACT_NUMBER = /^[-+0-9./eE·^*× ]+$/;

/** Long numbers of a certificate shortened to head…tail with their length, nested values kept. */
export function shortenCertificate(v: unknown): unknown {
  if (typeof v === 'string' && v.length > MAX_CERT_STRING && EXACT_NUMBER.test(v)) {
    const keep = (MAX_CERT_STRING - 20) / 2;
    return `${v.slice(0, keep)} … [${v.length} characters] … ${v.slice(-keep)}`;
  }
  if (Array.isArray(v)) return v.map(shortenCertificate);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shortenCertificate(x)]));
  return v;
}

/** True when a certificate has a string that shortenCertificate would cut. */
export function certificateIsLong(v: unknown): boolean {
  if (typeof v === 'string') return v.length > MAX_CERT_STRING && EXACT_NUMBER.test(v);
  if (Array.isArray(v)) return v.some(certificateIsLong);
  if (v !== null && typeof v === 'object') return Object.values(v).some(certificateIsLong);
  return false;
}

/** "✓ as expected" or "✗ drifted", the row mark of the summary. */
export function okMark(ok: boolean): string {
  return ok ? '✓ as expected' : '✗ drifted';
}

/** The tally as [label, count, what it means] rows, zero rows left out except pass. */
export function tallyRows(t: Tally): [string, number, string][] {
  const rows: [string, number, string][] = [
    ['pass', t.pass, 'the claim held on the case'],
    ['outside hypothesis', t.skip, "the case did not meet the claim's hypothesis (skipped)"],
    [
      'not judged',
      t.numericalSkip,
      'a numerical routine gave up on the case (e.g. an iteration cap): neither a pass nor a violation',
    ],
    ['overflow', t.overflow, 'the evaluation overflowed to ±∞ or NaN (never a refutation)'],
    ['violated', t.violated, 'a certified violation'],
    ['float64-only artifact', t.artifact, 'violated in float64, not at 60 digits'],
    ['uncertified', t.uncertified, 'a limit claim violated at finite t without a certificate'],
    [
      'ill-conditioned in float64',
      t.illConditioned,
      'the float64 oracles disagreed; judged at 60 digits, where the claim held',
    ],
    ['oracle disagreement', t.oracleDisagreement, 'the oracles disagreed (a bug in the suite)'],
  ];
  return rows.filter(([label, n]) => n > 0 || label === 'pass');
}

/** Families as [name, tried, hypothesis held, hit rate %] rows, in name order. */
export function familyRows(s: ClaimSection): [string, number, number, string][] {
  return Object.entries(s.byFamily)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, f]) => [
      name,
      f.tried,
      f.hypothesisHeld,
      f.tried ? `${((100 * f.hypothesisHeld) / f.tried).toFixed(1)} %` : '—',
    ]);
}

/** The anchor id of a claim's section (ids are [a-z0-9.-], already safe in HTML and URLs). */
export function claimAnchor(id: string): string {
  return `claim-${id}`;
}

/** Counts of the summary: claims, as expected, drifted, and the verdicts observed. */
export function summaryCounts(claims: readonly ClaimSection[]) {
  return {
    total: claims.length,
    ok: claims.filter((c) => c.ok).length,
    drifted: claims.filter((c) => !c.ok).length,
    holds: claims.filter((c) => c.observed === 'holds').length,
    refuted: claims.filter((c) => c.observed === 'refuted').length,
    open: claims.filter((c) => c.observed === 'open').length,
  };
}

/** The verdict matrix of the report: activation columns (those any row judged), one row of marks per claim. */
export function verdictMatrixRows(claims: readonly ClaimSection[]): {
  heads: string[];
  rows: { id: string; marks: string[] }[];
  cells: number;
  open: number;
  drifted: number;
} {
  const judged = new Set(claims.flatMap((s) => s.cells.map((c) => c.activation)));
  const columns = ACTIVATION_NAMES.filter((a) => judged.has(a));
  let cells = 0;
  let open = 0;
  let drifted = 0;
  const rows = claims.map((s) => {
    const free = s.cells.length === 1 && s.cells[0].activation === null ? s.cells[0] : undefined;
    for (const c of s.cells) {
      cells++;
      if (c.observed === 'open') open++;
      if (c.observed !== c.expected) drifted++;
    }
    const marks = columns.map((a) => {
      const c = free ?? s.cells.find((x) => x.activation === a);
      if (c === undefined) return '—';
      return `${VERDICT_MARK[c.observed]}${c.observed === c.expected ? '' : '!'}${free ? ' (any σ)' : ''}`;
    });
    return { id: s.id, marks };
  });
  return { heads: columns.map(activationHeader), rows, cells, open, drifted };
}

/** The legend under the verdict matrix. */
export const MATRIX_LEGEND =
  '✓ holds · ✗ refuted by a certified counterexample of that activation · ? open · — not stated for that σ (or not run) · any σ: the statement does not involve σ · ! observed differs from the declared verdict';
/** The t of a float64 witness: its own extra.t, else the counterexample's param t. */
export function witnessT(w: Witness, params: Readonly<Record<string, number>>): number | undefined {
  return w.extra?.t ?? params.t;
}

/** Where a counterexample's 60-digit value sits, and the float64 value of the same quantity at the same t. */
export interface HPAt {
  /** Absent for a limit claim's certificate, which is valid for all t. */
  readonly t?: number;
  /** The quantity, when it is not the witness's own. */
  readonly symbol?: string;
  /** The float64 value of that quantity at t, from the recomputed series (absent when the series lacks it). */
  readonly float64?: number;
}

/**
 * The t of a counterexample's 60-digit re-check: the claim's declared one (with the float64 value
 * of the same quantity at that t, read from this run's recomputed series), else the witness's t
 * for a finite-t claim; no t for a limit claim that declares none (its certificate is valid for all t).
 */
export function hpAt(cx: CounterexampleEntry, kind: Claim['kind'] | null): HPAt | undefined {
  const o = cx.recomputed?.outcome;
  if (o?.status !== 'violated' || !cx.stored) return undefined;
  const q = cx.hpQuantity;
  if (q === undefined) {
    if (kind === 'limit') return {};
    const t = witnessT(o.witness, cx.stored.params);
    return t === undefined ? undefined : { t };
  }
  const values = cx.recomputed?.series?.[q.seriesKey];
  const key = cx.seriesKeys?.[q.seriesKey];
  const v = values && key ? values[q.t - firstTOf(key, cx.stored.params)] : undefined;
  return { t: q.t, symbol: q.symbol, ...(v !== undefined ? { float64: v } : {}) };
}
