import { describe, expect, test } from 'vitest';
import { toRows } from '../numerics/Mat.js';
import { toModel } from './caseFile.js';
import { periodicModel } from './periodic.js';

describe('periodic continuation', () => {
  const c = {
    activation: 'identity' as const,
    W_R: [[0.5]],
    W_I: [[1]],
    b_R: [0],
    W_O: [[1], [0]],
    b_O: [0, 0],
    h_0: [1],
    xs: [[1], [2]],
    ys: [0, 1],
  };

  test('repeats x_t and y_t with period T', () => {
    const e = periodicModel(toModel(c), 5);
    expect(e.T).toBe(5);
    expect(toRows(e.xs)).toEqual([[1], [2], [1], [2], [1]]);
    expect(Array.from(e.ys)).toEqual([0, 1, 0, 1, 0]);
  });

  test('horizon T copies the model; a shorter horizon cuts it', () => {
    const m = toModel(c);
    const same = periodicModel(m, 2);
    expect(toRows(same.xs)).toEqual(c.xs);
    expect(Array.from(same.ys)).toEqual(c.ys);
    expect(toRows(periodicModel(m, 1).xs)).toEqual([[1]]);
  });
});
