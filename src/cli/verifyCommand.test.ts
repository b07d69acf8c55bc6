import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Claim } from '../engine/contract/claim.js';
import { loadClaims } from '../engine/registry.js';
import { runClaim } from '../engine/runner.js';
import { jsonRow } from './verifyCommand.js';

describe('verify --json rows', () => {
  test('cases a numerical routine gave up on are counted in tally.numericalSkip and named in the evidence, apart from tally.skip', async () => {
    const holds = (await loadClaims()).find((c) => c.id === 'thm1.kron-descending');
    if (!holds) throw new Error('no claim thm1.kron-descending');
    const givingUp: Claim = {
      ...holds,
      check: (input) =>
        input.case.W_R.length >= 3
          ? { status: 'skip', reason: 'the eigenvalues did not converge', numerical: true }
          : holds.check(input),
    };
    const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-json-'));
    const row = jsonRow(
      runClaim(givingUp, { seed: 5, storeDir, numRuns: 40, activations: ['tanh'] }),
    );
    const parsed = JSON.parse(JSON.stringify(row)) as typeof row;
    expect(parsed.tally.numericalSkip).toBeGreaterThan(0);
    expect(parsed.tally.skip).toBe(0);
    expect(parsed.tally.pass + parsed.tally.numericalSkip).toBe(40);
    // one cell, σ = tanh, as --activation asks
    expect(parsed.cells.map((c) => [c.activation, c.runs])).toEqual([['tanh', 40]]);
    expect(parsed.evidence).toContain(
      `${parsed.tally.numericalSkip} not judged (the eigenvalues did not converge)`,
    );
  });
});

describe('verify on stdout', () => {
  test('`verify > ledger.txt` holds the header, one aligned row per claim, the verdict matrix and the summary, with no ANSI code and no progress', () => {
    const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
    const claims = ['thm1.literal-hv', 'lemma3.general', 'eq3.chain-rule'];
    // No NO_COLOR here: a stdout that is not a TTY must be enough.
    const env = { ...process.env };
    delete env.NO_COLOR;
    const r = spawnSync(
      process.execPath,
      [bin, 'verify', ...claims.flatMap((c) => ['--claim', c])],
      { encoding: 'utf8', env },
    );
    expect(r.status, r.stderr).toBe(0);
    const [ledger, matrix, summary] = r.stdout.trimEnd().split('\n\n');
    const lines = [...ledger.split('\n'), summary];
    expect(lines).toHaveLength(claims.length + 2);
    // the matrix: a header, one row per claim, the legend and the count of cells
    const m = matrix.split('\n');
    expect(m[0]).toMatch(/^claim +id +tanh/);
    expect(m.slice(1, 1 + claims.length).map((l) => l.split(' ')[0])).toEqual(claims);
    expect(m.at(-1)).toMatch(/^\d+ cells judged: 0 open, 0 drifted$/);
    expect(lines[0]).toMatch(/^ +claim +section +expected +observed +evidence$/);
    claims.forEach((id, i) => {
      expect(lines[i + 1]).toMatch(new RegExp(`^ok {4}${id.replace('.', '\\.')} `));
      expect(lines[i + 1].indexOf(' · seed ')).toBeGreaterThan(0);
    });
    for (const col of ['section', 'expected', 'evidence']) {
      const at = lines[0].indexOf(col);
      for (const row of lines.slice(1, -1)) expect(row[at - 1], `${col}: ${row}`).toBe(' ');
    }
    expect(lines.at(-1)).toBe(`${claims.length} claims as expected, 0 drifted`);
    expect(r.stdout + r.stderr).not.toContain('\x1b');
    expect(r.stderr).not.toMatch(/\[\d+\/\d+\]/);
  });
});
