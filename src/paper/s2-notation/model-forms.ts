import type { CheckOutcome, ClaimInput, HPOutcome } from '../../engine/contract/claim.js';
import { checkIdentity, recheckIdentityHP } from '../../engine/contract/compare.js';
import { INVERTIBLE_ACTIVATIONS } from '../../model/activation.js';
import { type Model, toModel } from '../../model/caseFile.js';
import { eq2Outputs, gForm, type Outputs, rForm } from '../../model/forward.js';
import { type HPOutputs, hpEq2Form, hpGForm, hpInverse, hpRForm } from '../../model/hpForms.js';
import type { HPNumber } from '../../numerics/exact/decimal.js';
import { toHP } from '../../numerics/exact/decimal.js';
import { fromRows } from '../../numerics/Mat.js';

/** A form of the model run from h̃_0 (the paper's σ⁻¹(h_0)), in float64 and at 60 digits. */
export interface StartedForm {
  readonly run: (model: Model, hTilde0: Float64Array) => Outputs;
  readonly runHP: (model: Model, hTilde0: HPNumber[]) => HPOutputs;
}

/** Eq. (1) run from h̃_0 = σ⁻¹(h_0), then Eq. (2) applied to its state as written (claim model.eq2-equals-g2). */
export const EQ2_FORM: StartedForm = {
  run: (m, h0) => eq2Outputs({ ...m, h0 }),
  runHP: hpEq2Form,
};

/** Eq. (1) run from h̃_0 = σ⁻¹(h_0), outputs through σ as (R2) has them (claim model.r-form-equals-g-form). */
export const R_FORM: StartedForm = { run: rForm, runHP: hpRForm };

/**
 * Section 2's comparisons: `form` run from h̃_0 = σ⁻¹(h_0) has the outputs o_1…o_T of (G1–G2)
 * run from h_0. The hypothesis is the paper's identification h = σ(h̃): σ⁻¹ exists and h_0 lies
 * inside the range of σ; otherwise the case is skipped with the reason.
 */
export function checkAgainstGForm(input: ClaimInput, form: StartedForm): CheckOutcome {
  const m = toModel(input.case);
  const inv = m.sigma.inverse;
  if (inv === undefined) return { status: 'skip', reason: `σ = ${m.sigma.name} has no inverse` };
  const [lo, hi] = m.sigma.range;
  if (!m.h0.every((v) => v > lo && v < hi))
    return { status: 'skip', reason: 'h_0 is outside the range of σ' };
  const rows = (o: Float64Array[]) =>
    fromRows(
      o.map((x) => Array.from(x)),
      m.m,
    );
  return checkIdentity('o_1…o_T', rows(form.run(m, m.h0.map(inv)).o), [
    { oracle: 'G-form', value: rows(gForm(m).o) },
  ]);
}

/** checkAgainstGForm at 60 digits, with h̃_0 = σ⁻¹(h_0) itself computed at 60 digits. */
export function recheckAgainstGFormHP(input: ClaimInput, form: StartedForm): HPOutcome {
  const m = toModel(input.case);
  const h0 = input.case.h_0.map((v) => hpInverse(m.sigma.name, toHP(v)));
  // check() skipped every h_0 outside the range of σ, so each σ⁻¹(h_0) is defined here.
  return recheckIdentityHP(form.runHP(m, h0 as HPNumber[]), hpGForm(m));
}

/** The σ the model-form claims are stated for: those with an inverse (the identification h = σ⁻¹(h_G)). */
export const MODEL_FORM_ACTIVATIONS = INVERTIBLE_ACTIVATIONS;
