import { lemma3Arbitrary } from '../src/generators/lemma3Arbitrary.js';
import { inequalityClaim } from '../src/kinds/bound.js';
import { NO_PARAMS } from '../src/kinds/params.js';
import { lemma3Check, lemma3Recheck } from '../src/paper/s5-exploding/lemma3.js';

export default inequalityClaim({
  id: 'lemma3.general',
  section: '5, Lemma 3',
  statement: '‖AB‖₂ ≥ λ*(A)·‖B‖₂ for square A, B, λ*(A) = min |eigenvalue of A|',
  reading:
    "For all square real A, B of the same order (A is the case's W_R and B its W_O, with m = n; the rest of the case is unused), operator 2-norms, eigenvalues complex.",
  expected: 'refuted',
  correction: {
    text: '‖AB‖₂ ≥ s_min(A)·‖B‖₂ for all square A, B; λ*(A) = s_min(A) when A is normal, e.g. diagonal.',
    claim: 'lemma3.diagonal',
  },
  rationale:
    'True for normal A (then λ*(A) = s_min(A) and ‖AB‖ ≥ s_min(A)‖B‖), false otherwise: the eigenvalues of a non-normal A can all be far larger than its smallest singular value. A = [[1, 4], [0, 1]] has λ* = 1 but s_min = √5 − 2 ≈ 0.236; B = the rank-one projector on the right singular vector of s_min gives ‖AB‖ ≈ 0.236 < ‖B‖ = 1. Certified exactly: every |λ(A)| > L by the Schur–Cohn recursion on the exact characteristic polynomial, ‖B‖₂² ≥ R_B by a Rayleigh quotient, and ‖AB‖₂² < L²R_B by positive definiteness. The stackexchange answer the paper cites proves the bound with the smallest singular value, not eigenvalue.',
  params: NO_PARAMS,
  sigma: 'none',
  arbitrary: () => lemma3Arbitrary(false),
  check: (input) => lemma3Check(input, false),
  recheckHP: (input) => lemma3Recheck(input, false),
});
