import type { Model } from '../../model/caseFile.js';
import { hpParams } from '../../model/hpForward.js';
import { HP } from '../../numerics/exact/decimal.js';
import { type HPMat, hpFromMat, hpMatvec, hpZeros } from '../../numerics/exact/hpMat.js';
import { matvec } from '../../numerics/kernels.js';
import { type Mat, mat } from '../../numerics/Mat.js';

/**
 * The remark after Lemma 1, corrected (σ = id, h_2 = W_R·W_R·h_0): dh_2/dW_R = I⊗(W_R h_0)ᵀ +
 * W_R⊗h_0ᵀ, i.e. d(W_R W_R h_0)[i]/dW_R[a,b] = δ_{ia}(W_R h_0)_b + W_R[i,a](h_0)_b, n×n².
 */
export function lemma1Corrected(m: Model): Mat {
  const n = m.n;
  const h1 = matvec(m.WR, m.h0);
  const out = mat(n, n * n);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        out.data[i * n * n + a * n + b] = (i === a ? h1[b] : 0) + m.WR.data[i * n + a] * m.h0[b];
      }
    }
  }
  return out;
}

/** The same at 60 digits. */
export function hpLemma1Corrected(m: Model): HPMat {
  const n = m.n;
  const p = hpParams(m);
  const WR = hpFromMat(m.WR);
  const h1 = hpMatvec(WR, p.h0);
  const out = hpZeros(n, n * n);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const first = i === a ? h1[b] : new HP(0);
        out.data[i * n * n + a * n + b] = first.plus(WR.data[i * n + a].times(p.h0[b]));
      }
    }
  }
  return out;
}
