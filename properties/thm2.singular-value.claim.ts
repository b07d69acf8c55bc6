import { boundClaimArbitrary } from '../src/generators/vanishingInputArbitrary.js';
import { boundClaim } from '../src/kinds/bound.js';
import { singularValueHypothesis } from '../src/paper/s4-vanishing/thm2.js';
import { singularValueHPSides, singularValueSides } from '../src/paper/s4-vanishing/thm2-bounds.js';

export default boundClaim({
  id: 'thm2.singular-value',
  section: '4.1, Theorem 2 (λ1 read as s_max)',
  statement:
    's_max(W_R)·γ < 1 ⇒ ‖F(k0, t)‖₂ ≤ (s_max(W_R)·γ)^{t−k0}·‖σ(h_{k0−1})‖₂ for every t > k0 (so F(k0, t) → 0)',
  reading:
    'Theorem 2 with λ1 replaced by the largest singular value s_max(W_R) = ‖W_R‖₂, checked through its finite-t consequence at every t with k0 < t ≤ T (the limit follows from the bound for every input sequence). γ = sup|σ′|; F(k0, t) = (J_t⋯J_{k0+1})⊗σ(h_{k0−1})ᵀ, so ‖F‖₂ = ‖J_t⋯J_{k0+1}‖₂‖σ(h_{k0−1})‖₂. The hypothesis is decided exactly (γ⁻²I − W_RᵀW_R ≻ 0).',
  expected: 'holds',
  rationale:
    '‖J_r‖₂ = ‖W_R diag σ′(h_{r−1})‖₂ ≤ ‖W_R‖₂·max_i|σ′(h_{r−1,i})| ≤ s_max·γ (also with the kink conventions of relu and leaky_relu), and ‖·‖₂ is submultiplicative: ‖J_t⋯J_{k0+1}‖₂ ≤ (s_max γ)^{t−k0}; the Kronecker factor contributes exactly ‖σ(h_{k0−1})‖₂. Cases are drawn from the default families and rescaled by a power of two to just inside s_max·γ < 1, so the hypothesis holds on most runs (seed 20190701: 693 of 1000 runs, 511/511 rescaled and 182/489 default cases; the bound is attained, observed/bound = 1, e.g. for n = 1 and σ = identity).',
  quantity: '‖F(k0, t)‖₂ ≤ (s_max(W_R)·γ)^{t−k0}·‖σ(h_{k0−1})‖₂',
  numRuns: 1000,
  arbitrary: (o) => boundClaimArbitrary(o, 'sMax'),
  hypothesis: singularValueHypothesis,
  sides: singularValueSides,
  hpSides: singularValueHPSides,
});
