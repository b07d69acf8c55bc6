import { gradientPersistsLimitInputs } from '../src/generators/remark42Arbitrary.js';
import { limitClaim } from '../src/kinds/limit.js';
import { NO_PARAMS } from '../src/kinds/params.js';
import {
  GRADIENT_PERSISTS_LIMIT_OPEN,
  GRADIENT_PERSISTS_SERIES_KEYS,
  gradientPersistsLimitCheck,
  gradientPersistsLimitRecheck,
  gradientPersistsLimitSeries,
} from '../src/paper/s4-vanishing/remark42.js';

export default limitClaim({
  id: 'remark42.gradient-persists-limit',
  section: '4.2, remark after the interpretation of Theorem 2 (t → ∞)',
  statement: 'σ(h_{t−1}) ≠ 0 for every t ⇒ ∂h_t/∂W_R ↛ 0 as t → ∞ (the gradient does not vanish)',
  reading:
    '"The gradient vanishing doesn\'t mean that the gradient … vanish[es]: clearly it does not" read as a limit: for a network in which the term I⊗σ(h_{t−1})ᵀ the remark points to is present at every t, ∂h_t/∂W_R does not tend to 0 as t → ∞ (inputs repeated with period T beyond T). The premise is checked in float64 up to the horizon (else skip) and certified exactly for a refutation. The finite-t reading is remark42.gradient-persists.',
  expected: 'refuted',
  rationale:
    'When the state itself dies out, so does every term: for an unforced network (W_I x_t + b_R = 0) with σ ∈ {identity, tanh, relu, leaky_relu} (σ(0) = 0, |σ(x)| ≤ |x|, 0 ≤ σ′ ≤ 1) and s_max(W_R) < 1, ‖σ(h_{k−1})‖ ≤ s^{k−1}‖h_0‖ and ‖J_r‖ ≤ s, so ‖∂h_t/∂W_R‖₂ ≤ t·s^{t−1}‖h_0‖ → 0 (for σ = identity, ρ(W_R) < 1 suffices). E.g. σ = identity, W_R = [[1/2]], x_t = 0: ∂h_t/∂w = t·2^{1−t}h_0. The "always present" term σ(h_{t−1}) is present at every t but tends to 0. Certificate: zero forcing checked exactly, s_max(W_R) < 1 (or ρ(W_R) < 1) decided exactly, and the premise σ(h_{t−1}) ≠ 0 ∀t certified (σ = identity: W_Rⁿh_0 ≠ 0; σ ∈ {identity, tanh, leaky_relu}: det W_R ≠ 0 and h_0 ≠ 0). relu cases are never certified (a unit can die exactly), nor sigmoid/softplus (σ(0) ≠ 0, the state does not die out). Evidence: found on seeds 1–10 within 1–42 runs.',
  numRuns: 500,
  params: NO_PARAMS,
  cells: {
    sigmoid: { expected: 'open', why: GRADIENT_PERSISTS_LIMIT_OPEN },
    relu: { expected: 'open', why: GRADIENT_PERSISTS_LIMIT_OPEN },
    softplus: { expected: 'open', why: GRADIENT_PERSISTS_LIMIT_OPEN },
    silu: { expected: 'open', why: GRADIENT_PERSISTS_LIMIT_OPEN },
    gelu: { expected: 'open', why: GRADIENT_PERSISTS_LIMIT_OPEN },
    scaled_tanh: { expected: 'open', why: GRADIENT_PERSISTS_LIMIT_OPEN },
  },
  arbitrary: gradientPersistsLimitInputs,
  check: gradientPersistsLimitCheck,
  recheckHP: gradientPersistsLimitRecheck,
  series: gradientPersistsLimitSeries,
  seriesKeys: GRADIENT_PERSISTS_SERIES_KEYS,
});
