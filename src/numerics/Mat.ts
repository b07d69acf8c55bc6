/** A dense row-major float64 matrix: entry (i, j) lives at data[i * cols + j]. */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Allocates a rows×cols matrix, zero-filled unless data is given (data is used, not copied). */
export function mat(rows: number, cols: number, data?: Float64Array): Mat {
  if (data !== undefined && data.length !== rows * cols) {
    throw new RangeError(`mat: data has ${data.length} entries, expected ${rows}×${cols}`);
  }
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

/** The n×n identity. */
export function identity(n: number): Mat {
  const out = mat(n, n);
  for (let i = 0; i < n; i++) out.data[i * n + i] = 1;
  return out;
}

/** Builds a matrix from nested arrays (rows of equal length; zero rows need cols). */
export function fromRows(rows: readonly (readonly number[])[], cols = rows[0]?.length ?? 0): Mat {
  const out = mat(rows.length, cols);
  rows.forEach((row, i) => {
    out.data.set(row, i * cols);
  });
  return out;
}

/** The matrix as nested plain arrays, row by row. */
export function toRows(a: Mat): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++)
    out.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return out;
}

/** The transpose aᵀ. */
export function transpose(a: Mat): Mat {
  const out = mat(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  }
  return out;
}
