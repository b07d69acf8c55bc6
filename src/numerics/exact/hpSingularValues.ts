/** Singular values and spectral norms at 60 digits, from the symmetric eigenvalues of Gram matrices. */

import { HP, type HPNumber } from './decimal.js';
import { type HPMat, hpMatmul, hpTranspose } from './hpMat.js';
import {
  type Enclosure,
  hpLambdaMaxSymmetric,
  hpSymmetricEigenvalues,
} from './hpSymmetricEigen.js';

const HP_ZERO = new HP(0);

/** aᵀa at 60 digits. */
function hpGram(a: HPMat): HPMat {
  return hpMatmul(hpTranspose(a), a);
}

/** The min(rows, cols) singular values of a at 60 digits, descending: √ of the smaller Gram matrix's eigenvalues. */
export function hpSingularValues(a: HPMat): HPNumber[] {
  const gram = a.rows >= a.cols ? hpGram(a) : hpGram(hpTranspose(a));
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

/** ‖P‖₂ estimated from both sides through λ_max(PᵀP) (hpLambdaMaxSymmetric: rounding ignored, not rigorous). */
export function hpSpectralNormBounds(P: HPMat): Enclosure {
  const { lo, hi } = hpLambdaMaxSymmetric(hpGram(P));
  return { lo: lo.sqrt(), hi: hi.sqrt() };
}
