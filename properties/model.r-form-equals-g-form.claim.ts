import { defineClaim } from '../src/engine/contract/claim.js';
import { initialStateInRange } from '../src/generators/caseTransforms.js';
import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { rForm } from '../src/model/forward.js';
import { hpRForm } from '../src/model/hpForms.js';
import {
  checkAgainstGForm,
  recheckAgainstGFormHP,
  type StartedForm,
} from '../src/paper/s2-notation/model-forms.js';

const FORM: StartedForm = { run: rForm, runHP: hpRForm };

export default defineClaim({
  id: 'model.r-form-equals-g-form',
  section: '2, (R1–R2) vs (G1–G2)',
  statement:
    'h̃_t := σ⁻¹(h_t) ⇒ h̃_t = W_R σ(h̃_{t−1}) + W_I x_t + b_R and o_t = softmax(W_O σ(h̃_t) + b_O)',
  reading:
    'For invertible σ and h_0 in the range of σ: the R-form run from h̃_0 = σ⁻¹(h_0) gives the same outputs o_1…o_T as the G-form run from h_0. Cases with a non-invertible σ (relu) or h_0 outside its range fail the hypothesis and are counted, not judged.',
  expected: 'holds',
  rationale:
    'If σ(h̃_{t−1}) = h_{t−1} then h̃_t = W_R h_{t−1} + W_I x_t + b_R is exactly the pre-activation of (G1), so σ(h̃_t) = h_t; induction on t from σ(h̃_0) = h_0.',
  kind: 'identity',
  arbitrary: (o) => claimInputArbitrary({ ...o, adapt: initialStateInRange }),
  // Eq. (1) run from h̃_0 = σ⁻¹(h_0), outputs through σ as (R2) has them.
  check: (input) => checkAgainstGForm(input, FORM),
  recheckHP: (input) => recheckAgainstGFormHP(input, FORM),
});
