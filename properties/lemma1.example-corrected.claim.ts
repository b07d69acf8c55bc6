import { linearNoInput } from '../src/generators/caseTransforms.js';
import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { jacobianIdentityClaim } from '../src/kinds/identity.js';
import { hpParams } from '../src/model/hpForward.js';
import { HP } from '../src/numerics/exact/decimal.js';
import { hpFromMat, hpMatvec, hpZeros } from '../src/numerics/exact/hpMat.js';
import { matvec } from '../src/numerics/kernels.js';
import { mat } from '../src/numerics/Mat.js';

export default jacobianIdentityClaim({
  id: 'lemma1.example-corrected',
  section: '3.3, remark after Lemma 1 (corrected)',
  statement: 'σ = id, h_t = W_R h_{t−1}: dh_2/dW_R = I⊗(W_R h_0)ᵀ + W_R⊗h_0ᵀ',
  reading:
    'The product rule for h_2 = W_R·W_R·h_0 with non-commuting factors: d(W_R W_R h_0)[i]/dW_R[a,b] = δ_{ia}(W_R h_0)_b + W_R[i,a](h_0)_b.',
  expected: 'holds',
  rationale: 'Differentiate h_2 = W_R(W_R h_0) entrywise; both factors depend on W_R.',
  arbitrary: (o) =>
    claimInputArbitrary({ ...o, activations: ['identity'], step: 2, adapt: linearNoInput }),
  claimed: (m) => {
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
  },
  claimedHP: (m) => {
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
  },
});
