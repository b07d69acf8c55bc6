import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propertyRuns } from '../testing/propertyRuns.js';
import {
  ACTIVATION_NAMES,
  type ActivationName,
  activation,
  type Complex,
  isActivationName,
  LEAKY_SLOPE,
} from './activation.js';

// Plain complex arithmetic, as written in a textbook: the reference for the guarded extensions.
const add = ([a, b]: Complex, [c, d]: Complex): Complex => [a + c, b + d];
const mul = ([a, b]: Complex, [c, d]: Complex): Complex => [a * c - b * d, a * d + b * c];
const div = ([a, b]: Complex, [c, d]: Complex): Complex => {
  const q = c * c + d * d;
  return [(a * c + b * d) / q, (b * c - a * d) / q];
};
const exp = ([a, b]: Complex): Complex => [Math.exp(a) * Math.cos(b), Math.exp(a) * Math.sin(b)];
const log = ([a, b]: Complex): Complex => [Math.log(Math.hypot(a, b)), Math.atan2(b, a)];
const ONE: Complex = [1, 0];

/** σ(z) by the defining formula, for |Re z| ≤ 3 and |Im z| ≤ 1 (no overflow, no branch cut). */
const REFERENCE: Partial<Record<ActivationName, (z: Complex) => Complex>> = {
  identity: (z) => z,
  tanh: (z) => {
    const e = exp(mul([2, 0], z));
    return div(add(e, [-1, 0]), add(e, ONE));
  },
  sigmoid: (z) => div(ONE, add(ONE, exp(mul([-1, 0], z)))),
  softplus: (z) => log(add(ONE, exp(z))),
};

const near = (x: number, y: number, tol: number) =>
  Math.abs(x - y) <= tol * Math.max(1, Math.abs(y));

describe('activations', () => {
  test('σ(a + ib) of the complex step equals the defining formula at finite b, not only b → 0', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(REFERENCE) as ActivationName[])),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (name, a, b) => {
          const [re, im] = activation(name).fComplex(a, b);
          const [wr, wi] = (REFERENCE[name] as (z: Complex) => Complex)([a, b]);
          expect(near(re, wr, 1e-12), `${name}(${a} + ${b}i): real part`).toBe(true);
          expect(near(im, wi, 1e-12), `${name}(${a} + ${b}i): imaginary part`).toBe(true);
        },
      ),
      {
        numRuns: propertyRuns(400),
        // fast-check's doubles favour 0 and tiny values, where O(b²) terms vanish: a fixed grid of
        // moderate points is always tried first.
        examples: [-2.5, -0.5, 0.3, 1.7].flatMap((a) =>
          [-0.9, 0.4, 1].flatMap((b) =>
            (Object.keys(REFERENCE) as ActivationName[]).map(
              (n) => [n, a, b] as [ActivationName, number, number],
            ),
          ),
        ),
      },
    );
  });

  test('Im σ(x + ih)/h = σ′(x) and Re σ(x + ih) = σ(x) for h = 1e-100, also at the kinks', () => {
    for (const name of ACTIVATION_NAMES) {
      const s = activation(name);
      for (const x of [-40, -2.5, -1e-3, 0, 1e-3, 0.7, 3, 40]) {
        const [re, im] = s.fComplex(x, 1e-100);
        expect(near(re, s.f(x), 1e-15), `${name}: Re σ(${x} + ih)`).toBe(true);
        expect(near(im / 1e-100, s.df(x), 1e-14), `${name}: Im σ(${x} + ih)/h`).toBe(true);
      }
    }
  });

  test('σ⁻¹(σ(x)) = x wherever σ is invertible', () => {
    for (const name of ACTIVATION_NAMES) {
      const s = activation(name);
      if (s.inverse === undefined) continue;
      for (const x of [-5, -0.75, -1e-3, 1e-3, 0.5, 2, 6]) {
        expect(near(s.inverse(s.f(x)), x, 1e-9), `${name}⁻¹(${name}(${x}))`).toBe(true);
      }
    }
    expect(activation('relu').inverse).toBeUndefined();
  });

  test('kink conventions: relu′(0) = 0 and leaky_relu′(0) = 1/64 (the left derivatives)', () => {
    expect(activation('relu').df(0)).toBe(0);
    expect(activation('relu').df(1e-300)).toBe(1);
    expect(activation('leaky_relu').df(0)).toBe(LEAKY_SLOPE);
    expect(activation('leaky_relu').df(1e-300)).toBe(1);
    expect(activation('leaky_relu').f(-64)).toBe(-1);
  });

  test('far in the tails: no overflow to NaN, σ′ underflows to 0, σ saturates exactly', () => {
    const sig = activation('sigmoid');
    expect(sig.f(1000)).toBe(1);
    expect(sig.f(-1000)).toBe(0);
    expect(sig.df(800)).toBe(0);
    expect(activation('tanh').df(400)).toBe(0);
    expect(activation('tanh').df(-400)).toBe(0);
    expect(activation('softplus').f(1000)).toBe(1000);
    expect(activation('softplus').f(-1000)).toBe(0);
    // log(1 + e^z) for Re z = 1000 is z itself, in both parts: e^z alone would be ∞.
    expect(activation('softplus').fComplex(1000, 1e-100)).toEqual([1000, 1e-100]);
    expect(activation('sigmoid').fComplex(-1000, 1e-100)[0]).toBe(0);
    for (const name of ACTIVATION_NAMES) {
      for (const x of [-1000, 1000]) {
        const [re, im] = activation(name).fComplex(x, 1e-100);
        expect(Number.isNaN(re) || Number.isNaN(im), `${name}(${x} + ih)`).toBe(false);
      }
    }
  });

  test('γ = sup|σ′| and inf σ′ bound σ′ on a grid, and the grid comes within 1e-8 of both', () => {
    for (const name of ACTIVATION_NAMES) {
      const s = activation(name);
      let sup = 0;
      let inf = Number.POSITIVE_INFINITY;
      // step 2^−12: SiLU's and GELU's extrema are smooth maxima, where a grid point within 2^−13
      // of the maximiser is within ½|σ‴|·2^−26 < 1e-8 of the maximum
      const outside: number[] = [];
      for (let x = -20; x <= 20; x += 1 / 4096) {
        const d = s.df(x);
        if (Math.abs(d) > s.gamma || d < s.infDeriv) outside.push(x);
        sup = Math.max(sup, Math.abs(d));
        inf = Math.min(inf, d);
      }
      expect(outside, `${name}: σ′ outside [inf σ′, γ] at`).toEqual([]);
      // softplus′ = sigmoid approaches γ = 1 without reaching it: sup, not max.
      expect(s.gamma - sup, `${name}: γ`).toBeLessThan(1e-8);
      expect(inf - s.infDeriv, `${name}: inf σ′`).toBeLessThan(1e-8);
    }
  });

  test('names: the eleven, and nothing else', () => {
    expect(ACTIVATION_NAMES).toHaveLength(11);
    for (const name of ACTIVATION_NAMES) expect(isActivationName(name)).toBe(true);
    for (const bad of ['Tanh', 'GELU', 'swish', 'elu ', '', 3, null, undefined, {}]) {
      expect(isActivationName(bad)).toBe(false);
    }
  });
});
