import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { HP, type HPNumber, toHP } from '../numerics/exact/decimal.js';
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
  elu: (z) => (z[0] > 0 ? z : add(exp(z), [-1, 0])),
  silu: (z) => div(z, add(ONE, exp(mul([-1, 0], z)))),
  scaled_tanh: (z) => {
    const e = exp(mul([2, 0], z));
    return mul([2, 0], div(add(e, [-1, 0]), add(e, ONE)));
  },
  hardtanh: (z) => (z[0] > -1 && z[0] < 1 ? z : [z[0] > 0 ? 1 : -1, 0]),
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

  test('the 60-digit σ and σ′ agree with float64 to a few ulps, and σ′ at 60 digits is the derivative of σ at 60 digits', () => {
    // off the kinks; the central difference (σ(x + δ) − σ(x − δ))/2δ with δ = 1e-20 is within
    // δ²|σ‴|/6 + 1e-60/δ ≈ 1e-40 of σ′(x)
    const delta = new HP('1e-20');
    const xs = [
      -30,
      -7.5,
      -2.4,
      -1.2784645,
      -0.75,
      -0.3,
      -1e-3,
      1e-3,
      0.2,
      0.9,
      Math.SQRT2,
      2.4,
      5,
      25,
    ];
    const bad: string[] = [];
    for (const name of ACTIVATION_NAMES) {
      const s = activation(name);
      for (const x of xs) {
        const X = toHP(x);
        const fh = s.fHP(X);
        const dh = s.dfHP(X);
        const ulps = (v: number, w: HPNumber) =>
          new HP(v)
            .minus(w)
            .abs()
            .div(Math.max(Math.abs(w.toNumber()), 1e-300) * 2 ** -52);
        // 4 ulps relative (the float64 kernels are within about 1), or 1e-300 absolute in the tails
        if (ulps(s.f(x), fh).gt(4) && new HP(s.f(x)).minus(fh).abs().gt(1e-300))
          bad.push(`${name}(${x}): ${s.f(x)} vs ${fh}`);
        // σ′ of SiLU and GELU has roots (x ≈ −1.28, −0.75), where its summands cancel: there the
        // error is a few ulps of the summands (≈ 1), not of σ′
        const dTol = Math.abs(x) <= 10 ? 1e-16 : 1e-300;
        if (ulps(s.df(x), dh).gt(8) && new HP(s.df(x)).minus(dh).abs().gt(dTol))
          bad.push(`${name}′(${x}): ${s.df(x)} vs ${dh}`);
        const cd = s
          .fHP(X.plus(delta))
          .minus(s.fHP(X.minus(delta)))
          .div(delta.times(2));
        if (
          cd
            .minus(dh)
            .abs()
            .gt(new HP('1e-35').times(dh.abs().plus(1)))
        )
          bad.push(`${name}′(${x}) at 60 digits: ${dh} vs the central difference ${cd}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test("γ's exact bounds: lo ≤ γ ≤ hi, equal where γ is rational, and they bracket the 60-digit maximum of |σ′|", () => {
    for (const name of ACTIVATION_NAMES) {
      const s = activation(name);
      const { lo, hi } = s.gammaBounds;
      expect(lo.cmp(hi), name).toBeLessThanOrEqual(0);
      expect(lo.toNumber() <= s.gamma && s.gamma <= hi.toNumber(), name).toBe(true);
      // golden-section search for the maximum of σ′ at 60 digits around the float64 grid maximiser
      let best = 0;
      for (let x = -10; x <= 10; x += 1 / 64) if (s.df(x) > s.df(best)) best = x;
      let a = toHP(best - 1 / 64);
      let b = toHP(best + 1 / 64);
      const r = new HP(5).sqrt().minus(1).div(2);
      for (let i = 0; i < 140; i++) {
        const c = b.minus(b.minus(a).times(r));
        const d = a.plus(b.minus(a).times(r));
        if (s.dfHP(c).gt(s.dfHP(d))) b = d;
        else a = c;
      }
      const max = s.dfHP(a);
      const toHPr = (q: typeof lo) => new HP(q.num.toString()).div(q.den.toString());
      if (lo.eq(hi)) {
        // exact γ: the maximum is reached (or approached, for softplus and elu at x → ±∞)
        expect(max.lte(toHPr(hi)), name).toBe(true);
      } else {
        expect(toHPr(lo).lte(max) && max.lte(toHPr(hi)), `${name}: ${lo} ≤ ${max} ≤ ${hi}`).toBe(
          true,
        );
      }
    }
    // sup σ′ > 1 for these three: the activations for which a claim that silently needs γ ≤ 1 shows it
    for (const name of ['silu', 'gelu', 'scaled_tanh'] as const)
      expect(activation(name).gammaBounds.lo.cmp(activation('tanh').gammaBounds.hi)).toBe(1);
  });

  test("GELU′(±√2) are σ′'s extrema γ and 1 − γ; SiLU′(x) + SiLU′(−x) = 1; ELU is C¹ at 0 and hardtanh kinks at ±1", () => {
    const gelu = activation('gelu');
    expect(near(gelu.df(Math.SQRT2), gelu.gamma, 1e-15)).toBe(true);
    expect(near(gelu.df(-Math.SQRT2), gelu.infDeriv, 1e-15)).toBe(true);
    const silu = activation('silu');
    for (const x of [0.5, 2.4, 7]) expect(near(silu.df(x) + silu.df(-x), 1, 1e-15)).toBe(true);
    const elu = activation('elu');
    expect([elu.df(0), elu.df(-1e-300), elu.df(1e-300)]).toEqual([1, 1, 1]);
    expect(elu.kinks).toEqual([]);
    const ht = activation('hardtanh');
    expect(ht.kinks).toEqual([-1, 1]);
    expect([ht.df(-1), ht.df(-1 + 2 ** -53), ht.df(1 - 2 ** -53), ht.df(1)]).toEqual([0, 1, 1, 0]);
    expect([ht.f(-3), ht.f(0.25), ht.f(3)]).toEqual([-1, 0.25, 1]);
    expect(activation('scaled_tanh').df(0)).toBe(2);
  });

  test('names: the eleven, and nothing else', () => {
    expect(ACTIVATION_NAMES).toHaveLength(11);
    for (const name of ACTIVATION_NAMES) expect(isActivationName(name)).toBe(true);
    for (const bad of ['Tanh', 'GELU', 'swish', 'elu ', '', 3, null, undefined, {}]) {
      expect(isActivationName(bad)).toBe(false);
    }
  });
});
