import { z } from 'zod';
import { fromRows, type Mat, toRows } from '../numerics/Mat.js';
import { ACTIVATION_NAMES, type Activation, activation } from './activation.js';

const vector = z.array(z.number());
const matrix = z.array(vector);

/**
 * The per-field shape of a case file, the one declaration its type and JSON Schema come from:
 * plain nested arrays of finite numbers (z.number refuses ±Infinity and NaN); xs[t−1] is x_t and
 * ys[t−1] the 0-based class of step t. validateCase adds the checks across fields (n, d, m, T agree).
 */
export const CASE_SHAPE = z
  .strictObject({
    activation: z.enum(ACTIVATION_NAMES, {
      error: (iss) =>
        `unknown activation ${describe(iss.input)} (expected ${ACTIVATION_NAMES.slice(0, -1).join(', ')} or ${ACTIVATION_NAMES.at(-1)})`,
    }),
    W_R: matrix.describe('n×n recurrent weights'),
    W_I: matrix.describe('n×d input weights (d may be 0: rows [])'),
    b_R: vector.describe('n recurrent bias'),
    W_O: matrix.describe('m×n output weights'),
    b_O: vector.describe('m output bias'),
    h_0: vector.describe('n initial state'),
    xs: matrix.describe('T×d inputs; xs[t−1] is x_t'),
    ys: z.array(z.int().nonnegative()).describe('T class indices in 0…m−1; ys[t−1] is y_t'),
  })
  .describe('a case file (n units, d inputs, m classes, T steps)');

/** A case file: the one input format of the suite (eval, counterexamples, replay, FORMULA modules). */
export type Case = z.infer<typeof CASE_SHAPE>;

/** The keys of a case file, in the order files are written. */
export const CASE_KEYS = Object.keys(CASE_SHAPE.shape) as (keyof Case)[];

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

/** A short description of an untrusted value for an error message. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
  return typeof v;
}

/** A rejected value: the field at fault (a path like `W_R[1][0]`) and why. */
export interface Issue {
  readonly field: string;
  readonly reason: string;
}

const EXPECTED: Record<string, string> = {
  number: 'a finite number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
};

/** The path of a zod issue as a field name: `a.b[0][1]`, prefixed; the root is `(root)`. */
function fieldName(path: readonly PropertyKey[], prefix: string): string {
  let out = prefix;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}

/**
 * The first problem of a failed zod parse as one field and one reason (unknown keys first, as
 * they say the file is not the format at all). Parse with `reportInput: true` to show the value.
 */
export function firstIssue(error: z.ZodError, prefix = ''): Issue {
  const issues = error.issues;
  const iss =
    issues.find((i) => i.code === 'unrecognized_keys' && i.path.length === 0) ?? issues[0];
  switch (iss.code) {
    case 'unrecognized_keys':
      return { field: fieldName([...iss.path, iss.keys[0]], prefix), reason: 'unknown key' };
    case 'invalid_type': {
      const expected = EXPECTED[iss.expected] ?? iss.expected;
      if (iss.input === undefined)
        return { field: fieldName(iss.path, prefix), reason: `missing (expected ${expected})` };
      const got =
        'received' in iss && iss.received === 'Infinity' ? 'Infinity' : describe(iss.input);
      return {
        field: fieldName(iss.path, prefix),
        reason: `expected ${expected}, got ${got}`,
      };
    }
    case 'invalid_value':
      return {
        field: fieldName(iss.path, prefix),
        reason: iss.message.startsWith('Invalid')
          ? `expected ${iss.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describe(iss.input)}`
          : iss.message,
      };
    case 'too_small':
      return {
        field: fieldName(iss.path, prefix),
        reason: `expected at least ${iss.minimum}, got ${describe(iss.input)}`,
      };
    case 'too_big':
      return {
        field: fieldName(iss.path, prefix),
        reason: `expected at most ${iss.maximum}, got ${describe(iss.input)}`,
      };
    default:
      return { field: fieldName(iss.path, prefix), reason: iss.message };
  }
}

function checkLength(v: readonly unknown[], len: number, field: string, what: string): void {
  if (v.length !== len) throw new CaseError(field, `expected ${len} ${what}, got ${v.length}`);
}

/** v has `rows` rows of `cols` numbers each (the shape is already checked). */
function checkMatrix(v: readonly (readonly number[])[], rows: number, cols: number, field: string) {
  checkLength(v, rows, field, 'rows');
  v.forEach((row, i) => {
    checkLength(row, cols, `${field}[${i}]`, 'numbers');
  });
}

function checkSize(value: number, limit: number, what: string, field: string): void {
  if (value > limit) throw new CaseError(field, `${what} = ${value} exceeds the limit ${limit}`);
}

/**
 * Validates an untrusted value as a case file and returns it typed. Throws CaseError naming the
 * first offending field: the sizes against CASE_LIMITS (before walking the arrays), then the
 * per-field shape (CASE_SHAPE: unknown or missing keys, non-finite numbers, bad classes), then the
 * checks across fields (W_R is n×n, W_I n×d, …, every class below m).
 */
export function validateCase(raw: unknown, prefix = ''): Case {
  const at = (k: string) => (prefix ? `${prefix}.${k}` : k);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new CaseError(prefix || '(root)', `expected a JSON object, got ${describe(raw)}`);
  const obj = raw as Record<string, unknown>;
  const sized: [string, keyof typeof CASE_LIMITS, unknown][] = [
    ['W_R', 'n', obj.W_R],
    ['xs', 'T', obj.xs],
    ['W_O', 'm', obj.W_O],
    ['W_I', 'd', Array.isArray(obj.W_I) ? obj.W_I[0] : undefined],
  ];
  for (const [k, what, v] of sized)
    if (Array.isArray(v)) checkSize(v.length, CASE_LIMITS[what], what, at(k));
  const parsed = CASE_SHAPE.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const { field, reason } = firstIssue(parsed.error, prefix);
    throw new CaseError(field, reason);
  }
  const c = parsed.data;
  const n = c.W_R.length;
  if (n < 1) throw new CaseError(at('W_R'), 'expected at least one row (n ≥ 1)');
  checkMatrix(c.W_R, n, n, at('W_R'));
  const T = c.xs.length;
  if (T < 1) throw new CaseError(at('xs'), 'expected at least one step (T ≥ 1)');
  const d = c.W_I[0]?.length ?? 0;
  checkMatrix(c.W_I, n, d, at('W_I'));
  checkLength(c.b_R, n, at('b_R'), 'numbers');
  const m = c.W_O.length;
  if (m < 1) throw new CaseError(at('W_O'), 'expected at least one row (m ≥ 1 classes)');
  checkMatrix(c.W_O, m, n, at('W_O'));
  checkLength(c.b_O, m, at('b_O'), 'numbers');
  checkLength(c.h_0, n, at('h_0'), 'numbers');
  checkMatrix(c.xs, T, d, at('xs'));
  checkLength(c.ys, T, at('ys'), 'numbers');
  c.ys.forEach((y, i) => {
    if (y >= m)
      throw new CaseError(at(`ys[${i}]`), `expected a class index in 0…${m - 1}, got ${y}`);
  });
  return c;
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
