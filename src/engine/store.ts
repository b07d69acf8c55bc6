import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBoundedText } from '../model/boundedRead.js';
import { type Case, CaseError, firstIssue, validateCase } from '../model/caseFile.js';
import { COUNTEREXAMPLE_FILE, type CounterexampleFile } from './schema.js';

export {
  COUNTEREXAMPLE_SCHEMA_VERSION,
  type CounterexampleFile,
  type FormulaRef,
} from './schema.js';

/**
 * The largest counterexample file read, checked before parsing. A case within the replay budget
 * (n ≤ 8, T ≤ 20) makes a file of well under 1 MB (the n×n² witness twice, and again as
 * 60-digit strings); anything far larger is not a counterexample of this suite.
 */
export const MAX_COUNTEREXAMPLE_BYTES = 8 * 1024 * 1024;

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
export const COUNTEREXAMPLE_KEYS = Object.keys(
  COUNTEREXAMPLE_FILE.shape,
) as (keyof CounterexampleFile)[];

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

/**
 * Reads and validates a counterexample file against COUNTEREXAMPLE_FILE, then the case's checks
 * across fields; any defect (too large, bad JSON, wrong schema, unknown key, bad shapes, NaN)
 * throws a StoreError naming the file and the first field at fault.
 */
export function loadCounterexample(file: string): CounterexampleFile {
  let text: string;
  try {
    text = readBoundedText(
      file,
      MAX_COUNTEREXAMPLE_BYTES,
      `the ${MAX_COUNTEREXAMPLE_BYTES / 1024 / 1024} MiB a counterexample may take`,
    );
  } catch (e) {
    throw new StoreError(file, '(file)', (e as Error).message);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new StoreError(file, '(root)', `invalid JSON (${(e as Error).message})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new StoreError(file, '(root)', 'expected a JSON object');
  const parsed = COUNTEREXAMPLE_FILE.safeParse(raw, { reportInput: true });
  try {
    // the case's own messages (and its size limits) come first; then its checks across fields
    if (!parsed.success && parsed.error.issues[0].path[0] === 'case')
      validateCase((raw as Record<string, unknown>).case, 'case');
    if (parsed.success) validateCase(parsed.data.case, 'case');
  } catch (e) {
    if (e instanceof CaseError) throw new StoreError(file, e.field, e.reason);
    throw e;
  }
  if (!parsed.success) {
    const { field, reason } = firstIssue(parsed.error);
    throw new StoreError(file, field, reason);
  }
  const deep = nestedDeeperThan(parsed.data.reverification.certificate, MAX_CERTIFICATE_DEPTH);
  if (deep !== undefined)
    throw new StoreError(
      file,
      `reverification.certificate${deep}`,
      `nested deeper than ${MAX_CERTIFICATE_DEPTH} levels (a certificate is a few levels of facts)`,
    );
  return parsed.data;
}

/** The deepest a certificate may nest: the recomputation and the renderers walk it recursively. */
export const MAX_CERTIFICATE_DEPTH = 16;

/** The path of the first value nested deeper than `max` levels under `v`, if any (iterative: no recursion to overflow). */
function nestedDeeperThan(v: unknown, max: number): string | undefined {
  const stack: [unknown, string, number][] = [[v, '', 0]];
  while (stack.length > 0) {
    const [x, at, depth] = stack.pop() as [unknown, string, number];
    if (x === null || typeof x !== 'object') continue;
    if (depth >= max) return at;
    for (const [k, y] of Object.entries(x))
      stack.push([y, Array.isArray(x) ? `${at}[${k}]` : `${at}.${k}`, depth + 1]);
  }
  return undefined;
}
