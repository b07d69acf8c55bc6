import { activation } from '../model/activation.js';
import type { Case } from '../model/caseFile.js';

/** The remark after Lemma 1's system: σ = id and h_t = W_R h_{t−1} (W_I = 0, b_R = 0). */
export function linearNoInput(c: Case): Case {
  return {
    ...c,
    activation: 'identity',
    W_I: c.W_I.map((r) => r.map(() => 0)),
    b_R: c.b_R.map(() => 0),
  };
}

/**
 * h_0 mapped into the range of σ (h_0 ← σ(h_0)), so that σ⁻¹(h_0) exists for an invertible σ:
 * the hypothesis of the paper's h̃ := σ⁻¹(h) change of variables.
 */
export function initialStateInRange(c: Case): Case {
  const f = activation(c.activation).f;
  return { ...c, h_0: c.h_0.map(f) };
}
