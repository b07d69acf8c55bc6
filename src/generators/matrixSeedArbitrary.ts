import fc from 'fast-check';
import { type EntryKind, entryArbitrary } from './entryArbitrary.js';
import { vectorArbitrary } from './vectorArbitrary.js';

// Pythagorean triples: each rotation is orthogonal up to one rounding per entry. Index 0 is the
// identity, the shrink target.
/** The (cos θ, sin θ) pairs of the 2×2 rotations a seed may use. */
export const ROTATIONS: readonly (readonly [number, number])[] = [
  [1, 0],
  [0, 1],
  [3 / 5, 4 / 5],
  [4 / 5, 3 / 5],
  [5 / 13, 12 / 13],
  [12 / 13, 5 / 13],
  [8 / 17, 15 / 17],
];

/** Gains c of the scaledOrthogonal family c·Q: below, at and above 1 (‖c·Q‖₂ = c). Index 0 is 1. */
export const GAINS: readonly number[] = [1, 1 / 2, 2, 7 / 8, 9 / 8, 3 / 4, 5 / 4, 1 / 4, 3 / 2, 4];

/** Factors of the off-diagonal entries of the triangular family (its non-normality). */
export const BOOSTS: readonly number[] = [4, 8, 16];

// The family and the order n ≤ size are applied afterwards (buildMatrix), so shrinking n or
// switching the family keeps every other parameter.
/** The raw parameters every matrix family is built from, drawn at a maximal size. */
export interface MatrixSeed {
  /** The size the seed was drawn at. */
  readonly size: number;
  /** size×size base entries in [−3, 3], row-major. */
  readonly entries: readonly number[];
  /** Whether permutation similarity / permuted columns are applied. */
  readonly permute: boolean;
  /** Sort keys: the permutation of order n orders 0…n−1 by keys[0…n−1] (ties by index). */
  readonly keys: readonly number[];
  /** Sign flips of the signed permutation (true = −1). */
  readonly negate: readonly boolean[];
  /** ⌊size/2⌋ indices into ROTATIONS, one per coordinate pair (2k, 2k+1). */
  readonly rotations: readonly number[];
  /** Index into GAINS. */
  readonly gain: number;
  /** Index into BOOSTS. */
  readonly boost: number;
}

/** Options of matrixSeedArbitrary. */
export interface MatrixSeedConstraints {
  /**
   * The maximal order the seed serves; it builds any n×n family member with n ≤ size.
   * @defaultValue 8
   */
  size?: number;
  /**
   * Kinds of the base entries (see entryArbitrary).
   * @defaultValue ENTRY_KINDS (integer, dyadic, double)
   */
  kinds?: readonly EntryKind[];
}

/** Fixed-length array of item: its items shrink, its length never does. */
function fixed<T>(item: fc.Arbitrary<T>, length: number): fc.Arbitrary<T[]> {
  return vectorArbitrary({ item, length });
}

/** The raw parameters of a structured matrix of order ≤ size, shrinking toward zeros and identities. */
export function matrixSeedArbitrary(
  constraints: MatrixSeedConstraints = {},
): fc.Arbitrary<MatrixSeed> {
  const size = constraints.size ?? 8;
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`matrixSeedArbitrary: size must be an integer ≥ 1, got ${size}`);
  }
  return fc
    .tuple(
      fixed(entryArbitrary({ kinds: constraints.kinds }), size * size),
      fc.boolean(),
      fixed(fc.integer({ min: 0, max: 255 }), size),
      fixed(fc.boolean(), size),
      fixed(fc.integer({ min: 0, max: ROTATIONS.length - 1 }), Math.floor(size / 2)),
      fc.integer({ min: 0, max: GAINS.length - 1 }),
      fc.integer({ min: 0, max: BOOSTS.length - 1 }),
    )
    .map(([entries, permute, keys, negate, rotations, gain, boost]) => ({
      size,
      entries,
      permute,
      keys,
      negate,
      rotations,
      gain,
      boost,
    }));
}
