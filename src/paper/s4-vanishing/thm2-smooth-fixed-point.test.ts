import { describe, expect, test } from 'vitest';
import { type ActivationName, activation } from '../../model/activation.js';
import type { Case } from '../../model/caseFile.js';
import { eigenvalues } from '../../numerics/eigenvalues.js';
import { Interval } from '../../numerics/exact/interval.js';
import { fromRows } from '../../numerics/Mat.js';
import {
  signedEigenvalueLimitHypothesis,
  spectralRadiusLimitHypothesis,
  vanishingCheck,
  vanishingRecheck,
} from './thm2-limits.js';
import { certifyNonVanishingSmooth } from './thm2-smooth-fixed-point.js';

/** h* a fixed point of h ↦ W σ(h) + b_R up to float64 rounding: b_R = fl(h* − W σ(h*)), x = 0. */
function fixedPointCase(act: ActivationName, W: number[][], h: number[], T = 1): Case {
  const f = activation(act).f;
  const s = h.map(f);
  const b = h.map((hi, i) => hi - W[i].reduce((acc, w, j) => acc + w * s[j], 0));
  return {
    activation: act,
    W_R: W,
    W_I: h.map(() => [0.5]),
    b_R: b,
    W_O: [h.map(() => 1)],
    b_O: [0],
    h_0: h,
    xs: Array.from({ length: T }, () => [0]),
    ys: Array.from({ length: T }, () => 0),
  };
}

/** Nilpotent W = [[a, b], [−a²/b, −a]]: W·diag(d1, d2) has the eigenvalues 0 and a(d1 − d2). */
const NIL4: number[][] = [
  [4, 1],
  [-16, -4],
];

/** For sigmoid (γ = 1/4) the same shape scaled by 4: eigenvalue 16(d1 − d2) with d ≤ 1/4. */
const NIL16: number[][] = [
  [16, 4],
  [-64, -16],
];

const EXPANDING: [ActivationName, number[][], number[]][] = [
  // tanh: d1 = σ′(0) = 1, d2 = σ′(2) ≈ 0.071: eigenvalue ≈ 3.72
  ['tanh', NIL4, [0, 2]],
  // sigmoid: d1 = 1/4, d2 = σ′(6) ≈ 0.0025: eigenvalue ≈ 3.96
  ['sigmoid', NIL16, [0, 6]],
  // softplus: σ′ = logistic, d1 = σ′(4) ≈ 0.982, d2 = σ′(−4) ≈ 0.018: eigenvalue ≈ 3.86
  ['softplus', NIL4, [4, -4]],
];

type Cert = Record<string, Record<string, unknown>>;

describe('certifyNonVanishingSmooth', () => {
  test.each(EXPANDING)(
    '%s on a nilpotent W_R: a unique fixed point in a 1e-11 box, ρ(J) > 1 from tr(J), σ(h*) ≠ 0',
    (act, W, h) => {
      const c = fixedPointCase(act, W, h);
      const r = certifyNonVanishingSmooth(c, 2);
      if (!r.ok) throw new Error(r.reason);
      expect(r.cycleStart).toBe(2);
      expect(r.period).toBe(1);
      const cert = r.certificate as Cert;
      expect(cert.box.center).toEqual(h.map(String));
      // max|h| ∈ (1, 10]: the first radius 10^(−12 + 1)
      expect(cert.box.radius).toBe('1e-11');
      expect(cert.krawczyk.inInterior).toBe(true);
      // K(X) ⊂ int X, read back from the strings stored in the certificate
      const X = (cert.box.X as string[]).map(parse);
      const K = (cert.krawczyk.K as string[]).map(parse);
      for (let i = 0; i < X.length; i++) {
        expect(K[i][0]).toBeGreaterThan(X[i][0]);
        expect(K[i][1]).toBeLessThan(X[i][1]);
        expect(X[i][0]).toBeLessThan(h[i]);
        expect(X[i][1]).toBeGreaterThan(h[i]);
      }
      // the nonzero eigenvalue is the trace: k = 1 and |tr| = a(d1 − d2) > n = 2
      expect(cert.expansion.k).toBe(1);
      const [lo, hi] = parse(String(cert.expansion.trace));
      const df = activation(act).df;
      const a = W[0][0];
      const eig = a * (df(h[0]) - df(h[1]));
      expect(Math.abs(lo)).toBeGreaterThan(2);
      expect(lo).toBeLessThanOrEqual(eig + 1e-9);
      expect(hi).toBeGreaterThanOrEqual(eig - 1e-9);
      // σ(h*_2) ≠ 0 for tanh (σ(0) = 0 on the first); the first nonzero coordinate otherwise
      expect(cert.sigmaNonZero.coordinate).toBe(act === 'tanh' ? 1 : 0);
      // ‖F(k0, k0+1)‖_F = ‖J‖_F‖σ(h*)‖₂: the stored lower bound is within 1e-9 of the float value
      const J = W.map((row) => row.map((w, j) => w * df(h[j])));
      const f = activation(act).f;
      const normJ = Math.hypot(...J.flat());
      const normS = Math.hypot(...h.map(f));
      expect(r.normAtCycle).toBeLessThanOrEqual(normJ * normS * (1 + 1e-12));
      expect(r.normAtCycle).toBeGreaterThan(normJ * normS * (1 - 1e-9));
    },
  );

  test('deterministic: the same case gives the same certificate (replay compares every field)', () => {
    const [act, W, h] = EXPANDING[0];
    const a = certifyNonVanishingSmooth(fixedPointCase(act, W, h), 1);
    const b = certifyNonVanishingSmooth(fixedPointCase(act, W, h), 1);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  test('a stable fixed point is not certified: ρ(J) < 1', () => {
    // W = [[1/2]], tanh: J = σ′(h*)/2 < 1
    const r = certifyNonVanishingSmooth(fixedPointCase('tanh', [[0.5]], [0.75]), 1);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/no expansion to certify/) });
  });

  test('a fixed point whose Jacobian has ρ = 1 exactly is not certified (|tr(J^k)| = 1 ≤ n for every k)', () => {
    // softplus W = [[2]] at h* = 0: J = 2·σ′(0) = 2·(1/2) = 1
    const r = certifyNonVanishingSmooth(fixedPointCase('softplus', [[2]], [0]), 1);
    expect(r.ok).toBe(false);
  });

  test('h_0 moved off the fixed point, or b_R tampered with, is not certified', () => {
    const [act, W, h] = EXPANDING[0];
    const c = fixedPointCase(act, W, h);
    const moved = certifyNonVanishingSmooth({ ...c, h_0: [h[0] + 1e-3, h[1]] }, 1);
    expect(moved).toEqual({ ok: false, reason: expect.stringMatching(/not near a fixed point/) });
    const tampered = certifyNonVanishingSmooth({ ...c, b_R: [c.b_R[0], c.b_R[1] + 1e-4] }, 1);
    expect(tampered.ok).toBe(false);
  });

  test('a fixed point 1e-10 away from h_0 is located in a larger box, which contains it', () => {
    const [act, W, h] = EXPANDING[0];
    const c = fixedPointCase(act, W, h);
    const shifted = { ...c, b_R: [c.b_R[0] + 2e-10, c.b_R[1]] };
    const r = certifyNonVanishingSmooth(shifted, 1);
    if (!r.ok) throw new Error(r.reason);
    expect((r.certificate as Cert).box.radius).toBe('1e-8');
  });

  test('a drive that changes with t, a piecewise-linear σ and σ(h*) = 0 are refused', () => {
    const [act, W, h] = EXPANDING[0];
    const c = fixedPointCase(act, W, h, 2);
    expect(certifyNonVanishingSmooth({ ...c, xs: [[0], [1]] }, 1)).toEqual({
      ok: false,
      reason: expect.stringMatching(/not near a fixed point|drive/),
    });
    // the same drive with x_2 ≠ x_1 but W_I x_2 = W_I x_1: a constant drive after all
    const zeroWI = { ...c, W_I: [[0], [0]], xs: [[0], [3]] };
    expect(certifyNonVanishingSmooth(zeroWI, 1).ok).toBe(true);
    expect(certifyNonVanishingSmooth({ ...c, activation: 'relu' }, 1)).toEqual({
      ok: false,
      reason: expect.stringMatching(/piecewise linear/),
    });
    // h* = 0 for tanh: σ(h*) = 0 is a fixed point of every W, and F(k0, t) = 0
    const zero = certifyNonVanishingSmooth(fixedPointCase('tanh', NIL4, [0, 0]), 1);
    expect(zero.ok).toBe(false);
  });
});

describe('the vanishing-limit check and re-check with a smooth σ', () => {
  test.each(EXPANDING)(
    '%s: ρ(W_R) = 0 certified and F ↛ 0 certified: violated, with the certificate in the re-check',
    (act, W, h) => {
      const input = { case: fixedPointCase(act, W, h), params: { k0: 1 } };
      for (const hypothesis of [spectralRadiusLimitHypothesis, signedEigenvalueLimitHypothesis]) {
        const out = vanishingCheck(input, hypothesis);
        expect(out.status).toBe('violated');
        if (out.status !== 'violated') continue;
        // the witness is the certificate's, at t = k0 + 1 (the float trajectory leaves h*)
        expect(out.witness.extra?.t).toBe(2);
        const o = vanishingRecheck(input, hypothesis);
        expect(o.violated).toBe(true);
        const cert = o.certificate as Record<string, Record<string, unknown> | string>;
        expect(cert.conclusionRefuted).toHaveProperty('premise');
        expect(String(cert.witnessNorm)).toMatch(/lower bound/);
      }
    },
  );

  test('the float64 eigenvalues agree that the hand-made cases expand', () => {
    for (const [act, W, h] of EXPANDING) {
      const df = activation(act).df;
      const J = W.map((row) => row.map((w, j) => w * df(h[j])));
      const e = eigenvalues(fromRows(J, 2));
      expect(Math.max(...Array.from(e.re, (re, i) => Math.hypot(re, e.im[i])))).toBeGreaterThan(3);
    }
  });
});

/** "[lo, hi]" → [lo, hi] as doubles (for comparisons only). */
function parse(s: string): [number, number] {
  const m = /^\[(.*), (.*)\]$/.exec(s);
  if (!m) throw new Error(`not an interval: ${s}`);
  // the strings are exact decimals; Interval.of accepts them, and Number rounds them for the test
  Interval.of(m[1], m[2]);
  return [Number(m[1]), Number(m[2])];
}
