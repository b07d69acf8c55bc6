import fc from 'fast-check';
import { type ActivationName, activation } from '../model/activation.js';
import type { Case } from '../model/caseFile.js';
import { spectralRadius } from '../numerics/eigenvalues.js';
import type { Mat } from '../numerics/Mat.js';
import { spectralNorm } from '../numerics/singularValues.js';
import { JSR_MAX_N, jsrUpperBound } from '../paper/s4-vanishing/thm2-jsr.js';
import { type CaseConstraints, caseArbitrary, type GeneratedCase } from './caseArbitrary.js';
import { cycleInputArbitrary, fixedPointInputArbitrary } from './fixedPointCaseArbitrary.js';
import { contractToBoundary } from './vanishingTargets.js';
import { vectorArbitrary } from './vectorArbitrary.js';

/** A claim input with its parameters (k0, k or t) and the family it came from. */
export interface VanishingInput {
  readonly case: Case;
  readonly params: Readonly<Record<string, number>>;
  readonly family: string;
}

/** Restrictions of a run (verify --activation). */
export interface VanishingOptions {
  readonly activations?: readonly ActivationName[];
}

/** Which size a hypothesis measures; W_R is rescaled to just inside measure(W_R)·γ < 1. */
export type Measure = 'rho' | 'sMax' | 'jsr';

/** The measure of W (γ included for the JSR, whose set already carries it). */
function measureOf(measure: Measure, gamma: number): { f: (W: Mat) => number; g: number } {
  switch (measure) {
    case 'rho':
      return { f: spectralRadius, g: gamma };
    case 'sMax':
      return { f: spectralNorm, g: gamma };
    case 'jsr':
      return { f: (W) => jsrUpperBound(W, gamma), g: 1 };
  }
}

/** The case with W_R rescaled by a power of two to just inside measure(W_R)·γ < 1. */
export function contractCase(c: Case, measure: Measure): Case {
  const { f, g } = measureOf(measure, activation(c.activation).gamma);
  return { ...c, W_R: contractToBoundary(c.W_R, f, g).rows };
}

/** The W_R family of a generated case (bias modes are not split: the byFamily table stays short). */
function familyOf(g: GeneratedCase): string {
  return g.family;
}

/** k0 ∈ 1…4, shrinking toward 1. */
const K0 = fc.integer({ min: 1, max: 4 });

/** The suite's default cases with a fixed k0 (limit claims: the inputs repeat beyond T). */
export function defaultLimitInputs(
  o: VanishingOptions,
  constraints: CaseConstraints = {},
): fc.Arbitrary<VanishingInput> {
  return fc
    .tuple(caseArbitrary({ ...constraints, activations: o.activations }), K0)
    .map(([g, k0]) => ({ case: g.case, params: { k0 }, family: `default:${familyOf(g)}` }));
}

/** The default cases with W_R rescaled to the boundary of the hypothesis measure(W_R)·γ < 1. */
export function contractedLimitInputs(
  o: VanishingOptions,
  measure: Measure,
  constraints: CaseConstraints = {},
): fc.Arbitrary<VanishingInput> {
  return fc
    .tuple(caseArbitrary({ ...constraints, activations: o.activations }), K0)
    .map(([g, k0]) => ({
      case: contractCase(g.case, measure),
      params: { k0 },
      family: `contracted-${measure}:${familyOf(g)}`,
    }));
}

/**
 * The inputs of the "F(k0, t) → 0" limit claims: the default cases, the same rescaled to the
 * hypothesis' boundary, exact fixed points and exact period-2 orbits (targeted hill-climbs).
 */
export function limitClaimArbitrary(
  o: VanishingOptions,
  measure: Measure,
): fc.Arbitrary<VanishingInput> {
  return fc.oneof(
    { weight: 3, arbitrary: defaultLimitInputs(o) },
    { weight: 2, arbitrary: contractedLimitInputs(o, measure) },
    { weight: 2, arbitrary: fixedPointInputArbitrary(o) },
    { weight: 1, arbitrary: cycleInputArbitrary(o) },
  );
}

/**
 * Inputs of the finite-t bounds (checked at every t with k0 < t ≤ T): T ≥ 2, k0 ∈ 1…min(4, T − 1);
 * the default cases and the same rescaled to the hypothesis' boundary.
 */
export function boundClaimArbitrary(
  o: VanishingOptions,
  measure: Measure,
  constraints: CaseConstraints = {},
  extra: fc.Arbitrary<VanishingInput>[] = [],
): fc.Arbitrary<VanishingInput> {
  const withK0 = (arb: fc.Arbitrary<VanishingInput>) =>
    arb.map((x) => ({
      ...x,
      params: { k0: Math.min(x.params.k0, x.case.xs.length - 1) },
    }));
  const cs = { minT: 2, ...constraints };
  return fc.oneof(
    { weight: 3, arbitrary: withK0(defaultLimitInputs(o, cs)) },
    { weight: 3, arbitrary: withK0(contractedLimitInputs(o, measure, cs)) },
    ...extra.map((arbitrary) => ({ weight: 2, arbitrary: withK0(arbitrary) })),
  );
}

/** Inputs of thm2.jsr: the finite-t bound inputs with n ≤ JSR_MAX_N, rescaled to just inside ρ̂ < 1. */
export function jsrBoundInputs(o: VanishingOptions): fc.Arbitrary<VanishingInput> {
  return boundClaimArbitrary(o, 'jsr', { maxN: JSR_MAX_N });
}

/** Inputs of thm2.spectral-radius-normal: the ρ-bound inputs and the exactly normal dyadic family. */
export function normalBoundInputs(o: VanishingOptions): fc.Arbitrary<VanishingInput> {
  return boundClaimArbitrary(o, 'rho', {}, [normalDyadicInputs(o)]);
}

/** Circulant and Hadamard-conjugated kinds of exactly normal dyadic matrices. */
const NORMAL_KINDS = ['circulant', 'hadamard'] as const;

/**
 * Exactly normal W_R with dyadic entries (so W_R W_Rᵀ = W_Rᵀ W_R holds in float64 and exactly):
 * circulants (diagonalized by the Fourier basis) and H·B·Hᵀ/n for n ∈ {2, 4} with H a Hadamard
 * matrix (H/√n is orthogonal) and B the real normal form ⊕[[a, −b], [b, a]], not symmetric when
 * b ≠ 0. Rescaled to just inside ρ(W_R)γ < 1, the other entries of the case from caseArbitrary.
 */
export function normalDyadicInputs(o: VanishingOptions): fc.Arbitrary<VanishingInput> {
  const entry = fc.integer({ min: -24, max: 24 }).map((k) => k / 8);
  return fc
    .tuple(
      caseArbitrary({ maxN: 4, minT: 2, activations: o.activations }),
      fc.constantFrom(...NORMAL_KINDS),
      vectorArbitrary({ item: entry, length: 4 }),
      K0,
    )
    .map(([g, kind, e, k0]) => {
      const n = g.case.W_R.length;
      const useHadamard = kind === 'hadamard' && (n === 2 || n === 4);
      const rows = useHadamard ? hadamardNormal(n, e) : circulant(n, e);
      const c = contractCase({ ...g.case, W_R: rows }, 'rho');
      return {
        case: c,
        params: { k0 },
        family: `normal:${useHadamard ? 'hadamard' : 'circulant'}`,
      };
    });
}

function circulant(n: number, e: readonly number[]): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => e[(((j - i) % n) + n) % n] + 0),
  );
}

const H2 = [
  [1, 1],
  [1, -1],
];
const H4 = [
  [1, 1, 1, 1],
  [1, -1, 1, -1],
  [1, 1, -1, -1],
  [1, -1, -1, 1],
];

/** H·B·Hᵀ/n with B = ⊕[[a, −b], [b, a]] (entries from e). */
function hadamardNormal(n: number, e: readonly number[]): number[][] {
  const H = n === 2 ? H2 : H4;
  const B = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let k = 0; 2 * k + 1 < n; k++) {
    const a = e[2 * k];
    const b = e[2 * k + 1];
    B[2 * k][2 * k] = a;
    B[2 * k + 1][2 * k + 1] = a;
    B[2 * k][2 * k + 1] = -b;
    B[2 * k + 1][2 * k] = b;
  }
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) acc += H[i][p] * B[p][q] * H[j][q];
      out[i][j] = acc / n + 0;
    }
  return out;
}

/**
 * Cases where ∂h_2/∂W_R = I⊗σ(h_1)ᵀ + J_2·(I⊗σ(h_0)ᵀ) cancels exactly although σ(h_1) ≠ 0: pick
 * c ≠ 0 and h_0, set h_1 := σ⁻¹(c·σ(h_0)), W_R := −c·diag(1/σ′(h_1)) (so J_2 = −cI) and
 * b_R := h_1 − W_R σ(h_0) with x_1 = 0; then ∂h_2/∂W_R = I⊗(cσ(h_0))ᵀ − c·I⊗σ(h_0)ᵀ = 0. Exact for
 * identity, relu (h_0 > 0, c > 0) and leaky_relu; a float64 approximation for the smooth σ.
 */
export function cancellationInputs(o: VanishingOptions): fc.Arbitrary<VanishingInput> {
  const C = [1 / 2, 1, 2, 3 / 4, 3 / 2, 1 / 4];
  const C_SMOOTH = [1 / 2, 3 / 4, 1 / 4];
  return fc
    .tuple(
      caseArbitrary({ maxN: 4, minT: 2, activations: o.activations, kinds: ['integer', 'dyadic'] }),
      fc.integer({ min: 0, max: C.length - 1 }),
      fc.boolean(),
      vectorArbitrary({ item: fc.integer({ min: 1, max: 24 }), length: 4 }),
      vectorArbitrary({ item: fc.boolean(), length: 4 }),
    )
    .map(([g, ci, neg, mags, signs]) => {
      const base = g.case;
      const n = base.W_R.length;
      const sigma = activation(base.activation);
      const pl = ['identity', 'relu', 'leaky_relu'].includes(base.activation);
      // relu needs σ(h_0) > 0 and c > 0 (σ(h_1) = c·σ(h_0) ≥ 0 off the kink); the smooth σ need
      // c·σ(h_0) inside σ's range: |c| < 1 (tanh's range is (−1, 1)), c > 0 for sigmoid, softplus;
      // hardtanh takes this branch too: |h_0| ≤ 3/4 and |c| < 1 keep h_0 and h_1 = c·h_0 on its
      // linear piece, where σ⁻¹ is the identity (exact). SiLU and GELU have no inverse: h_1 = c·σ(h_0)
      // and the case does not cancel
      const cAbs = pl ? C[ci] : C_SMOOTH[ci % C_SMOOTH.length];
      const cNeg =
        neg &&
        (pl
          ? base.activation !== 'relu'
          : ['tanh', 'scaled_tanh', 'hardtanh'].includes(base.activation));
      const c = cNeg ? -cAbs : cAbs;
      const h0 = mags.slice(0, n).map((m, i) => {
        const v = pl ? m / 8 : m / 32;
        return signs[i] && base.activation !== 'relu' ? -v : v;
      });
      const s0 = h0.map(sigma.f);
      const inv = sigma.inverse ?? ((y: number) => y);
      const h1 = s0.map((s) => inv(c * s));
      const d = h1.map(sigma.df);
      const W = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => (i === j ? -c / d[i] : 0) + 0),
      );
      const bR = h1.map((h, i) => h - W[i][i] * s0[i] + 0);
      const xs = base.xs.map((x, t) => (t === 0 ? x.map(() => 0) : x));
      return {
        case: { ...base, W_R: W, b_R: bR, h_0: h0, xs },
        params: { t: 2 },
        family: `cancellation:${base.activation}`,
      };
    });
}

/**
 * Unforced cases (b_R = 0 and every x_t = 0), W_R rescaled to just inside s_max(W_R) < 1: the
 * network decays to 0 and so may its Jacobian ∂h_t/∂W_R.
 */
export function unforcedInputs(o: VanishingOptions): fc.Arbitrary<VanishingInput> {
  return fc.tuple(caseArbitrary({ activations: o.activations })).map(([g]) => {
    const c = g.case;
    const rows = contractToBoundary(c.W_R, spectralNorm, 1).rows;
    return {
      case: {
        ...c,
        W_R: rows,
        b_R: c.b_R.map(() => 0),
        xs: c.xs.map((x) => x.map(() => 0)),
      },
      params: {},
      family: `unforced:${g.family}`,
    };
  });
}
