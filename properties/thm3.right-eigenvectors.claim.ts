import { spectralArbitrary } from '../src/generators/spectralArbitrary.js';
import { identityClaim } from '../src/kinds/identity.js';
import { STEP_PARAMS } from '../src/kinds/params.js';
import { spectralCheck, spectralRecheck } from '../src/paper/s5-exploding/thm3.js';

export default identityClaim({
  id: 'thm3.right-eigenvectors',
  section: '5, Theorem 3',
  statement:
    'σ = id, W_R q_i = λ_i q_i, |λ_1| > … > |λ_n|, ∂E_t/∂h_t = Σ c_i q_i, c_{j′} = 0 (j′ < j), |λ_j| > 1 ⇒ ∂E_t/∂h_k = Σ_i c_i λ_i^{t−k} q_i (grows like λ_j^{t−k} along q_j)',
  reading:
    'q_i are right eigenvectors of W_R (the theorem\'s "eigenvectors"); ∂E_t/∂h_k is the row vector (∂E_t/∂h_t)·W_R^{t−k}, i.e. the column (W_Rᵀ)^{t−k}∂E_t/∂h_tᵀ. "Grows like λ_j^{t−k} along q_j" is read as the exact expansion ∂E_t/∂h_kᵀ = Σ_i c_i λ_i^{t−k} q_i for every k ≤ t (coefficients c_{j′}(k) = 0 for j′ < j, c_j(k) = c_j λ_j^{t−k}), which implies λ_j^{−(t−k)}∂E_t/∂h_k → c_j q_j; checked for k = t−1, …, 0 (params t). The paper writes ∂E_t/∂W_B; the statement is Pascanu et al.\'s, about ∂E_t/∂h_k. Hypothesis: eigenvalues real, exact dyadics (so eigenvectors are exact rationals), distinct moduli; j is the first index with c_j ≠ 0 (exactly zero when structurally so); |λ_j| > 1 (the paper\'s λ_j > 1 for a modulus-ordered list). Complex, repeated, equal-modulus or non-dyadic spectra are skipped and counted.',
  expected: 'refuted',
  correction: {
    text: 'Expand ∂E_t/∂h_tᵀ in the eigenvectors of W_Rᵀ (the left eigenvectors of W_R): then ∂E_t/∂h_kᵀ = Σ_i c_i λ_i^{t−k} p_i exactly.',
    claim: 'thm3.left-eigenvectors',
  },
  rationale:
    'With W_R = VΛV⁻¹, (W_Rᵀ)^l = V⁻ᵀΛ^lVᵀ: W_Rᵀ acts diagonally on the left eigenvectors p_i = V⁻ᵀe_i, not on the q_i, so the true expansion is Σ_i d_i λ_i^l p_i with d = Vᵀg ≠ c. The closed form fails already at t − k = 1 unless W_R is normal on the span of g, and the certificate shows the limit fails too: λ_j^{−l}∂E_t/∂h_{t−l} tends to d_j p_j (right rate, wrong direction), diverges (rate |λ_{i₀}| > |λ_j| when some d_{i₀} ≠ 0, i₀ < j — the deflated family), or decays (d_1 = 0 exactly with |λ_2| < 1 — the orthogonal family: ∂E_t/∂h_k → 0 although c_1 ≠ 0 and |λ_1| > 1).',
  params: STEP_PARAMS,
  sigma: ['identity'],
  arbitrary: () => spectralArbitrary('right'),
  check: (input) => spectralCheck(input, 'right'),
  recheckHP: (input) => spectralRecheck(input, 'right'),
});
