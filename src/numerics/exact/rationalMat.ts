/**
 * Dense matrices of exact rationals: products, inverse, null vectors, and the conversion of float64
 * matrices (exact: every double is a dyadic rational).
 */

import type { Mat } from '../Mat.js';
import { lcm, Rational } from './rational.js';

/** A dense row-major matrix of rationals. */
export interface RationalMat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Rational[];
}

/** The exact rational matrix of nested float64 rows. */
export function rationalFromRows(rows: readonly (readonly number[])[]): RationalMat {
  const cols = rows[0]?.length ?? 0;
  return {
    rows: rows.length,
    cols,
    data: rows.flatMap((r) => r.map((x) => Rational.fromDouble(x))),
  };
}

/** The n×n rational matrix of a float64 matrix, exactly. */
export function rationalFromMat(a: Mat): RationalMat {
  return { rows: a.rows, cols: a.cols, data: Array.from(a.data, (x) => Rational.fromDouble(x)) };
}

/** a·b exactly. */
export function rationalMatmul(a: RationalMat, b: RationalMat): RationalMat {
  if (a.cols !== b.rows) throw new RangeError('rationalMatmul: shapes');
  const data: Rational[] = [];
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let acc = Rational.ZERO;
      for (let k = 0; k < a.cols; k++)
        acc = acc.add(a.data[i * a.cols + k].mul(b.data[k * b.cols + j]));
      data.push(acc);
    }
  }
  return { rows: a.rows, cols: b.cols, data };
}

/** a⁻¹ exactly (Gauss–Jordan on [a | I]), or undefined when a is singular. */
export function rationalInverse(a: RationalMat): RationalMat | undefined {
  const n = a.rows;
  const w = 2 * n;
  const r: Rational[] = [];
  // Stryker disable next-line EqualityOperator: an extra row past the n rows the elimination reads changes nothing
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) r.push(a.data[i * n + j]);
    for (let j = 0; j < n; j++) r.push(i === j ? Rational.ONE : Rational.ZERO);
  }
  // a is invertible iff each of its n columns gets a pivot; [a | I] is then [I | a⁻¹]
  if (reducedRowEchelon(r, n, w, n).length < n) return undefined;
  const data: Rational[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data.push(r[i * w + n + j]);
  return { rows: n, cols: n, data };
}

/** A nonzero vector of the null space of a square rational matrix (exact elimination), or undefined if a is invertible. */
export function rationalNullVector(a: RationalMat): Rational[] | undefined {
  const m = a.cols;
  const r = a.data.slice();
  const pivotCol = reducedRowEchelon(r, a.rows, m, m);
  const free = Array.from({ length: m }, (_, j) => j).find((j) => !pivotCol.includes(j));
  if (free === undefined) return undefined;
  const v: Rational[] = new Array(m).fill(Rational.ZERO);
  v[free] = Rational.ONE;
  pivotCol.forEach((col, i) => {
    v[col] = r[i * m + free].neg();
  });
  return v;
}

/**
 * Brings the rows×cols matrix r (row-major, in place) to reduced row echelon form by Gauss–Jordan
 * elimination, pivoting on the first nonzero entry of each of the first pivotCols columns, and
 * returns the pivot columns (pivot row i holds pivot column i).
 */
function reducedRowEchelon(r: Rational[], rows: number, cols: number, pivotCols: number): number[] {
  const pivotCol: number[] = [];
  let row = 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; once every row has a pivot, no later column finds one
  for (let col = 0; col < pivotCols && row < rows; col++) {
    let p = row;
    while (p < rows && r[p * cols + col].isZero()) p++;
    if (p === rows) continue;
    for (let j = 0; j < cols; j++)
      [r[row * cols + j], r[p * cols + j]] = [r[p * cols + j], r[row * cols + j]];
    const piv = r[row * cols + col];
    for (let j = 0; j < cols; j++) r[row * cols + j] = r[row * cols + j].div(piv);
    for (let i = 0; i < rows; i++) {
      if (i === row || r[i * cols + col].isZero()) continue;
      const f = r[i * cols + col];
      for (let j = 0; j < cols; j++)
        r[i * cols + j] = r[i * cols + j].sub(f.mul(r[row * cols + j]));
    }
    pivotCol.push(col);
    row++;
  }
  return pivotCol;
}

/**
 * Integers and one positive denominator with x_i = ints_i/den exactly (den = the lcm of the
 * denominators): the form in which the integer algorithms decide questions about rationals.
 */
export function clearDenominators(xs: readonly Rational[]): { ints: bigint[]; den: bigint } {
  const den = lcm(xs.map((x) => x.den));
  return { ints: xs.map((x) => x.num * (den / x.den)), den };
}
