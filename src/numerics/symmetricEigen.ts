import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { type Mat, mat } from './Mat.js';

/**
 * Eigenvalues and orthonormal eigenvectors (columns) of a symmetric float64 matrix, descending,
 * by ml-matrix's symmetric EVD (Householder tridiagonalisation, then implicit QL with Wilkinson's
 * shift: tred2/tql2, globally convergent on symmetric tridiagonal matrices). Its non-symmetric path
 * (hqr2) has no such guarantee and can loop forever, so general matrices go through our bounded QR
 * in eigenvalues.ts. Used only to choose test vectors for exact Rayleigh quotients, so its accuracy
 * affects how tight a certified bound is, never whether it is valid.
 */
export function floatSymmetricEigen(s: Mat): { values: Float64Array; vectors: Mat } {
  const n = s.rows;
  // ml-matrix refuses an empty matrix; the 0×0 one has no eigenpairs.
  if (n === 0) return { values: new Float64Array(0), vectors: mat(0, 0) };
  const rows = Array.from({ length: n }, (_, i) => Array.from(s.data.subarray(i * n, (i + 1) * n)));
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const lambda = evd.realEigenvalues;
  const v = evd.eigenvectorMatrix;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => lambda[j] - lambda[i]);
  const values = Float64Array.from(order, (i) => lambda[i]);
  const vectors = mat(n, n);
  order.forEach((src, dst) => {
    for (let r = 0; r < n; r++) vectors.data[r * n + dst] = v.get(r, src);
  });
  return { values, vectors };
}
