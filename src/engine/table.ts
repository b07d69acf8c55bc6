import { ACTIVATION_NAMES } from '../model/activation.js';
import type { Claim } from './contract/claim.js';
import { activationHeader, VERDICT_MARK } from './ledgerLine.js';

/** The marker before the generated claims table in README.md. */
export const TABLE_START = '<!-- claims:start -->';
/** The marker after it. */
export const TABLE_END = '<!-- claims:end -->';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A claim's declared verdict for one activation: its mark, "—" outside its σ domain, "any" for a σ-free claim. */
function cellMark(c: Claim, a: string): string {
  if (c.cellList.length === 1 && c.cellList[0].activation === null) return 'any';
  const cell = c.cellList.find((x) => x.activation === a);
  return cell ? VERDICT_MARK[cell.expected] : '—';
}

/**
 * The Markdown table of the ledger (the README's): id, section, statement, the row's verdict and
 * each (claim, activation) cell's; then every cell with a verdict of its own, with its reason.
 */
export function claimsTable(claims: readonly Claim[]): string {
  const heads = ACTIVATION_NAMES.map(activationHeader);
  const rows = claims.map(
    (c) =>
      `| \`${c.id}\` | ${cell(c.section)} | ${cell(c.statement)} | ${c.expected} | ${ACTIVATION_NAMES.map((a) => cellMark(c, a)).join(' | ')} |`,
  );
  const own = claims.flatMap((c) =>
    c.cellList
      .filter((x) => x.declared)
      .map((x) => `- \`${c.id}\`, σ = ${x.activation}: **${x.expected}**. ${cell(x.why)}`),
  );
  return [
    `| claim | section | statement | verdict | ${heads.join(' | ')} |`,
    `|---|---|---|---|${heads.map(() => '---').join('|')}|`,
    ...rows,
    '',
    "✓ holds · ✗ refuted by a certified counterexample of that activation · ? open · — not stated for that σ · any: the statement does not involve σ. The verdict column is the row's: refuted when a cell is, holds when every cell holds, else open. Cells whose verdict differs from the claim's rationale, and why:",
    '',
    ...own,
  ].join('\n');
}

/** The README text with the block between the markers replaced by the table. */
export function withClaimsTable(readme: string, claims: readonly Claim[]): string {
  const a = readme.indexOf(TABLE_START);
  const b = readme.indexOf(TABLE_END);
  if (a < 0 || b < a)
    throw new Error(`README.md: the markers ${TABLE_START} … ${TABLE_END} are missing`);
  return `${readme.slice(0, a + TABLE_START.length)}\n${claimsTable(claims)}\n${readme.slice(b)}`;
}

/** The marker before the generated errata table in README.md. */
export const ERRATA_START = '<!-- errata:start -->';
/** The marker after it. */
export const ERRATA_END = '<!-- errata:end -->';

/** A counterexample's size, for picking the smallest. */
export interface SavedCounterexample {
  readonly claim: string;
  readonly file: string;
  readonly n: number;
  readonly T: number;
  readonly summary: string;
}

/** The errata table: each refuted claim, what the paper says, what holds, the smallest counterexample. */
export function errataTable(
  claims: readonly Claim[],
  saved: readonly SavedCounterexample[],
): string {
  const rows = claims
    .filter((c) => c.expected === 'refuted')
    .map((c) => {
      const mine = saved
        .filter((s) => s.claim === c.id)
        .sort((a, b) => a.n * a.T - b.n * b.T || a.file.localeCompare(b.file));
      const smallest = mine[0]
        ? `[\`${mine[0].file}\`](counterexamples/${mine[0].file}): ${cell(mine[0].summary)}`
        : '—';
      const holds = c.correction
        ? `${cell(c.correction.text)}${c.correction.claim ? ` (\`${c.correction.claim}\`)` : ''}`
        : '—';
      const refutedFor = c.cellList
        .filter((x) => x.expected === 'refuted')
        .map((x) => x.activation ?? 'any σ')
        .join(', ');
      return `| \`${c.id}\` | ${cell(c.statement)} | ${holds} | ${refutedFor} | ${smallest} |`;
    });
  return [
    '| claim | the paper says | what holds | refuted for σ | smallest counterexample |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The README text with the block between two markers replaced. */
export function replaceBlock(readme: string, start: string, end: string, body: string): string {
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md: the markers ${start} … ${end} are missing`);
  return `${readme.slice(0, a + start.length)}\n${body}\n${readme.slice(b)}`;
}
