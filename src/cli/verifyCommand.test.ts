import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
