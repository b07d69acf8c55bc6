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

test('the README layout names every folder of src/ and properties/, and no other', () => {
  const root = new URL('../', import.meta.url);
  const readme = fs.readFileSync(new URL('README.md', root), 'utf8');
  const section = readme.slice(readme.indexOf('## Layout'));
  const open = section.indexOf('```\n') + 4;
  const block = section.slice(open, section.indexOf('\n```', open));
  // A tree line is "<indent><name>/"; nested names are relative to the last top-level folder.
  const listed = new Set<string>();
  let parent = '';
  for (const line of block.split('\n')) {
    const m = /^( *)([\w.-]+(?:\/[\w.-]+)*)\/(?:\s|$)/.exec(line);
    if (!m || m[1].length > 4) continue; // deeper lines continue a description
    const depth = m[1].length;
    if (depth === 0) parent = m[2];
    else if (depth === 2) listed.add(parent === 'src' ? `src/${m[2]}` : m[2]);
    else listed.add(`src/paper/${m[2]}`);
    if (depth === 0) listed.add(m[2]);
  }
  const actual = new Set<string>(['counterexamples']);
  const walk = (dir: string) => {
    actual.add(dir);
    for (const e of fs.readdirSync(new URL(`${dir}/`, root), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${dir}/${e.name}`);
    }
  };
  walk('src');
  walk('properties');
  walk('examples');
  // src/cli/report, src/cli/examples and src/cli/python are named on the cli/ line
  for (const d of ['src/cli/report', 'src/cli/examples', 'src/cli/python']) {
    expect(block, `README layout: ${d}`).toContain(`${d.split('/').pop()}/`);
    actual.delete(d);
  }
  expect([...listed].sort()).toEqual([...actual].sort());
});
