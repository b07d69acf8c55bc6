import { Interval, intervalMat, matVecI } from '../numerics/exact/interval.js';
import { intervalActivation } from './activationInterval.js';
import type { Model } from './caseFile.js';

/** Enclosures of the states of Eq. (1): index t holds h_t and σ(h_t). */
export interface IntervalStates {
  /** h_0 … h_steps. */
  readonly h: Interval[][];
  /** σ(h_0) … σ(h_steps). */
  readonly s: Interval[][];
}

/**
 * h_t = W_R σ(h_{t−1}) + W_I x_t + b_R for t ≤ steps in outward-rounded interval arithmetic from the
 * model's exact float64 parameters: every enclosure contains the exact real state.
 */
export function intervalStates(model: Model, steps: number): IntervalStates {
  if (!Number.isInteger(steps) || steps < 0 || steps > model.T)
    throw new RangeError(`intervalStates: steps = ${steps} is outside 0…${model.T}`);
  const act = intervalActivation(model.sigma.name);
  const WR = intervalMat(model.WR);
  const WI = intervalMat(model.WI);
  const h0 = Array.from(model.h0, (x) => Interval.point(x));
  const h: Interval[][] = [h0];
  const s: Interval[][] = [h0.map(act.f)];
  for (let t = 1; t <= steps; t++) {
    const x = Array.from(model.xs.data.subarray((t - 1) * model.d, t * model.d), (v) =>
      Interval.point(v),
    );
    const rec = matVecI(WR, s[t - 1]);
    const inp = matVecI(WI, x);
    const ht = rec.map((r, i) => r.add(inp[i]).add(Interval.point(model.bR[i])));
    h.push(ht);
    s.push(ht.map(act.f));
  }
  return { h, s };
}
