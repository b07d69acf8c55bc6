import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { CheckOutcome, ClaimInput, HPOutcome } from '../engine/contract/claim.js';
import { checkIdentity, recheckIdentityHP } from '../engine/contract/compare.js';
import { TOLERANCES } from '../engine/contract/tolerances.js';
import {
  COUNTEREXAMPLE_SCHEMA_VERSION,
  type CounterexampleFile,
  saveCounterexample,
} from '../engine/store.js';
import { claimInputArbitrary } from '../generators/claimInputArbitrary.js';
import type { ActivationName } from '../model/activation.js';
import { type Case, toModel } from '../model/caseFile.js';
import { HP_DIGITS } from '../numerics/exact/decimal.js';
import { hpFromMat, hpMaxAbs, hpMaxAbsDiff } from '../numerics/exact/hpMat.js';
import { maxAbs } from '../numerics/kernels.js';
import { fromRows, type Mat } from '../numerics/Mat.js';
import { adGradientEWR, adJacobianHWR } from '../oracles/autodiff.js';
import { csGradientEWR, csJacobianHWR } from '../oracles/complexStep.js';
import { hpGradientEWR, hpJacobianHWR } from '../oracles/highPrecision.js';
import { CliError, EXIT } from './exitCodes.js';

/** What a FORMULA module computes: ∂h_t/∂W_R (n×n²) or ∂E_t/∂W_R (n×n). */
export type FormulaKind = 'jacobian' | 'gradient';

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
  /** The saved counterexample file (refuted only). */
  readonly counterexample: string | null;
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

/** Calls the formula and checks its result's shape and finiteness; a defect is a CliError (exit 2). */
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
      if (typeof rows[i][j] !== 'number' || Number.isNaN(rows[i][j])) {
        throw new CliError(
          `${file}: the formula returned ${String(rows[i][j])} at [${i}][${j}] ${where}`,
        );
      }
    }
  }
  return fromRows(rows as number[][], cols);
}

/** Checks a user formula against autodiff (cross-checked by complex step) on generated cases, shrinks and saves a failure. */
export function checkFormula(
  f: Formula,
  file: string,
  kind: FormulaKind,
  o: FormulaCheckOptions,
): FormulaVerdict {
  const quantity = kind === 'jacobian' ? '∂h_t/∂W_R' : '∂E_t/∂W_R';
  const check = (input: ClaimInput): CheckOutcome => {
    const m = toModel(input.case);
    const t = input.params.t;
    const claimed = callFormula(f, file, kind, input.case, t);
    const oracles =
      kind === 'jacobian'
        ? [
            { oracle: 'reverse-mode autodiff', value: adJacobianHWR(m, t) },
            { oracle: 'complex step', value: csJacobianHWR(m, t) },
          ]
        : [
            { oracle: 'reverse-mode autodiff', value: adGradientEWR(m, t) },
            { oracle: 'complex step', value: csGradientEWR(m, t) },
          ];
    const magnitude = maxAbs(
      (kind === 'jacobian' ? adJacobianHWR(m, t, true) : adGradientEWR(m, t, true)).data,
    );
    return checkIdentity(quantity, claimed, oracles, { t }, magnitude);
  };
  // The formula runs in float64 only: it is refuted when its value is further from the 60-digit
  // truth than float64Exact allows, i.e. further than float64 rounding can explain.
  const recheck = (input: ClaimInput): HPOutcome => {
    const m = toModel(input.case);
    const t = input.params.t;
    const claimed = hpFromMat(callFormula(f, file, kind, input.case, t));
    const truth = kind === 'jacobian' ? hpJacobianHWR(m, t) : hpGradientEWR(m, t);
    const shown = recheckIdentityHP(claimed, truth);
    const magnitude = maxAbs(
      (kind === 'jacobian' ? adJacobianHWR(m, t, true) : adGradientEWR(m, t, true)).data,
    );
    const scale = Math.max(magnitude, hpMaxAbs(truth).toNumber(), hpMaxAbs(claimed).toNumber());
    const bound = TOLERANCES.float64Exact.atol + TOLERANCES.float64Exact.rtol * scale;
    return { ...shown, digits: HP_DIGITS, violated: hpMaxAbsDiff(claimed, truth).gt(bound) };
  };
  const tally: Record<string, number> = {};
  let done = 0;
  let certified: { input: ClaimInput; outcome: CheckOutcome; hp: HPOutcome } | undefined;
  const arb = claimInputArbitrary(o.activations ? { activations: o.activations } : {});
  const details = fc.check(
    fc.property(arb, (input) => {
      const outcome = check(input);
      if (done < o.runs && certified === undefined) {
        done++;
        tally[outcome.status] = (tally[outcome.status] ?? 0) + 1;
        o.onProgress?.(done, o.runs);
      }
      if (outcome.status !== 'violated') return true;
      const hp = recheck(input);
      if (!hp.violated) return true;
      certified = { input, outcome, hp };
      return false;
    }),
    { seed: o.seed, numRuns: o.runs },
  );
  if (details.failed && details.errorInstance && !(certified && details.counterexample)) {
    const e = details.errorInstance as unknown;
    if (e instanceof CliError) throw e;
  }
  if (!details.failed || !details.counterexample) {
    return {
      verdict: 'holds',
      formula: file,
      kind,
      runs: details.numRuns,
      seed: o.seed,
      counterexample: null,
      case: null,
      params: null,
      outcome: null,
      reverification: null,
      tally,
    };
  }
  const input = details.counterexample[0] as ClaimInput;
  const outcome = check(input);
  const hp = recheck(input);
  if (outcome.status !== 'violated')
    throw new CliError(
      `${file}: the formula is not deterministic: the shrunk case no longer fails`,
    );
  const claim = `formula.${kind}.${path
    .basename(file)
    .replace(/\.(ts|js|mjs)$/, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase()}`;
  const cf: CounterexampleFile = {
    schema: COUNTEREXAMPLE_SCHEMA_VERSION,
    claim,
    case: input.case,
    params: { ...input.params },
    witness: outcome.witness,
    found: {
      seed: o.seed,
      path: details.counterexamplePath ?? '',
      runs: details.numRuns,
      shrinks: details.numShrinks,
      strategy: 'random',
    },
    reverification: hp,
  };
  const saved = saveCounterexample(o.outDir, cf).file;
  return {
    verdict: 'refuted',
    formula: file,
    kind,
    runs: details.numRuns,
    seed: o.seed,
    counterexample: saved,
    case: input.case,
    params: { ...input.params },
    outcome,
    reverification: hp,
    tally,
  };
}
