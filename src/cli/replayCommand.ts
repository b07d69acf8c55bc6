import type { Claim } from '../engine/contract/claim.js';
import { loadClaims } from '../engine/registry.js';
import { type ReplayResult, replayCounterexample } from '../engine/replay.js';
import { guardedReplay } from '../engine/runner.js';
import {
  type CounterexampleFile,
  type FormulaRef,
  loadCounterexample,
  StoreError,
} from '../engine/store.js';
import { CliError, EXIT } from './exitCodes.js';
import { type Formula, formulaClaim, loadFormula } from './formulaCheck.js';

/** The result of replaying one file, for printing. */
export interface ReplayReport {
  file: string;
  claim: string | null;
  status: 'reproduces' | 'does-not-reproduce' | 'invalid';
  message: string | null;
  exitCode: number;
  file_?: CounterexampleFile;
  result?: ReplayResult;
}

/** Replays files; an invalid file or unknown claim is status 'invalid' (exit 2), not a crash. */
export async function replayFiles(files: string[]): Promise<ReplayReport[]> {
  if (files.length === 0)
    throw new CliError(
      'replay: no FILE given',
      EXIT.usage,
      'bptt-claims replay counterexamples/<file>.json',
    );
  const claims = await loadClaims();
  const reports: ReplayReport[] = [];
  for (const file of files) reports.push(await replayOne(file, claims));
  return reports;
}

/**
 * The claim of a check-jacobian / check-gradient counterexample: its formula module, loaded again
 * from `formula.path`; a module that is gone or broken is a CliError naming the file and field.
 */
async function formulaClaimOf(file: string, ref: FormulaRef): Promise<Claim> {
  let f: Formula;
  try {
    f = await loadFormula(ref.path);
  } catch (e) {
    if (e instanceof CliError) throw new CliError(`${file}: formula.path: ${e.message}`);
    throw e;
  }
  return formulaClaim(f, ref.path, ref.kind);
}

/** Replays one file against its claim: a ledger claim by id, or the formula the file names. */
async function replayOne(file: string, claims: Claim[]): Promise<ReplayReport> {
  const invalid = (claim: string | null, message: string): ReplayReport => ({
    file,
    claim,
    status: 'invalid',
    message,
    exitCode: EXIT.usage,
  });
  let cf: CounterexampleFile;
  try {
    cf = loadCounterexample(file);
  } catch (e) {
    if (e instanceof StoreError) return invalid(null, e.message);
    throw e;
  }
  let claim: Claim | undefined;
  try {
    claim = cf.formula
      ? await formulaClaimOf(file, cf.formula)
      : claims.find((c) => c.id === cf.claim);
  } catch (e) {
    if (e instanceof CliError) return invalid(cf.claim, e.message);
    throw e;
  }
  if (!claim) return invalid(cf.claim, `${file}: claim: unknown claim ${JSON.stringify(cf.claim)}`);
  let result: ReplayResult;
  if (cf.formula) {
    try {
      result = replayCounterexample(claim, file);
    } catch (e) {
      // A formula that now throws or returns garbage is bad input, as in check-*.
      if (e instanceof CliError) return invalid(cf.claim, `${file}: formula.path: ${e.message}`);
      throw e;
    }
  } else {
    // A ledger claim's replay that throws is that file's failure, one line, as in verify.
    result = guardedReplay(claim, file);
  }
  if (result.invalid) return invalid(cf.claim, result.message ?? `${file}: invalid`);
  return {
    file,
    claim: cf.claim,
    status: result.reproduces ? 'reproduces' : 'does-not-reproduce',
    message: result.message ?? null,
    exitCode: result.reproduces ? EXIT.ok : EXIT.finding,
    file_: cf,
    result,
  };
}

function rows(m: readonly (readonly (number | string)[])[]): string {
  return `[${m.map((r) => `[${r.join(', ')}]`).join(', ')}]`;
}

/** Human-readable text of a replay: the case compactly, then the recomputed witness in float64 and at high precision. */
export function formatReplay(r: ReplayReport): string {
  if (r.status === 'invalid' || !r.file_) return `INVALID ${r.message}`;
  const c = r.file_.case;
  const lines = [
    `${r.status === 'reproduces' ? 'REPRODUCES' : 'DOES NOT REPRODUCE'} ${r.file}`,
    `  claim   ${r.claim}   params ${JSON.stringify(r.file_.params)}`,
    `  case    σ = ${c.activation}, n = ${c.W_R.length}, T = ${c.xs.length}, W_R = ${rows(c.W_R)}, h_0 = [${c.h_0.join(', ')}]`,
    `          W_I = ${rows(c.W_I)}, b_R = [${c.b_R.join(', ')}], W_O = ${rows(c.W_O)}, b_O = [${c.b_O.join(', ')}], xs = ${rows(c.xs)}, ys = [${c.ys.join(', ')}]`,
  ];
  const o = r.result?.outcome;
  if (o?.status === 'violated') {
    const w = o.witness;
    lines.push(`  float64 ${w.quantity}: claimed ${rows(w.claimed)}`);
    lines.push(`          actual ${rows(w.actual)}`);
    lines.push(
      `          |claimed − actual|∞ = ${w.absError.toExponential(6)} (relative ${w.relError.toExponential(3)}, threshold ${w.threshold.toExponential(3)})`,
    );
  } else if (o) {
    lines.push(`  float64 ${o.status}`);
  }
  const hp = r.result?.hp;
  if (hp) {
    lines.push(`  ${hp.digits}-digit: claimed ${rows(hp.claimed)}`);
    lines.push(`          actual ${rows(hp.actual)}`);
    lines.push(
      `          |claimed − actual|∞ = ${hp.absError} (relative ${hp.relError}) ⇒ ${hp.violated ? 'violated' : 'not violated'}`,
    );
    if (hp.certificate)
      lines.push(
        `  certificate recomputed and checked: ${Object.keys(hp.certificate).join(', ')} (replay --json prints it whole)`,
      );
  }
  if (r.message) lines.push(`  ${r.message}`);
  return lines.join('\n');
}
