import { lemma3Arbitrary } from '../src/generators/lemma3Arbitrary.js';
import { inequalityClaim } from '../src/kinds/bound.js';
import { NO_PARAMS } from '../src/kinds/params.js';
import { lemma3Check, lemma3Recheck } from '../src/paper/s5-exploding/lemma3.js';

export default inequalityClaim({
  id: 'lemma3.diagonal',
  section: '5, Lemma 3 (as used in Proof 4)',
  statement: '‖AB‖₂ ≥ λ*(A)·‖B‖₂ for diagonal A, λ*(A) = min_i |a_ii|',
  reading:
    "Lemma 3 restricted to the A Proof 4 applies it to, A = diag σ′(h_{r−1}): A = the case's W_R (required diagonal, else the case is skipped), B = its W_O (m = n); operator 2-norms.",
  expected: 'holds',
  rationale:
    'For diagonal A, ‖ABx‖² = Σ_i a_ii²(Bx)_i² ≥ (min_i a_ii²)‖Bx‖², so ‖AB‖₂ ≥ min_i |a_ii|·‖B‖₂, and min_i |a_ii| is both λ*(A) and s_min(A). The targeted climb maximises λ*(A)‖B‖₂/‖AB‖₂ (equality when B maps onto the coordinate of the smallest |a_ii|).',
  params: NO_PARAMS,
  sigma: 'none',
  arbitrary: () => lemma3Arbitrary(true),
  check: (input) => lemma3Check(input, true),
  recheckHP: (input) => lemma3Recheck(input, true),
});
