import { boundClaimArbitrary } from '../src/generators/vanishingInputArbitrary.js';
import { boundClaim } from '../src/kinds/bound.js';
import { spectralRadiusHypothesis } from '../src/paper/s4-vanishing/thm2.js';
import {
  step1Extra,
  step1HPSides,
  step1Sides,
} from '../src/paper/s4-vanishing/thm2-proof-steps.js';

export default boundClaim({
  id: 'thm2.proof-step1',
  section: '4.1, Proof 3, first inequality',
  statement: '‖F(k0, t)‖ ≤ ‖W_R‖^{t−k0}·‖diag σ′(h_{r−1})‖^{t−k0}·‖σ(h_{t−1})‖^{t−k0}',
  reading:
    "Literal indices: the last factor is ‖σ(h_{t−1})‖ raised to t − k0 (the proof writes σ(h_{t−1}), not σ(h_{k0−1})). r is unbound in the proof; it is read charitably as the largest factor, ‖diag σ′(h_{r−1})‖ := max_{k0<r≤t} max_i|σ′(h_{r−1,i})| (any single r or the product Π_r gives a right side no larger). ‖·‖ is the spectral norm, Euclidean for vectors; ‖F(k0, t)‖₂ = ‖J_t⋯J_{k0+1}‖₂‖σ(h_{k0−1})‖₂. Checked at every t with k0 < t ≤ T under Theorem 2's hypothesis read as ρ(W_R)·γ < 1 (decided exactly).",
  expected: 'refuted',
  rationale:
    'The correct bound is ‖W_R‖^{t−k0}·Π_r‖diag σ′(h_{r−1})‖·‖σ(h_{k0−1})‖ (power one, index k0 − 1). Replacing ‖σ(h_{k0−1})‖ by ‖σ(h_{t−1})‖^{t−k0} fails whenever the late state is small against the early one, e.g. σ = identity, W_R = [[1/2]], h_0 = 1, zero input: ‖F(1, t)‖ = 2^{1−t} but the right side is 2^{−(t−1)}·2^{−(t−1)²}. Evidence: found on seeds 1–10 within 2–12 runs.',
  quantity: '‖F(k0, t)‖₂ ≤ (‖W_R‖₂·max_r‖diag σ′(h_{r−1})‖₂·‖σ(h_{t−1})‖₂)^{t−k0}',
  numRuns: 1000,
  arbitrary: (o) => boundClaimArbitrary(o, 'rho'),
  hypothesis: spectralRadiusHypothesis,
  sides: step1Sides,
  hpSides: step1HPSides,
  extra: step1Extra,
});
