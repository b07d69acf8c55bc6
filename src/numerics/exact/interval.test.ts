import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propertyRuns } from '../../testing/propertyRuns.js';
import { fromRows, mat } from '../Mat.js';
import { spectralNorm } from '../singularValues.js';
import { toHP } from './decimal.js';
import {
  EXP_ARG_MAX,
  expm1I,
  frobeniusSqI,
  INTERVAL_DIGITS,
  Interval,
  intervalMat,
  log1pI,
  matmulI,
  matVecI,
  norm2UpperI,
  sech2I,
  sigmoidDerivI,
  sigmoidI,
  softplusI,
  sumI,
  tanhI,
  traceI,
} from './interval.js';
import { Rational } from './rational.js';
import { rationalFromRows, rationalMatmul } from './rationalMat.js';

/** 110 digits: references for the enclosures (their own error is far below one interval ulp). */
const REF = Decimal.clone({ precision: 110 });
const wide = new Map<number, typeof REF>();
/** A reference constructor at the given number of digits (decimal.js's ln needs ≤ 1,025). */
function refAt(digits: number): typeof REF {
  const d = Math.min(1000, Math.ceil(digits));
  let c = wide.get(d);
  if (c === undefined) {
    c = Decimal.clone({ precision: d });
    wide.set(d, c);
  }
  return c;
}
/** The same at INTERVAL_DIGITS, rounded down: the correctly rounded lower end. */
const FLOOR = Decimal.clone({ precision: INTERVAL_DIGITS, rounding: Decimal.ROUND_FLOOR });
const CEIL = Decimal.clone({ precision: INTERVAL_DIGITS, rounding: Decimal.ROUND_CEIL });

const p = (x: number | string | Rational | Decimal) => Interval.point(x);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e200, max: 1e200 });
const moderate = fc.double({ noNaN: true, min: -700, max: 700 });
/** An interval [x, y] of two doubles in either order. */
const interval = fc
  .tuple(finite, finite)
  .map(([x, y]) => (x <= y ? Interval.of(x, y) : Interval.of(y, x)));

/** The exact rational of a decimal. */
const rat = (d: Decimal) => p(d).lowerRational();

/** True when r lies in x, exactly. */
const holds = (x: Interval, r: Rational) => x.contains(r);

/** The width of x relative to its larger end in magnitude (0 for [0, 0]). */
function relWidth(x: Interval): number {
  const m = Decimal.max(x.lo.abs(), x.hi.abs());
  return m.isZero() ? 0 : x.width().div(m).toNumber();
}

describe('Interval: points, construction and predicates', () => {
  test('a double is its exact binary value; a rational is enclosed to one ulp', () => {
    expect(p(0.1).lo.eq(toHP(0.1))).toBe(true);
    expect(p(0.1).hi.eq(toHP(0.1))).toBe(true);
    expect(p(0.1).lowerRational().eq(Rational.fromDouble(0.1))).toBe(true);
    expect(p(-3.5).upperRational().eq(Rational.of(-7, 2))).toBe(true);
    expect(p(5e-324).lowerRational().eq(Rational.fromDouble(5e-324))).toBe(true);
    const third = p(Rational.of(1, 3));
    expect(third.contains(Rational.of(1, 3))).toBe(true);
    expect(third.lo.lt(third.hi)).toBe(true);
    expect(third.width().lte(new Decimal(`1e-${INTERVAL_DIGITS}`))).toBe(true);
    expect(p('1.25').lowerRational().eq(Rational.of(5, 4))).toBe(true);
    expect(p(new Decimal('-2.5e-3')).hi.toString()).toBe('-0.0025');
    const mixed = Interval.of(Rational.of(-1, 3), '7');
    expect(mixed.lo.lt(-0.3333) && mixed.lo.gt(-0.3334) && mixed.hi.eq(7)).toBe(true);
    expect(mixed.contains(Rational.of(-1, 3)) && mixed.contains(Rational.of(7))).toBe(true);
    expect(p(Rational.of(-1, 3)).contains(Rational.of(-1, 3))).toBe(true);
  });

  test('an empty or non-finite interval is a RangeError', () => {
    expect(() => Interval.of(2, 1)).toThrow(RangeError);
    expect(() => p(Number.NaN)).toThrow(RangeError);
    expect(() => p(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => p('Infinity')).toThrow(/not a finite number/);
    expect(() => p('-Infinity')).toThrow(/not a finite number/);
    expect(() => p('NaN')).toThrow(/not a finite number/);
    expect(Interval.of(1, 1).width().isZero()).toBe(true);
  });

  test('predicates decide certainly, never by a margin', () => {
    const a = Interval.of(1, 2);
    const b = Interval.of(2, 3);
    const c = Interval.of('2.0000000000000000000000000000000000000001', 4);
    expect(a.lt(b) || b.gt(a)).toBe(false);
    expect(a.lt(c) && c.gt(a)).toBe(true);
    expect(c.lt(a) || a.gt(c)).toBe(false);
    expect(Interval.of(-1, 0).containsZero() && Interval.of(0, 1).containsZero()).toBe(true);
    expect(Interval.of(1e-300, 1).containsZero() || Interval.of(-1, -1e-300).containsZero()).toBe(
      false,
    );
    expect(Interval.of(1e-300, 1).isPositive() && Interval.of(-1, -1e-300).isNegative()).toBe(true);
    expect(Interval.of(0, 1).isPositive() || Interval.of(-1, 0).isNegative()).toBe(false);
    expect(a.contains(1) && a.contains(2) && a.contains('1.5')).toBe(true);
    expect(a.contains(0.999999) || a.contains(Rational.of(5, 2)) || a.contains('2.01')).toBe(false);
    expect(a.contains(Rational.of(1)) && a.contains(Rational.of(2))).toBe(true);
    expect(a.width().eq(1) && a.mid().eq(1.5)).toBe(true);
    expect(a.toString()).toBe('[1, 2]');
    // the middle of a one-ulp interval is one of its ends, never outside
    const tight = p(Rational.of(2, 3));
    expect(tight.contains(tight.mid())).toBe(true);
  });

  test('min, max and hull', () => {
    const a = Interval.of(-1, 3);
    const b = Interval.of(0, 2);
    expect(a.min(b).toString()).toBe('[-1, 2]');
    expect(a.max(b).toString()).toBe('[0, 3]');
    expect(b.min(a).toString()).toBe('[-1, 2]');
    expect(b.max(a).toString()).toBe('[0, 3]');
    expect(b.hull(Interval.of(5, 6)).toString()).toBe('[0, 6]');
    expect(Interval.of(5, 6).hull(b).toString()).toBe('[0, 6]');
  });
});

describe('Interval arithmetic encloses the exact result', () => {
  test('+, −, ×, ÷ of two doubles contain the exact rational result, one ulp wide', () => {
    fc.assert(
      fc.property(finite, finite, (x, y) => {
        const [rx, ry] = [Rational.fromDouble(x), Rational.fromDouble(y)];
        const cases: [Interval, Rational][] = [
          [p(x).add(p(y)), rx.add(ry)],
          [p(x).sub(p(y)), rx.sub(ry)],
          [p(x).mul(p(y)), rx.mul(ry)],
        ];
        if (y !== 0) cases.push([p(x).div(p(y)), rx.div(ry)]);
        for (const [iv, exact] of cases) {
          expect(holds(iv, exact)).toBe(true);
          expect(relWidth(iv)).toBeLessThanOrEqual(2e-69);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  test('over intervals: every corner combination lies inside, and the result is the tightest hull', () => {
    fc.assert(
      fc.property(interval, interval, (a, b) => {
        const corners = (f: (u: Rational, v: Rational) => Rational) => {
          const out: Rational[] = [];
          for (const u of [a.lowerRational(), a.upperRational()])
            for (const v of [b.lowerRational(), b.upperRational()]) out.push(f(u, v));
          return out;
        };
        const ops: [Interval, Rational[]][] = [
          [a.add(b), corners((u, v) => u.add(v))],
          [a.sub(b), corners((u, v) => u.sub(v))],
          [a.mul(b), corners((u, v) => u.mul(v))],
        ];
        if (!b.containsZero()) ops.push([a.div(b), corners((u, v) => u.div(v))]);
        for (const [iv, cs] of ops) {
          for (const c of cs) expect(holds(iv, c)).toBe(true);
          // the ends are the extreme corners, rounded outward by at most one ulp
          const lo = cs.reduce((m, c) => (c.cmp(m) < 0 ? c : m));
          const hi = cs.reduce((m, c) => (c.cmp(m) > 0 ? c : m));
          expect(Interval.of(lo, hi).hull(iv).width().eq(iv.width())).toBe(true);
          expect(p(lo).lo.sub(iv.lo).abs().lte(ulpOf(iv.lo))).toBe(true);
          expect(p(hi).hi.sub(iv.hi).abs().lte(ulpOf(iv.hi))).toBe(true);
        }
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  test('neg, abs and sqr, including intervals that straddle 0', () => {
    const s = Interval.of(-2, 1);
    expect(s.neg().toString()).toBe('[-1, 2]');
    expect(s.abs().toString()).toBe('[0, 2]');
    expect(Interval.of(-1, 3).abs().toString()).toBe('[0, 3]');
    expect(Interval.of(-3, -1).abs().toString()).toBe('[1, 3]');
    expect(Interval.of(1, 3).abs().toString()).toBe('[1, 3]');
    expect(Interval.of(0, 3).abs().toString()).toBe('[0, 3]');
    expect(Interval.of(-3, 0).abs().toString()).toBe('[0, 3]');
    expect(s.sqr().toString()).toBe('[0, 4]');
    expect(s.mul(s).toString()).toBe('[-2, 4]');
    expect(Interval.of(-3, -2).sqr().toString()).toBe('[4, 9]');
    const third = p(Rational.of(1, 3)).sqr();
    expect(third.contains(Rational.of(1, 9)) && third.lo.lt(third.hi)).toBe(true);
  });

  test('x − x and x + (−x) are exactly 0; a product with an exact 0 is 0', () => {
    const x = p(0.1);
    expect(x.sub(x).toString()).toBe('[0, 0]');
    expect(x.add(x.neg()).toString()).toBe('[0, 0]');
    expect(p(0).mul(p('1e-8000000000000000')).toString()).toBe('[0, 0]');
    expect(p('1e-8000000000000000').mul(p(0)).toString()).toBe('[0, 0]');
    expect(p(0).div(p('1e8000000000000000')).toString()).toBe('[0, 0]');
  });

  test('leaving decimal.js range is a RangeError, never a silent 0 or Infinity', () => {
    const tiny = p('1e-8000000000000000');
    const huge = p('9.9e9000000000000000');
    expect(() => tiny.mul(tiny)).toThrow(/underflow/);
    expect(() => tiny.div(p('1e8000000000000000'))).toThrow(/underflow/);
    expect(() => huge.mul(huge)).toThrow(/overflow/);
    expect(() => huge.add(huge)).toThrow(/overflow/);
    expect(() => huge.neg().sub(huge)).toThrow(/overflow/);
    expect(() => huge.div(p('1e-10'))).toThrow(/overflow/);
    const edge = p('1.1e-9000000000000000');
    expect(() => edge.sub(p('1e-9000000000000000'))).toThrow(/underflow/);
    expect(() => edge.neg().add(p('1e-9000000000000000'))).toThrow(/underflow/);
    expect(() => p('9.9e-9000000000000001')).toThrow(/underflows/);
    expect(p('0e-9000000000000001').toString()).toBe('[0, 0]');
  });

  test('division by an interval containing 0 is a RangeError', () => {
    expect(() => p(1).div(Interval.of(-1, 1))).toThrow(/contains 0/);
    expect(() => p(1).div(p(0))).toThrow(RangeError);
    expect(() => p(1).div(Interval.of(0, 1))).toThrow(RangeError);
    expect(p(1).div(Interval.of(2, 4)).toString()).toBe('[0.25, 0.5]');
    expect(p(1).div(Interval.of(-4, -2)).toString()).toBe('[-0.5, -0.25]');
  });
});

/** One unit in the INTERVAL_DIGITS-th digit of x (x ≠ 0). */
function ulpOf(x: Decimal): Decimal {
  return x.isZero() ? new Decimal(0) : new Decimal(`1e${x.e - INTERVAL_DIGITS + 1}`);
}

/**
 * The end lo lies at least one ulp below the correctly rounded-down value of the reference, and hi
 * one ulp above the rounded-up one: the margin that keeps exp, ln and sqrt sound if decimal.js
 * were one ulp off.
 */
function expectNudged(iv: Interval, ref: Decimal) {
  expect(iv.lo.lte(new FLOOR(ref).sub(ulpOf(ref)))).toBe(true);
  expect(iv.hi.gte(new CEIL(ref).add(ulpOf(ref)))).toBe(true);
  expect(iv.width().lte(ulpOf(ref).times(30))).toBe(true);
}

describe('sqrt, exp and log', () => {
  test('sqrt encloses the root with a one-ulp margin each side; lo² ≤ x ≤ hi² exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: 1e-300, max: 1e300 }), (x) => {
        const r = p(x).sqrt();
        const exact = Rational.fromDouble(x);
        expect(rat(r.lo).mul(rat(r.lo)).cmp(exact)).toBeLessThan(0);
        expect(rat(r.hi).mul(rat(r.hi)).cmp(exact)).toBeGreaterThan(0);
        expectNudged(r, new REF(toHP(x)).sqrt());
      }),
      { numRuns: propertyRuns(200) },
    );
    expect(p(4).sqrt().contains(2)).toBe(true);
    expect(p(0).sqrt().toString()).toBe('[0, 0]');
    expect(Interval.of(0, 4).sqrt().lo.isZero()).toBe(true);
    expect(() => Interval.of(-1e-300, 4).sqrt()).toThrow(/negative/);
  });

  test('exp and log enclose the 110-digit value with a one-ulp margin each side', () => {
    fc.assert(
      fc.property(moderate, (x) => {
        // 1 ± e^x − 1 needs the digits down to x's own
        const D = refAt(110 + Math.max(0, -Math.log10(Math.abs(x) + 5e-324)));
        expectNudged(p(x).exp(), new D(toHP(x)).exp());
        const y = Math.abs(x) + 1e-300;
        if (y !== 1) expectNudged(p(y).log(), new D(toHP(y)).ln());
      }),
      { numRuns: propertyRuns(200) },
    );
    expect(p(1).log().toString()).toBe('[0, 0]');
    expect(Interval.of(1, 2).log().lo.isZero()).toBe(true);
    expect(Interval.of(0.5, 1).log().hi.isZero()).toBe(true);
    expect(() => Interval.of(0, 1).log()).toThrow(/≤ 0/);
    expect(() => Interval.of(-1, 1).log()).toThrow(RangeError);
  });

  test('exp far out: above EXP_ARG_MAX is refused, below −EXP_ARG_MAX gives [0, e^−max]', () => {
    const max = EXP_ARG_MAX.toNumber();
    expect(() => p(max * 1.0001).exp()).toThrow(/overflow/);
    expect(() => Interval.of(0, max * 1.0001).exp()).toThrow(RangeError);
    const big = p(max).exp();
    expect(big.lo.gt('1e434294481903251') && big.hi.lt('1e434294481903252')).toBe(true);
    const under = p(-1e300).exp();
    expect(under.lo.isZero()).toBe(true);
    expect(under.hi.eq(p(-max).exp().hi)).toBe(true);
    const straddle = Interval.of(-1e300, 0).exp();
    expect(straddle.lo.isZero() && straddle.contains(1)).toBe(true);
    expect(p(-max).exp().lo.isPos()).toBe(true);
  });
});

/** References for the elementary functions, in the constructor D of x. */
const REFS: Record<string, (x: Decimal, D: typeof REF) => Decimal> = {
  expm1: (x) => x.exp().minus(1),
  log1p: (x) => x.plus(1).ln(),
  tanh: (x) => x.tanh(),
  sech2: (x, D) => new D(1).div(x.cosh().pow(2)),
  sigmoid: (x, D) => new D(1).div(x.neg().exp().plus(1)),
  sigmoidDeriv: (x, D) => new D(1).div(x.neg().exp().plus(1)).div(x.exp().plus(1)),
  softplus: (x) => x.exp().plus(1).ln(),
};

/** The reference of f at the double x, with enough digits for the cancellations in e^x − 1, ln(1 + x) and ln(1 + e^x). */
function reference(name: string, x: number): Decimal {
  const e = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
  const D = refAt(110 + Math.max(0, -e) + Math.max(0, -x / 2.3));
  return REFS[name](new D(toHP(x)), D);
}
const FNS: Record<string, (x: Interval) => Interval> = {
  expm1: expm1I,
  log1p: log1pI,
  tanh: tanhI,
  sech2: sech2I,
  sigmoid: sigmoidI,
  sigmoidDeriv: sigmoidDerivI,
  softplus: softplusI,
};
const FLOATS: Record<string, (x: number) => number> = {
  expm1: Math.expm1,
  log1p: Math.log1p,
  tanh: Math.tanh,
  sech2: (x) => 1 / Math.cosh(x) ** 2,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  sigmoidDeriv: (x) => Math.exp(-Math.abs(x)) / (1 + Math.exp(-Math.abs(x))) ** 2,
  softplus: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
};

/** Arguments from 10⁻³⁰⁰ to 700 in magnitude, both signs, and the series/closed-form switch points. */
const argument = fc.oneof(
  moderate,
  fc.double({ noNaN: true, min: -1e-3, max: 1e-3 }),
  fc.constantFrom(0, 0.125, -0.125, 0.25, -0.25, 0.5, -0.5, 1e-3, -1e-3, 1e-300, -1e-300, 5e-324),
);

describe('elementary functions enclose the 110-digit value, P digits tight', () => {
  test.each(Object.keys(FNS))('%s at points', (name) => {
    fc.assert(
      fc.property(argument, (x) => {
        if (name === 'log1p' && x <= -1) return;
        const iv = FNS[name](p(x));
        const ref = reference(name, x);
        expect(iv.lo.lte(ref) && ref.lte(iv.hi)).toBe(true);
        expect(relWidth(iv)).toBeLessThan(1e-60);
        const f = FLOATS[name](x);
        expect(Math.abs(iv.mid().toNumber() - f)).toBeLessThanOrEqual(1e-14 * Math.abs(f) + 1e-300);
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  test.each(Object.keys(FNS))('%s over intervals contains f at points inside', (name) => {
    fc.assert(
      fc.property(argument, argument, fc.double({ min: 0, max: 1, noNaN: true }), (x, y, t) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        if (name === 'log1p' && a <= -1) return;
        const iv = FNS[name](Interval.of(a, b));
        for (const z of [a, b, a + t * (b - a), 0]) {
          const c = Math.min(Math.max(z, a), b);
          const ref = reference(name, c);
          expect(iv.lo.lte(ref) && ref.lte(iv.hi)).toBe(true);
        }
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('saturated arguments: tanh, sigmoid, sech², σ′ and softplus beyond the exp range', () => {
    for (const x of [1e300, -1e300, 1e20, -1e20]) {
      for (const f of Object.values(FNS)) {
        if (f === log1pI || f === expm1I) continue;
        const iv = f(p(x));
        expect(iv.lo.lte(iv.hi)).toBe(true);
      }
    }
    expect(tanhI(p(1e300)).hi.eq(1) && tanhI(p(1e300)).lo.gt('0.99999')).toBe(true);
    expect(tanhI(p(-1e300)).lo.eq(-1)).toBe(true);
    expect(sigmoidI(p(1e300)).hi.eq(1) && sigmoidI(p(-1e300)).lo.isZero()).toBe(true);
    expect(sigmoidI(p(-1e300)).hi.lt('1e-1000')).toBe(true);
    expect(sech2I(p(1e300)).lo.isZero() && sech2I(p(1e300)).hi.lt('1e-1000')).toBe(true);
    expect(sigmoidDerivI(p(-1e300)).lo.isZero()).toBe(true);
    expect(sech2I(p(0)).hi.eq(1) && sech2I(p(0)).lo.gt('0.99999999999999999999999999999999')).toBe(
      true,
    );
    expect(sigmoidDerivI(p(0)).hi.eq(0.25) && sigmoidDerivI(p(0)).lo.gt(0.2499)).toBe(true);
    expect(softplusI(p(1e300)).contains(1e300)).toBe(true);
    expect(softplusI(p(-1e300)).lo.isZero()).toBe(true);
    expect(tanhI(p(0)).toString()).toBe('[0, 0]');
    expect(expm1I(p(0)).toString()).toBe('[0, 0]');
    expect(log1pI(p(0)).toString()).toBe('[0, 0]');
    expect(() => log1pI(p(-1))).toThrow(/≤ −1/);
    expect(() => log1pI(Interval.of(-2, 0))).toThrow(RangeError);
    const ln4 = log1pI(p(-0.75));
    const minusLn4 = new REF(-2).times(new REF(2).ln());
    expect(ln4.lo.lte(minusLn4) && minusLn4.lte(ln4.hi) && relWidth(ln4) < 1e-68).toBe(true);
  });
});

describe('interval matrices', () => {
  test('matmulI and matVecI contain the exact rational product; traceI sums the diagonal', () => {
    const rowsA = [
      [0.1, -2, 3e-5],
      [1 / 3, 0.7, -1e10],
    ];
    const rowsB = [[1.5], [-0.2], [7]];
    const prod = matmulI(intervalMat(rowsA), intervalMat(rowsB));
    const exact = rationalMatmul(rationalFromRows(rowsA), rationalFromRows(rowsB));
    expect([prod.rows, prod.cols]).toEqual([2, 1]);
    prod.data.forEach((iv, i) => {
      expect(iv.contains(exact.data[i])).toBe(true);
      expect(relWidth(iv)).toBeLessThan(1e-68);
    });
    const mv = matVecI(
      intervalMat(rowsA),
      rowsB.map((r) => p(r[0])),
    );
    mv.forEach((iv, i) => {
      expect(iv.contains(exact.data[i])).toBe(true);
    });
    const sq = intervalMat(
      fromRows([
        [1, 2],
        [3, 0.5],
      ]),
    );
    expect(traceI(sq).toString()).toBe('[1.5, 1.5]');
    expect(sumI([]).toString()).toBe('[0, 0]');
    expect(() => matmulI(intervalMat(rowsA), intervalMat(rowsA))).toThrow(/2×3 · 2×3/);
    expect(() => matVecI(intervalMat(rowsA), [p(1)])).toThrow(RangeError);
    expect(() => traceI(intervalMat(rowsA))).toThrow(/not square/);
    expect(() => intervalMat([[1, 2], [3]])).toThrow(/unequal/);
    expect(intervalMat([]).rows).toBe(0);
    expect(intervalMat(mat(2, 3)).data.length).toBe(6);
  });

  test('norm2UpperI bounds ‖M‖₂ from above by √(Σ m²) rounded up', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -10, max: 10 }), { minLength: 4, maxLength: 4 }),
        (xs) => {
          const m = fromRows([xs.slice(0, 2), xs.slice(2)]);
          const up = norm2UpperI(intervalMat(m));
          expect(up.toNumber()).toBeGreaterThanOrEqual(spectralNorm(m) * (1 - 1e-14));
          const fro = frobeniusSqI(intervalMat(m));
          const exact = xs
            .map((x) => Rational.fromDouble(x))
            .reduce((s, x) => s.add(x.mul(x)), Rational.ZERO);
          expect(fro.contains(exact)).toBe(true);
          expect(rat(up).mul(rat(up)).cmp(exact)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: propertyRuns(100) },
    );
    expect(frobeniusSqI([p(3), p(-4)]).toString()).toBe('[25, 25]');
    expect(norm2UpperI(intervalMat([[3, 4]])).gte(5)).toBe(true);
  });
});
