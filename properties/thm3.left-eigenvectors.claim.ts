import { spectralArbitrary } from '../src/generators/spectralArbitrary.js';
import { identityClaim } from '../src/kinds/identity.js';
import { STEP_PARAMS } from '../src/kinds/params.js';
import { spectralCheck, spectralRecheck } from '../src/paper/s5-exploding/thm3.js';

export default identityClaim({
  id: 'thm3.left-eigenvectors',
  section: "5, Theorem 3 (Pascanu et al.'s version)",
  statement:
    'σ = id, W_Rᵀ p_i = λ_i p_i, |λ_1| > … > |λ_n|, ∂E_t/∂h_tᵀ = Σ c_i p_i, c_{j′} = 0 (j′ < j), |λ_j| > 1 ⇒ ∂E_t/∂h_kᵀ = Σ_i c_i λ_i^{t−k} p_i (grows like λ_j^{t−k} along p_j)',
  reading:
    'As thm3.right-eigenvectors with the eigenvectors of W_Rᵀ (left eigenvectors of W_R): the exact expansion for every k ≤ t (params t), which gives λ_j^{−(t−k)}∂E_t/∂h_kᵀ → c_j p_j.',
  expected: 'holds',
  rationale:
    '∂E_t/∂h_kᵀ = (W_Rᵀ)^{t−k}∂E_t/∂h_tᵀ and W_Rᵀ p_i = λ_i p_i, so (W_Rᵀ)^{t−k}Σ c_i p_i = Σ c_i λ_i^{t−k} p_i exactly; the terms i > j are o(|λ_j|^{t−k}) because the moduli are distinct and decreasing.',
  params: STEP_PARAMS,
  sigma: ['identity'],
  arbitrary: () => spectralArbitrary('left'),
  check: (input) => spectralCheck(input, 'left'),
  recheckHP: (input) => spectralRecheck(input, 'left'),
});
