import type { Claim } from '../engine/contract/claim.js';
import { loadClaims } from '../engine/registry.js';
import type { ReplayResult } from '../engine/replay.js';
import { guardedReplay } from '../engine/runner.js';
import { type CounterexampleFile, loadCounterexample, StoreError } from '../engine/store.js';
import { certificateFacts } from './certificateFacts.js';
import { CliError, EXIT } from './exitCodes.js';
import { formulaClaimId, formulaIdWord } from './formulaCheck.js';
import { runFormulaReplay } from './formulaCommand.js';

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
  let result: ReplayResult;
  if (cf.formula) {
    // Checked before the module is imported: a file must not run a formula it is not about.
    const field = 'cmd' in cf.formula ? 'formula.cmd' : 'formula.path';
    let id: string;
    try {
      id = formulaClaimId(formulaIdWord(cf.formula), cf.formula.kind);
    } catch (e) {
      // A stored command line that does not split (an unclosed quote, shell syntax).
      if (e instanceof CliError) return invalid(cf.claim, `${file}: ${e.message}`);
      throw e;
    }
    if (cf.claim !== id)
      return invalid(
        cf.claim,
        `${file}: claim: ${JSON.stringify(cf.claim)} is not the claim of ${field} (${JSON.stringify(id)})`,
      );
    try {
      // In a child process, as in check-*: the formula cannot exit, hang or write on our stdout.
      result = await runFormulaReplay(file, cf.formula);
    } catch (e) {
      // A formula that is gone, throws, returns garbage, hangs or exits is bad input, as in check-*.
      if (e instanceof CliError && e.code === EXIT.usage) return invalid(cf.claim, e.message);
      throw e;
    }
  } else {
    const claim = claims.find((c) => c.id === cf.claim);
    if (!claim)
      return invalid(cf.claim, `${file}: claim: unknown claim ${JSON.stringify(cf.claim)}`);
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
    if (hp.certificate) {
      lines.push('  certificate, recomputed from the case and checked:');
      for (const f of certificateFacts(hp.certificate)) lines.push(`    ${f}`);
    }
  }
  if (r.message) lines.push(`  ${r.message}`);
  return lines.join('\n');
}
