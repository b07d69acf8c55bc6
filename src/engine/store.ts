import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Case, CaseError, validateCase } from '../model/caseFile.js';
import type { HPOutcome, Witness } from './contract/claim.js';
import { SEED_MAX, SEED_MIN } from './seed.js';

/** The schema version written into every counterexample file. */
export const COUNTEREXAMPLE_SCHEMA_VERSION = 'bptt-claims/counterexample@1';

/** How a counterexample was found. */
export interface FoundBy {
  /** fast-check seed of the run. */
  readonly seed: number;
  /** fast-check counterexample path (replays the shrunk case with the same seed). */
  readonly path: string;
  /** Runs before the first failure. */
  readonly runs: number;
  /** Shrink steps taken. */
  readonly shrinks: number;
  /** Search strategy ("random", "targeted", …). */
  readonly strategy: string;
}

/** One saved counterexample (the file's content). */
export interface CounterexampleFile {
  readonly schema: string;
  readonly claim: string;
  readonly case: Case;
  readonly params: Record<string, number>;
  readonly witness: Witness;
  readonly found: FoundBy;
  readonly reverification: HPOutcome;
  /** Optional per-t series (norms over t) for the report's plots. */
  readonly series?: Readonly<Record<string, number[]>>;
  /** The user formula a check-jacobian / check-gradient counterexample refutes (replay reloads it). */
  readonly formula?: FormulaRef;
}

/** The module of a user formula and what it computes, as saved by check-jacobian / check-gradient. */
export interface FormulaRef {
  /** The module's path, absolute (a relative one is resolved against the current directory). */
  readonly path: string;
  readonly kind: 'jacobian' | 'gradient';
}

/** A counterexample file that cannot be used: names the file and the field. */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}: ${field}: ${reason}`);
    this.name = 'StoreError';
  }
}

/** The repository's counterexamples/ folder, or BPTT_COUNTEREXAMPLES when set. */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BPTT_COUNTEREXAMPLES) return path.resolve(env.BPTT_COUNTEREXAMPLES);
  return fileURLToPath(new URL('../../counterexamples/', import.meta.url));
}

/** Canonical JSON (sorted keys at every level) — the input of the content hash. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The deterministic file name of a counterexample: claim id + a short hash of case and params. */
export function counterexampleName(claim: string, c: Case, params: Record<string, number>): string {
  const hash = createHash('sha256')
    .update(canonical({ case: c, params }))
    .digest('hex')
    .slice(0, 10);
  return `${claim}--${hash}.json`;
}

/** The keys of a counterexample file, in the order they are written; all but `series` and `formula` are required. */
export const COUNTEREXAMPLE_KEYS = [
  'schema',
  'claim',
  'formula',
  'case',
  'params',
  'witness',
  'found',
  'reverification',
  'series',
] as const satisfies readonly (keyof CounterexampleFile)[];

/** The file's text: keys in a fixed order, two-space indent, short number rows kept on one line. */
export function formatCounterexample(f: CounterexampleFile): string {
  // prettyJson leaves out a key whose value is undefined (a file without series).
  const ordered = Object.fromEntries(
    COUNTEREXAMPLE_KEYS.map((k) => [k, k === 'case' ? orderCase(f.case) : f[k]]),
  );
  return `${prettyJson(ordered, '')}\n`;
}

/**
 * JSON with two-space indent where arrays of scalars stay on one line, so a matrix reads as rows
 * and a git diff shows the row that changed. Key order is the objects' insertion order.
 */
export function prettyJson(v: unknown, indent: string): string {
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object'))
      return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${v.map((x) => inner + prettyJson(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${prettyJson(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}

function orderCase(c: Case): Case {
  return {
    activation: c.activation,
    W_R: c.W_R,
    W_I: c.W_I,
    b_R: c.b_R,
    W_O: c.W_O,
    b_O: c.b_O,
    h_0: c.h_0,
    xs: c.xs,
    ys: c.ys,
  };
}

/** What `save` did. */
export type SaveResult = 'created' | 'unchanged' | 'kept-existing';

/** The temp-file name pattern of saveCounterexample: `.<claim>--<hash>.json.<writer pid>.<random>.tmp`. */
export const TEMP_FILE = /^\..+--[0-9a-f]{10}\.json\.(\d+)\.[0-9a-z]+\.tmp$/;

/** Whether a process with this pid exists (signal 0 only checks; EPERM means it exists). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files of writers that died between writing and linking (a kill at that step
 * leaves one behind); a live writer's temp file is left alone. Returns the names removed.
 */
export function removeStaleTempFiles(dir: string): string[] {
  const removed: string[] = [];
  for (const f of fs.readdirSync(dir)) {
    const m = TEMP_FILE.exec(f);
    if (m === null || processAlive(Number(m[1]))) continue;
    fs.rmSync(path.join(dir, f), { force: true });
    removed.push(f);
  }
  return removed;
}

/**
 * Saves a counterexample atomically and never overwrites: the content goes to a temp file that is
 * then hard-linked to its final name, which fails if the name exists (safe across parallel vitest
 * workers). An existing file of the same name holds the same case; it is kept as it is. Temp files
 * of dead writers are removed first. A missing `dir` is created (`createdDir` says so, for the
 * caller to tell the user); a write that fails (read-only, no space) throws the fs error.
 */
export function saveCounterexample(
  dir: string,
  f: CounterexampleFile,
): { file: string; result: SaveResult; createdDir: boolean } {
  const createdDir = fs.mkdirSync(dir, { recursive: true }) !== undefined;
  const saved = linkNew(dir, f);
  return { ...saved, createdDir };
}

/** The write of saveCounterexample once `dir` exists. */
function linkNew(dir: string, f: CounterexampleFile): { file: string; result: SaveResult } {
  removeStaleTempFiles(dir);
  const name = counterexampleName(f.claim, f.case, f.params);
  const file = path.join(dir, name);
  const text = formatCounterexample(f);
  if (fs.existsSync(file)) {
    return { file, result: fs.readFileSync(file, 'utf8') === text ? 'unchanged' : 'kept-existing' };
  }
  const tmp = path.join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  fs.writeFileSync(tmp, text, { flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
    return { file, result: 'created' };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      return {
        file,
        result: fs.readFileSync(file, 'utf8') === text ? 'unchanged' : 'kept-existing',
      };
    }
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * The entries of a store that no claim replays: anything but `<id>--<hash>.json` of a known claim
 * id (a misspelt id, a stray file, another dot-file, a check-jacobian file), except the temp files
 * of saveCounterexample. A store holds evidence only, so each of these is an error.
 */
export function unclaimedFiles(dir: string, ids: readonly string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  const known = new Set(ids);
  return fs
    .readdirSync(dir)
    .filter((f) => !TEMP_FILE.test(f))
    .filter((f) => {
      const m = /^(.+)--[0-9a-f]{10}\.json$/.exec(f);
      return m === null || !known.has(m[1]);
    })
    .sort()
    .map((f) => path.join(dir, f));
}

/** The counterexample files of one claim (or all claims), sorted by name. */
export function listCounterexamples(dir: string, claim?: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    .filter((f) => claim === undefined || f.startsWith(`${claim}--`))
    .sort()
    .map((f) => path.join(dir, f));
}

function need(cond: boolean, file: string, field: string, reason: string): asserts cond {
  if (!cond) throw new StoreError(file, field, reason);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function finiteNumber(v: unknown, file: string, field: string): void {
  need(typeof v === 'number' && Number.isFinite(v), file, field, 'expected a finite number');
}

function finiteRows(v: unknown, file: string, field: string): void {
  need(Array.isArray(v), file, field, 'expected an array of rows');
  v.forEach((row, i) => {
    need(Array.isArray(row), file, `${field}[${i}]`, 'expected an array of numbers');
    row.forEach((x: unknown, j: number) => {
      need(
        typeof x === 'number' && Number.isFinite(x),
        file,
        `${field}[${i}][${j}]`,
        `expected a finite number, got ${String(x)}`,
      );
    });
  });
}

function stringRows(v: unknown, file: string, field: string): void {
  need(Array.isArray(v), file, field, 'expected an array of rows');
  v.forEach((row, i) => {
    need(Array.isArray(row), file, `${field}[${i}]`, 'expected an array of decimal strings');
    row.forEach((x: unknown, j: number) => {
      need(typeof x === 'string', file, `${field}[${i}][${j}]`, 'expected a decimal string');
    });
  });
}

/**
 * Reads and validates a counterexample file; any defect (bad JSON, wrong schema, unknown key,
 * bad shapes, NaN) throws a StoreError naming the file and the field.
 */
export function loadCounterexample(file: string): CounterexampleFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new StoreError(file, '(file)', (e as Error).message);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new StoreError(file, '(root)', `invalid JSON (${(e as Error).message})`);
  }
  need(isObject(raw), file, '(root)', 'expected a JSON object');
  for (const k of Object.keys(raw))
    need((COUNTEREXAMPLE_KEYS as readonly string[]).includes(k), file, k, 'unknown key');
  need(
    raw.schema === COUNTEREXAMPLE_SCHEMA_VERSION,
    file,
    'schema',
    `expected "${COUNTEREXAMPLE_SCHEMA_VERSION}", got ${JSON.stringify(raw.schema)}`,
  );
  need(
    typeof raw.claim === 'string' && raw.claim.length > 0,
    file,
    'claim',
    'expected the claim id',
  );
  if (raw.formula !== undefined) {
    const fm = raw.formula;
    need(isObject(fm), file, 'formula', 'expected {path, kind}');
    for (const k of Object.keys(fm))
      need(k === 'path' || k === 'kind', file, `formula.${k}`, 'unknown key');
    need(
      typeof fm.path === 'string' && fm.path.length > 0,
      file,
      'formula.path',
      'expected the path of the formula module',
    );
    need(
      fm.kind === 'jacobian' || fm.kind === 'gradient',
      file,
      'formula.kind',
      'expected "jacobian" or "gradient"',
    );
  }
  try {
    validateCase(raw.case, 'case');
  } catch (e) {
    if (e instanceof CaseError) throw new StoreError(file, e.field, e.reason);
    throw e;
  }
  need(isObject(raw.params), file, 'params', 'expected an object of numbers');
  for (const [k, v] of Object.entries(raw.params)) {
    finiteNumber(v, file, `params.${k}`);
  }
  const w = raw.witness;
  need(isObject(w), file, 'witness', 'expected an object');
  need(typeof w.quantity === 'string', file, 'witness.quantity', 'expected a string');
  finiteRows(w.claimed, file, 'witness.claimed');
  finiteRows(w.actual, file, 'witness.actual');
  for (const k of ['absError', 'relError', 'threshold']) finiteNumber(w[k], file, `witness.${k}`);
  if (w.extra !== undefined) {
    // a flat record of finite numbers: nothing nested for a renderer to recurse into
    need(isObject(w.extra), file, 'witness.extra', 'expected an object of numbers');
    for (const [k, v] of Object.entries(w.extra)) finiteNumber(v, file, `witness.extra.${k}`);
  }
  const fb = raw.found;
  need(isObject(fb), file, 'found', 'expected an object');
  need(
    Number.isInteger(fb.seed) && (fb.seed as number) >= SEED_MIN && (fb.seed as number) <= SEED_MAX,
    file,
    'found.seed',
    `expected an integer in ${SEED_MIN}…${SEED_MAX}`,
  );
  need(typeof fb.path === 'string', file, 'found.path', 'expected a string');
  for (const k of ['runs', 'shrinks'])
    need(
      Number.isInteger(fb[k]) && (fb[k] as number) >= 0,
      file,
      `found.${k}`,
      'expected an integer ≥ 0',
    );
  need(typeof fb.strategy === 'string', file, 'found.strategy', 'expected a string');
  const rv = raw.reverification;
  need(isObject(rv), file, 'reverification', 'expected an object');
  need(typeof rv.violated === 'boolean', file, 'reverification.violated', 'expected true or false');
  need(
    Number.isInteger(rv.digits) && (rv.digits as number) >= 1,
    file,
    'reverification.digits',
    'expected an integer ≥ 1',
  );
  stringRows(rv.claimed, file, 'reverification.claimed');
  stringRows(rv.actual, file, 'reverification.actual');
  for (const k of ['absError', 'relError'])
    need(typeof rv[k] === 'string', file, `reverification.${k}`, 'expected a decimal string');
  if (rv.certificate !== undefined)
    need(isObject(rv.certificate), file, 'reverification.certificate', 'expected an object');
  if (raw.series !== undefined) {
    need(isObject(raw.series), file, 'series', 'expected an object of number arrays');
    for (const [k, v] of Object.entries(raw.series)) {
      need(
        Array.isArray(v) && v.every((x) => typeof x === 'number'),
        file,
        `series.${k}`,
        'expected an array of numbers',
      );
    }
  }
  return raw as unknown as CounterexampleFile;
}
