import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ACTIVATION_NAMES, type ActivationName } from '../model/activation.js';
import { activationArbitrary } from './activationArbitrary.js';

describe('activationArbitrary', () => {
  test('draws every activation by default', () => {
    expect(new Set(fc.sample(activationArbitrary(), 300))).toEqual(new Set(ACTIVATION_NAMES));
  });

  test('stays within a restricted list and shrinks toward its first entry', () => {
    const list: ActivationName[] = ['relu', 'tanh'];
    expect(new Set(fc.sample(activationArbitrary({ activations: list }), 100))).toEqual(
      new Set(list),
    );
    const r = fc.check(fc.property(activationArbitrary({ activations: list }), () => false));
    expect(r.counterexample?.[0]).toBe('relu');
    const all = fc.check(fc.property(activationArbitrary(), () => false));
    expect(all.counterexample?.[0]).toBe('identity');
  });

  test('rejects an empty or unknown list', () => {
    expect(() => activationArbitrary({ activations: [] })).toThrow(RangeError);
    expect(() => activationArbitrary({ activations: ['swish' as ActivationName] })).toThrow(
      RangeError,
    );
  });
});
