import { type Mat, mat } from './Mat.js';

/**
 * Eigenvalues and orthonormal eigenvectors (columns) of a symmetric float64 matrix by cyclic
 * Jacobi, descending. Used only to choose test vectors for exact Rayleigh quotients, so its
 * accuracy affects how tight a certified bound is, never whether it is valid.
 */
export function floatSymmetricEigen(s: Mat): { values: Float64Array; vectors: Mat } {
  const n = s.rows;
  const a = Float64Array.from(s.data);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let tot = 0;
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        tot += a[p * n + q] ** 2;
        if (p !== q) off += a[p * n + q] ** 2;
      }
    }
    if (off <= 1e-32 * tot) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let r = 0; r < n; r++) {
          const arp = a[r * n + p];
          const arq = a[r * n + q];
          a[r * n + p] = c * arp - sn * arq;
          a[r * n + q] = sn * arp + c * arq;
        }
        for (let r = 0; r < n; r++) {
          const apr = a[p * n + r];
          const aqr = a[q * n + r];
          a[p * n + r] = c * apr - sn * aqr;
          a[q * n + r] = sn * apr + c * aqr;
        }
        for (let r = 0; r < n; r++) {
          const vrp = v[r * n + p];
          const vrq = v[r * n + q];
          v[r * n + p] = c * vrp - sn * vrq;
          v[r * n + q] = sn * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = mat(n, n);
  order.forEach((src, dst) => {
    for (let r = 0; r < n; r++) vectors.data[r * n + dst] = v[r * n + src];
  });
  return { values, vectors };
}
