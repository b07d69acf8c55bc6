import { boundClaimArbitrary } from '../src/generators/vanishingInputArbitrary.js';
import { boundClaim } from '../src/kinds/bound.js';
import { singularValueHypothesis } from '../src/paper/s4-vanishing/thm2.js';
import { proofBoundHPSides, proofBoundSides } from '../src/paper/s4-vanishing/thm2-bounds.js';

export default boundClaim({
  id: 'thm2.proof-bound',
  section: '4.1, Proof 3 (its conclusion)',
  statement: 's_max(W_R)·γ < 1 ⇒ ‖F(k0, t)‖₂ ≤ (s_max(W_R)·γ)^{t−k0} for every t > k0',
  reading:
    'The bound Proof 3 ends with, ‖F(k0, t)‖ ≤ (λ1γ)^{t−k0} = η^{t−k0}, with λ1 read as s_max(W_R) (the only reading under which its step ‖W_R‖ ≤ λ1 is true) and ‖·‖ the spectral norm; no factor ‖σ(h_{k0−1})‖ appears. Checked at every t with k0 < t ≤ T, hypothesis decided exactly.',
  expected: 'refuted',
  rationale:
    '‖F(k0, t)‖₂ = ‖J_t⋯J_{k0+1}‖₂·‖σ(h_{k0−1})‖₂, and the proof lost the factor ‖σ(h_{k0−1})‖₂, which is unbounded for identity, relu, leaky_relu and softplus and up to √n for tanh and sigmoid: any case with ‖σ(h_{k0−1})‖₂ > 1 and a product close to its bound refutes it (e.g. σ = identity, W_R = [[1/2]], h_0 = 5: ‖F(1, 2)‖ = 5/2 > 1/2). Evidence: found on seeds 1–10 within 1–12 runs.',
  quantity: '‖F(k0, t)‖₂ ≤ (s_max(W_R)·γ)^{t−k0}',
  numRuns: 1000,
  arbitrary: (o) => boundClaimArbitrary(o, 'sMax'),
  hypothesis: singularValueHypothesis,
  sides: proofBoundSides,
  hpSides: proofBoundHPSides,
});
