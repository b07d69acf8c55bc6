import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claim } from './contract/claim.js';
import { formatReportLine } from './ledgerLine.js';
import { loadClaims } from './registry.js';
import { replayCounterexample } from './replay.js';
import { runClaim, runLedger } from './runner.js';
import { counterexampleName, listCounterexamples } from './store.js';

async function importClaim(id: string): Promise<Claim> {
  const claim = (await loadClaims()).find((c) => c.id === id);
  if (!claim) throw new Error(`no claim ${id}`);
  return claim;
}

let refuted: Claim;
let holds: Claim;
beforeAll(async () => {
  refuted = await importClaim('thm1.literal-hv');
  holds = await importClaim('thm1.kron-descending');
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-run-'));

describe('runClaim: replay first, then search, then the verdict gate', () => {
  test('from an empty store a refuted claim is refuted again, one counterexample saved per cell; two runs with one seed write byte-identical files', () => {
    const [a, b] = [tmp(), tmp()];
    const ra = runClaim(refuted, { seed: 42, storeDir: a });
    const rb = runClaim(refuted, { seed: 42, storeDir: b });
    expect(ra.observed).toBe('refuted');
    expect(ra.ok && rb.ok).toBe(true);
    expect(ra.searchFound).toBe(true);
    expect(ra.cells.map((c) => [c.activation, c.observed])).toEqual(
      refuted.cellList.map((c) => [c.activation, 'refuted']),
    );
    const fa = listCounterexamples(a);
    expect(fa).toHaveLength(refuted.cellList.length);
    // each cell's file is a case of that cell's activation
    const sigmas = fa.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')).case.activation).sort();
    expect(sigmas).toEqual(refuted.cellList.map((c) => c.activation).sort());
    const fb = listCounterexamples(b);
    expect(fb.map((f) => path.basename(f))).toEqual(fa.map((f) => path.basename(f)));
    for (let i = 0; i < fa.length; i++)
      expect(fs.readFileSync(fa[i])).toEqual(fs.readFileSync(fb[i]));
    // A second run replays the saved file and finds the same one again: nothing new, nothing lost.
    const again = runClaim(refuted, { seed: 42, storeDir: a });
    expect(again.ok).toBe(true);
    expect(again.replays.map((r) => r.reproduces)).toEqual(fa.map(() => true));
    expect(listCounterexamples(a)).toEqual(fa);
  });

  test('a hand-edited file that no longer violates its claim fails the run, naming the file', () => {
    const dir = tmp();
    runClaim(refuted, { seed: 7, storeDir: dir, activations: ['identity'] });
    const [file] = listCounterexamples(dir);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    // σ(h_0) = 0 at t = 1: both readings of HV give the zero matrix, so nothing is violated.
    saved.case.activation = 'tanh';
    saved.case.h_0 = saved.case.h_0.map(() => 0);
    saved.params.t = 1;
    // under the name its new content hashes to, or the name check refuses it before the check
    fs.rmSync(file);
    const renamed = path.join(dir, counterexampleName(saved.claim, saved.case, saved.params));
    fs.writeFileSync(renamed, JSON.stringify(saved, null, 2));
    const r = runClaim(refuted, { seed: 7, storeDir: dir, numRuns: 5, activations: ['tanh'] });
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.includes(renamed) && p.includes('does not reproduce'))).toBe(
      true,
    );
    expect(r.badFiles).toEqual([]);
    expect(fs.readFileSync(renamed, 'utf8')).toBe(JSON.stringify(saved, null, 2));
  });

  test('an edited file whose content no longer matches its name is refused before any computation', () => {
    const dir = tmp();
    runClaim(refuted, { seed: 7, storeDir: dir, activations: ['identity'] });
    const [file] = listCounterexamples(dir);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    saved.case.h_0[0] += 1;
    fs.writeFileSync(file, JSON.stringify(saved));
    let checks = 0;
    const spy: Claim = {
      ...refuted,
      check: (input) => {
        checks++;
        return refuted.check(input);
      },
    };
    const r = replayCounterexample(spy, file);
    expect(r).toMatchObject({ reproduces: false, invalid: true });
    expect(r.message?.startsWith(`${file}: case: the content no longer matches`)).toBe(true);
    expect(checks).toBe(0);
  });

  test('a malformed file fails the run with the file and the field', () => {
    const dir = tmp();
    const file = path.join(dir, 'thm1.kron-descending--0000000000.json');
    fs.writeFileSync(file, '{"schema": "bptt-claims/counterexample@1", "claim": 3}');
    const r = runClaim(holds, { seed: 1, storeDir: dir, numRuns: 5 });
    expect(r.ok).toBe(false);
    expect(r.problems).toContain(`${file}: claim: expected a string, got 3`);
    expect(r.badFiles).toEqual([file]);
  });

  test('a planted counterexample to a true claim does not reproduce and fails the run', () => {
    const dir = tmp();
    runClaim(refuted, { seed: 3, storeDir: dir, activations: ['identity'] });
    const [src] = listCounterexamples(dir);
    const planted = JSON.parse(fs.readFileSync(src, 'utf8'));
    planted.claim = 'thm1.kron-descending';
    const file = path.join(
      dir,
      path.basename(src).replace('thm1.literal-hv', 'thm1.kron-descending'),
    );
    fs.writeFileSync(file, JSON.stringify(planted));
    const r = runClaim(holds, { seed: 3, storeDir: dir, numRuns: 5 });
    expect(r.ok).toBe(false);
    expect(r.observed).toBe('holds');
    expect(r.problems.some((p) => p.startsWith(`${file}: does not reproduce`))).toBe(true);
  });

  test('a true claim passes its budget and saves nothing', () => {
    const dir = tmp();
    const r = runClaim(holds, { seed: 5, storeDir: dir, numRuns: 50 });
    // every activation's cell runs the budget
    expect(r).toMatchObject({ observed: 'holds', ok: true, runs: 50 * holds.cellList.length });
    expect(r.cells.every((c) => c.runs === 50 && c.observed === 'holds')).toBe(true);
    // relu/leaky_relu runs on a kink are not judged, never passes
    expect(r.tally.pass + r.tally.numericalSkip).toBe(50 * holds.cellList.length);
    expect(listCounterexamples(dir)).toEqual([]);
  });
});

describe('runClaim: float64 oracles that disagree', () => {
  // The holding claim with its oracles made to disagree on every case with n ≥ 3: the 60-digit
  // re-check then decides. It holds there, so those cases are ill-conditioned, not failures.
  const disagreeing = (recheckViolated: boolean): Claim => ({
    ...holds,
    check: (input) =>
      input.case.W_R.length >= 3
        ? { status: 'oracle-disagreement', reason: 'made to disagree' }
        : holds.check(input),
    recheckHP: (input) => {
      const hp = holds.recheckHP?.(input);
      if (hp === undefined) throw new Error('thm1.kron-descending has a 60-digit re-check');
      return { ...hp, violated: recheckViolated };
    },
  });

  test('resolved at 60 digits: counted as ill-conditioned in float64, the verdict stands', () => {
    const r = runClaim(disagreeing(false), {
      seed: 5,
      storeDir: tmp(),
      numRuns: 60,
      activations: ['tanh'],
    });
    expect(r.tally.illConditioned).toBeGreaterThan(0);
    expect(r.tally.oracleDisagreement).toBe(0);
    expect(r.observed).toBe('holds');
    expect(r.ok).toBe(true);
  });

  test('not resolved at 60 digits: a problem that names the case, never a verdict', () => {
    const r = runClaim(disagreeing(true), {
      seed: 5,
      storeDir: tmp(),
      numRuns: 60,
      activations: ['tanh'],
    });
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toContain('oracle disagreement on a generated case');
  });
});

describe('runClaim: cases a numerical routine gave up on', () => {
  // The holding claim with its check giving up on every case with n ≥ 3 (as when the eigenvalue
  // iteration reaches its cap) and declaring n = 2 outside the hypothesis.
  const givingUp = (): Claim => ({
    ...holds,
    check: (input) => {
      const n = input.case.W_R.length;
      if (n >= 3)
        return { status: 'skip', reason: 'the eigenvalues did not converge', numerical: true };
      if (n === 2) return { status: 'skip', reason: 'n = 2' };
      return holds.check(input);
    },
  });

  test('counted apart from the cases outside the hypothesis, and shown as not judged in the ledger row', () => {
    const r = runClaim(givingUp(), {
      seed: 5,
      storeDir: tmp(),
      numRuns: 60,
      activations: ['tanh'],
    });
    const t = r.tally;
    expect(t.numericalSkip).toBeGreaterThan(0);
    expect(t.skip).toBeGreaterThan(0);
    expect(t.pass).toBeGreaterThan(0);
    expect(t.pass + t.skip + t.numericalSkip).toBe(60);
    expect(r.numericalSkipReasons).toEqual({ 'the eigenvalues did not converge': t.numericalSkip });
    expect(r.skipReasons).toEqual({ 'n = 2': t.skip });
    const line = formatReportLine(r);
    expect(line).toContain(`${t.skip} outside hypothesis`);
    expect(line).toContain(`${t.numericalSkip} not judged (the eigenvalues did not converge)`);
  });
});

describe('runClaim: runs that compared nothing are no evidence', () => {
  test('a claim most of whose runs overflow is open, not holds, and the problem says how many were compared', () => {
    let calls = 0;
    const mostlyOverflow: Claim = {
      ...holds,
      check: () =>
        calls++ % 3 === 0
          ? { status: 'pass' }
          : { status: 'overflow', reason: 'h_t is not finite' },
    };
    const r = runClaim(mostlyOverflow, {
      seed: 1,
      storeDir: tmp(),
      numRuns: 30,
      activations: ['tanh'],
    });
    expect(r.tally).toMatchObject({ pass: 10, overflow: 20 });
    expect(r.observed).toBe('open');
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toBe(
      'σ = tanh: expected holds, observed open: only 10 of 30 runs that met the hypothesis could be compared (20 overflow, 0 oracle disagreement, 0 uncertified)',
    );
  });

  test('hypothesis skips are vacuous: a claim with mostly skips and only passes still holds', () => {
    let calls = 0;
    const mostlySkips: Claim = {
      ...holds,
      check: () =>
        calls++ % 3 === 0 ? { status: 'pass' } : { status: 'skip', reason: 'hypothesis' },
    };
    const r = runClaim(mostlySkips, {
      seed: 1,
      storeDir: tmp(),
      numRuns: 30,
      activations: ['tanh'],
    });
    expect(r.observed).toBe('holds');
  });
});

describe('runLedger: one claim that throws never stops the others', () => {
  test('a claim whose search throws is a FAIL row naming it; the next claim is still judged', () => {
    const broken: Claim = {
      ...refuted,
      id: 'demo.broken',
      arbitrary: () => {
        throw new RangeError('Invalid array length');
      },
    };
    const reports = runLedger([broken, refuted], { seed: 42, storeDir: tmp() });
    expect(reports.map((r) => [r.id, r.ok])).toEqual([
      ['demo.broken', false],
      ['thm1.literal-hv', true],
    ]);
    expect(reports[0].problems).toContain(
      'demo.broken: the search failed: RangeError: Invalid array length',
    );
  });

  test('a replay that throws is that file’s failure, as bad input, naming the claim and the file', () => {
    const dir = tmp();
    runClaim(refuted, { seed: 42, storeDir: dir, activations: ['identity'] });
    const [file] = listCounterexamples(dir);
    const throwing: Claim = {
      ...refuted,
      check: () => {
        throw new RangeError('Invalid typed array length: 1e18');
      },
    };
    const [r] = runLedger([throwing], { seed: 42, storeDir: dir, numRuns: 1 });
    expect(r.ok).toBe(false);
    // every cell's file fails alike, each named
    expect(r.badFiles.sort()).toEqual(listCounterexamples(dir).sort());
    expect(r.problems).toContain(
      `${file}: thm1.literal-hv: the replay failed: RangeError: Invalid typed array length: 1e18`,
    );
  });
});
