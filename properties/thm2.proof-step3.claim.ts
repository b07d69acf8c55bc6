import { boundClaimArbitrary } from '../src/generators/vanishingInputArbitrary.js';
import { boundClaim } from '../src/kinds/bound.js';
import { toHP } from '../src/numerics/exact/decimal.js';
import { dyadicMat, dyadicRatio } from '../src/numerics/exact/dyadic.js';
import { spectralRadiusBelow } from '../src/numerics/exact/eigenCertificates.js';
import { fromRows } from '../src/numerics/Mat.js';
import { spectralNorm } from '../src/numerics/singularValues.js';
import { spectralRadiusHypothesis } from '../src/paper/s4-vanishing/thm2.js';

/** A dyadic c a hair below the float64 ‖W_R‖₂ (2^−30 relative, far above its rounding): the certificate separates ρ(W_R) < c ≤ ‖W_R‖₂. */
function cBelow(sMax: number): number {
  return sMax * (1 - 2 ** -30);
}

/** ρ(W_R) < c exactly. */
function rhoBelow(rows: number[][], c: number): boolean {
  const r = dyadicRatio(c);
  return c > 0 && spectralRadiusBelow(dyadicMat(rows), r.num, r.den);
}

export default boundClaim({
  id: 'thm2.proof-step3',
  section: '4.1, Proof 3, third inequality',
  statement: '(‖W_R‖·‖σ(h_{t−1})‖)^{t−k0} ≤ (λ1·‖σ(h_{t−1})‖)^{t−k0}',
  reading:
    'The step on its own, λ1 being Theorem 2\'s "eigenvalue of W_R that has the largest absolute value", read charitably as |λ1| = ρ(W_R) (a negative λ1 with odd t − k0 would make the right side negative); ‖W_R‖ the spectral norm. Every t with k0 < t ≤ T, under ρ(W_R)·γ < 1 (exact).',
  expected: 'refuted',
  rationale:
    'It asserts ‖W_R‖₂ ≤ ρ(W_R), the reverse of the general ρ ≤ ‖·‖₂: it fails for every W_R with ρ(W_R) < ‖W_R‖₂ (all non-normal ones with a non-normal dominant part, e.g. the nilpotent [[0, 1], [0, 0]]: ρ = 0, ‖W_R‖₂ = 1) as soon as σ(h_{t−1}) ≠ 0. Certificate: an exact dyadic c with ρ(W_R) < c (Möbius + Routh–Hurwitz on det(zI − W_R)) and c below the 60-digit lower enclosure of ‖W_R‖₂. Evidence: found on seeds 1–10 within 1–22 runs.',
  quantity: '(‖W_R‖₂·‖σ(h_{t−1})‖₂)^{t−k0} ≤ (ρ(W_R)·‖σ(h_{t−1})‖₂)^{t−k0}',
  numRuns: 1000,
  arbitrary: (o) => boundClaimArbitrary(o, 'rho'),
  hypothesis: spectralRadiusHypothesis,
  prepare: () => undefined,
  sides: (ctx, _p, t) => ({
    lhs: (ctx.facts.sMax * ctx.sPrevNorm[t]) ** (t - ctx.k0),
    rhs: (ctx.facts.rho * ctx.sPrevNorm[t]) ** (t - ctx.k0),
  }),
  // a float64 ρ of a defective matrix can be off by (ε‖W_R‖)^{1/k}: report only what ρ(W_R) < c certifies
  confirm: (ctx, _p, t) => ctx.sPrevNorm[t] > 0 && rhoBelow(ctx.case.W_R, cBelow(ctx.facts.sMax)),
  hpSides: (h) => {
    // the same c as the check: from the float64 ‖W_R‖₂, re-derived from the case
    const c = cBelow(spectralNorm(fromRows(h.case.W_R, h.case.W_R.length)));
    const exact = rhoBelow(h.case.W_R, c);
    const cHP = toHP(c);
    const wLo = h.wNorm().lo;
    const s = h.sPrevNorm;
    return {
      lhsLower: wLo.times(s).pow(h.m),
      // (ρ·s)^m < (c·s)^m once ρ < c is certified; otherwise no valid upper bound is claimed
      rhsUpper: exact ? cHP.times(s).pow(h.m) : wLo.times(s).pow(h.m),
      decided: exact && wLo.gt(cHP) && s.gt(0),
      certificate: {
        c: c.toString(),
        rhoBelowC: exact,
        normWLowerBound: wLo.toSignificantDigits(25).toString(),
        decidedBy:
          'ρ(W_R) < c exactly (all roots of det(zI − W_R) in |z| < c: Möbius + Routh–Hurwitz in integers) and c < ‖W_R‖₂ (60-digit Jacobi/Weyl lower bound), ‖σ(h_{t−1})‖₂ > 0',
      },
    };
  },
});
