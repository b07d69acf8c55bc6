import { initialStateInRangeInputs } from '../src/generators/claimInputVariants.js';
import { identityClaim } from '../src/kinds/identity.js';
import { STEP_PARAMS } from '../src/kinds/params.js';
import {
  checkAgainstGForm,
  EQ2_FORM,
  MODEL_FORM_ACTIVATIONS,
  recheckAgainstGFormHP,
} from '../src/paper/s2-notation/model-forms.js';

export default identityClaim({
  id: 'model.eq2-equals-g2',
  section: '2, Eq. (1)–(2) vs (G1–G2)',
  statement:
    'h_t = W_R σ(h_{t−1}) + W_I x_t + b_R, o_t = softmax(W_O h_t + b_O) reproduces (G1–G2)',
  reading:
    'The paper calls (1)–(2) "the simpler form" of the equivalent (G1–G2). Read with the paper\'s own identification h = σ⁻¹(h_G): run (1) from σ⁻¹(h_0) and compare its outputs softmax(W_O h_t + b_O) with the G-form\'s o_t. Eq. (2) drops the σ that (R2) has.',
  expected: 'refuted',
  correction: {
    text: 'Keep the σ of (R2): o_t = softmax(W_O σ(h̃_t) + b_O).',
    claim: 'model.r-form-equals-g-form',
  },
  rationale:
    '(2) applies W_O to h̃_t = σ⁻¹(h_t^G) instead of to h_t^G = σ(h̃_t): the outputs differ whenever σ(h̃_t) ≠ h̃_t and W_O does not map the difference to a constant vector — the models agree only for σ = id.',
  params: STEP_PARAMS,
  sigma: MODEL_FORM_ACTIVATIONS,
  cells: {
    identity: {
      expected: 'holds',
      why: 'σ = id: σ⁻¹(h) = h, so (1)–(2) is (G1–G2) itself.',
    },
  },
  arbitrary: initialStateInRangeInputs,
  check: (input) => checkAgainstGForm(input, EQ2_FORM),
  recheckHP: (input) => recheckAgainstGFormHP(input, EQ2_FORM),
});
