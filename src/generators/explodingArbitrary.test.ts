import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { explodingCheck } from '../paper/s5-exploding/thm4.js';
import { explodingProbeArbitrary, productBoundArbitrary } from './explodingArbitrary.js';

describe('the Theorem 4 probe', () => {
  test('same seed, same inputs', () => {
    const a = fc.sample(explodingProbeArbitrary(), { seed: 9, numRuns: 20 });
    const b = fc.sample(explodingProbeArbitrary(), { seed: 9, numRuns: 20 });
    expect(JSON.stringify(a)).toEqual(JSON.stringify(b));
  });

  test('identity and leaky_relu cases meet the hypothesis most of the time', () => {
    for (const act of ['identity', 'leaky_relu'] as const) {
      const xs = fc.sample(explodingProbeArbitrary({ activations: [act] }), {
        seed: 4,
        numRuns: 60,
      });
      const met = xs.filter((x) => {
        const o = explodingCheck(x, 'hidden');
        return o.status !== 'skip' || !/‖W_R‖₂ </.test(o.reason);
      }).length;
      expect(met / xs.length).toBeGreaterThan(0.5);
    }
  });

  test('ε is dyadic in (0, 1]; product-bound steps satisfy 0 ≤ k < t ≤ T', () => {
    for (const x of fc.sample(explodingProbeArbitrary(), { seed: 1, numRuns: 50 })) {
      expect(x.params.eps * 16).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(x.params.eps * 16) && x.params.eps <= 1).toBe(true);
    }
    for (const x of fc.sample(productBoundArbitrary('norm'), { seed: 1, numRuns: 50 })) {
      const { t, k } = x.params;
      expect(0 <= k && k < t && t <= x.case.xs.length).toBe(true);
    }
  });
});
