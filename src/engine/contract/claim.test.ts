import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ACTIVATION_NAMES } from '../../model/activation.js';
import { type ClaimSpec, defineClaim, rowVerdict } from './claim.js';

/** A minimal declaration; the cells under test are given by each case. */
function spec(over: Partial<ClaimSpec>): ClaimSpec {
  return {
    id: 'demo.cells',
    section: '-',
    statement: '-',
    reading: '-',
    expected: 'holds',
    rationale: 'the rationale',
    kind: 'identity',
    params: {},
    arbitrary: () => fc.constant({ case: {} as never, params: {} }),
    check: () => ({ status: 'pass' }),
    recheckHP: () => ({
      violated: false,
      digits: 60,
      claimed: [],
      actual: [],
      absError: '0',
      relError: '0',
    }),
    ...over,
  };
}

describe('rowVerdict: a row is refuted when a cell is, holds when every cell holds, else open', () => {
  test.each([
    [['holds', 'holds'], 'holds'],
    [['holds', 'refuted', 'open'], 'refuted'],
    [['holds', 'open'], 'open'],
    [[], 'open'],
  ] as const)('%j → %s', (cells, row) => {
    expect(rowVerdict(cells)).toBe(row);
  });
});

describe('defineClaim: the (claim, activation) cells', () => {
  test('by default one cell per activation, each inheriting the verdict and the rationale', () => {
    const c = defineClaim(spec({}));
    expect(c.cellList.map((x) => x.activation)).toEqual([...ACTIVATION_NAMES]);
    expect(c.cellList.every((x) => x.expected === 'holds' && !x.declared)).toBe(true);
    expect(c.cellList[0].why).toBe('the rationale');
  });

  test('a declared cell keeps its own verdict and reason; the domain follows ACTIVATION_NAMES order', () => {
    const c = defineClaim(
      spec({
        expected: 'refuted',
        sigma: ['tanh', 'identity'],
        cells: { identity: { expected: 'holds', why: 'σ′ ≡ 1' } },
      }),
    );
    expect(c.cellList).toEqual([
      { activation: 'identity', expected: 'holds', why: 'σ′ ≡ 1', declared: true },
      { activation: 'tanh', expected: 'refuted', why: 'the rationale', declared: false },
    ]);
  });

  test('otherCells gives the verdict of the cells not declared; the row follows', () => {
    const c = defineClaim(
      spec({
        expected: 'refuted',
        otherCells: 'holds',
        cells: { scaled_tanh: { expected: 'refuted', why: 'γ = 2' } },
      }),
    );
    expect(c.cellList.filter((x) => x.expected === 'refuted').map((x) => x.activation)).toEqual([
      'scaled_tanh',
    ]);
    expect(c.cellList.filter((x) => x.expected === 'holds')).toHaveLength(
      ACTIVATION_NAMES.length - 1,
    );
  });

  test('a σ-free claim has one cell, activation null', () => {
    const c = defineClaim(spec({ sigma: 'none' }));
    expect(c.cellList).toEqual([
      { activation: null, expected: 'holds', why: 'the rationale', declared: false },
    ]);
  });

  test('a declaration whose cells contradict its verdict, or name a σ outside its domain, is refused', () => {
    expect(() => defineClaim(spec({ cells: { tanh: { expected: 'open', why: 'x' } } }))).toThrow(
      /expected holds, but its cells make the row open/,
    );
    expect(() =>
      defineClaim(spec({ sigma: ['identity'], cells: { tanh: { expected: 'holds', why: 'x' } } })),
    ).toThrow(/σ = tanh, outside its σ domain/);
    expect(() =>
      defineClaim(spec({ sigma: 'none', cells: { tanh: { expected: 'holds', why: 'x' } } })),
    ).toThrow(/does not involve σ has no cells/);
    expect(() => defineClaim(spec({ sigma: [] }))).toThrow(/empty σ domain/);
  });
});
