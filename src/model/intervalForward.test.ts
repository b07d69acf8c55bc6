import { describe, expect, it } from 'vitest';
import { randomCase } from '../testing/randomCase.js';
import { ACTIVATION_NAMES } from './activation.js';
import { toModel } from './caseFile.js';
import { hpForward } from './hpForward.js';
import { intervalStates } from './intervalForward.js';

describe('intervalStates', () => {
  it.each(ACTIVATION_NAMES)(
    '%s: every enclosure is tight and agrees with the 60-digit states',
    (name) => {
      const model = toModel(randomCase(name, 3, 2, 4, 6, 7));
      const hp = hpForward(model);
      const iv = intervalStates(model, model.T);
      expect(iv.h.length).toBe(model.T + 1);
      for (let t = 0; t <= model.T; t++) {
        for (let i = 0; i < model.n; i++) {
          for (const [enc, v] of [
            [iv.h[t][i], hp.h[t][i]],
            [iv.s[t][i], hp.s[t][i]],
          ] as const) {
            // the 60-digit value is within 10⁻⁵⁵ of the truth, which the enclosure contains
            expect(enc.mid().minus(v).abs().lte(v.abs().times(1e-55).plus(1e-58))).toBe(true);
            expect(enc.width().lte(v.abs().times(1e-60).plus(1e-62))).toBe(true);
          }
        }
      }
    },
  );

  it('steps outside 0…T are a RangeError', () => {
    const model = toModel(randomCase('relu', 2, 1, 2, 3, 1));
    expect(intervalStates(model, 0).s).toHaveLength(1);
    expect(() => intervalStates(model, 4)).toThrow(RangeError);
    expect(() => intervalStates(model, -1)).toThrow(RangeError);
    expect(() => intervalStates(model, 1.5)).toThrow(RangeError);
  });
});
