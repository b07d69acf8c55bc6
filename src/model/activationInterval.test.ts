import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { toHP } from '../numerics/exact/decimal.js';
import { Interval } from '../numerics/exact/interval.js';
import { Rational } from '../numerics/exact/rational.js';
import { propertyRuns } from '../testing/propertyRuns.js';
import { ACTIVATION_NAMES, activation } from './activation.js';
import { intervalActivation } from './activationInterval.js';

const p = (x: number | string | Rational) => Interval.point(x);

/** Doubles across the range: tiny, moderate, near the kink, and huge. */
const argument = fc.oneof(
  fc.double({ noNaN: true, min: -50, max: 50 }),
  fc.double({ noNaN: true, min: -1e-6, max: 1e-6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
  fc.constantFrom(0, 1e-300, -1e-300, 5e-324, -5e-324, 800, -800),
);

/** |a − b| ≤ rel·|b| + abs, read in decimals. */
function close(a: Decimal, b: Decimal, rel: number, abs: number): boolean {
  return a.minus(b).abs().lte(b.abs().times(rel).plus(abs));
}

/** The width of x relative to its larger end in magnitude (0 for a point). */
function relWidth(x: Interval): number {
  const m = Decimal.max(x.lo.abs(), x.hi.abs());
  return m.isZero() ? 0 : x.width().div(m).toNumber();
}

describe.each(ACTIVATION_NAMES)('intervalActivation(%s)', (name) => {
  const act = activation(name);
  const iv = intervalActivation(name);

  test('at points: agrees with the float64 and 60-digit σ, σ′ and is P digits tight', () => {
    fc.assert(
      fc.property(argument, (x) => {
        const onKink = act.kinks.includes(x);
        const f = iv.f(p(x));
        const df = iv.df(p(x));
        // beyond |x| ~ 1e15, e^{−|x|} is below decimal.js's 10^(−9e15) and is enclosed by [0, e^{−1e15}]
        if (Math.abs(x) <= 1e14) {
          expect(relWidth(f)).toBeLessThan(1e-50);
          if (!onKink) expect(relWidth(df)).toBeLessThan(1e-50);
        }
        // the 60-digit versions (decimal.js's tanh does not return for |x| ~ 1e300); 1 − tanh² and
        // σ(1 − σ) there keep only 10⁻⁶⁰ absolute
        if (Math.abs(x) <= 1e4) {
          const hpX = toHP(x);
          expect(close(f.mid(), act.fHP(hpX), 1e-55, 1e-300)).toBe(true);
          expect(close(df.mid(), act.dfHP(hpX), 1e-55, 1e-58) || onKink).toBe(true);
        }
        expect(close(f.mid(), new Decimal(act.f(x)), 1e-13, 1e-300)).toBe(true);
        if (onKink) expect(df.contains(act.df(x))).toBe(true);
        else expect(close(df.mid(), new Decimal(act.df(x)), 1e-13, 1e-300)).toBe(true);
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  test('over intervals: contains σ and σ′ at points inside, within [inf σ′, γ]', () => {
    fc.assert(
      fc.property(argument, argument, fc.double({ min: 0, max: 1, noNaN: true }), (x, y, t) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const box = Interval.of(a, b);
        const f = iv.f(box);
        const df = iv.df(box);
        for (const z of [a, b, a + t * (b - a)]) {
          const c = Math.min(Math.max(z, a), b);
          // both enclose the true value at c, so they cannot be disjoint
          const [fc, dfc] = [iv.f(p(c)), iv.df(p(c))];
          expect(f.lt(fc) || f.gt(fc) || df.lt(dfc) || df.gt(dfc)).toBe(false);
        }
        expect(df.lo.gte(iv.infDeriv.lo) && df.hi.lte(iv.gamma.hi)).toBe(true);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('γ and inf σ′ enclose the float constants, and σ′ over all of ℝ reaches them', () => {
    expect(iv.gamma.contains(act.gamma) && iv.infDeriv.contains(act.infDeriv)).toBe(true);
    const all = iv.df(Interval.of(-1e300, 1e300));
    expect(all.contains(act.gamma) && all.contains(act.infDeriv)).toBe(true);
  });
});

describe('kinks: an interval touching 0 gets both one-sided slopes', () => {
  test('relu', () => {
    const r = intervalActivation('relu');
    expect(r.df(p(0)).toString()).toBe('[0, 1]');
    expect(r.df(Interval.of(-1, 1)).toString()).toBe('[0, 1]');
    expect(r.df(Interval.of(0, 1)).toString()).toBe('[0, 1]');
    expect(r.df(Interval.of(-1, 0)).toString()).toBe('[0, 1]');
    expect(r.df(Interval.of(5e-324, 1)).toString()).toBe('[1, 1]');
    expect(r.df(Interval.of(-1, -5e-324)).toString()).toBe('[0, 0]');
    expect(r.f(Interval.of(-2, 3)).toString()).toBe('[0, 3]');
    expect(r.f(Interval.of(-2, -1)).toString()).toBe('[0, 0]');
  });

  test('leaky_relu', () => {
    const l = intervalActivation('leaky_relu');
    expect(l.df(p(0)).toString()).toBe('[0.015625, 1]');
    expect(l.df(Interval.of(5e-324, 1)).toString()).toBe('[1, 1]');
    expect(l.df(Interval.of(-1, -5e-324)).toString()).toBe('[0.015625, 0.015625]');
    expect(l.f(Interval.of(-64, 3)).toString()).toBe('[-1, 3]');
    expect(l.f(Interval.of(-128, -64)).toString()).toBe('[-2, -1]');
    expect(l.f(Interval.of(1, 2)).toString()).toBe('[1, 2]');
    expect(l.infDeriv.contains(Rational.of(1, 64)) && l.infDeriv.width().isZero()).toBe(true);
  });

  test('smooth and linear activations have exact constants', () => {
    expect(intervalActivation('sigmoid').gamma.toString()).toBe('[0.25, 0.25]');
    expect(intervalActivation('identity').df(Interval.of(-1, 1)).toString()).toBe('[1, 1]');
    expect(intervalActivation('identity').f(Interval.of(-1, 2)).toString()).toBe('[-1, 2]');
    for (const n of ['tanh', 'softplus', 'relu', 'leaky_relu', 'identity'] as const)
      expect(intervalActivation(n).gamma.toString()).toBe('[1, 1]');
  });
});
