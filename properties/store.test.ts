import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { loadClaims } from '../src/engine/registry.js';
import { defaultStoreDir, unclaimedFiles } from '../src/engine/store.js';

test('every file in counterexamples/ is the counterexample of a claim (each claim test replays its own)', async () => {
  const ids = (await loadClaims()).map((c) => c.id);
  expect(unclaimedFiles(defaultStoreDir(), ids)).toEqual([]);
});

test('a misspelt claim id, a stray file, a dot-file, a formula file or a folder in a store is reported; only our temp files are not', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-stray-'));
  for (const f of [
    'thm1.literal-hv--0123456789.json',
    'thm1.literal_hv--0123456789.json',
    'zzz.json',
    '.x--0123456789.json.1.ab.tmp',
    '.hidden',
    '.x.json.1.ab.tmp',
    'formula.jacobian.mine--0123456789.json',
  ])
    fs.writeFileSync(path.join(dir, f), '{not json');
  fs.mkdirSync(path.join(dir, 'sub'));
  expect(unclaimedFiles(dir, ['thm1.literal-hv']).map((f) => path.basename(f))).toEqual([
    '.hidden',
    '.x.json.1.ab.tmp',
    'formula.jacobian.mine--0123456789.json',
    'sub',
    'thm1.literal_hv--0123456789.json',
    'zzz.json',
  ]);
  fs.rmSync(dir, { recursive: true, force: true });
});
