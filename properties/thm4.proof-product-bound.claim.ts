import { productBoundArbitrary } from '../src/generators/explodingArbitrary.js';
import { inequalityClaim } from '../src/kinds/bound.js';
import {
  PRODUCT_BOUND_PARAMS,
  productBoundCheck,
  productBoundRecheck,
} from '../src/paper/s5-exploding/lemma3.js';

export default inequalityClaim({
  id: 'thm4.proof-product-bound',
  section: '5, Proof 4 (first inequality)',
  statement: '‖Π_{r=k+1}^t W_R D_r‖₂ ≥ (Π_{r=k+1}^t λ*(D_r))·‖W_R‖₂^{t−k}, D_r = diag σ′(h_{r−1})',
  reading:
    'A finite-t inequality for every case and every 0 ≤ k < t ≤ T (params t, k): the product ordered J_t⋯J_{k+1} (= ∂h_t/∂h_k), λ*(D_r) = min_i |σ′(h_{r−1,i})| (the eigenvalues of a diagonal matrix are its entries), all norms the operator 2-norm.',
  expected: 'refuted',
  correction: {
    text: 'Use the smallest singular value: ‖J_t⋯J_{k+1}‖₂ ≥ s_min(W_R)^{t−k}·Π λ*(D_r).',
    claim: 'thm4.smallest-singular-value',
  },
  rationale:
    'Applying Lemma 3 to the diagonal factors only gives ‖W_R D‖ ≥ λ*(D)‖W_R‖ for one factor; chaining it needs ‖W_R D W_R D′‖ ≥ ‖W_R D‖·‖W_R D′‖, the reverse of submultiplicativity. With σ = id (D_r = I) the bound reads ‖W_R^{t−k}‖₂ ≥ ‖W_R‖₂^{t−k}, false for every W_R that is not normal-like: ‖W_R^m‖₂ < ‖W_R‖₂^m, e.g. W_R nilpotent ([[0, 1], [0, 0]]: ‖W_R²‖ = 0 < 1). The violation is certified exactly for piecewise-linear σ (the trajectory and D_r as rationals, ‖W_R‖₂² bounded below by a Rayleigh quotient, ‖P‖₂² bounded above by positive definiteness of X·I − PᵀP) and at 60 digits otherwise.',
  params: PRODUCT_BOUND_PARAMS,
  arbitrary: (o) => productBoundArbitrary('norm', o),
  check: (input) => productBoundCheck(input, 'norm'),
  recheckHP: (input) => productBoundRecheck(input, 'norm'),
});
