import { gradientPersistsInputs } from '../src/generators/remark42Arbitrary.js';
import { inequalityClaim } from '../src/kinds/bound.js';
import { STEP_PARAMS } from '../src/kinds/params.js';
import {
  GRADIENT_PERSISTS_SMOOTH_OPEN,
  gradientPersistsCheck,
  gradientPersistsRecheck,
} from '../src/paper/s4-vanishing/remark42.js';

export default inequalityClaim({
  id: 'remark42.gradient-persists',
  section: '4.2, remark after the interpretation of Theorem 2',
  statement:
    'σ(h_{t−1}) ≠ 0 ⇒ ∂h_t/∂W_R ≠ 0 (the gradient "does not vanish": the term I⊗σ(h_{t−1})ᵀ is always present)',
  reading:
    '"Clearly it does not [vanish], as … the term σ(h_{t−1}) will always be present in the expression of ∂h_t/∂W_R": read at a finite t as ∂h_t/∂W_R ≠ 0 whenever σ(h_{t−1}) ≠ 0 (at t = 1 this is true: ∂h_1/∂W_R = I⊗σ(h_0)ᵀ). The t → ∞ reading is remark42.gradient-persists-limit. Cases with some h_r (1 ≤ r < t) at a kink of relu/leaky_relu are outside the statement (no derivative).',
  expected: 'refuted',
  rationale:
    'The other summands can cancel the k = t term exactly. At t = 2, ∂h_2/∂W_R = I⊗σ(h_1)ᵀ + J_2·(I⊗σ(h_0)ᵀ) = 0 when J_2 = −cI and σ(h_1) = c·σ(h_0): e.g. σ = identity, n = 1, W_R = −1, h_0 = 1, b_R = 2 gives h_1 = 1 and ∂h_2/∂w = h_1 + w·h_0 = 0 (h_2 = w²h_0 + (w + 1)·2 has derivative 2wh_0 + 2 = 0 at w = −1). The search draws such cancelling cases from random seeds (choose c and h_0, solve for W_R and b_R) next to the default cases; the zero is certified exactly by forward-mode differentiation over the dyadic rationals (identity, relu, leaky_relu). For the smooth σ the construction is only a float64 approximation and the 60-digit re-check sees a non-zero Jacobian. Evidence: found on seeds 1–10 within 1–23 runs.',
  numRuns: 1000,
  params: STEP_PARAMS,
  cells: {
    tanh: { expected: 'open', why: GRADIENT_PERSISTS_SMOOTH_OPEN },
    sigmoid: { expected: 'open', why: GRADIENT_PERSISTS_SMOOTH_OPEN },
    softplus: { expected: 'open', why: GRADIENT_PERSISTS_SMOOTH_OPEN },
    elu: { expected: 'open', why: GRADIENT_PERSISTS_SMOOTH_OPEN },
    silu: { expected: 'open', why: GRADIENT_PERSISTS_SMOOTH_OPEN },
    gelu: { expected: 'open', why: GRADIENT_PERSISTS_SMOOTH_OPEN },
    scaled_tanh: { expected: 'open', why: GRADIENT_PERSISTS_SMOOTH_OPEN },
  },
  arbitrary: gradientPersistsInputs,
  check: gradientPersistsCheck,
  recheckHP: gradientPersistsRecheck,
});
