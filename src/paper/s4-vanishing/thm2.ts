/**
 * Certificates for the limit claims of Theorem 2 and the remark of 4.2: statements valid for
 * every t, decided in exact arithmetic from the case alone (src/numerics/exact, src/model/exactTrajectory).
 * Each function re-derives everything from the case, so a claim's check and its recheckHP call
 * the same code and a replay never trusts stored numbers. The JSON they return is plain (exact
 * rationals as strings) and goes into HPOutcome.certificate.
 */

import { activation } from '../../model/activation.js';
import type { Case } from '../../model/caseFile.js';
import {
  dyadicSigma,
  type ExactCase,
  exactCase,
  exactJacobian,
  exactTrajectory,
  PIECEWISE_LINEAR,
} from '../../model/exactTrajectory.js';
import { annihilator } from '../../numerics/exact/annihilator.js';
import { HP, hpShow } from '../../numerics/exact/decimal.js';
import {
  type DyadicMat,
  type DyadicVec,
  dyadicIdentity,
  dyadicMat,
  dyadicMatmul,
  dyadicMatStrings,
  dyadicMatvec,
  dyadicString,
  dyadicVecStrings,
  isNormalExact,
  withNonNegativeExponent,
} from '../../numerics/exact/dyadic.js';
import {
  isNilpotent,
  rationalDominantEigenvalues,
  spectralRadiusBelow,
} from '../../numerics/exact/eigenCertificates.js';
import { spectralNormBelow } from '../../numerics/exact/normBounds.js';
import { intCharPoly, rootsInsideDisk } from '../../numerics/exact/polynomial.js';
import { gcd, type Rational } from '../../numerics/exact/rational.js';

/** A certificate: plain JSON, exact rationals as strings. */
export type Certificate = Record<string, unknown>;

/** The outcome of trying to certify a statement valid for all t. */
export type CertResult<X = object> =
  | ({ readonly ok: true; readonly certificate: Certificate } & X)
  | { readonly ok: false; readonly reason: string };

/**
 * Largest integer (in bits) the exact trajectory may carry. Exact states of dyadic cases with
 * few bits stay far below this; a double-valued case whose integers double at every step runs
 * out of budget within ~40 steps and is left uncertified rather than computed for seconds.
 */
export const EXACT_BITS_BUDGET = 4096;

/** How far the exact trajectory looks for a cycle (the float64 screen's horizon). */
export const EXACT_CYCLE_HORIZON = 64;

/**
 * γ = sup|σ′| of the case's activation: the float (for reports) and exact rationals lo ≤ γ ≤ hi
 * (equal where γ is rational: 1, 1/4, 2). A hypothesis "x·γ < 1" is certified met only with hi and
 * certified failed only with lo; in between, γ does not decide it.
 */
function gammaOf(c: Case): { gamma: number; lo: Rational; hi: Rational; exact: boolean } {
  const a = activation(c.activation);
  const { lo, hi } = a.gammaBounds;
  return { gamma: a.gamma, lo, hi, exact: lo.eq(hi) };
}

/** "γ" or "lo ≤ γ ≤ hi" as exact rationals, for certificates. */
function gammaString(g: ReturnType<typeof gammaOf>): string {
  return g.exact
    ? `${g.hi.num}/${g.hi.den}`
    : `${g.lo.num}/${g.lo.den} ≤ γ ≤ ${g.hi.num}/${g.hi.den}`;
}

/**
 * Decides "x·γ < 1" from below(num, den) ⟺ x < den/num: met if x·hi < 1, failed if x·lo ≥ 1,
 * otherwise not decided by the bounds on γ.
 */
function decideWithGamma(
  g: ReturnType<typeof gammaOf>,
  below: (num: bigint, den: bigint) => boolean,
): 'met' | 'failed' | 'undecided' {
  if (below(g.hi.den, g.hi.num)) return 'met';
  if (g.exact || !below(g.lo.den, g.lo.num)) return 'failed';
  return 'undecided';
}

// ---------------------------------------------------------------------------------------------
// Hypotheses, decided exactly.

/** A hypothesis decided exactly, with the facts that decide it. */
export interface HypothesisResult {
  readonly holds: boolean;
  /** Why it fails, for the skip reason. */
  readonly reason?: string;
  readonly certificate: Certificate;
}

/** The reason a hypothesis "x·γ < 1" is skipped when γ's exact bounds do not decide it. */
const GAMMA_UNDECIDED = (what: string) =>
  `γ not decided: ${what}·γ < 1 holds with γ's exact lower bound but not with its upper bound`;

/** ρ(W_R)·γ < 1, exactly: every root of det(zI − W_R) lies in |z| < 1/γ (Möbius + Routh–Hurwitz). */
export function spectralRadiusHypothesis(c: Case): HypothesisResult {
  const W = dyadicMat(c.W_R);
  const g = gammaOf(c);
  // ρ(W)·γ < 1 ⟺ ρ(W) < 1/γ = den/num
  const decision = decideWithGamma(g, (num, den) => spectralRadiusBelow(W, num, den));
  const holds = decision === 'met';
  return {
    holds,
    ...(decision === 'failed' ? { reason: 'ρ(W_R)·γ ≥ 1' } : {}),
    ...(decision === 'undecided' ? { reason: GAMMA_UNDECIDED('ρ(W_R)') } : {}),
    certificate: {
      hypothesis: 'ρ(W_R)·γ < 1',
      gamma: gammaString(g),
      decidedBy:
        'all roots of det(zI − W_R) in |z| < 1/γ: Möbius map to the half-plane and positive Hurwitz minors (exact integers)',
      holds,
    },
  };
}

/** s_max(W_R)·γ < 1, exactly: (1/γ²)I − W_RᵀW_R is positive definite (Sylvester, exact integers). */
export function singularValueHypothesis(c: Case): HypothesisResult {
  const W = dyadicMat(c.W_R);
  const g = gammaOf(c);
  const decision = decideWithGamma(g, (num, den) => spectralNormBelow(W, num, den));
  const holds = decision === 'met';
  return {
    holds,
    ...(decision === 'failed' ? { reason: 's_max(W_R)·γ ≥ 1' } : {}),
    ...(decision === 'undecided' ? { reason: GAMMA_UNDECIDED('s_max(W_R)') } : {}),
    certificate: {
      hypothesis: 's_max(W_R)·γ < 1',
      gamma: gammaString(g),
      decidedBy:
        'γ⁻²I − W_RᵀW_R ≻ 0: all leading principal minors positive (Bareiss, exact integers)',
      holds,
    },
  };
}

/** W_R normal (W_R W_Rᵀ = W_Rᵀ W_R exactly) and ρ(W_R)·γ < 1 exactly. */
export function normalHypothesis(c: Case): HypothesisResult {
  const W = dyadicMat(c.W_R);
  if (!isNormalExact(W)) {
    return {
      holds: false,
      reason: 'W_R is not normal (exactly)',
      certificate: { hypothesis: 'W_R normal', holds: false },
    };
  }
  const rho = spectralRadiusHypothesis(c);
  return { ...rho, certificate: { ...rho.certificate, normal: 'W_R W_Rᵀ = W_Rᵀ W_R exactly' } };
}

/** The reading of "λ1 < 1/γ" with λ1 taken with its sign. */
export type SignedEigenvalueStatus =
  /** every dominant eigenvalue is real (rational, certified) and < 1/γ */
  | 'holds'
  /** a dominant eigenvalue is real (certified) and ≥ 1/γ */
  | 'fails'
  /** float64 says the dominant eigenvalues are a complex pair: "λ1 < 1/γ" does not apply */
  | 'complex'
  /** float64 says it holds, but the dominant eigenvalues could not be certified exactly */
  | 'uncertain'
  /** float64 says a dominant eigenvalue is real and ≥ 1/γ (not certified) */
  | 'fails-float'
  /** the dominant eigenvalues are certified, but γ's exact bounds do not decide λ1 < 1/γ */
  | 'gamma-undecided';

/** The signed-eigenvalue hypothesis with its exact certificate when there is one. */
export interface SignedEigenvalueResult {
  readonly status: SignedEigenvalueStatus;
  readonly reason: string;
  readonly certificate: Certificate;
}

/**
 * "λ1 < 1/γ" with λ1 signed: every eigenvalue of largest modulus must be real and below 1/γ.
 * Certified when the dominant eigenvalues are rational (found from the float estimates and
 * verified as exact roots, the rest of the spectrum certified strictly inside their modulus);
 * otherwise the float64 eigenvalues only classify the case (complex pair → not applicable).
 * floatEigs: the float64 eigenvalues sorted by modulus, as (re, im) arrays.
 */
export function signedEigenvalueHypothesis(
  c: Case,
  re: Float64Array,
  im: Float64Array,
  tieRtol: number,
): SignedEigenvalueResult {
  const W = withNonNegativeExponent(dyadicMat(c.W_R));
  const g = gammaOf(c);
  const guesses = Array.from(re).filter(
    (_, i) => Math.abs(im[i]) <= tieRtol * Math.hypot(re[i], im[i]) || im[i] === 0,
  );
  const dom = rationalDominantEigenvalues(W, guesses);
  if (dom !== undefined) {
    const values = dom.dominant.map((d) => ({
      value: dyadicString(d.k, d.e),
      multiplicity: d.multiplicity,
    }));
    // λ·γ < 1 ⟺ k·2^−e·γ < 1 ⟺ k·γ.num < γ.den·2^e: met for every λ1 with hi, failed for one with lo
    const below = (r: Rational) => (d: { k: bigint; e: number }) =>
      d.k * r.num < r.den << BigInt(d.e);
    const ok = dom.dominant.every(below(g.hi));
    if (!ok && dom.dominant.every(below(g.lo)))
      return {
        status: 'gamma-undecided',
        reason: GAMMA_UNDECIDED('λ1'),
        certificate: { hypothesis: 'λ1 < 1/γ', gamma: gammaString(g), holds: false },
      };
    return {
      status: ok ? 'holds' : 'fails',
      reason: ok ? 'λ1 < 1/γ (certified)' : 'λ1 ≥ 1/γ (certified)',
      certificate: {
        hypothesis: 'λ1 < 1/γ, λ1 the eigenvalue of largest |·| taken with its sign',
        dominantEigenvalues: values,
        gamma: gammaString(g),
        decidedBy:
          'each λ1 is an exact root of det(zI − W_R) (with its multiplicity removed by exact division); the remaining roots lie in |z| < |λ1| (Möbius + Routh–Hurwitz, exact integers)',
        holds: ok,
      },
    };
  }
  const rho = re.length ? Math.hypot(re[0], im[0]) : 0;
  let complex = false;
  let maxRe = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < re.length; i++) {
    if (Math.hypot(re[i], im[i]) < rho * (1 - tieRtol)) break;
    if (Math.abs(im[i]) > tieRtol * rho) complex = true;
    else maxRe = Math.max(maxRe, re[i]);
  }
  if (complex) {
    return {
      status: 'complex',
      reason: 'the dominant eigenvalues are a complex pair: "λ1 < 1/γ" does not apply',
      certificate: { hypothesis: 'λ1 < 1/γ', holds: false, floatOnly: true },
    };
  }
  const floatHolds = maxRe < 1 / g.gamma;
  return {
    status: floatHolds ? 'uncertain' : 'fails-float',
    reason: floatHolds
      ? 'λ1 < 1/γ in float64 only (dominant eigenvalue irrational: not certified)'
      : 'λ1 ≥ 1/γ (float64)',
    certificate: { hypothesis: 'λ1 < 1/γ', holds: floatHolds, floatOnly: true },
  };
}

// ---------------------------------------------------------------------------------------------
// F(k0, t) ↛ 0: periodic Jacobians.

/** What a non-vanishing certificate exposes for witnesses and reports. */
export interface NonVanishingFacts {
  /** a′ = max(a, k0): from here on the Jacobians repeat with period p. */
  readonly cycleStart: number;
  readonly period: number;
  /** ‖F(k0, a′ + p)‖_F from the exact data, as a float (for the witness). */
  readonly normAtCycle: number;
  /** ‖F(k0, a′ + p)‖_F as an exact-data decimal string (square root at 60 digits). */
  readonly normAtCycleExact: string;
}

/** An exact repetition of the state at the same input phase: h_a = h_{a+p}, p ≡ 0 (mod T). */
export function exactCycle(
  ec: ExactCase,
  horizon: number,
): { a: number; p: number; h: DyadicVec[] } | undefined {
  const T = ec.drive.length;
  const traj = exactTrajectory(ec, horizon, EXACT_BITS_BUDGET);
  const seen = new Map<string, number>();
  for (let t = 0; t < traj.h.length; t++) {
    const v = traj.h[t];
    const key = `${t % T}|${v.e}|${v.m.join(',')}`;
    const a = seen.get(key);
    if (a !== undefined) return { a, p: t - a, h: traj.h };
    seen.set(key, t);
  }
  return undefined;
}

function product(
  ec: ExactCase,
  h: readonly DyadicVec[],
  from: number,
  to: number,
): DyadicMat | undefined {
  // J_to ⋯ J_{from+1}; J_r uses h_{r−1}
  let P = dyadicIdentity(ec.W.rows);
  for (let r = from + 1; r <= to; r++) {
    const J = exactJacobian(ec, h[r - 1]);
    // Stryker disable next-line ConditionalExpression: unreachable: certifyNonVanishing returned at every kink of the states the products read
    if (J === undefined) return undefined;
    P = dyadicMatmul(J, P);
  }
  return P;
}

/**
 * Certifies F(k0, t) ↛ 0 as t → ∞ (inputs repeated with period T), exactly. The Jacobians must be
 * eventually periodic: for σ = identity J_r = W_R for every r (a′ = k0, p = 1); for relu and
 * leaky_relu the exact trajectory must reach a cycle h_a = h_{a+p} with p a multiple of T, off
 * the kink. Then for q ≥ 0, F(k0, a′+qp) = M^q·P0 ⊗ σ(h_{k0−1})ᵀ with M = J_{a′+p}⋯J_{a′+1} and
 * P0 = J_{a′}⋯J_{k0+1}, so ‖F(k0, a′+qp)‖₂ ≥ ‖M^q x‖·‖σ(h_{k0−1})‖ for each column x of P0. If
 * σ(h_{k0−1}) ≠ 0 and the M-annihilator of some column x has a root of modulus ≥ 1, M^q x ↛ 0
 * (x is cyclic for M on its Krylov space, where M's characteristic polynomial is that annihilator).
 */
export function certifyNonVanishing(c: Case, k0: number): CertResult<NonVanishingFacts> {
  if (!PIECEWISE_LINEAR.includes(c.activation)) {
    return {
      ok: false,
      reason: `σ = ${c.activation} is not piecewise linear: no exact trajectory`,
    };
  }
  const ec = exactCase(c);
  const n = ec.W.rows;
  let start: number;
  let period: number;
  let h: DyadicVec[];
  let premise: string;
  if (c.activation === 'identity') {
    const traj = exactTrajectory(ec, k0 - 1, EXACT_BITS_BUDGET);
    if (traj.stoppedAt !== undefined)
      return { ok: false, reason: 'the exact states outgrew the integer budget' };
    h = traj.h;
    start = k0;
    period = 1;
    premise = 'σ = identity: σ′ ≡ 1, so J_r = W_R for every r';
  } else {
    const cyc = exactCycle(ec, Math.max(EXACT_CYCLE_HORIZON, k0 + 1));
    if (cyc === undefined)
      return { ok: false, reason: 'no exact state cycle within the horizon (or integer budget)' };
    start = Math.max(cyc.a, k0);
    period = cyc.p;
    // extend the stored states to a′ + p using the periodicity h_{t+p} = h_t (t ≥ a)
    // Stryker disable next-line MethodExpression: cyc is local, so extending its array in place is harmless
    h = cyc.h.slice();
    // Stryker disable next-line EqualityOperator: h_{a′+p} itself is never read (the products read h_{k0} … h_{a′+p−1})
    while (h.length <= start + period) h.push(h[h.length - period]);
    // Stryker disable next-line EqualityOperator: one more state, h_{a′+p} = h_{a′}, was checked already
    for (let r = k0; r < start + period; r++) {
      if (h[r].m.some((x) => x === 0n))
        return {
          ok: false,
          reason: `h_${r} has a coordinate at the kink of σ: J_${r + 1} undefined`,
        };
    }
    premise = `exact state cycle: h_${cyc.a} = h_${cyc.a + cyc.p} with the inputs' period T = ${ec.drive.length} dividing ${cyc.p}, so h_{t+p} = h_t and J_{t+p} = J_t for t ≥ ${cyc.a}`;
  }
  const v = dyadicSigma(ec.sigma, h[k0 - 1]);
  if (v.m.every((x) => x === 0n))
    return { ok: false, reason: `σ(h_${k0 - 1}) = 0: F(${k0}, t) = 0 for all t` };
  const M = c.activation === 'identity' ? ec.W : product(ec, h, start, start + period);
  const P0 = c.activation === 'identity' ? dyadicIdentity(n) : product(ec, h, k0, start);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,ObjectLiteral,BooleanLiteral: unreachable: the kinks of h_{k0} … h_{a′+p−1}, the states the products read, were refused above
  if (M === undefined || P0 === undefined)
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: unreachable, as above
    return { ok: false, reason: 'a Jacobian on the cycle is at a kink of σ' };
  const Mn = withNonNegativeExponent(M);
  for (let j = 0; j < n; j++) {
    const x = Array.from({ length: n }, (_, i) => P0.data[i * n + j]);
    // Stryker disable next-line ConditionalExpression,ArrowFunction: a shortcut; a zero column has annihilator μ = 1, with no roots, and is skipped below
    if (x.every((q) => q === 0n)) continue;
    const mu = annihilator(Mn.data, n, x);
    // μ_M(z) = 2^{−E·deg} μ_B(2^E z) for M = B·2^−E: roots of μ_M in |z| < 1 ⟺ roots of μ_B in |z| < 2^E
    const inside = rootsInsideDisk(mu, 1n << BigInt(Mn.e), 1n);
    if (inside) continue;
    const deg = mu.length - 1;
    const lead = mu[deg];
    const muM = mu.map((cf, i) => {
      // coefficient of z^i in μ_M / lead: cf·2^{E·(i − deg)}/lead, shown exactly
      const e = Mn.e * (deg - i);
      return fracString(cf, lead, e);
    });
    const Pc = dyadicMatmul(M, P0);
    const normF = frobeniusString(Pc, v);
    return {
      ok: true,
      cycleStart: start,
      period,
      normAtCycle: Number(normF),
      normAtCycleExact: normF,
      certificate: {
        kind: 'F(k0,t) ↛ 0: eventually periodic Jacobians',
        argument:
          'for q ≥ 0: F(k0, a′+qp) = M^q·P0 ⊗ σ(h_{k0−1})ᵀ, so ‖F(k0, a′+qp)‖₂ ≥ ‖M^q x‖₂·‖σ(h_{k0−1})‖₂ with x = P0·e_j; x is cyclic for M on its Krylov space, where M acts with characteristic polynomial μ_x; μ_x has a root of modulus ≥ 1, so M^q x ↛ 0, and σ(h_{k0−1}) ≠ 0',
        premise,
        k0,
        cycleStart: start,
        period,
        inputPeriod: ec.drive.length,
        ...(c.activation === 'identity' ? {} : { cycleState: dyadicVecStrings(h[start]) }),
        sigmaPrev: dyadicVecStrings(v),
        M: dyadicMatStrings(M),
        P0: dyadicMatStrings(P0),
        column: j,
        annihilator: muM,
        annihilatorRootsInUnitDisk: false,
        decidedBy:
          'exact dyadic arithmetic (BigInt); roots located by the Möbius map and Routh–Hurwitz minors',
      },
    };
  }
  return {
    ok: false,
    reason:
      'every column of P0 has a Schur-stable M-annihilator: M^q·P0 → 0 along the cycle, so F(k0, t) → 0',
  };
}

/**
 * c/(lead·2^e) in lowest terms, for lead > 0 and e ≥ 0: an annihilator's leading coefficient is
 * positive (1 times a positive lcm) and e = E·(deg − i) ≥ 0.
 */
function fracString(c: bigint, lead: bigint, e: number): string {
  let num = c;
  let den = lead << BigInt(e);
  const g = gcd(num, den);
  num /= g;
  den /= g;
  return den === 1n ? num.toString() : `${num}/${den}`;
}

/** ‖P ⊗ vᵀ‖_F = ‖P‖_F·‖v‖₂ from exact data: the exact square as a ratio, then a square root at 60 digits. */
function frobeniusString(P: DyadicMat, v: DyadicVec): string {
  let sp = 0n;
  for (const x of P.data) sp += x * x;
  let sv = 0n;
  for (const x of v.m) sv += x * x;
  // (sp·2^{−2eP})·(sv·2^{−2ev})
  const e = 2 * P.e + 2 * v.e;
  const num = sp * sv;
  return sqrtRatioString(num, e);
}

/** √(num·2^−e) as a 25-digit decimal string. */
function sqrtRatioString(num: bigint, e: number): string {
  const v =
    e >= 0 ? new HP(num.toString()).div(new HP(2).pow(e)) : new HP((num << BigInt(-e)).toString());
  return hpShow(v.sqrt());
}

// ---------------------------------------------------------------------------------------------
// F(k, t) → 0 and ∂h_t/∂W_R → 0: certificates refuting "does not vanish".

/**
 * Certifies F(k, t) → 0 for every input sequence: (i) s_max(W_R)·γ < 1 exactly, whence
 * ‖F(k,t)‖₂ = ‖J_t⋯J_{k+1}‖₂‖σ(h_{k−1})‖₂ ≤ (s_max γ)^{t−k}‖σ(h_{k−1})‖₂ (‖J_r‖₂ ≤ s_max·max|σ′| ≤
 * s_max γ, also with relu's and leaky_relu's kink conventions); or (ii) σ = identity and
 * ρ(W_R) < 1 exactly, whence F(k,t) = W_R^{t−k} ⊗ σ(h_{k−1})ᵀ → 0 (Gelfand).
 */
export function certifyFVanishes(c: Case, k: number): CertResult<{ rate: string }> {
  const sv = singularValueHypothesis(c);
  if (sv.holds) {
    return {
      ok: true,
      rate: 's_max(W_R)·γ',
      certificate: {
        kind: `F(${k},t) → 0`,
        argument:
          '‖F(k,t)‖₂ = ‖J_t⋯J_{k+1}‖₂·‖σ(h_{k−1})‖₂ ≤ (s_max(W_R)·γ)^{t−k}·‖σ(h_{k−1})‖₂ → 0, since ‖J_r‖₂ ≤ ‖W_R‖₂·max_i|σ′(h_{r−1,i})| ≤ s_max·γ for every r and every input sequence',
        ...sv.certificate,
      },
    };
  }
  if (c.activation === 'identity') {
    const W = dyadicMat(c.W_R);
    if (spectralRadiusBelow(W, 1n, 1n)) {
      return {
        ok: true,
        rate: 'ρ(W_R)',
        certificate: {
          kind: `F(${k},t) → 0`,
          argument:
            'σ = identity: J_r = W_R, so F(k,t) = W_R^{t−k} ⊗ σ(h_{k−1})ᵀ; ρ(W_R) < 1 gives ‖W_R^m‖ → 0 (Gelfand)',
          hypothesis: 'ρ(W_R) < 1',
          decidedBy:
            'all roots of det(zI − W_R) in |z| < 1 (Möbius + Routh–Hurwitz, exact integers)',
          charPolyOfScaledW: intCharPoly(withNonNegativeExponent(W).data, W.rows).map(String),
          scaleExponent: withNonNegativeExponent(W).e,
        },
      };
    }
  }
  return { ok: false, reason: 'neither s_max(W_R)·γ < 1 nor (σ = identity and ρ(W_R) < 1)' };
}

/** Activations with σ(0) = 0, |σ(x)| ≤ |x| and 0 ≤ σ′ ≤ 1 (with the kink conventions). */
const SHRINKING: readonly string[] = ['identity', 'tanh', 'relu', 'leaky_relu', 'elu', 'hardtanh'];

/**
 * Certifies ∂h_t/∂W_R → 0 as t → ∞, for an unforced network: W_I x_t + b_R = 0 exactly for every
 * t ≤ T (hence for all t, inputs repeated). (i) σ ∈ SHRINKING (identity, tanh, relu, leaky_relu, elu,
 * hardtanh) and
 * s = s_max(W_R) < 1 exactly: ‖h_t‖ ≤ s‖σ(h_{t−1})‖ ≤ s‖h_{t−1}‖, so ‖σ(h_{k−1})‖ ≤ s^{k−1}‖h_0‖,
 * and ‖J_r‖ ≤ s, hence ‖∂h_t/∂W_R‖₂ ≤ Σ_k ‖J_t⋯J_{k+1}‖‖σ(h_{k−1})‖ ≤ t·s^{t−1}‖h_0‖ → 0; or
 * (ii) σ = identity and ρ(W_R) < 1: ∂h_t/∂W_R = Σ_k W^{t−k} ⊗ (W^{k−1}h_0)ᵀ, ‖·‖ ≤ t·C²r^{t−1}‖h_0‖.
 */
export function certifyJacobianVanishes(c: Case): CertResult {
  const ec = exactCase(c);
  const forced = ec.drive.findIndex((u) => u.m.some((x) => x !== 0n));
  if (forced >= 0)
    return { ok: false, reason: `W_I x_${forced + 1} + b_R ≠ 0: the network is forced` };
  if (!SHRINKING.includes(c.activation))
    return {
      ok: false,
      reason: `σ = ${c.activation} is not shrinking (σ(0) = 0, |σ(x)| ≤ |x|, 0 ≤ σ′ ≤ 1)`,
    };
  const W = dyadicMat(c.W_R);
  const unforced = {
    forcing:
      'W_I x_t + b_R = 0 exactly for t = 1…T (so for every t, inputs repeated with period T)',
  };
  if (spectralNormBelow(W, 1n, 1n)) {
    return {
      ok: true,
      certificate: {
        kind: '∂h_t/∂W_R → 0',
        argument:
          'h_t = W_R σ(h_{t−1}) with |σ(x)| ≤ |x|, 0 ≤ σ′ ≤ 1: ‖σ(h_{k−1})‖₂ ≤ s^{k−1}‖h_0‖₂ and ‖J_r‖₂ ≤ s, so ‖∂h_t/∂W_R‖₂ ≤ Σ_{k=1}^t ‖J_t⋯J_{k+1}‖₂‖σ(h_{k−1})‖₂ ≤ t·s^{t−1}‖h_0‖₂ → 0',
        hypothesis: 's = s_max(W_R) < 1',
        decidedBy: 'I − W_RᵀW_R ≻ 0 (Bareiss, exact integers)',
        ...unforced,
      },
    };
  }
  if (c.activation === 'identity' && spectralRadiusBelow(W, 1n, 1n)) {
    return {
      ok: true,
      certificate: {
        kind: '∂h_t/∂W_R → 0',
        argument:
          'σ = identity, unforced: h_t = W_R^t h_0 and ∂h_t/∂W_R = Σ_{k=1}^t W_R^{t−k} ⊗ (W_R^{k−1}h_0)ᵀ; with ‖W_R^m‖₂ ≤ C r^m (r < 1, Gelfand) the norm is ≤ t·C²r^{t−1}‖h_0‖₂ → 0',
        hypothesis: 'ρ(W_R) < 1',
        decidedBy: 'all roots of det(zI − W_R) in |z| < 1 (Möbius + Routh–Hurwitz, exact integers)',
        ...unforced,
      },
    };
  }
  return { ok: false, reason: 'neither s_max(W_R) < 1 nor (σ = identity and ρ(W_R) < 1)' };
}

/** Whether W_R is nilpotent (ρ = 0), exactly. */
export function nilpotentExact(c: Case): boolean {
  return isNilpotent(dyadicMat(c.W_R));
}

/** Activations with σ(x) = 0 only at x = 0. */
const ZERO_ONLY_AT_ZERO: readonly string[] = [
  'identity',
  'tanh',
  'leaky_relu',
  'elu',
  'silu',
  'gelu',
  'hardtanh',
  'scaled_tanh',
];

/**
 * Certifies that the term I⊗σ(h_{t−1})ᵀ is present at every t (σ(h_{t−1}) ≠ 0 for all t ≥ 1) for
 * an unforced network h_t = W_R σ(h_{t−1}): (i) σ = identity and W_Rⁿh_0 ≠ 0 (then W_R^t h_0 ≠ 0
 * for every t: the part of h_0 killed by powers of W_R dies within n steps, Fitting); or (ii)
 * σ ∈ ZERO_ONLY_AT_ZERO (σ(x) = 0 only at 0), det W_R ≠ 0 and h_0 ≠ 0, whence by
 * induction h_t ≠ 0 and σ(h_t) ≠ 0.
 */
export function certifyTermAlwaysPresent(c: Case): CertResult {
  const ec = exactCase(c);
  if (ec.drive.some((u) => u.m.some((x) => x !== 0n)))
    return { ok: false, reason: 'the network is forced: presence is not certified' };
  const n = ec.W.rows;
  if (c.activation === 'identity') {
    let h = ec.h0;
    // Stryker disable next-line EqualityOperator: ker Wⁿ = ker Wⁿ⁺¹ (Fitting), so one more power changes no answer
    for (let i = 0; i < n; i++) h = dyadicMatvec(ec.W, h);
    if (h.m.some((x) => x !== 0n))
      return {
        ok: true,
        certificate: {
          premise: 'σ = identity, unforced: W_Rⁿh_0 ≠ 0, so h_t = W_R^t h_0 ≠ 0 for all t',
        },
      };
    return { ok: false, reason: 'W_Rⁿh_0 = 0: the state dies in n steps' };
  }
  if (!ZERO_ONLY_AT_ZERO.includes(c.activation))
    return {
      ok: false,
      reason: `σ = ${c.activation} vanishes off 0 or never: presence not certified`,
    };
  const det0 = intCharPoly(withNonNegativeExponent(ec.W).data, n)[0];
  if (det0 !== 0n && ec.h0.m.some((x) => x !== 0n))
    return {
      ok: true,
      certificate: {
        premise:
          'σ(x) = 0 only at x = 0, det W_R ≠ 0 (exact) and h_0 ≠ 0: by induction h_t = W_R σ(h_{t−1}) ≠ 0 and σ(h_t) ≠ 0 for all t',
      },
    };
  return { ok: false, reason: 'det W_R = 0 or h_0 = 0: presence not certified' };
}
