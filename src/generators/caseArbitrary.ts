import fc from 'fast-check';
import type { ActivationName } from '../model/activation.js';
import { CASE_LIMITS, type Case } from '../model/caseFile.js';
import { lcm } from '../numerics/exact/rational.js';
import { activationArbitrary } from './activationArbitrary.js';
import { type EntryKind, entryArbitrary } from './entryArbitrary.js';
import { buildMatrix, MATRIX_FAMILIES, type MatrixFamily } from './matrixArbitrary.js';
import { matrixSeedArbitrary } from './matrixSeedArbitrary.js';
import { vectorArbitrary } from './vectorArbitrary.js';

/** How the recurrent bias (and the input drive) of a case is set. */
export const BIAS_MODES = ['small', 'saturating', 'zero'] as const;

// 'small' is an ordinary case; 'saturating' makes b_R and/or W_I·x_t large (|pre-activation| of
// order 5–30: tanh and sigmoid saturate, relu units are dead or linear); 'zero' sets b_R = b_O = 0.
/** One of BIAS_MODES. */
export type BiasMode = (typeof BIAS_MODES)[number];

/** How the initial state h_0 of a case is set. */
export const INITIAL_STATES = ['random', 'zero', 'large'] as const;

/** One of INITIAL_STATES: 'random' entries in [−3/4, 3/4], 'zero', or 'large' entries ±(5…30). */
export type InitialState = (typeof INITIAL_STATES)[number];

/** A case with the generator choices it came from (for statistics and claim preconditions). */
export interface GeneratedCase {
  case: Case;
  /** The family of W_R. */
  family: MatrixFamily;
  biasMode: BiasMode;
  initialState: InitialState;
}

/** Options of caseArbitrary; every range is inclusive. */
export interface CaseConstraints {
  /**
   * Least state size n.
   * @defaultValue 1
   */
  minN?: number;
  /**
   * Largest state size n.
   * @defaultValue 8
   */
  maxN?: number;
  /**
   * Least number of steps T.
   * @defaultValue 1
   */
  minT?: number;
  /**
   * Largest number of steps T.
   * @defaultValue 20
   */
  maxT?: number;
  /**
   * Least input size d.
   * @defaultValue 1
   */
  minD?: number;
  /**
   * Largest input size d.
   * @defaultValue 3
   */
  maxD?: number;
  /**
   * Least number of classes m.
   * @defaultValue 2
   */
  minM?: number;
  /**
   * Largest number of classes m.
   * @defaultValue 4
   */
  maxM?: number;
  /**
   * Activations to draw from, uniformly; shrinking goes toward the first.
   * @defaultValue ACTIVATION_NAMES (all of them)
   */
  activations?: readonly ActivationName[];
  /**
   * Families of W_R to draw from, uniformly; shrinking goes toward the first.
   * @defaultValue MATRIX_FAMILIES (all eight)
   */
  families?: readonly MatrixFamily[];
  /**
   * Bias modes to draw from, with weights small 2 : saturating 1 : zero 1; shrinking goes toward the first.
   * @defaultValue BIAS_MODES (all three)
   */
  biasModes?: readonly BiasMode[];
  /**
   * Initial-state modes to draw from, with weights random 2 : zero 1 : large 1; shrinking goes
   * toward the first.
   * @defaultValue INITIAL_STATES (all three)
   */
  initialStates?: readonly InitialState[];
  /**
   * Kinds of the entries of every array (see entryArbitrary).
   * @defaultValue ENTRY_KINDS (integer, dyadic, double)
   */
  kinds?: readonly EntryKind[];
}

/** Drawing weights of the modes: ordinary cases dominate, the extremes stay frequent. */
const MODE_WEIGHT: Record<BiasMode | InitialState, number> = {
  small: 2,
  saturating: 1,
  zero: 1,
  random: 2,
  large: 1,
};

/** Which part of the pre-activation a saturating case makes large. */
const SATURATION_SOURCES = ['bias', 'input', 'both'] as const;

/** Factor of W_I in a saturating case driven by the input: |W_I·x| of order 5–30 for d ≤ 3. */
const INPUT_GAIN = 8;

/** Base scales (powers of two, so integer and dyadic entries stay exact): input-side and output weights. */
const WEIGHT_SCALE = 1 / 2;
/** Base scale of biases and of a random h_0 (h_0 within tanh's range). */
const BIAS_SCALE = 1 / 4;

/** k ∈ [−26, 25] ↦ ±(5…30): 0 ↦ 5, k > 0 ↦ 5 + k, k < 0 ↦ k − 4; shrinks toward +5. */
const LARGE_INDEX = { min: -26, max: 25 } as const;
function large(k: number): number {
  return k >= 0 ? 5 + k : k - 4;
}

/** Drawn from choices with weights, shrinking toward choices[0]. */
function weighted<T extends BiasMode | InitialState>(choices: readonly T[]): fc.Arbitrary<T> {
  const table: T[] = choices.flatMap((c) => new Array<T>(MODE_WEIGHT[c]).fill(c));
  return fc.integer({ min: 0, max: table.length - 1 }).map((i) => table[i]);
}

function checkRange(name: string, lo: number, hi: number, most: number): void {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || lo > hi || hi > most) {
    throw new RangeError(
      `caseArbitrary: need integers 1 ≤ min${name} ≤ max${name} ≤ ${most}, got ${lo}…${hi}`,
    );
  }
}

function checkList<T>(name: string, list: readonly T[], all: readonly T[]): void {
  if (list.length === 0) throw new RangeError(`caseArbitrary: ${name} must not be empty`);
  for (const x of list) {
    if (!all.includes(x))
      throw new RangeError(`caseArbitrary: unknown ${name} entry ${JSON.stringify(x)}`);
  }
}

/** The leading rows×cols block of a row-major grid of width `width`, times gain (a power of two). */
function block(
  grid: readonly number[],
  width: number,
  rows: number,
  cols: number,
  gain: number,
): number[][] {
  // Plain loops: this runs ~10⁴ times a second, where Array.from with callbacks is measurably slower.
  const out: number[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const row: number[] = new Array(cols);
    for (let j = 0; j < cols; j++) row[j] = gain * grid[i * width + j];
    out[i] = row;
  }
  return out;
}

/** [f(0), …, f(length − 1)]. */
function vector(length: number, f: (i: number) => number): number[] {
  const out: number[] = new Array(length);
  for (let i = 0; i < length; i++) out[i] = f(i);
  return out;
}

/** Fixed-length array of item: its items shrink, its length never does. */
function fixed<T>(item: fc.Arbitrary<T>, length: number): fc.Arbitrary<T[]> {
  return vectorArbitrary({ item, length });
}

// Every array is drawn at the maximal sizes and sliced to (n, T, d, m), so shrinking a size keeps
// the remaining entries; sizes shrink to their minima and entries toward simple numbers.
/** A valid case file of an RNN, with the W_R family, bias mode and initial-state mode it came from. */
export function caseArbitrary(constraints: CaseConstraints = {}): fc.Arbitrary<GeneratedCase> {
  const {
    minN = 1,
    maxN = 8,
    minT = 1,
    maxT = 20,
    minD = 1,
    maxD = 3,
    minM = 2,
    maxM = 4,
    activations,
    families = MATRIX_FAMILIES,
    biasModes = BIAS_MODES,
    initialStates = INITIAL_STATES,
    kinds,
  } = constraints;
  // The case-file limits: a generated case must pass validateCase.
  checkRange('N', minN, maxN, CASE_LIMITS.n);
  checkRange('T', minT, maxT, CASE_LIMITS.T);
  checkRange('D', minD, maxD, CASE_LIMITS.d);
  checkRange('M', minM, maxM, CASE_LIMITS.m);
  checkList('families', families, MATRIX_FAMILIES);
  checkList('biasModes', biasModes, BIAS_MODES);
  checkList('initialStates', initialStates, INITIAL_STATES);

  // y_t = ⌊k·m/L⌋ with k uniform on [0, L): uniform on the m classes when m divides L, the lcm of
  // minM…maxM; past 2^30 (many class counts) L = 2^30 and the bias is below m/2^30.
  let classGrid = 1;
  for (let m = minM; m <= maxM; m++) {
    classGrid = Number(lcm([BigInt(classGrid), BigInt(m)]));
    if (classGrid > 2 ** 30) {
      classGrid = 2 ** 30;
      break;
    }
  }
  const weights = entryArbitrary({ scale: WEIGHT_SCALE, kinds });
  const biases = entryArbitrary({ scale: BIAS_SCALE, kinds });

  // Shrinking tries the components in this order: sizes first, then choices, then entries.
  return fc
    .tuple(
      fc.tuple(
        fc.integer({ min: minN, max: maxN }),
        fc.integer({ min: minT, max: maxT }),
        fc.integer({ min: minD, max: maxD }),
        fc.integer({ min: minM, max: maxM }),
      ),
      fc.tuple(
        fc.constantFrom(...families),
        activationArbitrary({ activations }),
        weighted(biasModes),
        weighted(initialStates),
        fc.constantFrom(...SATURATION_SOURCES),
      ),
      matrixSeedArbitrary({ size: maxN, kinds }),
      fixed(weights, maxN * maxD),
      fixed(biases, maxN),
      fixed(fc.integer(LARGE_INDEX), maxN),
      fixed(weights, maxM * maxN),
      fixed(biases, maxM),
      fixed(biases, maxN),
      fixed(fc.integer(LARGE_INDEX), maxN),
      fixed(weights, maxT * maxD),
      fixed(fc.integer({ min: 0, max: classGrid - 1 }), maxT),
    )
    .map(
      ([
        [n, T, d, m],
        [family, activation, biasMode, initialState, source],
        seed,
        WI,
        bR,
        bRLarge,
        WO,
        bO,
        h0,
        h0Large,
        X,
        Y,
      ]) => {
        const saturateBias = biasMode === 'saturating' && source !== 'input';
        const inputGain = biasMode === 'saturating' && source !== 'bias' ? INPUT_GAIN : 1;
        const c: Case = {
          activation,
          W_R: buildMatrix(family, seed, n),
          W_I: block(WI, maxD, n, d, inputGain),
          b_R: vector(n, (i) =>
            biasMode === 'zero' ? 0 : saturateBias ? large(bRLarge[i]) : bR[i],
          ),
          W_O: block(WO, maxN, m, n, 1),
          b_O: vector(m, (i) => (biasMode === 'zero' ? 0 : bO[i])),
          h_0: vector(n, (i) =>
            initialState === 'zero' ? 0 : initialState === 'large' ? large(h0Large[i]) : h0[i],
          ),
          xs: block(X, maxD, T, d, 1),
          ys: vector(T, (t) => Math.floor((Y[t] * m) / classGrid)),
        };
        return { case: c, family, biasMode, initialState };
      },
    );
}
