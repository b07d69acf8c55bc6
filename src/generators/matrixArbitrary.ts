import fc from 'fast-check';
import type { EntryKind } from './entryArbitrary.js';
import {
  BOOSTS,
  GAINS,
  type MatrixSeed,
  matrixSeedArbitrary,
  ROTATIONS,
} from './matrixSeedArbitrary.js';

/** The structural families of the recurrent matrix W_R. */
export const MATRIX_FAMILIES = [
  'dense',
  'symmetric',
  'normal',
  'nilpotent',
  'triangular',
  'scaledOrthogonal',
  'zero',
  'diagonal',
] as const;

/** One of MATRIX_FAMILIES. */
export type MatrixFamily = (typeof MATRIX_FAMILIES)[number];

/** True when name is one of MATRIX_FAMILIES. */
export function isMatrixFamily(name: unknown): name is MatrixFamily {
  return typeof name === 'string' && (MATRIX_FAMILIES as readonly string[]).includes(name);
}

/** A square matrix with the family it was built as. */
export interface GeneratedMatrix {
  family: MatrixFamily;
  /** n×n entries, row by row. */
  rows: number[][];
}

/** Options of matrixArbitrary. */
export interface MatrixConstraints {
  /** The order n of the matrix (required: callers choose n). */
  n: number;
  /**
   * The families to draw from, uniformly; shrinking goes toward the first of the list.
   * @defaultValue MATRIX_FAMILIES (all eight)
   */
  families?: readonly MatrixFamily[];
  /**
   * Kinds of the base entries (see entryArbitrary).
   * @defaultValue ENTRY_KINDS (integer, dyadic, double)
   */
  kinds?: readonly EntryKind[];
}

/** Standard deviation of entryArbitrary's default mix: √((3·4 + 3·3.125 + 2·3)/8) ≈ 1.85. */
const ENTRY_STD = 1.85;

// The entries of a dense or symmetric matrix then have standard deviation ≈ 1/√n, so its spectral
// radius is of order 1; a power of two keeps integer and dyadic entries exact dyadics.
/** The power of two closest (in log scale) to 1/(ENTRY_STD·√n), the entry scale of dense matrices. */
export function denseScale(n: number): number {
  return 2 ** Math.round(-Math.log2(ENTRY_STD * Math.sqrt(n)));
}

function zeros(n: number): number[][] {
  const out: number[][] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = new Array<number>(n).fill(0);
  return out;
}

/** a·b for square matrices as rows. */
function multiply(a: readonly number[][], b: readonly number[][]): number[][] {
  const n = a.length;
  const out = zeros(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i][k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i][j] += aik * b[k][j];
    }
  }
  return out;
}

function transposed(a: readonly number[][]): number[][] {
  return a.map((_, i) => a.map((row) => row[i]));
}

/** The permutation π of 0…n−1 ordering the indices by (keys[i], i); the identity unless permute. */
function permutation(seed: MatrixSeed, n: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  if (!seed.permute) return idx;
  return idx.sort((i, j) => seed.keys[i] - seed.keys[j] || i - j);
}

/**
 * The orthogonal Q = G·P·S of order n: S the sign flips, P the permutation matrix with
 * P[i][π(i)] = 1, G the block rotation acting on the coordinate pairs (2k, 2k+1) with 2k+1 < n
 * (a trailing odd coordinate is left alone). Rows of P·S are ±unit vectors; G mixes row pairs.
 */
function orthogonal(seed: MatrixSeed, n: number): number[][] {
  const pi = permutation(seed, n);
  const q = zeros(n);
  for (let i = 0; i < n; i++) q[i][pi[i]] = seed.negate[pi[i]] ? -1 : 1;
  for (let k = 0; 2 * k + 1 < n; k++) {
    const [c, s] = ROTATIONS[seed.rotations[k]];
    const r0 = q[2 * k];
    const r1 = q[2 * k + 1];
    q[2 * k] = r0.map((x, j) => c * x - s * r1[j]);
    q[2 * k + 1] = r0.map((x, j) => s * x + c * r1[j]);
  }
  return q;
}

// Pure, so a case can be rebuilt from its seed at any n; E(i, j) is the seed's base entry in [−3, 3].
/** The n×n member of family built from seed (n ≤ seed.size). */
export function buildMatrix(family: MatrixFamily, seed: MatrixSeed, n: number): number[][] {
  if (n > seed.size)
    throw new RangeError(`buildMatrix: n = ${n} exceeds the seed size ${seed.size}`);
  const E = (i: number, j: number) => seed.entries[i * seed.size + j];
  const rows = zeros(n);
  switch (family) {
    case 'zero':
      break;
    case 'dense': {
      const s = denseScale(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rows[i][j] = s * E(i, j);
      break;
    }
    case 'symmetric': {
      // The upper triangle of E mirrored: exact, and the top-left block of a symmetric matrix.
      const s = denseScale(n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) rows[i][j] = s * E(Math.min(i, j), Math.max(i, j));
      break;
    }
    case 'diagonal':
      for (let i = 0; i < n; i++) rows[i][i] = E(i, i) / 2;
      break;
    case 'nilpotent': {
      // N strictly upper triangular (Nⁿ = 0), made P·N·Pᵀ: (P N Pᵀ)[i][j] = N[π(i)][π(j)].
      const pi = permutation(seed, n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) if (pi[i] < pi[j]) rows[i][j] = E(pi[i], pi[j]);
      }
      break;
    }
    case 'triangular': {
      // Small diagonal (the spectrum) under large off-diagonal entries: ‖W‖ ≫ ρ(W), strongly non-normal.
      const boost = BOOSTS[seed.boost];
      for (let i = 0; i < n; i++) {
        rows[i][i] = E(i, i) / 2;
        for (let j = i + 1; j < n; j++) rows[i][j] = boost * E(i, j);
      }
      break;
    }
    case 'scaledOrthogonal': {
      const c = GAINS[seed.gain];
      const q = orthogonal(seed, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rows[i][j] = c * q[i][j];
      break;
    }
    case 'normal': {
      // B = ⊕ [[a, −b], [b, a]] (⊕ a for odd n), the real normal form; Q·B·Qᵀ is normal for any
      // orthogonal Q, and non-symmetric when some b ≠ 0. Exact when Q is a signed permutation.
      const b = zeros(n);
      for (let k = 0; 2 * k + 1 < n; k++) {
        const re = E(2 * k, 2 * k) / 2;
        const im = E(2 * k, 2 * k + 1) / 2;
        b[2 * k][2 * k] = re;
        b[2 * k + 1][2 * k + 1] = re;
        b[2 * k][2 * k + 1] = -im;
        b[2 * k + 1][2 * k] = im;
      }
      if (n % 2 === 1) b[n - 1][n - 1] = E(n - 1, n - 1) / 2;
      const q = orthogonal(seed, n);
      const qbqt = multiply(multiply(q, b), transposed(q));
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rows[i][j] = qbqt[i][j];
      break;
    }
  }
  // −0 (from sign flips) becomes 0, so that the matrix survives a JSON round trip unchanged.
  for (const row of rows) for (let j = 0; j < n; j++) row[j] += 0;
  return rows;
}

/** An n×n matrix from one of the structural families, with entries shrinking toward simple numbers. */
export function matrixArbitrary(constraints: MatrixConstraints): fc.Arbitrary<GeneratedMatrix> {
  const { n } = constraints;
  const families = constraints.families ?? MATRIX_FAMILIES;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`matrixArbitrary: n must be an integer ≥ 1, got ${n}`);
  }
  if (families.length === 0) throw new RangeError('matrixArbitrary: families must not be empty');
  for (const f of families) {
    if (!isMatrixFamily(f))
      throw new RangeError(`matrixArbitrary: unknown family ${JSON.stringify(f)}`);
  }
  return fc
    .tuple(fc.constantFrom(...families), matrixSeedArbitrary({ size: n, kinds: constraints.kinds }))
    .map(([family, seed]) => ({ family, rows: buildMatrix(family, seed, n) }));
}
