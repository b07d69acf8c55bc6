import { type Mat, mat } from '../Mat.js';
import { HP, type HPNumber, toHP } from './decimal.js';

/** A dense row-major high-precision matrix: entry (i, j) lives at data[i * cols + j]. */
export interface HPMat {
  readonly rows: number;
  readonly cols: number;
  readonly data: HPNumber[];
}

// decimal.js values are immutable, so one shared zero is safe to put in many cells.
const ZERO = new HP(0);
const ONE = new HP(1);

/** The rows×cols zero matrix. */
export function hpZeros(rows: number, cols: number): HPMat {
  return { rows, cols, data: new Array<HPNumber>(rows * cols).fill(ZERO) };
}

/** A rows×cols matrix over the given row-major entries (used, not copied). */
export function hpMat(rows: number, cols: number, data: HPNumber[]): HPMat {
  if (data.length !== rows * cols) {
    throw new RangeError(`hpMat: data has ${data.length} entries, expected ${rows}×${cols}`);
  }
  return { rows, cols, data };
}

/** The n×n identity. */
export function hpIdentity(n: number): HPMat {
  const out = hpZeros(n, n);
  for (let i = 0; i < n; i++) out.data[i * n + i] = ONE;
  return out;
}

/** Builds a matrix from rows of high-precision numbers (rows of equal length; zero rows need cols). */
export function hpFromRows(
  rows: readonly (readonly HPNumber[])[],
  cols = rows[0]?.length ?? 0,
): HPMat {
  const data: HPNumber[] = [];
  rows.forEach((row, i) => {
    if (row.length !== cols)
      throw new RangeError(`hpFromRows: row ${i} has ${row.length} entries, expected ${cols}`);
    data.push(...row);
  });
  return { rows: rows.length, cols, data };
}

/** The exact high-precision value of a float64 matrix (every entry through toHP). */
export function hpFromMat(a: Mat): HPMat {
  return { rows: a.rows, cols: a.cols, data: Array.from(a.data, toHP) };
}

/** The exact high-precision value of a float64 vector (every entry through toHP). */
export function hpFromVec(x: ArrayLike<number>): HPNumber[] {
  return Array.from(x, toHP);
}

/** The float64 matrix nearest entrywise to a. */
export function hpToMat(a: HPMat): Mat {
  return mat(
    a.rows,
    a.cols,
    Float64Array.from(a.data, (x) => x.toNumber()),
  );
}

/** The float64 vector nearest entrywise to x. */
export function hpToVec(x: readonly HPNumber[]): Float64Array {
  return Float64Array.from(x, (v) => v.toNumber());
}

/** a·b. */
export function hpMatmul(a: HPMat, b: HPMat): HPMat {
  if (a.cols !== b.rows)
    throw new RangeError(`hpMatmul: ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
  const n = a.rows;
  const p = a.cols;
  const m = b.cols;
  const out = hpZeros(n, m);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p; k++) {
      const aik = a.data[i * p + k];
      // Exact zeros are common (I ⊗ vᵀ, seeded directions) and skipping them changes no value.
      if (aik.isZero()) continue;
      for (let j = 0; j < m; j++)
        out.data[i * m + j] = out.data[i * m + j].plus(aik.times(b.data[k * m + j]));
    }
  }
  return out;
}

/** a·x for a vector x. */
export function hpMatvec(a: HPMat, x: readonly HPNumber[]): HPNumber[] {
  if (a.cols !== x.length) throw new RangeError(`hpMatvec: ${a.rows}×${a.cols} · ${x.length}`);
  const out: HPNumber[] = [];
  for (let i = 0; i < a.rows; i++) {
    let acc = ZERO;
    for (let j = 0; j < a.cols; j++) acc = acc.plus(a.data[i * a.cols + j].times(x[j]));
    out.push(acc);
  }
  return out;
}

/** aᵀ·y for a vector y. */
export function hpMatTvec(a: HPMat, y: readonly HPNumber[]): HPNumber[] {
  if (a.rows !== y.length) throw new RangeError(`hpMatTvec: (${a.rows}×${a.cols})ᵀ · ${y.length}`);
  const out: HPNumber[] = [];
  for (let j = 0; j < a.cols; j++) {
    let acc = ZERO;
    for (let i = 0; i < a.rows; i++) acc = acc.plus(a.data[i * a.cols + j].times(y[i]));
    out.push(acc);
  }
  return out;
}

function checkSameShape(what: string, a: HPMat, b: HPMat): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new RangeError(`${what}: ${a.rows}×${a.cols} vs ${b.rows}×${b.cols}`);
  }
}

/** a + b. */
export function hpAdd(a: HPMat, b: HPMat): HPMat {
  checkSameShape('hpAdd', a, b);
  return { rows: a.rows, cols: a.cols, data: a.data.map((x, i) => x.plus(b.data[i])) };
}

/** a − b. */
export function hpSub(a: HPMat, b: HPMat): HPMat {
  checkSameShape('hpSub', a, b);
  return { rows: a.rows, cols: a.cols, data: a.data.map((x, i) => x.minus(b.data[i])) };
}

/** s·a for a scalar s (a number is taken exactly, through toHP). */
export function hpScale(a: HPMat, s: HPNumber | number): HPMat {
  const k = typeof s === 'number' ? toHP(s) : s;
  return { rows: a.rows, cols: a.cols, data: a.data.map((x) => x.times(k)) };
}

/** a·diag(d): column j of a multiplied by d[j]. */
export function hpScaleCols(a: HPMat, d: readonly HPNumber[]): HPMat {
  if (a.cols !== d.length)
    throw new RangeError(`hpScaleCols: ${a.rows}×${a.cols} · diag(${d.length})`);
  return { rows: a.rows, cols: a.cols, data: a.data.map((x, i) => x.times(d[i % a.cols])) };
}

/** aᵀ. */
export function hpTranspose(a: HPMat): HPMat {
  const out = hpZeros(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  }
  return out;
}

/** max |entry| of a matrix or vector (0 when empty). */
export function hpMaxAbs(a: HPMat | readonly HPNumber[]): HPNumber {
  const data = 'data' in a ? a.data : a;
  let mx = ZERO;
  for (const x of data) {
    const ax = x.abs();
    if (ax.gt(mx)) mx = ax;
  }
  return mx;
}

/** max |a − b| over entries, for matrices (same shape) or vectors (same length). */
export function hpMaxAbsDiff(
  a: HPMat | readonly HPNumber[],
  b: HPMat | readonly HPNumber[],
): HPNumber {
  const isMatA = 'data' in a;
  const isMatB = 'data' in b;
  if (isMatA !== isMatB) throw new RangeError('hpMaxAbsDiff: a matrix against a vector');
  if (isMatA && isMatB) checkSameShape('hpMaxAbsDiff', a, b);
  const da = isMatA ? a.data : a;
  const db = isMatB ? b.data : b;
  if (da.length !== db.length)
    throw new RangeError(`hpMaxAbsDiff: ${da.length} vs ${db.length} entries`);
  let mx = ZERO;
  for (let i = 0; i < da.length; i++) {
    const d = da[i].minus(db[i]).abs();
    if (d.gt(mx)) mx = d;
  }
  return mx;
}

/** ‖v‖₂ at 60 digits. */
export function hpNorm2(v: readonly HPNumber[]): HPNumber {
  let s = new HP(0);
  for (const x of v) s = s.plus(x.pow(2));
  return s.sqrt();
}
