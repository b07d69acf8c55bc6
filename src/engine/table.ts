import type { Claim } from './contract/claim.js';

/** The marker before the generated claims table in README.md. */
export const TABLE_START = '<!-- claims:start -->';
/** The marker after it. */
export const TABLE_END = '<!-- claims:end -->';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The Markdown table of the ledger: id, section, statement, expected verdict (the README's). */
export function claimsTable(claims: readonly Claim[]): string {
  const rows = claims.map(
    (c) => `| \`${c.id}\` | ${cell(c.section)} | ${cell(c.statement)} | ${c.expected} |`,
  );
  return ['| claim | section | statement | verdict |', '|---|---|---|---|', ...rows].join('\n');
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
      return `| \`${c.id}\` | ${cell(c.statement)} | ${holds} | ${smallest} |`;
    });
  return [
    '| claim | the paper says | what holds | smallest counterexample |',
    '|---|---|---|---|',
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
