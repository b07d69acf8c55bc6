import { mat } from '../numerics/Mat.js';
import type { Model } from './caseFile.js';

/**
 * The model continued (or cut) to `horizon` steps with its inputs and targets repeated with
 * period T: x_t := x_{((t−1) mod T)+1}, likewise y_t. A case file holds T steps; claims about
 * t → ∞ are read on this continuation.
 */
export function periodicModel(model: Model, horizon: number): Model {
  const { T, d } = model;
  const xs = mat(horizon, d);
  const ys = new Int32Array(horizon);
  for (let t = 0; t < horizon; t++) {
    xs.data.set(model.xs.data.subarray((t % T) * d, ((t % T) + 1) * d), t * d);
    ys[t] = model.ys[t % T];
  }
  return { ...model, T: horizon, xs, ys };
}
