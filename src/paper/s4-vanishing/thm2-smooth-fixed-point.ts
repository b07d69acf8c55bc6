/**
 * F(k0, t) ↛ 0 for a smooth σ (thm2.spectral-radius, thm2.signed-eigenvalue), by validated
 * numerics: a repelling fixed point of the constant-drive map Φ(h) = W_R σ(h) + u is located in a
 * small box by the Krawczyk test, and every Jacobian over the box is shown to expand. Everything
 * is decided in the interval kernel (outward rounding), so a replay re-derives the same proof from
 * the case alone.
 */

import { activation } from '../../model/activation.js';
import { intervalActivation } from '../../model/activationInterval.js';
import type { Case } from '../../model/caseFile.js';
import { exactCase, PIECEWISE_LINEAR } from '../../model/exactTrajectory.js';
import { dyadicVecEqual } from '../../numerics/exact/dyadic.js';
import {
  frobeniusSqI,
  INTERVAL_DIGITS,
  Interval,
  type IntervalMat,
  intervalMat,
  matmulI,
  matVecI,
  traceI,
} from '../../numerics/exact/interval.js';
import { Rational } from '../../numerics/exact/rational.js';
import { rationalInverse } from '../../numerics/exact/rationalMat.js';
import type { CertResult, NonVanishingFacts } from './thm2.js';

/**
 * Box radii tried, as powers of ten relative to max(1, ‖h_0‖∞): a fixed point stored in float64
 * is off by ~10⁻¹⁶ relative, so 10⁻¹² leaves four orders for the preconditioner's error; the
 * larger radii catch a less well conditioned g′ = J − I.
 */
export const BOX_EXPONENTS: readonly number[] = [-12, -9, -6];

/** The largest power k of the Jacobian enclosure whose trace is tried. */
export const MAX_TRACE_POWER = 256;

/** The case's h_0 is not within reach of the largest box: Krawczyk is not tried (float64 gate). */
const GATE = 1e-7;

/** A fixed point certified in a box: X, its Krawczyk image and the Jacobian enclosure over X. */
interface LocatedFixedPoint {
  readonly radius: string;
  readonly X: Interval[];
  readonly K: Interval[];
  /** W_R·diag σ′(X). */
  readonly J: IntervalMat;
}

function strings(xs: readonly Interval[]): string[] {
  return xs.map((x) => x.toString());
}

/** The interval point matrix of a float64 matrix stored as rows. */
function pointRows(rows: readonly (readonly number[])[]): IntervalMat {
  return intervalMat(rows);
}

/** A·diag(d) for an interval matrix and interval vector. */
function scaleColsI(A: IntervalMat, d: readonly Interval[]): IntervalMat {
  return {
    rows: A.rows,
    cols: A.cols,
    data: A.data.map((x, q) => x.mul(d[q % A.cols])),
  };
}

/** The float64 preconditioner C ≈ (W_R diag σ′(m) − I)⁻¹ (exact rational inverse, rounded), or undefined when singular. */
function preconditioner(c: Case): number[][] | undefined {
  const n = c.W_R.length;
  const df = activation(c.activation).df;
  const d = c.h_0.map(df);
  const data: Rational[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      data.push(Rational.fromDouble(c.W_R[i][j] * d[j] - (i === j ? 1 : 0)));
  const inv = rationalInverse({ rows: n, cols: n, data });
  if (inv === undefined) return undefined;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => inv.data[i * n + j].toNumber()),
  );
}

/** g(m) = W_R σ(m) + u − m in float64, m the stored h_0. */
function floatResidual(c: Case, u: readonly number[]): number[] {
  const n = c.W_R.length;
  const f = activation(c.activation).f;
  const s = c.h_0.map(f);
  return Array.from({ length: n }, (_, i) => {
    let acc = u[i] - c.h_0[i];
    for (let j = 0; j < n; j++) acc += c.W_R[i][j] * s[j];
    return acc;
  });
}

/** ‖C·g‖∞ in float64: how far Newton would move the stored h_0 (the gate, never a decision). */
function floatNewtonStep(C: number[][], g: readonly number[]): number {
  const n = g.length;
  let m = 0;
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let j = 0; j < n; j++) acc += C[i][j] * g[j];
    m = Math.max(m, Math.abs(acc));
  }
  return m;
}

/**
 * The Krawczyk test on X = m + [−r, r]ⁿ for g(h) = W_R σ(h) + u − h, given the enclosure gm of
 * g(m) at the stored h_0 = m: with the point matrix C,
 * K(X) = m − C·g(m) + (I − C·(W_R diag σ′(X) − I))·(X − m); K(X) ⊂ int X proves that g has
 * exactly one zero in X (Krawczyk 1969; Moore).
 */
function krawczyk(
  c: Case,
  gm: readonly Interval[],
  C: IntervalMat,
  radius: string,
): LocatedFixedPoint | undefined {
  const n = c.W_R.length;
  const act = intervalActivation(c.activation);
  const W = pointRows(c.W_R);
  const m = c.h_0.map((x) => Interval.point(x));
  const r = Interval.of(`-${radius}`, radius);
  const X = m.map((x) => x.add(r));
  const J = scaleColsI(W, X.map(act.df));
  const G: IntervalMat = {
    rows: n,
    cols: n,
    data: J.data.map((x, q) => (Math.floor(q / n) === q % n ? x.sub(Interval.point(1)) : x)),
  };
  const CG = matmulI(C, G);
  const R: IntervalMat = {
    rows: n,
    cols: n,
    data: CG.data.map((x, q) => (Math.floor(q / n) === q % n ? Interval.point(1).sub(x) : x.neg())),
  };
  const Cg = matVecI(C, gm);
  const dev = matVecI(
    R,
    X.map((x, i) => x.sub(m[i])),
  );
  const K = m.map((x, i) => x.sub(Cg[i]).add(dev[i]));
  const inside = K.every((k, i) => k.lo.gt(X[i].lo) && k.hi.lt(X[i].hi));
  return inside ? { radius, X, K, J } : undefined;
}

/**
 * The first k ≤ MAX_TRACE_POWER where float64 sees |tr(J^k)| > n for J = W_R diag σ′(h_0), or
 * undefined: the interval powers are tried only up to there plus a few (a gate that saves the
 * interval work on Jacobians that do not expand, never a decision).
 */
function floatTracePower(c: Case): number | undefined {
  const n = c.W_R.length;
  const df = activation(c.activation).df;
  const d = c.h_0.map(df);
  const J = c.W_R.map((r) => r.map((w, j) => w * d[j]));
  let P = J.map((r) => r.slice());
  for (let k = 1; k <= MAX_TRACE_POWER; k++) {
    let tr = 0;
    for (let i = 0; i < n; i++) tr += P[i][i];
    if (!Number.isFinite(tr)) return undefined;
    if (Math.abs(tr) > n) return k;
    P = P.map((row) =>
      Array.from({ length: n }, (_, j) => row.reduce((acc, x, q) => acc + x * J[q][j], 0)),
    );
  }
  return undefined;
}

/** Interval powers tried beyond the float64 estimate of the first expanding k. */
const TRACE_POWER_SLACK = 8;

/**
 * The first k ≤ kStop with tr(𝐉^k) ∌ [−n, n]: since |tr(J^k)| = |Σλ_i^k| ≤ n·ρ(J)^k, this
 * proves ρ(J) > 1 for every J in the interval matrix 𝐉 (powers enclosed by repeated interval
 * products, which contain J^k for each J ∈ 𝐉).
 */
function expandingPower(J: IntervalMat, kStop: number): { k: number; trace: Interval } | undefined {
  const n = J.rows;
  let P = J;
  for (let k = 1; k <= kStop; k++) {
    const tr = traceI(P);
    if (tr.lo.gt(n) || tr.hi.lt(-n)) return { k, trace: tr };
    try {
      P = matmulI(P, J);
    } catch (e) {
      // an enclosure beyond decimal.js's exponent range: no certificate from this box
      if (e instanceof RangeError) return undefined;
      throw e;
    }
  }
  return undefined;
}

/**
 * Certifies F(k0, t) ↛ 0 for a smooth σ: the drive u = W_I x_t + b_R is the same for every t
 * (exactly); the Krawczyk test proves a unique exact fixed point h* = Φ(h*) in a box X around the
 * stored h_0; tr(𝐉^k) ∉ [−n, n] for 𝐉 = W_R diag σ′(X) gives ρ(J) > 1 for J = W_R diag σ′(h*);
 * and a coordinate of σ(X) excludes 0. With h_0 := h*, h_t = h* and J_t = J for all t, so
 * ‖F(k0, t)‖₂ = ‖J^{t−k0}‖₂·‖σ(h*)‖₂ ≥ ρ(J)^{t−k0}·‖σ(h*)‖₂ → ∞. The counterexample is the case
 * with h_0 = h*, the exact real fixed point in X; the stored h_0 is X's float64 centre.
 */
export function certifyNonVanishingSmooth(c: Case, k0: number): CertResult<NonVanishingFacts> {
  // a claim's check and its re-check, and the shrink steps that change only W_O, b_O or ys, ask
  // about the same data: derive the proof once (it reads nothing else)
  const key = JSON.stringify([c.activation, c.W_R, c.W_I, c.b_R, c.h_0, c.xs, k0]);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const r = certifyOrRefuse(c, k0);
  memo.set(key, r);
  // Stryker disable next-line EqualityOperator: the cap only bounds memory
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  return r;
}

/** How many certificates the memo keeps (oldest dropped first). */
const MEMO_SIZE = 256;

/** Results by the data they read (activation, W_R, W_I, b_R, h_0, xs) and k0. */
const memo = new Map<string, CertResult<NonVanishingFacts>>();

/** certify, with an enclosure beyond decimal.js's exponent range (the kernel's RangeError) refused as not certified. */
function certifyOrRefuse(c: Case, k0: number): CertResult<NonVanishingFacts> {
  try {
    return certify(c, k0);
  } catch (e) {
    if (e instanceof RangeError)
      return { ok: false, reason: `an interval enclosure left the kernel's range: ${e.message}` };
    throw e;
  }
}

function certify(c: Case, k0: number): CertResult<NonVanishingFacts> {
  if (PIECEWISE_LINEAR.includes(c.activation))
    return {
      ok: false,
      reason: `σ = ${c.activation} is piecewise linear: the exact route applies`,
    };
  const n = c.W_R.length;
  const x = c.xs[0];
  const uf = c.b_R.map((b, i) => c.W_I[i].reduce((acc, w, j) => acc + w * x[j], b));
  const scaleExp = Math.ceil(Math.log10(Math.max(1, ...c.h_0.map(Math.abs))));
  const gate = GATE * 10 ** scaleExp;
  const g = floatResidual(c, uf);
  // the cheap gates first: most cases are nowhere near a fixed point
  if (!g.every((v) => Math.abs(v) <= gate))
    return { ok: false, reason: 'h_0 is not near a fixed point (float64 residual Φ(h_0) − h_0)' };
  const ec = exactCase(c);
  if (!ec.drive.every((u) => dyadicVecEqual(u, ec.drive[0])))
    return { ok: false, reason: 'the drive W_I x_t + b_R is not the same for every t' };
  const Cf = preconditioner(c);
  if (Cf === undefined)
    return { ok: false, reason: 'J(h_0) − I is singular: no Krawczyk preconditioner' };
  const step = floatNewtonStep(Cf, g);
  if (!(step <= gate))
    return {
      ok: false,
      reason: `h_0 is not near a fixed point (a float64 Newton step of ${step})`,
    };
  if (c.h_0.every((v) => activation(c.activation).f(v) === 0))
    return { ok: false, reason: 'σ(h_0) = 0 in float64: no nonzero σ(h*) to certify' };
  const kFloat = floatTracePower(c);
  if (kFloat === undefined)
    return {
      ok: false,
      reason: `float64 sees |tr(J^k)| ≤ n for every k ≤ ${MAX_TRACE_POWER} at h_0: no expansion to certify`,
    };
  const u = c.b_R.map((b, i) =>
    c.W_I[i].reduce(
      (acc, w, j) => acc.add(Interval.point(w).mul(Interval.point(x[j]))),
      Interval.point(b),
    ),
  );
  // g(m) = W_R σ(m) + u − m enclosed at the stored h_0 (the same for every box)
  const act = intervalActivation(c.activation);
  const m = c.h_0.map((v) => Interval.point(v));
  const sm = m.map(act.f);
  const Wsm = matVecI(pointRows(c.W_R), sm);
  const gm = Wsm.map((v, i) => v.add(u[i]).sub(m[i]));
  const C = pointRows(Cf);
  let located: LocatedFixedPoint | undefined;
  for (const e of BOX_EXPONENTS) {
    located = krawczyk(c, gm, C, `1e${e + scaleExp}`);
    if (located !== undefined) break;
  }
  if (located === undefined)
    return { ok: false, reason: 'K(X) ⊄ int X for every box tried: no fixed point located' };
  const grow = expandingPower(located.J, Math.min(MAX_TRACE_POWER, kFloat + TRACE_POWER_SLACK));
  if (grow === undefined)
    return {
      ok: false,
      reason: `tr(𝐉^k) meets [−n, n] for every k ≤ ${Math.min(MAX_TRACE_POWER, kFloat + TRACE_POWER_SLACK)}: ρ(J) > 1 not certified`,
    };
  // σ(X) ⊂ σ(m) + γ·(X − m), as |σ(h) − σ(m)| ≤ sup|σ′|·|h − m| (one σ evaluation fewer per unit)
  const sX = located.X.map((x, i) => sm[i].add(x.sub(m[i]).mul(act.gamma)));
  const nz = sX.findIndex((s) => !s.containsZero());
  if (nz < 0)
    return { ok: false, reason: 'σ(X) contains 0 in every coordinate: σ(h*) ≠ 0 not certified' };
  // ‖F(k0, k0+1)‖_F = ‖J‖_F·‖σ(h*)‖₂, a lower bound from the enclosures
  const normF = frobeniusSqI(located.J).mul(frobeniusSqI(sX)).sqrt().lo;
  const normShown = normF.toSignificantDigits(25, 1).toString();
  return {
    ok: true,
    cycleStart: k0,
    period: 1,
    normAtCycle: Number(normShown),
    normAtCycleExact: normShown,
    certificate: {
      kind: 'F(k0,t) ↛ 0: a repelling fixed point, located by validated numerics',
      argument:
        'with h_0 = h* and Φ(h*) = h* (Φ(h) = W_R σ(h) + u, u = W_I x_t + b_R the same for every t), h_t = h* and J_t = J := W_R diag σ′(h*) for every t, so F(k0, t) = J^{t−k0}·(I⊗σ(h*)ᵀ) and ‖F(k0, t)‖₂ = ‖J^{t−k0}‖₂·‖σ(h*)‖₂ ≥ ρ(J)^{t−k0}·‖σ(h*)‖₂; ρ(J) > 1 and σ(h*) ≠ 0, so ‖F(k0, t)‖₂ → ∞',
      premise:
        "the counterexample's h_0 is the unique exact fixed point h* in X (the stored h_0 is its float64 centre)",
      k0,
      drive: 'W_I x_t + b_R is the same for t = 1…T (exact dyadic arithmetic)',
      box: {
        center: c.h_0.map(String),
        radius: located.radius,
        X: strings(located.X),
      },
      krawczyk: {
        rule: 'K(X) = m − C·g(m) + (I − C·(W_R diag σ′(X) − I))·(X − m) ⊂ int X ⇒ g(h) = Φ(h) − h has exactly one zero in X (Krawczyk)',
        preconditioner: Cf.map((r) => r.map(String)),
        K: strings(located.K),
        inInterior: true,
      },
      expansion: {
        rule: '|tr(J^k)| ≤ n·ρ(J)^k, so tr(J^k) ∉ [−n, n] for every J ∈ W_R·diag σ′(X) proves ρ(J) > 1',
        n,
        k: grow.k,
        trace: grow.trace.toString(),
      },
      sigmaNonZero: { coordinate: nz, enclosure: sX[nz].toString() },
      decidedBy: `interval arithmetic with outward rounding at ${INTERVAL_DIGITS} digits; σ and σ′ enclosed over X`,
    },
  };
}
