import { productBoundArbitrary } from '../src/generators/explodingArbitrary.js';
import { inequalityClaim } from '../src/kinds/bound.js';
import {
  PRODUCT_BOUND_PARAMS,
  productBoundCheck,
  productBoundRecheck,
} from '../src/paper/s5-exploding/lemma3.js';

export default inequalityClaim({
  id: 'thm4.smallest-singular-value',
  section: '5, Proof 4 (corrected)',
  statement:
    '‖∂h_t/∂h_k‖₂ ≥ s_min(W_R)^{t−k}·Π_{r=k+1}^t λ*(D_r), ∂h_t/∂h_k = J_t⋯J_{k+1}, D_r = diag σ′(h_{r−1})',
  reading:
    'The lower bound Proof 4 can honestly give, with the smallest singular value of W_R in place of its norm; every case and every 0 ≤ k < t ≤ T (params t, k); λ*(D_r) = min_i |σ′(h_{r−1,i})| = s_min(D_r).',
  expected: 'holds',
  rationale:
    "s_min(AB) ≥ s_min(A)·s_min(B) for square A, B (‖ABx‖ ≥ s_min(A)‖Bx‖ ≥ s_min(A)s_min(B)‖x‖), so s_min(J_t⋯J_{k+1}) ≥ Π_r s_min(W_R)s_min(D_r), and ‖M‖₂ ≥ s_min(M). Equality holds for σ = id and W_R a multiple of an orthogonal matrix, which the targeted climb (maximising bound/‖∂h_t/∂h_k‖₂) approaches. Note it gives no explosion: s_min(W_R)·λ* ≥ 1+ε is a far stronger hypothesis than Theorem 4's.",
  params: PRODUCT_BOUND_PARAMS,
  arbitrary: (o) => productBoundArbitrary('smin', o),
  check: (input) => productBoundCheck(input, 'smin'),
  recheckHP: (input) => productBoundRecheck(input, 'smin'),
});
