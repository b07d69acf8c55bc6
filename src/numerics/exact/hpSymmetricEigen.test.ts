import { describe, expect, test } from 'vitest';
import { hpRows } from '../../testing/exactFixtures.js';
import { HP } from './decimal.js';
import { hpSymmetricEigenvalues } from './hpSymmetricEigen.js';
import { characteristicPolynomial } from './polynomial.js';
import { rationalFromRows } from './rationalMat.js';

describe('60-digit spectra', () => {
  test('eigenvalues of [[2, 1], [1, 2]] are 3 and 1 to 58 digits', () => {
    const [a, b] = hpSymmetricEigenvalues(
      hpRows([
        [2, 1],
        [1, 2],
      ]),
    );
    expect(a.minus(3).abs().lt('1e-58')).toBe(true);
    expect(b.minus(1).abs().lt('1e-58')).toBe(true);
  });

  test('a 4×4 symmetric matrix: eigenvalues sum to the trace, multiply to the determinant', () => {
    const rows = [
      [4, 1, -2, 2],
      [1, 2, 0, 1],
      [-2, 0, 3, -2],
      [2, 1, -2, -1],
    ];
    const ev = hpSymmetricEigenvalues(hpRows(rows));
    const tr = ev.reduce((a, x) => a.plus(x), new HP(0));
    expect(tr.minus(8).abs().lt('1e-55')).toBe(true);
    // det(λI − A) = Σ c_k λ^k has c_0 = det(−A) = det A for n = 4.
    const det = characteristicPolynomial(rationalFromRows(rows))[0];
    const prod = ev.reduce((a, x) => a.times(x), new HP(1));
    expect(prod.minus(det.toNumber()).abs().lt('1e-50')).toBe(true);
    expect(ev[0].gte(ev[1]) && ev[1].gte(ev[2]) && ev[2].gte(ev[3])).toBe(true);
  });
});
