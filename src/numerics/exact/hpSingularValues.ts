/** Singular values and spectral norms at 60 digits, from the symmetric eigenvalues of Gram matrices. */

import { HP, type HPNumber } from './decimal.js';
import { type HPMat, hpMatmul, hpTranspose } from './hpMat.js';
import {
  type Enclosure,
  hpLambdaMaxSymmetric,
  hpSymmetricEigenvalues,
} from './hpSymmetricEigen.js';

const HP_ZERO = new HP(0);

/** The min(rows, cols) singular values of a at 60 digits, descending: √ of the smaller Gram matrix's eigenvalues. */
export function hpSingularValues(a: HPMat): HPNumber[] {
  const at = hpTranspose(a);
  const gram = a.rows >= a.cols ? hpMatmul(at, a) : hpMatmul(a, at);
  // A Gram eigenvalue below zero is rounding of a zero singular value.
  return hpSymmetricEigenvalues(gram).map((x) => (x.isNeg() ? HP_ZERO : x.sqrt()));
}

/** ‖a‖₂ at 60 digits. */
export function hpSpectralNorm(a: HPMat): HPNumber {
  return hpSingularValues(a)[0] ?? HP_ZERO;
}

/** s_min(a) of a square matrix at 60 digits. */
export function hpSmallestSingularValue(a: HPMat): HPNumber {
  const s = hpSingularValues(a);
  return s[s.length - 1] ?? HP_ZERO;
}

/** ‖P‖₂ enclosed through λ_max(PᵀP). */
export function hpSpectralNormBounds(P: HPMat): Enclosure {
  const G = hpMatmul(hpTranspose(P), P);
  const { lo, hi } = hpLambdaMaxSymmetric(G);
  return { lo: lo.sqrt(), hi: hi.sqrt() };
}
