/** Shared inputs of the exact-arithmetic tests: few-bit dyadic entries, square matrices of them, 60-digit matrices, a known case. */

import fc from 'fast-check';
import type { Case } from '../model/caseFile.js';
import { HP } from '../numerics/exact/decimal.js';
import { type HPMat, hpFromRows } from '../numerics/exact/hpMat.js';

/** Dyadic entries k/8, k ∈ [−24, 24]: exact in float64, and exactly what the constructed families use. */
export const dyadicEntry = fc.integer({ min: -24, max: 24 }).map((k) => k / 8);

/** Square matrices (as rows) of size 1 … maxN with the given entries. */
export const squareRows = (maxN: number, entry: fc.Arbitrary<number> = dyadicEntry) =>
  fc
    .integer({ min: 1, max: maxN })
    .chain((n) =>
      fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
    );

/** A 60-digit matrix from rows of doubles (each converted exactly). */
export const hpRows = (rows: number[][]): HPMat =>
  hpFromRows(rows.map((r) => r.map((x) => new HP(x))));

/**
 * The nilpotent relu fixed point: W_R = [[1, 1], [−1, −1]], b_R = 0, h_0 = (1, −1) = h_t for
 * every t, J = W_R diag(1, 0) = [[1, 0], [−1, 0]] idempotent.
 */
export const NILPOTENT_RELU_FIXED_POINT: Case = {
  activation: 'relu',
  W_R: [
    [1, 1],
    [-1, -1],
  ],
  W_I: [[0], [0]],
  b_R: [0, 0],
  W_O: [[1, 0]],
  b_O: [0],
  h_0: [1, -1],
  xs: [[0]],
  ys: [0],
};
