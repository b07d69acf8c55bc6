import { boundClaimArbitrary } from '../src/generators/vanishingInputArbitrary.js';
import { boundClaim } from '../src/kinds/bound.js';
import { spectralRadiusHypothesis } from '../src/paper/s4-vanishing/thm2.js';
import {
  step4Confirm,
  step4Extra,
  step4HPSides,
  step4Sides,
} from '../src/paper/s4-vanishing/thm2-proof-steps.js';

export default boundClaim({
  id: 'thm2.proof-step4',
  section: '4.1, Proof 3, fourth inequality',
  statement: '(λ1·‖σ(h_{t−1})‖)^{t−k0} ≤ (λ1·γ)^{t−k0}',
  reading:
    'The step on its own, λ1 read as |λ1| = ρ(W_R) (as in thm2.proof-step3), ‖σ(h_{t−1})‖ the Euclidean norm and γ = sup|σ′| (the constant of ‖diag σ′(·)‖ ≤ γ). Every t with k0 < t ≤ T, under ρ(W_R)·γ < 1 (exact).',
  expected: 'refuted',
  rationale:
    'It replaces ‖σ(h_{t−1})‖, a size of the state, by γ, a bound on the derivative σ′: the two are unrelated. With ρ(W_R) > 0 it fails whenever ‖σ(h_{t−1})‖ > γ — for identity, relu, leaky_relu and softplus with a state of norm above 1, for sigmoid (γ = 1/4) with almost any state. Certificate: W_R is not nilpotent (det(zI − W_R) ≠ zⁿ exactly), so ρ(W_R) > 0, and ‖σ(h_{t−1})‖₂ > γ at 60 digits. Evidence: found on seeds 1–10 within 1–7 runs.',
  quantity: '(ρ(W_R)·‖σ(h_{t−1})‖₂)^{t−k0} ≤ (ρ(W_R)·γ)^{t−k0}',
  numRuns: 1000,
  arbitrary: (o) => boundClaimArbitrary(o, 'rho'),
  hypothesis: spectralRadiusHypothesis,
  sides: step4Sides,
  confirm: step4Confirm,
  hpSides: step4HPSides,
  extra: step4Extra,
});
