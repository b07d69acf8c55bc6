/**
 * The limit claims of Theorem 2 (thm2.spectral-radius, thm2.signed-eigenvalue): their hypotheses
 * (met and certified, met in float64 only, or not met: the case is skipped), the float64 screen of
 * F(k0, t) → 0 at the horizon, the exact re-check that refutes only with a certificate valid for
 * all t, and the series the report plots.
 */

import type {
  CheckOutcome,
  ClaimInput,
  HPOutcome,
  HPQuantity,
  SeriesKey,
  Witness,
} from '../../engine/contract/claim.js';
import { TOLERANCES, toleranceBound } from '../../engine/contract/tolerances.js';
import { activation } from '../../model/activation.js';
import type { Case } from '../../model/caseFile.js';
import { PIECEWISE_LINEAR } from '../../model/exactTrajectory.js';
import { EigenvalueError } from '../../numerics/eigenvalues.js';
import { HP_DIGITS } from '../../numerics/exact/decimal.js';
import { jsrBounds, jsrExtremeSet } from '../../numerics/jointSpectralRadius.js';
import { fromRows } from '../../numerics/Mat.js';
import {
  type Chain,
  cycleSpectralRadius,
  extendedChain,
  floatCycle,
  LIMIT_HORIZON,
  lyapunovAlong,
  productNorms,
  type SpectralFacts,
  sigmaNorm,
  spectralFacts,
} from './chain.js';
import {
  type Certificate,
  type CertResult,
  certifyFVanishes,
  certifyNonVanishing,
  type NonVanishingFacts,
  signedEigenvalueHypothesis,
  spectralRadiusHypothesis,
} from './thm2.js';
import { k0Of } from './thm2-bounds.js';
import { JSR_MAX_LENGTH, JSR_MAX_PRODUCTS } from './thm2-jsr.js';
import { certifyNonVanishingSmooth } from './thm2-smooth-fixed-point.js';

/** A limit claim's hypothesis on a case: met (certified), met in float64 only, or not met. */
export type LimitHypothesis =
  | { readonly status: 'holds'; readonly certificate: Certificate }
  | { readonly status: 'uncertain'; readonly reason: string; readonly certificate: Certificate }
  | { readonly status: 'skip'; readonly reason: string };

function factsOf(c: Case): SpectralFacts | undefined {
  try {
    return spectralFacts(fromRows(c.W_R, c.W_R.length));
  } catch (e) {
    if (e instanceof EigenvalueError) return undefined;
    throw e;
  }
}

function finiteChain(chain: Chain): boolean {
  return chain.traj.h.every((h) => h.every(Number.isFinite));
}

/** A number for the report only: an EigenvalueError (iteration cap) leaves it out instead of failing the check. */
function reportOnly<X>(f: () => X): X | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof EigenvalueError) return undefined;
    throw e;
  }
}

/** The entries that are finite numbers (a counterexample file is JSON: no ∞, no NaN). */
function finiteOnly(x: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => Number.isFinite(v)));
}

/** The float64 picture of F(k0, ·) up to the horizon, shared by check and series. */
interface Screen {
  readonly chain: Chain;
  /** The horizon H. */
  readonly H: number;
  readonly norm2: number[];
  readonly normF: number[];
  readonly vNorm: number;
  readonly fH: number;
}

function screen(c: Case, k0: number, everyT: boolean): Screen | undefined {
  const H = Math.max(LIMIT_HORIZON, k0 + 1);
  const chain = extendedChain(c, H);
  if (!finiteChain(chain)) return undefined;
  const norms = productNorms(chain, k0, H, !everyT);
  const vNorm = sigmaNorm(chain, k0 - 1);
  // fH may be ∞ when F grows fast; the caller decides (a certificate does not need it)
  const fH = norms.norm2[norms.norm2.length - 1] * vNorm;
  return {
    chain,
    H,
    norm2: norms.norm2.map((x) => x * vNorm),
    normF: norms.normF.map((x) => x * vNorm),
    vNorm,
    fH,
  };
}

/** A claim's hypothesis as the vanishing-limit check reads it, from the case and W_R's spectral facts. */
export type LimitHypothesisOf = (c: Case, facts: SpectralFacts) => LimitHypothesis;

/** ρ(W_R)·γ < 1, decided exactly (thm2.spectral-radius). */
export function spectralRadiusLimitHypothesis(c: Case): LimitHypothesis {
  const h = spectralRadiusHypothesis(c);
  return h.holds
    ? { status: 'holds', certificate: h.certificate }
    : // Stryker disable next-line LogicalOperator: spectralRadiusHypothesis gives this very reason whenever it fails
      { status: 'skip', reason: h.reason ?? 'ρ(W_R)·γ ≥ 1' };
}

/**
 * "λ1 < 1/γ" with λ1 signed (thm2.signed-eigenvalue), from the float64 eigenvalues sorted by
 * modulus; ties in modulus within TOLERANCES.eigenvalueTie.
 */
export function signedEigenvalueLimitHypothesis(
  c: Case,
  facts: { readonly re: Float64Array; readonly im: Float64Array },
): LimitHypothesis {
  const h = signedEigenvalueHypothesis(c, facts.re, facts.im, TOLERANCES.eigenvalueTie.rtol);
  if (h.status === 'holds') return { status: 'holds', certificate: h.certificate };
  if (h.status === 'uncertain')
    return { status: 'uncertain', reason: h.reason, certificate: h.certificate };
  return { status: 'skip', reason: h.reason };
}

/**
 * The float64 check of a claim "hypothesis ⇒ F(k0, t) → 0 as t → ∞", the inputs of a finite case repeated with period
 * T beyond T. It is refuted only by a certificate valid for all t (certifyNonVanishing: eventually
 * periodic Jacobians, decided exactly; for a smooth σ certifyNonVanishingSmooth: a repelling fixed
 * point located by validated numerics) on a case whose hypothesis is certified exactly. A run whose
 * ‖F(k0, H)‖ has not decayed at the float64 horizon, without a certificate either way (F ↛ 0 as
 * above, or F → 0 by certifyFVanishes), is "uncertified".
 */
export function vanishingCheck(input: ClaimInput, hypothesis: LimitHypothesisOf): CheckOutcome {
  const c = input.case;
  const k0 = k0Of(input);
  const facts = factsOf(c);
  if (facts === undefined)
    return { status: 'skip', reason: 'the eigenvalues of W_R did not converge', numerical: true };
  const hyp = hypothesis(c, facts);
  if (hyp.status === 'skip') return { status: 'skip', reason: hyp.reason };
  const sc = screen(c, k0, false);
  if (sc === undefined || !Number.isFinite(sc.vNorm))
    return { status: 'overflow', reason: 'the trajectory left float64 range' };
  const T = c.xs.length;
  const tol = TOLERANCES.limitScreen;
  const bound = toleranceBound(tol, sc.vNorm);
  const notDecayed = sc.fH > bound;
  const pl = PIECEWISE_LINEAR.includes(c.activation);
  const tryExact =
    pl && (c.activation === 'identity' ? notDecayed : floatCycle(sc.chain, T) !== undefined);
  // a smooth σ: the certifier's own float64 gate (h_0 a Newton step from a fixed point) is cheap
  const cert = tryExact
    ? certifyNonVanishing(c, k0)
    : pl
      ? undefined
      : certifyNonVanishingSmooth(c, k0);
  if (cert?.ok) {
    if (hyp.status !== 'holds') {
      return {
        status: 'uncertified',
        reason: `F(k0, t) ↛ 0 is certified, but the hypothesis is not: ${hyp.reason}`,
      };
    }
    // the witness t: the horizon, or the first cycle-aligned step when ‖F(k0, H)‖ overflows; for a
    // smooth σ the float64 trajectory leaves the repelling fixed point, so the horizon is not the
    // counterexample's and the witness is the certificate's lower bound at t = k0 + 1
    const atH = pl && Number.isFinite(sc.fH);
    const tw = atH ? sc.H : cert.cycleStart + cert.period;
    const fw = atH ? sc.fH : cert.normAtCycle;
    const n = c.W_R.length;
    const gamma = activation(c.activation).gamma;
    const jsr =
      n <= 4
        ? reportOnly(() =>
            jsrBounds(jsrExtremeSet(fromRows(c.W_R, n), gamma), JSR_MAX_LENGTH, {
              maxProducts: JSR_MAX_PRODUCTS,
            }),
          )
        : undefined;
    return {
      status: 'violated',
      witness: {
        quantity: '‖F(k0, t)‖₂ as t → ∞ (Theorem 2: → 0)',
        claimed: [[0]],
        actual: [[fw]],
        absError: fw,
        relError: fw > 0 ? 1 : 0,
        threshold: bound,
        extra: finiteOnly({
          k0,
          t: tw,
          cycleStart: cert.cycleStart,
          period: cert.period,
          normFAtCycle: cert.normAtCycle,
          rhoW: facts.rho,
          sMaxW: facts.sMax,
          gamma,
          rhoCycle:
            reportOnly(() => cycleSpectralRadius(sc.chain, cert.cycleStart, cert.period)) ??
            Number.NaN,
          lyapunov: lyapunovAlong(sc.chain, k0, sc.H),
          ...(jsr ? { jsrLower: jsr.lower, jsrUpper: jsr.upper } : {}),
        }),
      },
    };
  }
  if (!Number.isFinite(sc.fH))
    return { status: 'overflow', reason: '‖F(k0, t)‖ left float64 range (no exact certificate)' };
  // a slow decay that a sufficient condition proves (s_max γ < 1, or σ = id and ρ < 1) is a
  // pass, and not close to a violation: no closeness
  if (notDecayed && certifyFVanishes(c, k0).ok) return { status: 'pass' };
  if (notDecayed) {
    return {
      status: 'uncertified',
      reason: `‖F(k0, ${LIMIT_HORIZON})‖₂ has not decayed below ${tol.rtol}·‖σ(h_{k0−1})‖₂ and no exact certificate${cert && !cert.ok ? ` (${cert.reason})` : ''}`,
    };
  }
  // observed/threshold: ≤ 1 for a pass, → 1 near the screen's threshold
  return { status: 'pass', closeness: bound > 0 ? sc.fH / bound : 0 };
}

/** certifyNonVanishing for a piecewise-linear σ (exact trajectories), certifyNonVanishingSmooth otherwise. */
function certifyNonVanishingFor(c: Case, k0: number): CertResult<NonVanishingFacts> {
  return PIECEWISE_LINEAR.includes(c.activation)
    ? certifyNonVanishing(c, k0)
    : certifyNonVanishingSmooth(c, k0);
}

/** The exact re-check of vanishingCheck: a violation needs both the hypothesis and certifyNonVanishing certified. */
export function vanishingRecheck(input: ClaimInput, hypothesis: LimitHypothesisOf): HPOutcome {
  const c = input.case;
  const k0 = k0Of(input);
  const facts = factsOf(c);
  const hyp: LimitHypothesis =
    facts === undefined
      ? { status: 'skip', reason: 'the eigenvalues of W_R did not converge' }
      : hypothesis(c, facts);
  const cert = certifyNonVanishingFor(c, k0);
  const violated = hyp.status === 'holds' && cert.ok;
  const value = cert.ok ? cert.normAtCycleExact : '0';
  return {
    violated,
    digits: HP_DIGITS,
    claimed: [['0']],
    actual: [[value]],
    absError: value,
    relError: cert.ok ? '1' : '0',
    certificate: {
      hypothesis: hyp.status === 'skip' ? { holds: false, reason: hyp.reason } : hyp.certificate,
      conclusionRefuted: cert.ok ? cert.certificate : { certified: false, reason: cert.reason },
      ...(cert.ok
        ? {
            witnessNorm: PIECEWISE_LINEAR.includes(c.activation)
              ? '‖F(k0, a′+p)‖_F from the exact data (square root at 60 digits); ‖F(k0, a′+qp)‖₂ ↛ 0 as q → ∞'
              : 'a lower bound of ‖F(k0, k0+1)‖_F = ‖J‖_F·‖σ(h*)‖₂ from the enclosures over X; ‖F(k0, t)‖₂ → ∞',
          }
        : {}),
    },
  };
}

/** The keys of vanishingSeries: each indexed by t − k0. */
export const VANISHING_SERIES_KEYS: Readonly<Record<string, SeriesKey>> = {
  normF2: { symbol: '‖F(k0, t)‖₂', firstT: { param: 'k0', plus: 0 }, bound: false },
  normFFrobenius: { symbol: '‖F(k0, t)‖_F', firstT: { param: 'k0', plus: 0 }, bound: false },
};

/** vanishingRecheck's value is ‖F(k0, t)‖_F at t = a′ + p (the cycle's first return), not the witness's ‖F(k0, H)‖₂. */
export function vanishingHPQuantity(w: Witness): HPQuantity {
  const start = w.extra?.cycleStart;
  const period = w.extra?.period;
  if (start === undefined || period === undefined)
    throw new Error('vanishingHPQuantity: the witness has no cycleStart or period');
  return { symbol: '‖F(k0, t)‖_F', t: start + period, seriesKey: 'normFFrobenius' };
}

/** ‖F(k0, t)‖₂ and ‖F(k0, t)‖_F for t = k0 … H, the report's plot of a vanishing-limit counterexample. */
export function vanishingSeries(input: ClaimInput): Record<string, number[]> {
  const sc = screen(input.case, k0Of(input), true);
  const out: Record<string, number[]> = {};
  // indexed by t − k0 for t = k0 … H (t = k0 is the k = t term I⊗σ(h_{k0−1})ᵀ); only finite series
  if (sc?.norm2.every(Number.isFinite) && sc.normF.every(Number.isFinite)) {
    out.normF2 = sc.norm2;
    out.normFFrobenius = sc.normF;
  }
  return out;
}
