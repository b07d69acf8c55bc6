import fc from 'fast-check';
import type { Case } from '../model/caseFile.js';
import { Rational } from '../numerics/exact/rational.js';
import {
  type RationalMat,
  rationalInverse,
  rationalMatmul,
} from '../numerics/exact/rationalMat.js';
import type { EigenBasis } from '../paper/s5-exploding/thm3.js';
import { caseArbitrary } from './caseArbitrary.js';
import { entryArbitrary } from './entryArbitrary.js';
import type { ExplodingInput } from './explodingArbitrary.js';
import { vectorArbitrary } from './vectorArbitrary.js';

/**
 * How a Theorem 3 case is built. 'generic': W_R = VΛV⁻¹ with random W_O. 'deflated': the rows of
 * W_O lie in the span of the claim's basis vectors 2…n, so c_1 = 0 exactly and j ≥ 2.
 * 'orthogonal': the rows of W_O lie in the span of the dual basis vectors 2…n, so the coefficient
 * of ∂E_t/∂h_t along the dual of q_1 vanishes exactly. 'case': W_R from the suite's eight
 * families, σ = id (irrational, complex or repeated spectra are then skipped and counted).
 */
export const SPECTRAL_MODES = ['generic', 'deflated', 'orthogonal', 'case'] as const;

/** One of SPECTRAL_MODES. */
export type SpectralMode = (typeof SPECTRAL_MODES)[number];

/** Eigenvalue moduli to choose from: dyadic, distinct, on both sides of 1. */
export const MODULI: readonly number[] = [3, 5 / 2, 2, 3 / 2, 5 / 4, 3 / 4, 1 / 2, 1 / 4];

const MAX_N = 4;
const MAX_T = 5;
const MAX_M = 3;

/** Fixed-length array of item. */
function fixed<T>(item: fc.Arbitrary<T>, length: number): fc.Arbitrary<T[]> {
  return vectorArbitrary({ item, length });
}

function R(x: number): Rational {
  return Rational.fromDouble(x);
}

/**
 * V = L·U with unit lower/upper triangular L, U (entries −1, 0, 1 off the diagonal): det V = 1,
 * so V⁻¹ = U⁻¹L⁻¹ has integer entries too, and W_R = VΛV⁻¹ is dyadic whenever Λ is.
 */
function unimodular(n: number, lower: readonly number[], upper: readonly number[]): RationalMat {
  const Lm: Rational[] = [];
  const Um: Rational[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      Lm.push(i === j ? Rational.ONE : i > j ? R(lower[i * MAX_N + j]) : Rational.ZERO);
      Um.push(i === j ? Rational.ONE : i < j ? R(upper[i * MAX_N + j]) : Rational.ZERO);
    }
  return rationalMatmul({ rows: n, cols: n, data: Lm }, { rows: n, cols: n, data: Um });
}

/** Inverse of a unit-triangular product (exact; det = 1 keeps it integer, so it always exists). */
function inverse(v: RationalMat): RationalMat {
  const inv = rationalInverse(v);
  if (inv === undefined)
    throw new Error('spectralArbitrary: a unit-triangular product is singular');
  return inv;
}

/** Moduli above 1 lead MODULI; the largest eigenvalue is always drawn from them (Theorem 3 needs |λ_j| > 1). */
const ABOVE_ONE = MODULI.filter((x) => x > 1).length;

/** n distinct moduli from the drawn keys, each key taken modulo what is left; the first is > 1. */
function distinctModuli(keys: readonly number[], n: number): number[] {
  const left = MODULI.map((_, i) => i);
  const out: number[] = [left.splice(keys[0] % ABOVE_ONE, 1)[0]];
  for (let i = 1; i < n; i++) out.push(left.splice(keys[i] % left.length, 1)[0]);
  return out.sort((a, b) => a - b).map((i) => MODULI[i]);
}

/**
 * Theorem 3 inputs: σ = id, W_R = VΛV⁻¹ with an exact unimodular V and distinct dyadic eigenvalues
 * of distinct moduli (so its right eigenvectors q_i = V e_i and left eigenvectors p_i = V⁻ᵀe_i are
 * known exactly), W_O built per SPECTRAL_MODES, and the step t. The targeted modes 'deflated' and
 * 'orthogonal' are the probe: they put exact zeros where the theorem's expansion is most fragile.
 */
export function spectralArbitrary(basis: EigenBasis): fc.Arbitrary<ExplodingInput> {
  const small = entryArbitrary({ scale: 1 / 4, kinds: ['integer', 'dyadic'] });
  return fc
    .tuple(
      fc.tuple(
        fc.integer({ min: 2, max: MAX_N }),
        fc.integer({ min: 1, max: MAX_T }),
        fc.integer({ min: 2, max: MAX_M }),
        fc.constantFrom(...SPECTRAL_MODES),
        fc.nat({ max: 1 << 16 }),
      ),
      fixed(fc.integer({ min: -1, max: 1 }), MAX_N * MAX_N),
      fixed(fc.integer({ min: -1, max: 1 }), MAX_N * MAX_N),
      fixed(fc.nat({ max: 255 }), MAX_N),
      fixed(fc.boolean(), MAX_N),
      fixed(fc.integer({ min: -8, max: 8 }), MAX_M * MAX_N),
      fixed(small, MAX_N),
      fixed(small, MAX_N),
      fixed(small, MAX_N),
      fixed(small, MAX_T),
      fixed(fc.nat({ max: MAX_M - 1 }), MAX_T),
      caseArbitrary({
        minN: 2,
        maxN: MAX_N,
        maxT: MAX_T,
        maxD: 1,
        maxM: MAX_M,
        activations: ['identity'],
        kinds: ['integer', 'dyadic'],
      }),
    )
    .map(([[n, T, m, mode, tk], lower, upper, keys, negs, coef, wi, bR, h0, xs, ys, g]) => {
      const t = T - (tk % T);
      if (mode === 'case') {
        const c = g.case;
        return {
          case: c,
          params: { t: c.xs.length - (tk % c.xs.length) },
          family: `case/${g.family}`,
        };
      }
      const V = unimodular(n, lower, upper);
      const Vinv = inverse(V);
      const lambdas = distinctModuli(keys, n).map((x, i) => (negs[i] ? -x : x));
      // W = V·diag(λ)·V⁻¹.
      const VL: RationalMat = {
        rows: n,
        cols: n,
        data: V.data.map((x, q) => x.mul(R(lambdas[q % n]))),
      };
      const W = rationalMatmul(VL, Vinv);
      // The rows of W_O: right basis q_i = column i of V, dual (left) basis p_i = row i of V⁻¹.
      const col = (M: RationalMat, i: number) =>
        Array.from({ length: n }, (_, r) => M.data[r * n + i]);
      const row = (M: RationalMat, i: number) => M.data.slice(i * n, (i + 1) * n);
      const own = (i: number) => (basis === 'right' ? col(V, i) : row(Vinv, i));
      const dual = (i: number) => (basis === 'right' ? row(Vinv, i) : col(V, i));
      const WO: number[][] = [];
      for (let r = 0; r < m; r++) {
        const a = (i: number) => R(coef[r * MAX_N + i] / 8);
        if (mode === 'generic') {
          WO.push(Array.from({ length: n }, (_, i) => a(i).toNumber()));
          continue;
        }
        const vecs = Array.from({ length: n - 1 }, (_, i) =>
          mode === 'deflated' ? own(i + 1) : dual(i + 1),
        );
        WO.push(
          Array.from({ length: n }, (_, e) =>
            vecs.reduce((acc, v, i) => acc.add(a(i + 1).mul(v[e])), Rational.ZERO).toNumber(),
          ),
        );
      }
      const c: Case = {
        activation: 'identity',
        W_R: Array.from({ length: n }, (_, i) =>
          W.data.slice(i * n, (i + 1) * n).map((x) => x.toNumber()),
        ),
        W_I: Array.from({ length: n }, (_, i) => [wi[i]]),
        b_R: bR.slice(0, n),
        W_O: WO,
        b_O: new Array<number>(m).fill(0),
        h_0: h0.slice(0, n),
        xs: xs.slice(0, T).map((x) => [x]),
        ys: ys.slice(0, T).map((y) => y % m),
      };
      return { case: c, params: { t }, family: mode };
    });
}
