import { initialStateInRange } from '../src/generators/caseTransforms.js';
import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { defineClaim } from '../src/ledger/claim.js';
import { checkIdentity, recheckIdentityHP } from '../src/ledger/identityCheck.js';
import { toHP } from '../src/linalg/decimal.js';
import { fromRows } from '../src/linalg/Mat.js';
import { toModel } from '../src/model/caseFile.js';
import { eq2Outputs, gForm } from '../src/model/forward.js';
import { hpEq2Form, hpGForm, hpInverse } from '../src/model/hpForms.js';

export default defineClaim({
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
    // Eq. (1) run from h̃_0 = σ⁻¹(h_0), then Eq. (2) applied to its state as written.
    const e = eq2Outputs({ ...m, h0: m.h0.map(inv) });
    const rows = e.o.map((x) => Array.from(x));
    return checkIdentity('o_1…o_T', fromRows(rows, m.m), [
      {
        oracle: 'G-form',
        value: fromRows(
          g.o.map((x) => Array.from(x)),
          m.m,
        ),
      },
    ]);
  },
  recheckHP: (input) => {
    const m = toModel(input.case);
    const h0 = input.case.h_0.map((v) => hpInverse(m.sigma.name, toHP(v)));
    return recheckIdentityHP(hpEq2Form(m, h0 as NonNullable<(typeof h0)[number]>[]), hpGForm(m));
  },
});
