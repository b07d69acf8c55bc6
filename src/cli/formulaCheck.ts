import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckOutcome, HPOutcome } from '../engine/contract/claim.js';
import { comparisons, searchClaim, type Tally } from '../engine/search.js';
import type { FormulaRef } from '../engine/store.js';
import { claimInputArbitrary } from '../generators/claimInputArbitrary.js';
import { float64IdentityClaim, type IdentityQuantity } from '../kinds/identity.js';
import type { ActivationName } from '../model/activation.js';
import type { Case } from '../model/caseFile.js';
import { fromRows, type Mat } from '../numerics/Mat.js';
import { splitCommandLine } from './commandLine.js';
import { describeThrown, describeValue } from './describeValue.js';
import { CliError, EXIT } from './exitCodes.js';

/** What a FORMULA module computes: ∂h_t/∂W_R (n×n²) or ∂E_t/∂W_R (n×n). */
export type FormulaKind = IdentityQuantity;

/** A user formula: the default export of a FORMULA module. */
export type Formula = (c: Case, t: number) => number[][];

/** Options of check-jacobian / check-gradient. */
export interface FormulaCheckOptions {
  readonly runs: number;
  readonly seed: number;
  readonly activations?: readonly ActivationName[];
  readonly outDir: string;
  /** Wall-clock budget in seconds of the whole check (search and shrinking): --max-time. */
  readonly maxTimeS?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The verdict on a formula: refuted by a certified counterexample; holds when at least half of the
 * runs compared it with the oracles and none refuted it; inconclusive otherwise (most runs compared
 * nothing, or --max-time stopped the search first).
 */
export interface FormulaVerdict {
  readonly verdict: 'holds' | 'refuted' | 'inconclusive';
  /** Why the verdict is inconclusive (null otherwise). */
  readonly reason: string | null;
  readonly formula: string;
  readonly kind: FormulaKind;
  readonly runs: number;
  readonly seed: number;
  /** Whether --max-time stopped the search or, when refuted, the shrinking. */
  readonly interrupted: boolean;
  /** The counterexample file (refuted only): saved there, unless `saveError` says why not. */
  readonly counterexample: string | null;
  /** Why the counterexample could not be saved (EROFS, EACCES, …); its case is still here. */
  readonly saveError: string | null;
  /** Whether saving created the --out folder. */
  readonly createdOutDir: boolean;
  /** The shrunk case and params (refuted only). */
  readonly case: Case | null;
  readonly params: Record<string, number> | null;
  readonly outcome: CheckOutcome | null;
  readonly reverification: HPOutcome | null;
  readonly tally: Record<string, number>;
}

/**
 * A defect of a command formula's answer (it died, hung, answered non-JSON or too long a line):
 * callFormula reports it as `<file>: the formula <message> <the case><detail>`, exit 2.
 */
export class FormulaProtocolError extends Error {
  constructor(
    message: string,
    readonly detail: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'FormulaProtocolError';
  }
}

const FORMULA_HINT = 'FORMULA is a module whose default export is (c, t) => number[][]';

/** The CliError of a module that failed to load: a missing import named as such, else the error's first line. */
function loadError(file: string, abs: string, e: unknown): CliError {
  const message = describeThrown(e);
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(message);
  let code: unknown;
  let fullText = message;
  try {
    code = (e as NodeJS.ErrnoException).code;
    fullText = String((e as Error).message);
  } catch {
    // A thrown value whose getters throw is described by describeThrown alone.
  }
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && missing) {
    const spec = missing[1];
    // The importer is named by Node's ESM ("imported from X") or CommonJS ("Require stack: - X").
    const importer = /imported from (.+)$/m.exec(fullText)?.[1] ?? /^- (.+)$/m.exec(fullText)?.[1];
    const via = importer && path.resolve(importer) !== abs ? ` (through ${importer})` : '';
    const isPath = /^(\.{1,2}\/|\/|file:)/.test(spec);
    return new CliError(
      isPath
        ? `${file} imports '${spec}'${via}, which does not exist`
        : `${file} imports '${spec}'${via}, which cannot be found (is it installed where ${file} is?)`,
      EXIT.usage,
      isPath ? undefined : `install it (npm install ${spec}) in a folder above ${file}`,
    );
  }
  return new CliError(`${file}: cannot load (${message})`, EXIT.usage, FORMULA_HINT);
}

/**
 * Imports a FORMULA module (.ts, .js, .mjs) and returns its default export, or a CliError. The
 * function comes back wrapped: an async function returning it directly would make the Promise
 * machinery read its `then`, which a Proxy's trap can throw from.
 */
export async function loadFormula(file: string): Promise<{ readonly formula: Formula }> {
  const abs = path.resolve(file);
  if (!/\.(ts|js|mjs)$/.test(abs))
    throw new CliError(`${file}: expected a .ts, .js or .mjs module (or a .py file, or --cmd)`);
  if (!fs.statSync(abs, { throwIfNoEntry: false })?.isFile())
    throw new CliError(`${file}: no such file`, EXIT.usage, FORMULA_HINT);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
  } catch (e) {
    throw loadError(file, abs, e);
  }
  let f = mod.default;
  // A .ts or .js file outside an ES-module package is compiled to CommonJS (tsx): its ES default
  // export is then module.exports.default, behind the __esModule marker.
  try {
    const cjs = f as { __esModule?: unknown; default?: unknown } | null;
    if (typeof f === 'object' && cjs?.__esModule === true) f = cjs.default;
  } catch {
    // An exported Proxy whose traps throw: not a function, said below.
  }
  if (typeof f !== 'function') {
    throw new CliError(
      `${file}: default export: expected a function (c, t) => number[][], got ${describeValue(f)}`,
    );
  }
  // A function Proxy whose get trap throws would fail later, outside the formula's calls.
  try {
    void (f as { then?: unknown }).then;
  } catch (e) {
    throw new CliError(
      `${file}: default export: a function that cannot be inspected (reading a property threw ${describeThrown(e)})`,
      EXIT.usage,
      FORMULA_HINT,
    );
  }
  return { formula: f as Formula };
}

function clone(c: Case): Case {
  return JSON.parse(JSON.stringify(c)) as Case;
}

/**
 * Reads the formula's result as an n×cols matrix of finite numbers into a fresh copy, or throws
 * `fail(what it returned, why)`. Lengths are checked before anything is walked, so an array of
 * the wrong size is refused at once whatever its size.
 */
function readResult(
  out: unknown,
  n: number,
  cols: number,
  what: string,
  fail: (got: string, why: string) => CliError,
): number[][] {
  const expected = `, where ${n}×${cols} nested arrays (${what}) were expected`;
  // A derivative of Eq. (1)–(2) at finite inputs is finite: NaN or ±∞ from the formula is a
  // defect of the formula, never an overflow to set aside (which would let it pass).
  const finite = ': its entries must be finite numbers';
  if (describeValue(out) === 'a Promise')
    throw fail('a Promise', ': return the matrix itself (an async formula is not supported)');
  if (!Array.isArray(out) || out.length !== n) throw fail(describeValue(out), expected);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r: unknown = out[i];
    if (!Array.isArray(r))
      throw fail(
        i === 0 ? describeValue(out) : `an array whose row ${i} is ${describeValue(r)}`,
        expected,
      );
    if (r.length !== cols) throw fail(`an array whose row ${i} has ${r.length} entries`, expected);
    const row = new Array<number>(cols);
    for (let j = 0; j < cols; j++) {
      const x: unknown = r[j];
      if (typeof x !== 'number') throw fail(`${describeValue(x)} at [${i}][${j}]`, finite);
      if (!Number.isFinite(x)) throw fail(`${x} at [${i}][${j}]`, finite);
      row[j] = x;
    }
    rows.push(row);
  }
  return rows;
}

/** Calls the formula and checks its result's shape and that every entry is finite; a defect is a CliError (exit 2). */
export function callFormula(f: Formula, file: string, kind: FormulaKind, c: Case, t: number): Mat {
  const n = c.W_R.length;
  const cols = kind === 'jacobian' ? n * n : n;
  const where = `on a case with n = ${n}, T = ${c.xs.length}, σ = ${c.activation}, t = ${t}`;
  let out: unknown;
  try {
    out = f(clone(c), t);
  } catch (e) {
    if (e instanceof FormulaProtocolError)
      throw new CliError(
        `${file}: the formula ${e.message} ${where}${e.detail}`,
        EXIT.usage,
        e.hint,
      );
    throw new CliError(`${file}: the formula threw ${where}: ${describeThrown(e)}`);
  }
  const what = kind === 'jacobian' ? '∂h_t/∂W_R' : '∂E_t/∂W_R';
  const fail = (got: string, why: string) =>
    new CliError(`${file}: the formula returned ${got} ${where}${why}`);
  let rows: number[][];
  try {
    rows = readResult(out, n, cols, what, fail);
  } catch (e) {
    if (e instanceof CliError) throw e;
    // A getter or Proxy trap of the result threw while it was read.
    throw new CliError(
      `${file}: the formula's result could not be read ${where}: ${describeThrown(e)}`,
    );
  }
  return fromRows(rows, cols);
}

/**
 * The claim id of a FORMULA file: `formula.<kind>.<base name, lower-case, non-alphanumerics as ->`,
 * without a .ts, .js or .mjs extension (a .py one stays: `x.py` is formula.<kind>.x-py, so that it
 * never shares a counterexample file with its JS twin x.mjs); for a --cmd command line, `file` is
 * its last word that is not an option (`-…`).
 */
export function formulaClaimId(file: string, kind: FormulaKind): string {
  return `formula.${kind}.${path
    .basename(file)
    .replace(/\.(ts|js|mjs)$/, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase()}`;
}

/** The word a formula's claim id is made of: its path, or the last word of its command line that is not an option. */
export function formulaIdWord(ref: FormulaRef): string {
  if ('path' in ref) return ref.path;
  const words = splitCommandLine(ref.cmd, 'formula.cmd');
  return [...words].reverse().find((w) => !w.startsWith('-')) ?? (words[0] as string);
}

/** A user formula as a float64 identity claim against autodiff (what check-* runs and replay re-checks); its id comes from `idWord`. */
export function formulaClaim(f: Formula, file: string, kind: FormulaKind, idWord = file) {
  const what = kind === 'jacobian' ? '∂h_t/∂W_R' : '∂E_t/∂W_R';
  return float64IdentityClaim(kind, {
    id: formulaClaimId(idWord, kind),
    section: 'user formula',
    statement: `${file} = ${what}`,
    reading: `the default export of ${file}, called as (c, t)`,
    expected: 'holds',
    rationale: 'checked on request (check-jacobian / check-gradient)',
    arbitrary: claimInputArbitrary,
    claimed: (c, t) => callFormula(f, file, kind, c, t),
  });
}

/**
 * Checks a user formula against autodiff (cross-checked by complex step) on generated cases, shrinks
 * and saves a failure: the formula becomes a float64 identity claim run by the claims' own search,
 * which stops only on certified violations and lets a defect of the module (a CliError) end the run.
 * The saved file records the module's path, so that `replay` can re-check it.
 */
export function checkFormula(
  f: Formula,
  file: string,
  kind: FormulaKind,
  o: FormulaCheckOptions,
  ref: FormulaRef = { path: path.resolve(file), kind },
): FormulaVerdict {
  const claim = formulaClaim(f, file, kind, formulaIdWord(ref));
  const search = searchClaim(claim, {
    seed: o.seed,
    numRuns: o.runs,
    storeDir: o.outDir,
    ...(o.activations ? { activations: o.activations } : {}),
    ...(o.maxTimeS !== undefined ? { timeLimitMs: o.maxTimeS * 1000 } : {}),
    stopOn: 'certified',
    checkErrors: 'throw',
    formula: ref,
    onRun: (_outcome, done, total) => o.onProgress?.(done, total),
  });
  // The oracles are deterministic: a failed search that certifies nothing means the formula
  // answered the shrunk case differently from the first time.
  if (search.failure !== null)
    throw new CliError(
      `${file}: the formula is not deterministic: the shrunk case no longer fails`,
    );
  const found = search.found?.content;
  const tally = nonZero(search.tally);
  const reason = found ? null : inconclusive(search, o);
  return {
    verdict: found ? 'refuted' : reason === null ? 'holds' : 'inconclusive',
    reason,
    formula: file,
    kind,
    runs: search.runs,
    seed: o.seed,
    interrupted: search.interrupted,
    counterexample: search.found?.file ?? null,
    saveError: search.found?.saveError ?? null,
    createdOutDir: search.found?.createdDir ?? false,
    case: found?.case ?? null,
    params: found?.params ?? null,
    outcome: found ? { status: 'violated', witness: found.witness } : null,
    reverification: found?.reverification ?? null,
    tally,
  };
}

/** The counts of a tally that are not 0, in the tally's order. */
function nonZero(t: Tally): Record<string, number> {
  return Object.fromEntries(Object.entries(t).filter(([, k]) => k > 0));
}

/** The tally as text: "3 pass, 17 overflow". */
export function tallyText(tally: Record<string, number>): string {
  return Object.entries(tally)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
}

/**
 * Why a search that found no counterexample does not show that the formula holds, or null: it was
 * stopped by --max-time, or fewer than half of its runs compared the formula with the oracles (the
 * others overflowed on the oracles' side or the oracles disagreed: those cases judged nothing).
 */
function inconclusive(
  search: { readonly runs: number; readonly tally: Tally; readonly interrupted: boolean },
  o: FormulaCheckOptions,
): string | null {
  const text = tallyText(nonZero(search.tally)) || 'no runs';
  if (search.interrupted)
    return `stopped by --max-time ${o.maxTimeS} s after ${search.runs} of ${o.runs} runs (${text})`;
  const { compared } = comparisons(search.tally);
  if (search.runs === 0 || 2 * compared < search.runs)
    return `only ${compared} of ${search.runs} runs could be compared with the oracles (${text})`;
  return null;
}
