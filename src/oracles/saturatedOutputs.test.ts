import { describe, expect, test } from 'vitest';
import { type Case, toModel } from '../model/caseFile.js';
import { mat } from '../numerics/Mat.js';
import { adGradientEWR, adGradientTotal, adJacobianHWR, recordRun, Tape } from './autodiff.js';
import { csGradientEWR, csGradientTotal, csJacobianHWR } from './complexStep.js';
import { fdGradientEWR, fdGradientTotal, fdJacobianHWR } from './finiteDifference.js';

/**
 * n = 1, σ = id, x = 0: h_1 = W_R h_0 = 0.5 and z = (h + 800, −h − 800). Any log-sum-exp or
 * softmax not shifted by the largest logit overflows here (e^{800.5} = ∞), and e^{−1601}
 * underflows to 0, so every quantity below is exact in float64.
 */
function saturated(y: number, T = 1): Case {
  return {
    activation: 'identity',
    W_R: [[0.5]],
    W_I: [[0]],
    b_R: [0],
    W_O: [[1], [-1]],
    b_O: [800, -800],
    h_0: [1],
    xs: Array.from({ length: T }, () => [0]),
    ys: Array.from({ length: T }, () => y),
  };
}

describe('the three oracles with saturated outputs (logits ±800)', () => {
  test('E_1 = z_0 − z_1 = 1601 for y = 1; ∂E_1/∂W_R = (p − e_1)ᵀW_O·h_0 = 2', () => {
    const m = toModel(saturated(1));
    const run = recordRun(m, 1, true);
    expect(run.tape.value(run.loss[1])[0]).toBe(1601);
    for (const [name, g] of [
      ['autodiff', adGradientEWR(m, 1)],
      ['complex step', csGradientEWR(m, 1)],
      ['finite differences', fdGradientEWR(m, 1).value],
    ] as const) {
      expect(Math.abs(g.data[0] - 2), `${name}: ∂E_1/∂W_R`).toBeLessThan(1e-9);
    }
  });

  test('y = the winning class: ∂E_1/∂W_R = 0 exactly, while its magnitude Σ|terms| is 2', () => {
    const m = toModel(saturated(0));
    expect(adGradientEWR(m, 1).data[0]).toBe(0);
    expect(csGradientEWR(m, 1).data[0]).toBe(0);
    expect(Math.abs(fdGradientEWR(m, 1).value.data[0])).toBeLessThan(1e-9);
    // |p_0 − 1| and |p_1| each enter as the terms they subtract: (p_0 + 1)·1 + p_1·1 = 2.
    expect(adGradientEWR(m, 1, true).data[0]).toBe(2);
  });

  test('E = E_1 + E_2 over two steps: the total gradient is the sum, in every oracle', () => {
    const m = toModel(saturated(1, 2));
    // h_2 = 0.25: ∂E_2/∂W_R = 2·(∂h_2/∂W_R) = 2·(2·W_R·h_0) = 2; with E_1's 2, total 4.
    const run = recordRun(m, 2, true);
    const total = run.tape.sum([run.loss[1], run.loss[2]]);
    expect(run.tape.value(total)[0]).toBe(1601 + 1600.5);
    expect(adGradientTotal(m).data[0]).toBeCloseTo(4, 12);
    expect(csGradientTotal(m).data[0]).toBeCloseTo(4, 12);
    expect(fdGradientTotal(m).value.data[0]).toBeCloseTo(4, 8);
  });

  test('a step outside 1…T (0…T for ∂h_t/∂W_R) is a RangeError naming it', () => {
    const m = toModel(saturated(1, 2));
    for (const f of [
      () => adJacobianHWR(m, 3),
      () => adJacobianHWR(m, 0.5),
      () => adGradientEWR(m, 0),
      () => csJacobianHWR(m, 3),
      () => csJacobianHWR(m, 1.5),
      () => csGradientEWR(m, 0),
      () => fdJacobianHWR(m, -1),
      () => fdGradientEWR(m, 0),
      () => fdGradientEWR(m, 3),
    ]) {
      expect(f).toThrow(/^(autodiff|complex step|finite difference): t = .* is outside/);
    }
    expect(Array.from(csJacobianHWR(m, 0).data)).toEqual([0]);
    expect(Array.from(fdJacobianHWR(m, 0).value.data)).toEqual([0]);
  });
});

describe('the tape', () => {
  test('y = u + W·x: the cotangent reaches W through the second operand of +', () => {
    const tape = new Tape();
    const w = tape.param(mat(1, 2, Float64Array.of(3, -1)));
    const y = tape.add(
      tape.leaf(Float64Array.of(10)),
      tape.matvec(w, tape.leaf(Float64Array.of(2, 5))),
    );
    expect(Array.from(tape.value(y))).toEqual([11]);
    expect(Array.from(tape.backward(y, mat(1, 1, Float64Array.of(1)), w).data)).toEqual([2, 5]);
  });
});
