import {
  type Interval,
  sech2I,
  sigmoidDerivI,
  sigmoidI,
  softplusI,
  tanhI,
} from '../numerics/exact/interval.js';
import type { ActivationName } from './activation.js';

/** σ and σ′ of an activation as interval functions: each encloses its values over the argument. */
export interface IntervalActivation {
  readonly f: (x: Interval) => Interval;
  readonly df: (x: Interval) => Interval;
}

/**
 * The interval σ and σ′ of the smooth activations, from the kernel's tanh, sech², logistic and
 * softplus enclosures (softplus′ = logistic). A stand-in with the kernel branch's API for the
 * smooth σ only; the piecewise-linear ones are decided in exact dyadic arithmetic instead.
 */
export function intervalActivation(name: ActivationName): IntervalActivation {
  switch (name) {
    case 'tanh':
      return { f: tanhI, df: sech2I };
    case 'sigmoid':
      return { f: sigmoidI, df: sigmoidDerivI };
    case 'softplus':
      return { f: softplusI, df: sigmoidI };
    default:
      throw new RangeError(`intervalActivation: no interval version of σ = ${name} here`);
  }
}
