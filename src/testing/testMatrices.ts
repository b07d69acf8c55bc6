/**
 * Deterministic matrices shared by the linear-algebra tests: a xorshift32 stream, the tiny-entry
 * 6×6 class that hangs ml-matrix, and similarity transforms with a prescribed spectrum.
 */

import { fromRows, type Mat, mat } from '../numerics/Mat.js';

/** xorshift32: the deterministic stream of the tiny-entry class generators below. */
export function xorshift(seed: number): () => number {
  let s = (Math.imul(seed, 2654435761) + 13) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/**
 * 6×6 matrices mixing O(1) entries with tiny ones (~1e-23) and exact zeros, in four variants:
 * random entries replaced by ±1e-23 and 0; columns scaled by 1e-23 or 0 (W_R·diag(d) with saturated
 * units); entries scaled by 10^U(−30, 0); small integers with ±1e-23 and zeros (the variant that
 * hangs ml-matrix, 14 in 100 000).
 */
export function tinyClass(seed: number): Mat {
  const r = xorshift(seed);
  const n = 6;
  const a = Array.from({ length: n }, () => Array.from({ length: n }, () => 2 * r() - 1));
  const idx = () => Math.floor(r() * n);
  switch (seed % 4) {
    case 0:
      for (let t = 1 + Math.floor(r() * 12); t > 0; t--)
        a[idx()][idx()] = (r() < 0.5 ? -1 : 1) * (0.5 + r()) * 1e-23;
      for (let t = Math.floor(r() * 6); t > 0; t--) a[idx()][idx()] = 0;
      break;
    case 1:
      for (let j = 0; j < n; j++) {
        const u = r();
        const f = u < 0.3 ? 1e-23 * (0.5 + r()) : u < 0.45 ? 0 : 1;
        for (let i = 0; i < n; i++) a[i][j] *= f;
      }
      break;
    case 2:
      for (const row of a) {
        for (let j = 0; j < n; j++) {
          const u = r();
          if (u < 0.4) row[j] *= 10 ** (-30 * r());
          else if (u < 0.5) row[j] = 0;
        }
      }
      break;
    default:
      for (const row of a) {
        for (let j = 0; j < n; j++) {
          const u = r();
          row[j] = u < 0.2 ? (r() < 0.5 ? -1e-23 : 1e-23) : u < 0.45 ? 0 : Math.floor(r() * 5) - 2;
        }
      }
  }
  return fromRows(a);
}

/** S·J·S⁻¹ for a small invertible S, by Gauss–Jordan on [S | I]. */
export function similar(S: Mat, J: Mat): Mat {
  const n = S.rows;
  const aug = Array.from({ length: n }, (_, i) => [
    ...Array.from(S.data.subarray(i * n, (i + 1) * n)),
    ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  ]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(aug[i][c]) > Math.abs(aug[piv][c])) piv = i;
    [aug[c], aug[piv]] = [aug[piv], aug[c]];
    const p = aug[c][c];
    for (let j = 0; j < 2 * n; j++) aug[c][j] /= p;
    for (let i = 0; i < n; i++) {
      if (i === c) continue;
      const f = aug[i][c];
      for (let j = 0; j < 2 * n; j++) aug[i][j] -= f * aug[c][j];
    }
  }
  const out = mat(n, n);
  const SJ = mat(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += S.data[i * n + k] * J.data[k * n + j];
      SJ.data[i * n + j] = s;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += SJ.data[i * n + k] * aug[k][n + j];
      out.data[i * n + j] = s;
    }
  }
  return out;
}

/** S·diag(λ)·S⁻¹ for S = I + 0.3·(random): diagonalizable with the given real eigenvalues. */
export function withEigenvalues(lambdas: number[], r: () => number): Mat {
  const n = lambdas.length;
  const S = mat(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) S.data[i * n + j] = (i === j ? 1 : 0) + 0.3 * (2 * r() - 1);
  const D = mat(n, n);
  for (let i = 0; i < n; i++) D.data[i * n + i] = lambdas[i];
  return similar(S, D);
}
