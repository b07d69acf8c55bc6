import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckOutcome, HPOutcome } from '../engine/contract/claim.js';
import { searchClaim } from '../engine/search.js';
import { claimInputArbitrary } from '../generators/claimInputArbitrary.js';
import { float64IdentityClaim, type IdentityQuantity } from '../kinds/identity.js';
import type { ActivationName } from '../model/activation.js';
import type { Case } from '../model/caseFile.js';
import { fromRows, type Mat } from '../numerics/Mat.js';
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
  readonly onProgress?: (done: number, total: number) => void;
}

/** The verdict on a formula. */
export interface FormulaVerdict {
  readonly verdict: 'holds' | 'refuted';
  readonly formula: string;
  readonly kind: FormulaKind;
  readonly runs: number;
  readonly seed: number;
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

/** Imports a FORMULA module (.ts, .js, .mjs) and returns its default export, or a CliError. */
export async function loadFormula(file: string): Promise<Formula> {
  const abs = path.resolve(file);
  if (!/\.(ts|js|mjs)$/.test(abs))
    throw new CliError(`${file}: expected a .ts, .js or .mjs module`);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const what =
      err.code === 'ERR_MODULE_NOT_FOUND'
        ? 'cannot find the module'
        : `cannot load (${err.message.split('\n')[0]})`;
    throw new CliError(
      `${file}: ${what}`,
      EXIT.usage,
      'FORMULA is a module whose default export is (c, t) => number[][]',
    );
  }
  if (typeof mod.default !== 'function') {
    throw new CliError(
      `${file}: default export: expected a function (c, t) => number[][], got ${typeof mod.default}`,
    );
  }
  return mod.default as Formula;
}

function clone(c: Case): Case {
  return JSON.parse(JSON.stringify(c)) as Case;
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
    throw new CliError(
      `${file}: the formula threw ${where}: ${(e as Error)?.message ?? String(e)}`,
    );
  }
  const shape = `${n}×${cols} (${kind === 'jacobian' ? '∂h_t/∂W_R' : '∂E_t/∂W_R'})`;
  if (
    !Array.isArray(out) ||
    out.length !== n ||
    out.some((r) => !Array.isArray(r) || r.length !== cols)
  ) {
    throw new CliError(
      `${file}: the formula returned the wrong shape ${where}: expected ${shape} nested arrays`,
    );
  }
  const rows = out as unknown[][];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) {
      // A derivative of Eq. (1)–(2) at finite inputs is finite: NaN or ±∞ from the formula is a
      // defect of the formula, never an overflow to set aside (which would let it pass).
      if (typeof rows[i][j] !== 'number' || !Number.isFinite(rows[i][j])) {
        throw new CliError(
          `${file}: the formula returned ${String(rows[i][j])} at [${i}][${j}] ${where}: its entries must be finite numbers`,
        );
      }
    }
  }
  return fromRows(rows as number[][], cols);
}

/** The claim id of a FORMULA module: `formula.<kind>.<base name, lower-case, non-alphanumerics as ->`. */
export function formulaClaimId(file: string, kind: FormulaKind): string {
  return `formula.${kind}.${path
    .basename(file)
    .replace(/\.(ts|js|mjs)$/, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase()}`;
}

/** A user formula as a float64 identity claim against autodiff (what check-* runs and replay re-checks). */
export function formulaClaim(f: Formula, file: string, kind: FormulaKind) {
  const what = kind === 'jacobian' ? '∂h_t/∂W_R' : '∂E_t/∂W_R';
  return float64IdentityClaim(kind, {
    id: formulaClaimId(file, kind),
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
): FormulaVerdict {
  const claim = formulaClaim(f, file, kind);
  // Outcome statuses of the search runs, in the order they first occur.
  const tally: Record<string, number> = {};
  const search = searchClaim(claim, {
    seed: o.seed,
    numRuns: o.runs,
    storeDir: o.outDir,
    ...(o.activations ? { activations: o.activations } : {}),
    stopOn: 'certified',
    checkErrors: 'throw',
    formula: { path: path.resolve(file), kind },
    onRun: (outcome, done, total) => {
      tally[outcome.status] = (tally[outcome.status] ?? 0) + 1;
      o.onProgress?.(done, total);
    },
  });
  // The oracles are deterministic: a failed search that certifies nothing means the formula
  // answered the shrunk case differently from the first time.
  if (search.failure !== null)
    throw new CliError(
      `${file}: the formula is not deterministic: the shrunk case no longer fails`,
    );
  const found = search.found?.content;
  return {
    verdict: found ? 'refuted' : 'holds',
    formula: file,
    kind,
    runs: search.runs,
    seed: o.seed,
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
