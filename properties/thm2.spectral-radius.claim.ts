import { limitClaimArbitrary } from '../src/generators/vanishingInputArbitrary.js';
import { vanishingLimitClaim } from '../src/kinds/limit.js';
import { spectralRadiusLimitHypothesis } from '../src/paper/s4-vanishing/thm2-limits.js';

export default vanishingLimitClaim({
  id: 'thm2.spectral-radius',
  section: '4.1, Theorem 2',
  statement:
    '‖diag σ′(·)‖ ≤ γ and ρ(W_R)·γ < 1 ⇒ F(k0, t) = (J_t⋯J_{k0+1})·(I⊗σ(h_{k0−1})ᵀ) → 0 as t → ∞, for every fixed k0',
  reading:
    'λ1 read as |λ1| = ρ(W_R), the spectral radius; γ = sup_x|σ′(x)| of the activation (1, or 1/4 for sigmoid); HV(v) = I⊗vᵀ, products newest factor on the left (thm1.kron-descending). A case has finitely many inputs x_1…x_T; "t → ∞" runs it on with the inputs repeated, x_t := x_{((t−1) mod T)+1} (constant inputs are T = 1). The hypothesis is decided exactly (all roots of det(zI − W_R) in |z| < 1/γ).',
  expected: 'refuted',
  rationale:
    'ρ(W_R)γ < 1 does not bound the products of the Jacobians J_r = W_R diag σ′(h_{r−1}): their joint spectral radius can exceed 1 while ρ(W_R) = 0. With relu, W_R = [[1, 1], [−1, −1]] (nilpotent), b_R = 0 and h_0 = (1, −1) is an exact fixed point, J = W_R diag(1, 0) = [[1, 0], [−1, 0]] is idempotent and F(k0, t) = J⊗σ(h*)ᵀ for every t > k0. The search finds such cases from random seeds (exact fixed points and period-2 orbits whose activation pattern is hill-climbed to maximize ρ(W_R D)/ρ(W_R)); the certificate is exact: the state cycle is verified in dyadic arithmetic, and the M-annihilator of a column of the pre-cycle product has a root of modulus ≥ 1 (Möbius + Routh–Hurwitz in integers), so ‖F(k0, a′+qp)‖ ↛ 0. The smooth σ (tanh, sigmoid, softplus) refute it too, by validated numerics: with a constant drive u = W_I x_t + b_R, the Krawczyk test in outward-rounded interval arithmetic proves a unique exact fixed point h* = W_R σ(h*) + u in a box of radius ~1e-11 around the stored float64 h_0, tr(J^k) ∉ [−n, n] over the box proves ρ(J) > 1 for J = W_R diag σ′(h*) (|tr J^k| ≤ n·ρ(J)^k), and a coordinate of σ(box) excludes 0; with h_0 := h* the state never moves, F(k0, t) = J^{t−k0}⊗σ(h*)ᵀ and ‖F‖₂ ≥ ρ(J)^{t−k0}‖σ(h*)‖₂ → ∞ (the counterexample is the exact real h* in the stored box; the file says so). The search reaches such fixed points by climbing h* on a dyadic grid to maximize ρ(W_R diag σ′(h*)) for a sheared nilpotent or triangular W_R, rescaled so that ρ(W_R)γ < 1 ≤ 5/4 ≤ ρ(J). Only σ = identity cannot refute it: F = W_R^{t−k0}⊗σ(h_{k0−1})ᵀ → 0 exactly when ρ(W_R) < 1. A normal W_R cannot amplify (ρ(W_R D) ≤ ‖W_R‖ = ρ(W_R)), nor can a permuted-triangular one (W_R D stays triangular), so the targeted families shear nilpotent and triangular matrices by unimodular integer similarities. Evidence: found on seeds 1–10 within 3–59 runs (seed 20190701: run 47, 29 of the 47 runs met the hypothesis); restricted to identity, 1000 runs find none; restricted to tanh, sigmoid or softplus (`verify --claim thm2.spectral-radius --activation A --seed S --store $(mktemp -d)`), a certified counterexample of that activation on each of the seeds 1–10, 4242, 777001 and 31337, within 2–62 runs (tanh 2–30, sigmoid 2–28, softplus 2–62).',
  numRuns: 1000,
  cells: {
    identity: {
      expected: 'holds',
      why: 'σ = id: σ′ ≡ 1 and γ = 1, so F(k0, t) = W_R^{t−k0}⊗h_{k0−1}ᵀ, and W_R^m → 0 when ρ(W_R) < 1 (Jordan form, or Gelfand: ‖W_R^m‖^{1/m} → ρ(W_R)).',
    },
  },
  arbitrary: (o) => limitClaimArbitrary(o, 'rho'),
  hypothesis: spectralRadiusLimitHypothesis,
});
