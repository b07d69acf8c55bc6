import { describe, expect, test } from 'vitest';
import { type Case, CaseError, parseCase, toCase, toModel, validateCase } from './caseFile.js';

const good: Case = {
  activation: 'relu',
  W_R: [
    [0.5, -1],
    [2, 0],
  ],
  W_I: [
    [1, 0, 0],
    [0, 1, 0],
  ],
  b_R: [0, 1],
  W_O: [
    [1, 1],
    [0, -1],
    [2, 0],
  ],
  b_O: [0, 0, 1],
  h_0: [0.25, -0.5],
  xs: [
    [1, 2, 3],
    [0, 0, 1],
  ],
  ys: [2, 0],
};

function fieldOf(raw: unknown): string {
  try {
    validateCase(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(CaseError);
    return (e as CaseError).field;
  }
  throw new Error('expected a CaseError');
}

describe('case file validation names the field at fault', () => {
  test('a valid case round-trips through the typed model', () => {
    expect(toCase(toModel(validateCase(good)))).toEqual(good);
  });
  const cases: [string, unknown, string][] = [
    ['not an object', [1, 2], '(root)'],
    ['unknown key', { ...good, W_X: [] }, 'W_X'],
    ['missing key', { ...good, ys: undefined }, 'ys'],
    ['unknown activation', { ...good, activation: 'swish' }, 'activation'],
    [
      'W_R not square',
      {
        ...good,
        W_R: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
      'W_R[0]',
    ],
    ['W_R empty', { ...good, W_R: [] }, 'W_R'],
    [
      'ragged W_I',
      {
        ...good,
        W_I: [
          [1, 0, 0],
          [0, 1],
        ],
      },
      'W_I[1]',
    ],
    ['b_R too short', { ...good, b_R: [0] }, 'b_R'],
    ['W_O wrong width', { ...good, W_O: [[1], [0], [2]] }, 'W_O[0]'],
    ['b_O wrong length', { ...good, b_O: [0, 0] }, 'b_O'],
    ['h_0 has a string', { ...good, h_0: [0.25, '1'] }, 'h_0[1]'],
    [
      'xs wrong width',
      {
        ...good,
        xs: [
          [1, 2, 3],
          [0, 1],
        ],
      },
      'xs[1]',
    ],
    ['ys wrong length', { ...good, ys: [1] }, 'ys'],
    ['class out of range', { ...good, ys: [3, 0] }, 'ys[0]'],
    ['class not an integer', { ...good, ys: [0.5, 0] }, 'ys[0]'],
    ['non-finite number', { ...good, b_R: [0, Number.POSITIVE_INFINITY] }, 'b_R[1]'],
    [
      'NaN',
      {
        ...good,
        W_R: [
          [0.5, Number.NaN],
          [2, 0],
        ],
      },
      'W_R[0][1]',
    ],
    ['null entry', { ...good, W_O: [[1, 1], null, [2, 0]] }, 'W_O[1]'],
    ['huge n', { ...good, W_R: new Array(100_000).fill([]) }, 'W_R'],
  ];
  for (const [what, raw, field] of cases) {
    test(`${what} → ${field}`, () => {
      expect(fieldOf(raw)).toBe(field);
    });
  }
  test('invalid JSON and 1e999 (which JSON.parse makes Infinity) are refused', () => {
    expect(() => parseCase('{"activation": ')).toThrow(/invalid JSON/);
    expect(() => parseCase(JSON.stringify(good).replace('0.25', '1e999'))).toThrow(
      /h_0\[0\]: expected a finite number/,
    );
  });
});
