import { explodingProbeArbitrary } from '../src/generators/explodingArbitrary.js';
import { limitClaim } from '../src/kinds/limit.js';
import {
  EXPLODING_PARAMS,
  EXPLODING_SERIES_KEYS,
  explodingCertificate,
  explodingCheck,
  explodingSeriesOf,
} from '../src/paper/s5-exploding/thm4.js';

export default limitClaim({
  id: 'thm4.literal',
  section: '5, Theorem 4',
  statement: '‖W_R‖₂ ≥ (1+ε)/λ*(diag σ′(·)) ⇒ ‖∂E_t/∂W_R‖ → ∞ as t → ∞',
  reading:
    'λ* is read along the trajectory: λ* = inf over r ≥ 0 and i of |σ′(h_{r,i})|; the case is continued with period T (x_{t+T} = x_t, y_{t+T} = y_t); ε ∈ (0, 1] is the parameter eps; norms are ‖·‖₂ for W_R and Frobenius for ∂E_t/∂W_R (all norms are equivalent for "→ ∞"). The other reading, λ* = inf_x σ′(x) (activation.infDeriv), makes the hypothesis ‖W_R‖₂ ≥ ∞ for tanh, sigmoid, relu and softplus (inf σ′ = 0): the theorem is vacuous for them; for identity λ* = 1 in both readings; for leaky_relu it is 1/64, which is ≤ the trajectory λ*, so a counterexample under that reading is one under both (the certificate records which readings it meets). A degenerate gradient (zero at the probe horizon H = max(24, 2(n+T)) of the periodic continuation, e.g. W_O = 0, which makes ∂E_t/∂W_R ≡ 0) meets the letter of the hypothesis — it constrains only W_R and σ — but is skipped and counted: the refutations are bounded, nonzero gradients, bounded for every W_O and every target sequence.',
  expected: 'refuted',
  correction: {
    text: 'The Jacobian products explode when the smallest singular value meets the bound: ‖J_t⋯J_{k+1}‖₂ ≥ (s_min(W_R)·λ*)^{t−k}, so s_min(W_R)·λ* ≥ 1+ε (not ‖W_R‖₂·λ* ≥ 1+ε) makes them grow; and ‖∂E_t/∂W_R‖ stays bounded whenever ‖(γ|W_R|)^k‖_∞ < 1 for some k, however large ‖W_R‖₂ is.',
    claim: 'thm4.smallest-singular-value',
  },
  rationale:
    'Proof 4 uses ‖AB‖ ≥ ‖A‖‖B‖ (Lemma 3 applied with A = W_R, which is not diagonal), false for non-normal W_R. Counterexample mechanism: if ‖(γ|W_R|)^k‖_∞ < 1 for some k — in particular if W_R is permutation-similar to a strictly triangular matrix, so every product of n factors W_R·D vanishes exactly — then |J_t⋯J_{k+1}| ≤ (γ|W_R|)^{t−k} entrywise and ‖∂h_t/∂W_R‖, hence ‖∂E_t/∂W_R‖ ≤ √2‖W_O‖_F‖∂h_t/∂W_R‖, stay bounded for all t, while ‖W_R‖₂ can be as large as wanted (e.g. σ = id, W_R = [[0, 2], [0, 0]], ε = 1). The refutation carries an exact certificate (src/paper/s5-exploding/thm4.ts) re-derived on every replay. For the smooth activations the trajectory hypothesis almost never holds on generated cases (it needs ‖W_R‖₂·min σ′ ≥ 1+ε, while a large W_R saturates σ′), so most of their cases are skipped; identity and leaky_relu cases are scaled to meet it.',
  params: EXPLODING_PARAMS,
  arbitrary: (o) => explodingProbeArbitrary(o),
  check: (input) => explodingCheck(input, 'loss'),
  recheckHP: (input) => explodingCertificate(input, 'loss'),
  series: explodingSeriesOf,
  seriesKeys: EXPLODING_SERIES_KEYS,
});
