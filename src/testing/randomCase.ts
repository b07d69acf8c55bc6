import type { ActivationName } from '../model/activation.js';
import type { Case } from '../model/caseFile.js';

/** Options of randomCase; every one has a default. */
export interface RandomCaseConstraints {
  /** W_R's entries are uniform in [−wrScale/2, wrScale/2) (default 1). */
  readonly wrScale?: number;
  /** y_t as a function of t = 0 … T−1 and m (default t mod m). */
  readonly label?: (t: number, m: number) => number;
}

/** A linear congruential generator (Numerical Recipes' constants): uniform in [−0.5, 0.5). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/**
 * A reproducible, well-scaled case of size n, d, m, T from a seed, for hand-written tests that
 * want a specific case rather than a fast-check arbitrary; entries uniform in [−0.5, 0.5).
 */
export function randomCase(
  activation: ActivationName,
  n: number,
  d: number,
  m: number,
  T: number,
  seed: number,
  { wrScale = 1, label = (t: number, k: number) => t % k }: RandomCaseConstraints = {},
): Case {
  const r = lcg(seed);
  const mat = (a: number, b: number) =>
    Array.from({ length: a }, () => Array.from({ length: b }, r));
  return {
    activation,
    W_R: mat(n, n).map((row) => row.map((x) => wrScale * x)),
    W_I: mat(n, d),
    b_R: mat(1, n)[0],
    W_O: mat(m, n),
    b_O: mat(1, m)[0],
    h_0: mat(1, n)[0],
    xs: mat(T, d),
    ys: Array.from({ length: T }, (_, t) => label(t, m)),
  };
}

/** randomCase with `constraints` fixed: the family of cases a test file draws from. */
export function randomCaseFamily(
  constraints: RandomCaseConstraints,
): (activation: ActivationName, n: number, d: number, m: number, T: number, seed: number) => Case {
  return (activation, n, d, m, T, seed) => randomCase(activation, n, d, m, T, seed, constraints);
}
