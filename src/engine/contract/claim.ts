import type fc from 'fast-check';
import { ACTIVATION_NAMES, type ActivationName } from '../../model/activation.js';
import type { Case } from '../../model/caseFile.js';
import type { ParamsDomain } from './params.js';

/** A claim's verdict: it holds, it is refuted by a certified counterexample, or sampling cannot decide it. */
export type Verdict = 'holds' | 'refuted' | 'open';

/** The input of a claim's property: a case file plus the claim's own parameters (t, k0, …). */
export interface ClaimInput {
  readonly case: Case;
  /** Claim parameters such as the step t; integers or floats, stored in the counterexample file. */
  readonly params: Readonly<Record<string, number>>;
  /** The generator family this input came from (for statistics; not part of a counterexample's identity). */
  readonly family?: string;
}

/** The numbers that show a violation: both sides, their distance, and where. */
export interface Witness {
  /** What was compared, e.g. "∂h_t/∂W_R". */
  readonly quantity: string;
  /** The claimed side (the paper's formula), as rows. */
  readonly claimed: number[][];
  /** The oracle side (the true value), as rows. */
  readonly actual: number[][];
  /** max |claimed − actual|. */
  readonly absError: number;
  /** absError relative to the magnitude of the quantity. */
  readonly relError: number;
  /** The violation threshold it exceeded (atol + rtol·scale of TOLERANCES.violation). */
  readonly threshold: number;
  /** Any further numbers that locate the violation (t, k0, norms…). */
  readonly extra?: Readonly<Record<string, number>>;
}

/** Restrictions a run puts on a claim's generator (from `verify --activation`). */
export interface ArbitraryOptions {
  /** Activations to draw from; undefined means the whole family. */
  readonly activations?: readonly ActivationName[];
}

/** The result of checking a claim on one input in float64. */
export type CheckOutcome =
  | { readonly status: 'pass'; readonly closeness?: number }
  /**
   * The case is not judged. Normally it is outside the claim's hypothesis; with `numerical`, a
   * numerical routine gave up on it (an iteration cap, say), so the hypothesis is not known either:
   * counted apart (Tally.numericalSkip) and shown as "not judged".
   */
  | { readonly status: 'skip'; readonly reason: string; readonly numerical?: boolean }
  | { readonly status: 'overflow'; readonly reason: string }
  | { readonly status: 'violated'; readonly witness: Witness }
  /** A limit claim violated at a finite t without a certificate valid for all t: reported, never a refutation. */
  | { readonly status: 'uncertified'; readonly reason: string }
  | { readonly status: 'oracle-disagreement'; readonly reason: string };

/** The same check redone at high precision (decimal.js, 60 digits, exact conversion of the inputs). */
export interface HPOutcome {
  readonly violated: boolean;
  /** Digits used. */
  readonly digits: number;
  /** The claimed and actual sides at high precision, as decimal strings. */
  readonly claimed: string[][];
  readonly actual: string[][];
  readonly absError: string;
  readonly relError: string;
  /** A certificate for limit claims: a statement valid for all t, checked exactly. */
  readonly certificate?: Readonly<Record<string, unknown>>;
}

/** What one key of a claim's series is, for the report's plots. */
export interface SeriesKey {
  /** The quantity in the paper's notation, e.g. "‖F(k0,t)‖₂". */
  readonly symbol: string;
  /** The t of the series' first entry: a fixed t, or a param's value plus an offset (k0 + 1). */
  readonly firstT: number | { readonly param: string; readonly plus: number };
  /** True for a claimed bound (drawn dashed), false for an observed value. */
  readonly bound: boolean;
}

/** The 60-digit re-check's value: its quantity, its t, and the series key of the same quantity in float64. */
export interface HPQuantity {
  readonly symbol: string;
  readonly t: number;
  readonly seriesKey: string;
}

/** Everything that declares a claim: the statement, its reading, the expected verdict and its property. */
export interface ClaimSpec {
  /** Stable id, also the file name under properties/ (e.g. "thm1.kron-descending"). */
  readonly id: string;
  /** The paper's section, e.g. "3.3, Theorem 1". */
  readonly section: string;
  /** The statement checked, in Unicode math. */
  readonly statement: string;
  /** What the ambiguous words are taken to mean. */
  readonly reading: string;
  /** The verdict the suite's evidence supports. */
  readonly expected: Verdict;
  /** Why: a proof citation for `holds`, the mechanism for `refuted`, the obstacle for `open`. */
  readonly rationale: string;
  /**
   * 'identity' and 'inequality' claims can be refuted by one certified counterexample and are
   * `holds` when the full budget passes; 'limit' claims (→ 0, → ∞) need a certificate valid for
   * all t and are `open` when sampling finds none.
   */
  readonly kind: 'identity' | 'inequality' | 'limit';
  /** For a refuted claim: what holds instead, and the claim id that states it (for the errata). */
  readonly correction?: { readonly text: string; readonly claim?: string };
  /**
   * The domain of the claim's params (every key, its range, possibly relative to the case): a saved
   * counterexample outside it is refused before any computation. It must contain every input the
   * generator draws.
   */
  readonly params: ParamsDomain;
  /** The generator of inputs, restricted to the given activations when asked. */
  readonly arbitrary: (options: ArbitraryOptions) => fc.Arbitrary<ClaimInput>;
  /** The float64 check on one input. */
  readonly check: (input: ClaimInput) => CheckOutcome;
  /** The high-precision re-check of a violation; required for a claim to be refuted. */
  readonly recheckHP?: (input: ClaimInput) => HPOutcome;
  /**
   * Per-t series saved with a counterexample for the report's plots, e.g. ‖F(k0,t)‖ and the claimed
   * bound over t (each array indexed by t − 1 unless the claim says otherwise).
   */
  readonly series?: (input: ClaimInput) => Record<string, number[]>;
  /** What each key of `series` is (required with `series`): the report's legend and t axis. */
  readonly seriesKeys?: Readonly<Record<string, SeriesKey>>;
  /**
   * Where the 60-digit re-check's value sits when it is not the float64 witness's quantity at the
   * witness's t, read from the recomputed witness: the report then shows the float64 value of the
   * same quantity at the same t beside it.
   */
  readonly hpQuantity?: (witness: Witness) => HPQuantity;
  /** Runs of the random search at the default budget. */
  readonly numRuns?: number;
  /**
   * The activations the statement is read for: 'none' when it does not involve σ (one verdict
   * for every σ), else a list (the paper's linear example is stated for σ = identity only).
   * @defaultValue every activation of the family (ACTIVATION_NAMES)
   */
  readonly sigma?: readonly ActivationName[] | 'none';
  /**
   * The verdicts of the cells that differ from `expected`, each with its reason (a proof for
   * `holds`, the mechanism for `refuted`, the obstacle for `open`). `expected` must be the
   * verdict of the whole row (see rowVerdict).
   */
  readonly cells?: Partial<Record<ActivationName, CellSpec>>;
  /**
   * The verdict of the cells `cells` does not name, justified by the rationale (e.g. holds for
   * every σ but the three that `cells` refutes).
   * @defaultValue expected
   */
  readonly otherCells?: Verdict;
}

/** The declared verdict of one (claim, activation) cell, with its reason. */
export interface CellSpec {
  readonly expected: Verdict;
  readonly why: string;
}

/** One (claim, activation) cell: activation null for a claim that does not involve σ. */
export interface Cell extends CellSpec {
  readonly activation: ActivationName | null;
  /** True when the declaration gives this cell its own verdict and reason (`cells`), false when it inherits the claim's. */
  readonly declared: boolean;
}

/** A declared claim. */
export interface Claim extends ClaimSpec {
  readonly numRuns: number;
  /** Its cells, in the order of ACTIVATION_NAMES (one σ-free cell when sigma is 'none'). */
  readonly cellList: readonly Cell[];
}

/**
 * The verdict of a row of cells: refuted when some cell is (one certified counterexample refutes
 * the statement read over all σ), holds when every cell holds, else open.
 */
export function rowVerdict(cells: readonly Verdict[]): Verdict {
  if (cells.includes('refuted')) return 'refuted';
  if (cells.length > 0 && cells.every((v) => v === 'holds')) return 'holds';
  return 'open';
}

/** The cells of a declaration: every activation of its σ domain, overrides applied. */
function cellsOf(spec: ClaimSpec): Cell[] {
  const inherited = {
    expected: spec.otherCells ?? spec.expected,
    why: spec.rationale,
    declared: false,
  };
  if (spec.sigma === 'none') {
    if (spec.cells && Object.keys(spec.cells).length > 0)
      throw new Error(`defineClaim(${spec.id}): a claim that does not involve σ has no cells`);
    return [{ activation: null, ...inherited }];
  }
  const domain = spec.sigma ?? ACTIVATION_NAMES;
  if (domain.length === 0) throw new Error(`defineClaim(${spec.id}): an empty σ domain`);
  for (const a of Object.keys(spec.cells ?? {})) {
    if (!(domain as readonly string[]).includes(a))
      throw new Error(`defineClaim(${spec.id}): a cell for σ = ${a}, outside its σ domain`);
  }
  return ACTIVATION_NAMES.filter((a) => domain.includes(a)).map((a) => ({
    activation: a,
    ...(spec.cells?.[a] ? { ...spec.cells[a], declared: true } : inherited),
  }));
}

/** The budget of a claim that does not set one. */
export const DEFAULT_RUNS = 1000;

const CLAIM_ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/** Declares a claim: checks its id and that a refutable claim can certify, and fills the defaults. */
export function defineClaim(spec: ClaimSpec): Claim {
  if (!CLAIM_ID.test(spec.id))
    throw new Error(`defineClaim: invalid id ${JSON.stringify(spec.id)}`);
  if (spec.expected === 'refuted' && spec.recheckHP === undefined) {
    throw new Error(
      `defineClaim(${spec.id}): a refuted claim needs recheckHP to certify its counterexamples`,
    );
  }
  if ((spec.series === undefined) !== (spec.seriesKeys === undefined))
    throw new Error(`defineClaim(${spec.id}): series and seriesKeys go together`);
  const cellList = cellsOf(spec);
  const row = rowVerdict(cellList.map((c) => c.expected));
  if (row !== spec.expected) {
    throw new Error(
      `defineClaim(${spec.id}): expected ${spec.expected}, but its cells make the row ${row}`,
    );
  }
  return { ...spec, numRuns: spec.numRuns ?? DEFAULT_RUNS, cellList };
}

/** params.t of an input, checked: an integer step 1 ≤ t ≤ T of its case. */
export function stepOf(input: ClaimInput): number {
  const t = input.params.t;
  if (!Number.isInteger(t) || t < 1 || t > input.case.xs.length)
    throw new RangeError(`params.t = ${t} is outside 1…T = ${input.case.xs.length}`);
  return t;
}
