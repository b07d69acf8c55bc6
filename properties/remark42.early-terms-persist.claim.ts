import { earlyTermsInputs } from '../src/generators/remark42Arbitrary.js';
import { limitClaim } from '../src/kinds/limit.js';
import {
  EARLY_TERMS_PARAMS,
  EARLY_TERMS_SERIES_KEYS,
  EARLY_TERMS_SIGN_CHANGE_OPEN,
  earlyTermsCheck,
  earlyTermsRecheck,
  earlyTermsSeries,
} from '../src/paper/s4-vanishing/remark42.js';

export default limitClaim({
  id: 'remark42.early-terms-persist',
  section: '4.2, remark after the interpretation of Theorem 2',
  statement:
    'F(k, k+1) ≠ 0 ⇒ F(k, t) ↛ 0 as t → ∞ for k = 1, 2, 3 (the first few summands of ∂h_t/∂W_R stay present)',
  reading:
    '"… and so will the first few summands in ∂h_t/∂W_R, i.e. when k = 1, 2, 3 etc." read as: each of F(1, t), F(2, t), F(3, t) (the summands of Theorem 1, F(k, t) = (J_t⋯J_{k+1})⊗σ(h_{k−1})ᵀ) does not tend to 0 as t → ∞, provided it is present at all (F(k, k+1) ≠ 0). Inputs repeated with period T beyond T.',
  expected: 'refuted',
  rationale:
    "The remark contradicts the theorem it comments on: under Theorem 2's own hypothesis (in the form that is true, s_max(W_R)·γ < 1) ‖F(k, t)‖₂ ≤ (s_max γ)^{t−k}‖σ(h_{k−1})‖₂ → 0 for every fixed k, in particular k = 1, 2, 3, whatever the inputs; for σ = identity ρ(W_R) < 1 suffices (F(k, t) = W_R^{t−k}⊗σ(h_{k−1})ᵀ). E.g. σ = identity, W_R = [[1/2]]: F(1, t) = 2^{1−t}h_0 → 0. Certificate: the exact decision of s_max(W_R)·γ < 1 (or ρ(W_R) < 1 with σ = identity), valid for all t and all inputs. Evidence: found on seeds 1–10 within 1–5 runs.",
  numRuns: 500,
  params: EARLY_TERMS_PARAMS,
  cells: {
    silu: { expected: 'open', why: EARLY_TERMS_SIGN_CHANGE_OPEN },
    gelu: { expected: 'open', why: EARLY_TERMS_SIGN_CHANGE_OPEN },
  },
  arbitrary: earlyTermsInputs,
  check: earlyTermsCheck,
  recheckHP: earlyTermsRecheck,
  series: earlyTermsSeries,
  seriesKeys: EARLY_TERMS_SERIES_KEYS,
});
