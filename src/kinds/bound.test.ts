import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { boundClaimArbitrary } from '../generators/vanishingInputArbitrary.js';
import type { Case } from '../model/caseFile.js';
import { singularValueHypothesis } from '../paper/s4-vanishing/thm2.js';
import { boundClaim, boundSeriesKeys } from './bound.js';

const spec = (withV: boolean) =>
  boundClaim({
    id: withV ? 'test.bound-with-v' : 'test.bound-without-v',
    section: 'test',
    statement: 'test',
    reading: 'test',
    expected: withV ? 'holds' : 'refuted',
    rationale: 'test',
    quantity: withV
      ? '‖F(k0, t)‖₂ ≤ (s_max(W_R)·γ)^{t−k0}·‖σ(h_{k0−1})‖₂'
      : '‖F(k0, t)‖₂ ≤ (s_max(W_R)·γ)^{t−k0}',
    arbitrary: (o) => boundClaimArbitrary(o, 'sMax'),
    hypothesis: singularValueHypothesis,
    sides: (ctx, _p, t) => ({
      lhs: ctx.pNorm[t - ctx.k0] * ctx.vNorm,
      rhs: (ctx.facts.sMax * ctx.gamma) ** (t - ctx.k0) * (withV ? ctx.vNorm : 1),
    }),
    hpSides: (h) => ({
      lhsLower: h.pNorm().lo.times(h.vNorm),
      rhsUpper: h
        .wNorm()
        .hi.times(h.gamma)
        .pow(h.m)
        .times(withV ? h.vNorm : 1),
    }),
  });

describe('boundClaim', () => {
  test('a true bound is never confirmed at 60 digits, not even at equality (σ = id, n = 1)', () => {
    const claim = spec(true);
    const equality: Case = {
      activation: 'identity',
      W_R: [[0.5]],
      W_I: [[0]],
      b_R: [0],
      W_O: [[1]],
      b_O: [0],
      h_0: [3],
      xs: [[0], [0], [0]],
      ys: [0, 0, 0],
    };
    const eq = { case: equality, params: { k0: 1 } };
    expect(claim.check(eq)).toMatchObject({ status: 'pass' });
    expect(claim.recheckHP?.(eq).violated).toBe(false);
    fc.assert(
      fc.property(claim.arbitrary({}), (input) => {
        const o = claim.check(input);
        if (o.status !== 'pass') return;
        expect(claim.recheckHP?.(input).violated).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  test('the bound without ‖σ(h_{k0−1})‖ is violated and certified: W_R = [[1/2]], h_1 = 5', () => {
    const claim = spec(false);
    const c: Case = {
      activation: 'identity',
      W_R: [[0.5]],
      W_I: [[0]],
      b_R: [5],
      W_O: [[1]],
      b_O: [0],
      h_0: [0],
      xs: [[0], [0], [0]],
      ys: [0, 0, 0],
    };
    const input = { case: c, params: { k0: 2 } };
    const o = claim.check(input);
    expect(o.status).toBe('violated');
    if (o.status === 'violated') {
      expect(o.witness.actual).toEqual([[2.5]]);
      expect(o.witness.claimed).toEqual([[0.5]]);
    }
    const hp = claim.recheckHP?.(input);
    expect(hp?.violated).toBe(true);
    expect(hp?.actual).toEqual([['2.5']]);
  });

  test('k0 ≥ T and a failing hypothesis are skips, not verdicts', () => {
    const claim = spec(true);
    const c: Case = {
      activation: 'identity',
      W_R: [[2]],
      W_I: [[0]],
      b_R: [0],
      W_O: [[1]],
      b_O: [0],
      h_0: [1],
      xs: [[0], [0]],
      ys: [0, 0],
    };
    expect(claim.check({ case: c, params: { k0: 1 } }).status).toBe('skip');
    expect(claim.check({ case: { ...c, W_R: [[0.5]] }, params: { k0: 2 } }).status).toBe('skip');
  });
});

describe('boundSeriesKeys', () => {
  test('the two sides of the quantity name lhs and rhs, from t = k0 + 1; rhs is the bound', () => {
    const keys = boundSeriesKeys('x', 'a ≤ b');
    expect(keys.lhs).toEqual({ symbol: 'a', firstT: { param: 'k0', plus: 1 }, bound: false });
    expect(keys.rhs.symbol).toBe('b');
    expect(keys.rhs.bound).toBe(true);
    expect(() => boundSeriesKeys('x', 'a = b')).toThrow('quantity must read "lhs ≤ rhs"');
  });
});
