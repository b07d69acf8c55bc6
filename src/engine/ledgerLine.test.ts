import { describe, expect, test } from 'vitest';
import {
  evidence,
  formatLedgerRow,
  formatReportLine,
  ledgerColumns,
  ledgerHeader,
  verdictMatrix,
} from './ledgerLine.js';
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
    cells: [],
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

  test('the aligned ledger: every column starts where its header does, the evidence last', () => {
    const a = { ...report('identity', null), id: 'a.short', section: '4.1, Σ → ∞' };
    const b = {
      ...report('inequality', 0.5),
      id: 'b.a-much-longer-id',
      section: '3',
      observed: 'refuted' as const,
      ok: false,
      problems: ['expected holds, observed refuted'],
    };
    const cols = ledgerColumns([a, b]);
    const lines = [
      ledgerHeader(cols),
      formatLedgerRow(a, cols),
      formatLedgerRow(b, cols, ' · 1.0 s'),
    ];
    // Columns are counted in code points: Σ, → and ∞ take one column each.
    const at = (line: string, word: string) => [...line.slice(0, line.indexOf(word))].length;
    const head = lines[0];
    for (const [col, values] of [
      ['claim', ['a.short', 'b.a-much-longer-id']],
      ['section', ['4.1, Σ → ∞', '3']],
      ['expected', ['holds', 'holds']],
      ['evidence', ['10 runs', '10 runs']],
    ] as const) {
      expect(at(lines[1], values[0]), col).toBe(at(head, col));
      expect(at(lines[2], values[1]), col).toBe(at(head, col));
    }
    expect(at(lines[2], 'refuted')).toBe(at(head, 'observed'));
    expect(lines[1]).toMatch(/^ok {4}a\.short /);
    expect(lines[2].split('\n')).toEqual([
      expect.stringMatching(/^FAIL {2}b\.a-much-longer-id .* · seed 7 · 1\.0 s$/),
      '     ✗ expected holds, observed refuted',
    ]);
  });
});

describe('verdictMatrix: one row per claim, one column per activation', () => {
  test('marks each cell by its observed verdict, flags drift, says σ-free and counts open cells', () => {
    const base = report('identity', null);
    const cell = (activation: string | null, expected: string, observed: string) => ({
      ...base,
      activation,
      expected,
      observed,
      why: '-',
      declared: false,
    });
    const rows = [
      {
        ...base,
        id: 'a.row',
        cells: [cell('identity', 'holds', 'holds'), cell('tanh', 'refuted', 'open')],
      },
      { ...base, id: 'b.free', cells: [cell(null, 'refuted', 'refuted')] },
    ] as unknown as ClaimReport[];
    const text = verdictMatrix(rows, ['identity', 'tanh', 'relu']).split('\n');
    expect(text[0]).toMatch(/^claim\s+id\s+tanh\s+relu$/);
    // tanh drifted (expected refuted, observed open); relu is outside the row's cells
    expect(text[1]).toMatch(/^a\.row\s+✓\s+\?!\s+—\s*$/);
    expect(text[2]).toMatch(/^b\.free\s+✗\s+"\s+"\s+\(σ-free/);
    expect(text.at(-1)).toBe('3 cells judged: 1 open, 1 drifted');
  });
});
