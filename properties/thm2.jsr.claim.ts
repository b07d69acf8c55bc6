import { jsrBoundInputs } from '../src/generators/vanishingInputArbitrary.js';
import { boundClaim } from '../src/kinds/bound.js';
import {
  jsrDataOf,
  jsrExtra,
  jsrHPSides,
  jsrHypothesis,
  jsrSides,
} from '../src/paper/s4-vanishing/thm2-jsr.js';

export default boundClaim({
  id: 'thm2.jsr',
  section: '4.1, Theorem 2 (joint spectral radius)',
  statement:
    'n ≤ 4, ρ̂ = min_{l ≤ L} B_l^{1/l} < 1 with B_l = max{‖P‖₂ : P a product of l matrices of {W_R·diag(d) : d ∈ {0, γ}ⁿ}} ⇒ ‖F(k0, t)‖₂ ≤ B_{m mod L*}·B_{L*}^{⌊m/L*⌋}·‖σ(h_{k0−1})‖₂ ≤ C·ρ̂^m·‖σ(h_{k0−1})‖₂ for every t > k0 (m = t − k0, L* the minimizing length, C = max_{j<L*} B_j/ρ̂^j), so F(k0, t) → 0',
  reading:
    'The correct version of Theorem 2: what must be below 1 is (an upper bound on) the joint spectral radius of the set of possible Jacobians, not ρ(W_R)·γ. L is the longest length with (2ⁿ)^L ≤ 256 (n = 4: L = 2; n = 1: L = 8). Checked at every t with k0 < t ≤ T; the finite-t bound holds whether or not ρ̂ < 1, the hypothesis only selects the cases where it proves F → 0. ρ̂ is computed with float64 SVDs (the hypothesis is not a verdict here); the 60-digit re-check encloses every B_l.',
  expected: 'open',
  rationale:
    'Every J_r = W_R·diag σ′(h_{r−1}) has σ′ ∈ [0, γ]ⁿ for every activation whose σ′ ≥ 0 (all but silu and gelu, with the kink conventions). A product of l such matrices is affine in each diagonal separately, and ‖·‖₂ is convex, so over the box [0, γ]ⁿ it is maximized at a vertex, one factor at a time: ‖J_{r+l}⋯J_{r+1}‖₂ ≤ B_l. Splitting J_t⋯J_{k0+1} into ⌊m/L*⌋ blocks of L* factors and the first m mod L* factors, submultiplicativity gives the bound, and ‖F‖₂ carries the factor ‖σ(h_{k0−1})‖₂ exactly. ρ̂ is the Rota–Strang upper bound of the JSR, which can be < 1 when s_max·γ ≥ 1 (so this is stronger than thm2.singular-value) but is ≥ the JSR ≥ max ρ(J): the counterexamples of thm2.spectral-radius all have ρ̂ ≥ 1. Seed 20190701: the hypothesis held on 305 of 400 runs (206/206 cases rescaled to just inside ρ̂ < 1, 99/194 default cases with n ≤ 4); observed/bound reaches 1.',
  otherCells: 'holds',
  cells: {
    silu: {
      expected: 'open',
      why: 'σ′ takes negative values (inf σ′ ≈ −0.0998), so J_r lies outside the box [0, γ]ⁿ whose vertices define B_l, and the proof does not apply; the vertex bound over [inf σ′, γ]ⁿ would. No violation is known.',
    },
    gelu: {
      expected: 'open',
      why: 'σ′ takes negative values (inf σ′ ≈ −0.1289), so J_r lies outside the box [0, γ]ⁿ whose vertices define B_l, and the proof does not apply; the vertex bound over [inf σ′, γ]ⁿ would. No violation is known.',
    },
  },
  quantity: '‖F(k0, t)‖₂ ≤ B_{m mod L*}·B_{L*}^{⌊m/L*⌋}·‖σ(h_{k0−1})‖₂',
  numRuns: 400,
  arbitrary: jsrBoundInputs,
  hypothesis: jsrHypothesis,
  prepare: jsrDataOf,
  sides: jsrSides,
  hpSides: jsrHPSides,
  extra: jsrExtra,
});
