import fc from 'fast-check';
import type { Case } from '../model/caseFile.js';
import { EigenvalueError, eigenvalues } from '../numerics/eigenvalues.js';
import { matmul } from '../numerics/kernels.js';
import { fromRows } from '../numerics/Mat.js';
import { singularValues } from '../numerics/singularValues.js';
import type { ExplodingInput } from './explodingArbitrary.js';
import { buildMatrix, MATRIX_FAMILIES, type MatrixFamily } from './matrixArbitrary.js';
import { matrixSeedArbitrary } from './matrixSeedArbitrary.js';
import { climb, climbMovesArbitrary } from './targetedClimb.js';

/** Largest order of the Lemma 3 matrices. */
const MAX_N = 4;

/**
 * The case that carries a Lemma 3 pair: A = W_R, B = W_O (m = n classes); everything else is zero
 * (σ = identity, one step, one zero input), since the lemma is about the two matrices only.
 */
export function lemma3Case(
  A: readonly (readonly number[])[],
  B: readonly (readonly number[])[],
): Case {
  const n = A.length;
  return {
    activation: 'identity',
    W_R: A.map((r) => r.slice()),
    W_I: A.map(() => [0]),
    b_R: new Array<number>(n).fill(0),
    W_O: B.map((r) => r.slice()),
    b_O: new Array<number>(n).fill(0),
    h_0: new Array<number>(n).fill(0),
    xs: [[0]],
    ys: [0],
  };
}

/** log(‖AB‖₂) − log(λ*(A)‖B‖₂): negative exactly when Lemma 3 fails on (A, B); smaller is better for the probe. */
function lemma3Score(x: readonly number[], n: number, diagonal: boolean): number[] {
  const A = fromRows(Array.from({ length: n }, (_, i) => x.slice(i * n, (i + 1) * n)));
  const B = fromRows(
    Array.from({ length: n }, (_, i) => x.slice(n * n + i * n, n * n + (i + 1) * n)),
  );
  let lam: number;
  if (diagonal) {
    lam = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) lam = Math.min(lam, Math.abs(A.data[i * n + i]));
  } else {
    try {
      const { re, im } = eigenvalues(A);
      lam = Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++) lam = Math.min(lam, Math.hypot(re[i], im[i]));
    } catch (e) {
      if (e instanceof EigenvalueError) return [Number.POSITIVE_INFINITY];
      throw e;
    }
  }
  const ab = singularValues(matmul(A, B))[0];
  const rhs = lam * singularValues(B)[0];
  if (rhs === 0) return [1e3];
  if (ab === 0) return [-1e3];
  return [Math.log(ab) - Math.log(rhs)];
}

/**
 * Pairs (A, B) of n×n matrices (n ≤ 4) for Lemma 3, carried as W_R and W_O of a case: A from one
 * of the W_R families (or diagonal), B from any family, then a targeted climb on their entries
 * that maximises λ*(A)‖B‖₂/‖AB‖₂ — the ratio Lemma 3 says is at most 1.
 */
export function lemma3Arbitrary(diagonal: boolean): fc.Arbitrary<ExplodingInput> {
  const familiesA: readonly MatrixFamily[] = diagonal ? ['diagonal'] : MATRIX_FAMILIES;
  return fc
    .tuple(
      fc.integer({ min: 1, max: MAX_N }),
      fc.constantFrom(...familiesA),
      fc.constantFrom(...MATRIX_FAMILIES),
      matrixSeedArbitrary({ size: MAX_N, kinds: ['integer', 'dyadic'] }),
      matrixSeedArbitrary({ size: MAX_N, kinds: ['integer', 'dyadic'] }),
      climbMovesArbitrary(32),
    )
    .map(([n, famA, famB, seedA, seedB, moves]) => {
      const A0 = buildMatrix(famA, seedA, n);
      const B0 = buildMatrix(famB, seedB, n);
      // A diagonal A keeps its off-diagonal zeros: the climb only edits its diagonal and B.
      const editable = Array.from({ length: 2 * n * n }, (_, q) => q).filter(
        (q) => !diagonal || q >= n * n || Math.floor(q / n) === q % n,
      );
      const x = climb(
        [...A0.flat(), ...B0.flat()],
        moves,
        (v) => lemma3Score(v, n, diagonal),
        editable,
      );
      const rows = (off: number) =>
        Array.from({ length: n }, (_, i) => x.slice(off + i * n, off + (i + 1) * n));
      return { case: lemma3Case(rows(0), rows(n * n)), params: {}, family: `A ${famA}/B ${famB}` };
    });
}
