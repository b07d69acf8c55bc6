import { limitClaimArbitrary } from '../src/generators/vanishingInputArbitrary.js';
import { vanishingLimitClaim } from '../src/kinds/limit.js';
import { signedEigenvalueLimitHypothesis } from '../src/paper/s4-vanishing/thm2-limits.js';

export default vanishingLimitClaim({
  id: 'thm2.signed-eigenvalue',
  section: '4.1, Theorem 2',
  statement:
    '‖diag σ′(·)‖ ≤ γ and λ1 < 1/γ, λ1 the eigenvalue of W_R of largest |·| ⇒ F(k0, t) → 0 as t → ∞, for every fixed k0',
  reading:
    'As written: λ1 is compared with its sign. "λ1 < 1/γ" is read as: every eigenvalue of largest modulus is real and below 1/γ (a tie ±ρ needs both); when the dominant eigenvalues are a complex pair the inequality has no meaning and the case is counted as outside the hypothesis (skip). γ = sup|σ′|, HV(v) = I⊗vᵀ, descending products, inputs repeated with period T beyond T. The hypothesis is certified exactly when the dominant eigenvalues are rational (exact roots of det(zI − W_R), the rest of the spectrum certified strictly inside their modulus); a float64-only hypothesis never refutes.',
  expected: 'refuted',
  rationale:
    'A negative λ1 satisfies λ1 < 1/γ at any size: σ = identity, W_R = [[−3/2]] gives F(k0, t) = (−3/2)^{t−k0}σ(h_{k0−1}), which grows (certificate: J_r = W_R for every r and the W_R-annihilator z + 3/2 has its root outside the unit disk). It is also refuted by every counterexample of thm2.spectral-radius whose dominant eigenvalues are rational, hence certifiably real (e.g. nilpotent W_R: λ1 = 0). The smooth σ refute it by the same validated-numerics certificate (a repelling fixed point located by the Krawczyk test, ρ(J) > 1 from traces of J^k over the box; see thm2.spectral-radius) on a nilpotent W_R, whose λ1 = 0 is certified. Evidence: found on seeds 1–10 within 1–56 runs, by σ = identity (W_R = [[−1]] on a period-2 orbit at seed 20190701), relu and leaky_relu; restricted to tanh, sigmoid or softplus, a certified counterexample of that activation on each of the seeds 1–10, 4242, 777001 and 31337, within 3–62 runs (tanh 3–33, sigmoid 3–62, softplus 3–62).',
  numRuns: 1000,
  arbitrary: (o) => limitClaimArbitrary(o, 'rho'),
  hypothesis: signedEigenvalueLimitHypothesis,
});
