import { initialStateInRange } from '../src/generators/caseTransforms.js';
import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { defineClaim } from '../src/ledger/claim.js';
import { checkIdentity, recheckIdentityHP } from '../src/ledger/identityCheck.js';
import { toHP } from '../src/linalg/decimal.js';
import { fromRows } from '../src/linalg/Mat.js';
import { toModel } from '../src/model/caseFile.js';
import { gForm, rForm } from '../src/model/forward.js';
import { hpGForm, hpInverse, hpRForm } from '../src/model/hpForms.js';

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
  check: (input) => {
    const m = toModel(input.case);
    const inv = m.sigma.inverse;
    if (inv === undefined) return { status: 'skip', reason: `σ = ${m.sigma.name} has no inverse` };
    const [lo, hi] = m.sigma.range;
    if (!m.h0.every((v) => v > lo && v < hi))
      return { status: 'skip', reason: 'h_0 is outside the range of σ' };
    const g = gForm(m);
    const r = rForm(m, m.h0.map(inv));
    return checkIdentity(
      'o_1…o_T',
      fromRows(
        r.o.map((x) => Array.from(x)),
        m.m,
      ),
      [
        {
          oracle: 'G-form',
          value: fromRows(
            g.o.map((x) => Array.from(x)),
            m.m,
          ),
        },
      ],
    );
  },
  recheckHP: (input) => {
    const m = toModel(input.case);
    const h0 = input.case.h_0.map((v) => hpInverse(m.sigma.name, toHP(v)));
    return recheckIdentityHP(hpRForm(m, h0 as NonNullable<(typeof h0)[number]>[]), hpGForm(m));
  },
});
