import { describe, expect, it } from 'vitest';
import { fromRows } from '../Mat.js';
import { HP } from './decimal.js';
import {
  hpAdd,
  hpFromMat,
  hpFromRows,
  hpFromVec,
  hpIdentity,
  hpMat,
  hpMatmul,
  hpMatTvec,
  hpMatvec,
  hpMaxAbs,
  hpMaxAbsDiff,
  hpScale,
  hpScaleCols,
  hpSub,
  hpToMat,
  hpToVec,
  hpTranspose,
  hpZeros,
} from './hpMat.js';

const rows = (r: number[][]) => hpFromRows(r.map((row) => row.map((x) => new HP(x))));
const strs = (a: { data: InstanceType<typeof HP>[] }) => a.data.map((x) => x.toString());

describe('hpMat', () => {
  it('converts doubles exactly, not by their shortest decimal', () => {
    const a = hpFromMat(fromRows([[0.1, -2.5]]));
    expect(a.data[0].toString()).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(a.data[1].toString()).toBe('-2.5');
    expect(hpFromVec([0.1])[0].eq(a.data[0])).toBe(true);
    expect(Array.from(hpToMat(a).data)).toEqual([0.1, -2.5]);
    expect(Array.from(hpToVec(a.data))).toEqual([0.1, -2.5]);
  });

  it('multiplies matrices and vectors', () => {
    const a = rows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = rows([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    expect(strs(hpMatmul(a, b))).toEqual(['58', '64', '139', '154']);
    expect(hpMatvec(a, [new HP(1), new HP(0), new HP(-1)]).map(String)).toEqual(['-2', '-2']);
    expect(hpMatTvec(a, [new HP(1), new HP(-1)]).map(String)).toEqual(['-3', '-3', '-3']);
    expect(strs(hpMatmul(hpIdentity(2), a))).toEqual(strs(a));
    expect(() => hpMatmul(a, a)).toThrow(RangeError);
    expect(() => hpMatvec(a, [new HP(1)])).toThrow(RangeError);
  });

  it('adds, subtracts, scales and transposes', () => {
    const a = rows([
      [1, 2],
      [3, 4],
    ]);
    const b = rows([
      [10, 20],
      [30, 40],
    ]);
    expect(strs(hpAdd(a, b))).toEqual(['11', '22', '33', '44']);
    expect(strs(hpSub(a, b))).toEqual(['-9', '-18', '-27', '-36']);
    expect(strs(hpScale(a, 0.5))).toEqual(['0.5', '1', '1.5', '2']);
    // a·diag(d) scales columns.
    expect(strs(hpScaleCols(a, [new HP(2), new HP(-1)]))).toEqual(['2', '-2', '6', '-4']);
    expect(strs(hpTranspose(rows([[1, 2, 3]])))).toEqual(['1', '2', '3']);
    expect(hpTranspose(rows([[1, 2, 3]])).rows).toBe(3);
    expect(() => hpAdd(a, rows([[1, 2]]))).toThrow(RangeError);
    expect(() => hpMat(2, 2, [new HP(1)])).toThrow(RangeError);
  });

  it('measures max |entry| and max |a − b| at full precision', () => {
    const a = rows([[1, -7]]);
    expect(hpMaxAbs(a).toString()).toBe('7');
    expect(hpMaxAbs(hpZeros(0, 0)).toString()).toBe('0');
    const tiny = new HP('1e-55');
    const b = hpFromRows([[new HP(1).plus(tiny), new HP(-7)]]);
    expect(hpMaxAbsDiff(a, b).eq(tiny)).toBe(true);
    expect(hpMaxAbsDiff(a.data, b.data).eq(tiny)).toBe(true);
    expect(() => hpMaxAbsDiff(a, rows([[1], [2]]))).toThrow(RangeError);
  });
});
