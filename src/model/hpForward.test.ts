import { describe, expect, it } from 'vitest';
import { HP } from '../numerics/exact/decimal.js';
import { randomCase } from '../testing/randomCase.js';
import { ACTIVATION_NAMES } from './activation.js';
import { toModel } from './caseFile.js';
import { forward } from './forward.js';
import { hpForward, hpLogSumExp, hpSoftmax } from './hpForward.js';

describe('hpForward', () => {
  it.each(ACTIVATION_NAMES)('agrees with the float64 forward pass (%s)', (name) => {
    const model = toModel(randomCase(name, 3, 2, 4, 6, 7));
    const f = forward(model);
    const hp = hpForward(model);
    expect(hp.h).toHaveLength(7);
    expect(hp.loss).toHaveLength(6);
    for (let t = 0; t <= 6; t++) {
      for (let i = 0; i < 3; i++) {
        expect(hp.h[t][i].toNumber()).toBeCloseTo(f.h[t][i], 13);
        expect(hp.s[t][i].toNumber()).toBeCloseTo(f.s[t][i], 13);
      }
    }
    for (let t = 0; t < 6; t++) expect(hp.loss[t].toNumber()).toBeCloseTo(f.loss[t], 13);
  });

  it('stops after `steps` and rejects steps beyond T', () => {
    const model = toModel(randomCase('tanh', 2, 1, 2, 4, 3));
    expect(hpForward(model, 2).h).toHaveLength(3);
    expect(() => hpForward(model, 5)).toThrow(RangeError);
  });

  it('computes logsumexp and softmax without overflow', () => {
    const z = [new HP(1000), new HP(1000)];
    expect(hpLogSumExp(z).minus(new HP(1000)).minus(new HP(2).ln()).abs().lt('1e-55')).toBe(true);
    expect(hpSoftmax(z)[0].minus(0.5).abs().lt('1e-58')).toBe(true);
  });
});
