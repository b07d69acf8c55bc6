import { describe, expect, test } from 'vitest';
import { evidence, formatReportLine } from './ledgerLine.js';
import type { ClaimReport } from './runner.js';
import { emptyTally } from './search.js';

function report(kind: ClaimReport['kind'], maxCloseness: number | null): ClaimReport {
  return {
    id: 'demo',
    section: '§0',
    statement: 'demo',
    kind,
    expected: 'holds',
    observed: 'holds',
    ok: true,
    seed: 7,
    runs: 10,
    tally: { ...emptyTally(), pass: 9, skip: 1 },
    byFamily: {},
    maxCloseness,
    counterexample: null,
    searchFound: false,
    unsaved: null,
    replays: [],
    problems: [],
    badFiles: [],
    skipReasons: {},
    numericalSkipReasons: {},
  };
}

describe('the ledger line', () => {
  test('an identity shows its relative error; a bound shows how near the runs came to it', () => {
    expect(evidence(report('identity', 3e-16))).toContain('max rel. error 3.00e-16');
    expect(evidence(report('inequality', 1))).toContain('max closeness to the bound 1.00e+0');
    expect(evidence(report('limit', 0.5))).not.toContain('rel. error');
    expect(evidence(report('identity', null))).not.toContain('max');
  });

  test('id · section · verdicts · evidence · seed, and one ✗ line per problem', () => {
    const ok = formatReportLine(report('identity', null));
    expect(ok).toBe(
      'ok   demo · §0 · expected holds · observed holds · 10 runs, 9 pass, 1 outside hypothesis · seed 7',
    );
    const bad = formatReportLine({ ...report('identity', null), ok: false, problems: ['a', 'b'] });
    expect(bad.split('\n')).toEqual([expect.stringMatching(/^FAIL demo/), '     ✗ a', '     ✗ b']);
  });
});
