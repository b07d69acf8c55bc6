import { boundClaimArbitrary } from '../src/generators/vanishingInputArbitrary.js';
import { boundClaim } from '../src/kinds/bound.js';
import { spectralRadiusHypothesis } from '../src/paper/s4-vanishing/thm2.js';
import {
  step3Confirm,
  step3HPSides,
  step3Sides,
} from '../src/paper/s4-vanishing/thm2-proof-steps.js';

export default boundClaim({
  id: 'thm2.proof-step3',
  section: '4.1, Proof 3, third inequality',
  statement: '(‖W_R‖·‖σ(h_{t−1})‖)^{t−k0} ≤ (λ1·‖σ(h_{t−1})‖)^{t−k0}',
  reading:
    'The step on its own, λ1 being Theorem 2\'s "eigenvalue of W_R that has the largest absolute value", read charitably as |λ1| = ρ(W_R) (a negative λ1 with odd t − k0 would make the right side negative); ‖W_R‖ the spectral norm. Every t with k0 < t ≤ T, under ρ(W_R)·γ < 1 (exact).',
  expected: 'refuted',
  rationale:
    'It asserts ‖W_R‖₂ ≤ ρ(W_R), the reverse of the general ρ ≤ ‖·‖₂: it fails for every W_R with ρ(W_R) < ‖W_R‖₂ (all non-normal ones with a non-normal dominant part, e.g. the nilpotent [[0, 1], [0, 0]]: ρ = 0, ‖W_R‖₂ = 1) as soon as σ(h_{t−1}) ≠ 0. Certificate: an exact dyadic c with ρ(W_R) < c (Möbius + Routh–Hurwitz on det(zI − W_R)) and c below the 60-digit lower enclosure of ‖W_R‖₂. Evidence: found on seeds 1–10 within 1–22 runs.',
  quantity: '(‖W_R‖₂·‖σ(h_{t−1})‖₂)^{t−k0} ≤ (ρ(W_R)·‖σ(h_{t−1})‖₂)^{t−k0}',
  numRuns: 1000,
  arbitrary: (o) => boundClaimArbitrary(o, 'rho'),
  hypothesis: spectralRadiusHypothesis,
  sides: step3Sides,
  confirm: step3Confirm,
  hpSides: step3HPSides,
});
