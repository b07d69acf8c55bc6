import * as fs from 'node:fs';
import { expect, test } from 'vitest';
import { loadClaims } from '../src/engine/registry.js';
import { withClaimsTable } from '../src/engine/table.js';

test('the README claims table is the ledger (regenerate with `npx bptt-claims table --write`)', async () => {
  const readmePath = new URL('../README.md', import.meta.url);
  const readme = fs.readFileSync(readmePath, 'utf8');
  const claims = await loadClaims();
  expect(claims.length).toBeGreaterThan(0);
  expect(readme).toBe(withClaimsTable(readme, claims));
});
