import fc from 'fast-check';
import { ACTIVATION_NAMES, type ActivationName, isActivationName } from '../model/activation.js';

/** Options of activationArbitrary. */
export interface ActivationConstraints {
  /**
   * The activations to draw from, uniformly; shrinking goes toward the first of the list.
   * @defaultValue ACTIVATION_NAMES (all of them)
   */
  activations?: readonly ActivationName[];
}

/** An activation name drawn uniformly from constraints.activations, shrinking toward its first. */
export function activationArbitrary(
  constraints: ActivationConstraints = {},
): fc.Arbitrary<ActivationName> {
  const activations = constraints.activations ?? ACTIVATION_NAMES;
  if (activations.length === 0) {
    throw new RangeError('activationArbitrary: activations must not be empty');
  }
  for (const a of activations) {
    if (!isActivationName(a)) {
      throw new RangeError(`activationArbitrary: unknown activation ${JSON.stringify(a)}`);
    }
  }
  return fc.constantFrom(...activations);
}
