import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Case } from '../model/caseFile.js';
import type { CheckOutcome, Claim, ClaimInput, HPOutcome } from './contract/claim.js';
import { STEP_PARAMS } from './contract/params.js';
import { searchClaim } from './search.js';

const c: Case = {
  activation: 'identity',
  W_R: [[0.5]],
  W_I: [[1]],
  b_R: [0],
  W_O: [[1], [-1]],
  b_O: [0, 0],
  h_0: [0.25],
  xs: [[1]],
  ys: [0],
};

const violated: CheckOutcome = {
  status: 'violated',
  witness: {
    quantity: 'q',
    claimed: [[1]],
    actual: [[2]],
    absError: 1,
    relError: 0.5,
    threshold: 2e-10,
  },
};

const notConfirmed: HPOutcome = {
  violated: false,
  digits: 60,
  claimed: [['1']],
  actual: [['1']],
  absError: '0',
  relError: '0',
};

/** A claim on one fixed case whose check and re-check are given. */
function claim(check: (input: ClaimInput) => CheckOutcome, recheckHP?: () => HPOutcome): Claim {
  return {
    id: 'demo.search',
    section: '-',
    statement: '-',
    reading: '-',
    expected: 'holds',
    rationale: '-',
    kind: 'identity',
    numRuns: 10,
    cellList: [{ activation: null, expected: 'holds', why: '-', declared: false }],
    params: STEP_PARAMS,
    arbitrary: () => fc.constant({ case: c, params: { t: 1 } }),
    check,
    ...(recheckHP ? { recheckHP } : {}),
  };
}

const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-search-'));

describe('searchClaim options', () => {
  test("stopOn 'certified': a float64 violation the 60-digit re-check does not confirm passes (an artifact); the ledger stops on it", () => {
    const c1 = claim(
      () => violated,
      () => notConfirmed,
    );
    const certified = searchClaim(c1, { seed: 1, storeDir, stopOn: 'certified' });
    expect(certified.failure).toBeNull();
    expect(certified.tally.artifact).toBe(10);
    const ledger = searchClaim(c1, { seed: 1, storeDir, save: false });
    expect(ledger.found).toBeNull();
    expect(ledger.failure).toMatch(/not confirmed at 60 digits: a numerical artifact/);
  });

  test("checkErrors 'throw' rethrows the check's exception; by default it is a failure line", () => {
    const boom = claim(() => {
      throw new TypeError('boom');
    });
    expect(() => searchClaim(boom, { seed: 1, storeDir, checkErrors: 'throw' })).toThrow(/boom/);
    expect(searchClaim(boom, { seed: 1, storeDir }).failure).toMatch(/the check threw: .*boom/);
  });

  test('onRun sees each search run once, shrinking excluded', () => {
    const seen: number[] = [];
    let calls = 0;
    const r = searchClaim(
      claim(() => (++calls === 4 ? violated : { status: 'pass' })),
      { seed: 1, storeDir, save: false, onRun: (_o, done, total) => seen.push(done, total) },
    );
    expect(r.runs).toBe(4);
    expect(seen).toEqual([1, 10, 2, 10, 3, 10, 4, 10]);
  });

  test('timeLimitMs stops a slow search: no failure, interrupted, fewer runs than the budget', () => {
    const slow = claim(() => {
      const end = Date.now() + 20;
      while (Date.now() < end);
      return { status: 'pass' };
    });
    const r = searchClaim(slow, { seed: 1, storeDir, numRuns: 1000, timeLimitMs: 200 });
    expect(r.interrupted).toBe(true);
    expect(r.failure).toBeNull();
    expect(r.runs).toBeLessThan(1000);
    expect(r.tally.pass).toBe(r.runs);
  });

  test('timeLimitMs before the first case: interrupted with 0 runs, not a failure', () => {
    const r = searchClaim(
      claim(() => ({ status: 'pass' })),
      { seed: 1, storeDir, timeLimitMs: 0 },
    );
    expect(r).toMatchObject({ interrupted: true, runs: 0, failure: null, found: null });
  });
});
