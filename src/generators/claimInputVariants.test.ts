import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  baseCaseInputs,
  initialStateInRangeInputs,
  linearStep2Inputs,
  scalarLinearStep2Inputs,
} from './claimInputVariants.js';
import { earlyTermsInputs, gradientPersistsLimitInputs, withK } from './remark42Arbitrary.js';
import { defaultLimitInputs } from './vanishingInputArbitrary.js';

const sample = <X>(arb: fc.Arbitrary<X>) => fc.sample(arb, { seed: 42, numRuns: 60 });

describe('claim input variants', () => {
  test('the linear model of Lemma 1: σ = identity, W_I = 0, b_R = 0, t = 2 (n = 1 for the scalar one)', () => {
    for (const x of sample(linearStep2Inputs({}))) {
      expect(x.case.activation).toBe('identity');
      expect(x.params.t).toBe(2);
      expect(x.case.b_R.every((b) => b === 0)).toBe(true);
      expect(x.case.W_I.flat().every((w) => w === 0)).toBe(true);
    }
    for (const x of sample(scalarLinearStep2Inputs({}))) expect(x.case.W_R.length).toBe(1);
  });

  test('base-case inputs have T ≥ 2 and t ∈ {1, 2}', () => {
    const ts = sample(baseCaseInputs({})).map((x) => {
      expect(x.case.xs.length).toBeGreaterThanOrEqual(2);
      return x.params.t;
    });
    expect(new Set(ts)).toEqual(new Set([1, 2]));
  });

  test('initialStateInRangeInputs honours --activation', () => {
    for (const x of sample(initialStateInRangeInputs({ activations: ['tanh'] })))
      expect(x.case.activation).toBe('tanh');
  });

  test('withK maps k0 = 1, 2, 3, 4 to k = 1, 2, 3, 1 and drops k0', () => {
    const ks = sample(withK(defaultLimitInputs({}))).map((x) => {
      expect(Object.keys(x.params)).toEqual(['k']);
      return x.params.k;
    });
    expect(ks.every((k) => k >= 1 && k <= 3)).toBe(true);
    for (const x of sample(earlyTermsInputs({}))) expect([1, 2, 3]).toContain(x.params.k);
    for (const x of sample(gradientPersistsLimitInputs({}))) expect(x.params).toEqual({});
  });
});
