import type { Claim } from './claim.js';

/** The markers around the generated claims table in README.md. */
export const TABLE_START = '<!-- claims:start -->';
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
