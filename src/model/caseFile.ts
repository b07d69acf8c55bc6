import { fromRows, type Mat, toRows } from '../numerics/Mat.js';
import {
  type Activation,
  type ActivationName,
  activation,
  isActivationName,
} from './activation.js';

/**
 * A case file: the one input format of the suite (eval, counterexamples, replay, FORMULA modules).
 * Plain nested arrays; xs[t−1] is x_t and ys[t−1] is the 0-based class of step t.
 */
export interface Case {
  activation: ActivationName;
  /** n×n recurrent weights. */
  W_R: number[][];
  /** n×d input weights. */
  W_I: number[][];
  /** n recurrent bias. */
  b_R: number[];
  /** m×n output weights. */
  W_O: number[][];
  /** m output bias. */
  b_O: number[];
  /** n initial state. */
  h_0: number[];
  /** T×d inputs. */
  xs: number[][];
  /** T class indices in [0, m). */
  ys: number[];
}

/** The keys of a case file, in the order files are written. */
export const CASE_KEYS = [
  'activation',
  'W_R',
  'W_I',
  'b_R',
  'W_O',
  'b_O',
  'h_0',
  'xs',
  'ys',
] as const;

/** Largest n, d, m and T a case file may declare; bigger ones are refused before any allocation. */
export const CASE_LIMITS = { n: 512, d: 4096, m: 4096, T: 100_000 } as const;

/** A case in the typed form the math runs on. */
export interface Model {
  readonly sigma: Activation;
  readonly n: number;
  readonly d: number;
  readonly m: number;
  readonly T: number;
  readonly WR: Mat;
  readonly WI: Mat;
  readonly bR: Float64Array;
  readonly WO: Mat;
  readonly bO: Float64Array;
  readonly h0: Float64Array;
  /** T×d, row t−1 is x_t. */
  readonly xs: Mat;
  readonly ys: Int32Array;
}

/** A case file that fails validation: names the field at fault. */
export class CaseError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'CaseError';
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
  return typeof v;
}

function checkNumber(v: unknown, field: string): number {
  if (typeof v !== 'number') throw new CaseError(field, `expected a number, got ${describe(v)}`);
  if (!Number.isFinite(v)) throw new CaseError(field, `expected a finite number, got ${v}`);
  return v;
}

function checkVector(v: unknown, len: number | undefined, field: string): number[] {
  if (!Array.isArray(v))
    throw new CaseError(field, `expected an array of numbers, got ${describe(v)}`);
  if (len !== undefined && v.length !== len)
    throw new CaseError(field, `expected ${len} numbers, got ${v.length}`);
  return v.map((x, i) => checkNumber(x, `${field}[${i}]`));
}

function checkMatrix(
  v: unknown,
  rows: number | undefined,
  cols: number | undefined,
  field: string,
): number[][] {
  if (!Array.isArray(v))
    throw new CaseError(field, `expected an array of rows, got ${describe(v)}`);
  if (rows !== undefined && v.length !== rows)
    throw new CaseError(field, `expected ${rows} rows, got ${v.length}`);
  const width = cols ?? (Array.isArray(v[0]) ? v[0].length : undefined);
  return v.map((row, i) => checkVector(row, width, `${field}[${i}]`));
}

function checkSize(value: number, limit: number, what: string, field: string): void {
  if (value > limit) throw new CaseError(field, `${what} = ${value} exceeds the limit ${limit}`);
}

/** The length of v, an array of rows that sets a dimension: at least one row (else `empty`), at most `limit`. */
function checkRowCount(
  v: unknown,
  field: string,
  what: keyof typeof CASE_LIMITS,
  empty: string,
): number {
  if (!Array.isArray(v))
    throw new CaseError(field, `expected an array of rows, got ${describe(v)}`);
  if (v.length < 1) throw new CaseError(field, empty);
  checkSize(v.length, CASE_LIMITS[what], what, field);
  return v.length;
}

/**
 * Validates an untrusted value as a case file and returns it typed. Throws CaseError naming the
 * first offending field: unknown or missing keys, wrong shapes, non-finite numbers, bad classes.
 */
export function validateCase(raw: unknown, prefix = ''): Case {
  const at = (k: string) => (prefix ? `${prefix}.${k}` : k);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new CaseError(prefix || '(root)', `expected a JSON object, got ${describe(raw)}`);
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!(CASE_KEYS as readonly string[]).includes(k))
      throw new CaseError(at(k), `unknown key (expected only ${CASE_KEYS.join(', ')})`);
  }
  for (const k of CASE_KEYS) if (!(k in obj)) throw new CaseError(at(k), 'missing');
  if (!isActivationName(obj.activation)) {
    throw new CaseError(
      at('activation'),
      `unknown activation ${describe(obj.activation)} (expected identity, tanh, sigmoid, relu, leaky_relu or softplus)`,
    );
  }
  const n = checkRowCount(obj.W_R, at('W_R'), 'n', 'expected at least one row (n ≥ 1)');
  const W_R = checkMatrix(obj.W_R, n, n, at('W_R'));
  const T = checkRowCount(obj.xs, at('xs'), 'T', 'expected at least one step (T ≥ 1)');
  if (!Array.isArray(obj.W_I) || obj.W_I.length !== n)
    throw new CaseError(at('W_I'), `expected ${n} rows, got ${describe(obj.W_I)}`);
  const d = Array.isArray(obj.W_I[0]) ? obj.W_I[0].length : 0;
  checkSize(d, CASE_LIMITS.d, 'd', at('W_I'));
  const W_I = checkMatrix(obj.W_I, n, d, at('W_I'));
  const b_R = checkVector(obj.b_R, n, at('b_R'));
  const m = checkRowCount(obj.W_O, at('W_O'), 'm', 'expected at least one row (m ≥ 1 classes)');
  const W_O = checkMatrix(obj.W_O, m, n, at('W_O'));
  const b_O = checkVector(obj.b_O, m, at('b_O'));
  const h_0 = checkVector(obj.h_0, n, at('h_0'));
  const xs = checkMatrix(obj.xs, T, d, at('xs'));
  const ys = checkVector(obj.ys, T, at('ys'));
  ys.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 0 || y >= m)
      throw new CaseError(at(`ys[${i}]`), `expected a class index in 0…${m - 1}, got ${y}`);
  });
  return { activation: obj.activation, W_R, W_I, b_R, W_O, b_O, h_0, xs, ys };
}

/** Parses JSON text as a case file; a syntax error is reported as a CaseError on the root. */
export function parseCase(text: string): Case {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CaseError('(root)', `invalid JSON (${(e as Error).message})`);
  }
  return validateCase(raw);
}

/** The typed model of a validated case. */
export function toModel(c: Case): Model {
  const n = c.W_R.length;
  const d = c.W_I[0]?.length ?? 0;
  return {
    sigma: activation(c.activation),
    n,
    d,
    m: c.W_O.length,
    T: c.xs.length,
    WR: fromRows(c.W_R, n),
    WI: fromRows(c.W_I, d),
    bR: Float64Array.from(c.b_R),
    WO: fromRows(c.W_O, n),
    bO: Float64Array.from(c.b_O),
    h0: Float64Array.from(c.h_0),
    xs: fromRows(c.xs, d),
    ys: Int32Array.from(c.ys),
  };
}

/** The case file of a model (plain arrays, keys in CASE_KEYS order). */
export function toCase(m: Model): Case {
  return {
    activation: m.sigma.name,
    W_R: toRows(m.WR),
    W_I: toRows(m.WI),
    b_R: Array.from(m.bR),
    W_O: toRows(m.WO),
    b_O: Array.from(m.bO),
    h_0: Array.from(m.h0),
    xs: toRows(m.xs),
    ys: Array.from(m.ys),
  };
}
