import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evaluate } from '../src/cli/evalCommand.js';
import { TOLERANCES, withinTolerance } from '../src/engine/contract/tolerances.js';
import { suiteSeed } from '../src/engine/seed.js';
import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { toModel } from '../src/model/caseFile.js';
import { allFinite, maxAbs } from '../src/numerics/kernels.js';
import { adGradientEWR, adJacobianHWR } from '../src/oracles/autodiff.js';
import { csGradientEWR, csJacobianHWR } from '../src/oracles/complexStep.js';
import { fdGradientEWR, fdJacobianHWR } from '../src/oracles/finiteDifference.js';
import { bpttGradient, theorem1 } from '../src/paper/s3-bptt/thm1.js';
import { propertyRuns } from '../src/testing/propertyRuns.js';
import { printStatistics } from '../src/testing/statistics.js';

// The oracles checked against each other on generated cases: if two independent methods agree,
// neither is likely to be wrong, which is what lets them judge the paper's formulas.
const seed = suiteSeed();
const inputs = claimInputArbitrary();
const exact = TOLERANCES.float64Exact;

function finite(...xs: Float64Array[]): boolean {
  return xs.every((x) => allFinite(x));
}

describe(`oracles agree on generated cases [seed ${seed}]`, () => {
  test('∂h_t/∂W_R: reverse-mode autodiff = complex step (float64Exact)', () => {
    fc.assert(
      fc.property(inputs, ({ case: c, params: { t } }) => {
        const m = toModel(c);
        const ad = adJacobianHWR(m, t).data;
        const cs = csJacobianHWR(m, t).data;
        fc.pre(finite(ad, cs));
        const cmp = withinTolerance(cs, ad, exact, maxAbs(adJacobianHWR(m, t, true).data));
        expect(cmp.ok, `∂h_t/∂W_R: complex step vs autodiff, relative ${cmp.relError}`).toBe(true);
      }),
      { seed, numRuns: propertyRuns(300) },
    );
  });

  test('∂E_t/∂W_R: reverse-mode autodiff = complex step (float64Exact)', () => {
    fc.assert(
      fc.property(inputs, ({ case: c, params: { t } }) => {
        const m = toModel(c);
        const ad = adGradientEWR(m, t).data;
        const cs = csGradientEWR(m, t).data;
        fc.pre(finite(ad, cs));
        const cmp = withinTolerance(cs, ad, exact, maxAbs(adGradientEWR(m, t, true).data));
        expect(cmp.ok, `∂E_t/∂W_R: complex step vs autodiff, relative ${cmp.relError}`).toBe(true);
      }),
      { seed, numRuns: propertyRuns(300) },
    );
  });

  test('∂h_t/∂W_R and ∂E_t/∂W_R: Ridders finite differences = autodiff within the FD tolerance plus its own error estimate', () => {
    let judged = 0;
    fc.assert(
      fc.property(claimInputArbitrary({ maxN: 5, maxT: 12 }), ({ case: c, params: { t } }) => {
        const m = toModel(c);
        for (const [name, fd, ad] of [
          ['∂h_t/∂W_R', fdJacobianHWR(m, t), adJacobianHWR(m, t)],
          ['∂E_t/∂W_R', fdGradientEWR(m, t), adGradientEWR(m, t)],
        ] as const) {
          if (fd.crossedKink || !finite(fd.value.data, ad.data)) continue;
          judged++;
          const cmp = withinTolerance(fd.value.data, ad.data, TOLERANCES.finiteDifference);
          let worst = 0;
          for (let q = 0; q < ad.data.length; q++) {
            const excess =
              Math.abs(fd.value.data[q] - ad.data[q]) - fd.errorEstimate.data[q] - cmp.bound;
            worst = Math.max(worst, excess);
          }
          expect(
            worst,
            `${name}: finite differences vs autodiff exceed the bound`,
          ).toBeLessThanOrEqual(0);
        }
      }),
      { seed, numRuns: propertyRuns(100) },
    );
    // Two quantities per case: most of them are away from kinks and get judged.
    expect(judged).toBeGreaterThan(propertyRuns(100));
  });

  test("eval's closed forms: Theorem 1 (I⊗vᵀ, J_t⋯J_{k+1}) = autodiff, BPTT δ-recursion = autodiff", () => {
    fc.assert(
      fc.property(inputs, ({ case: c, params: { t } }) => {
        const m = toModel(c);
        const ad = adJacobianHWR(m, t).data;
        const th = theorem1(m, t, { hv: 'kron', order: 'descending' }).data;
        const adE = adGradientEWR(m, t).data;
        const bp = bpttGradient(m, t).data;
        fc.pre(finite(ad, th, adE, bp));
        const magH = maxAbs(adJacobianHWR(m, t, true).data);
        const magE = maxAbs(adGradientEWR(m, t, true).data);
        expect(withinTolerance(th, ad, exact, magH).ok, '∂h_t/∂W_R: Theorem 1 vs autodiff').toBe(
          true,
        );
        expect(withinTolerance(bp, adE, exact, magE).ok, '∂E_t/∂W_R: BPTT vs autodiff').toBe(true);
      }),
      { seed, numRuns: propertyRuns(300) },
    );
  });

  const evalCases = fc.oneof(
    claimInputArbitrary(),
    claimInputArbitrary({ maxN: 1, maxT: 1 }),
    claimInputArbitrary({ biasModes: ['saturating'], initialStates: ['large'] }),
  );
  test('eval: Theorem 1 agrees with autodiff and complex step to 1e-10 and with finite differences to their tolerance (incl. n = 1, t = 1, saturated units)', () => {
    const fdErrors: number[] = [];
    fc.assert(
      fc.property(evalCases, ({ case: c, params: { t } }) => {
        const o = evaluate(c, t);
        const a = o.agreement;
        fc.pre(Object.values(a).every(Number.isFinite));
        expect(a['dh_dWR.autodiff'], 'eval: dh_dWR.autodiff').toBeLessThanOrEqual(exact.rtol);
        expect(a['dh_dWR.complexStep'], 'eval: dh_dWR.complexStep').toBeLessThanOrEqual(exact.rtol);
        expect(a['dE_dWR.autodiff'], 'eval: dE_dWR.autodiff').toBeLessThanOrEqual(exact.rtol);
        if (o.notes.length === 0) fdErrors.push(a['dh_dWR.finiteDifference']);
      }),
      { seed, numRuns: propertyRuns(150) },
    );
    fdErrors.sort((x, y) => x - y);
    const q = (p: number) => fdErrors[Math.floor(p * (fdErrors.length - 1))];
    printStatistics(
      `eval: finite differences vs Theorem 1, relative: median ${q(0.5).toExponential(1)}, 90% ${q(0.9).toExponential(1)}, max ${q(1).toExponential(1)} over ${fdErrors.length} cases`,
    );
    expect(q(0.5)).toBeLessThanOrEqual(exact.rtol);
  });
});
