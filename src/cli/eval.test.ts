import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Case } from '../model/caseFile.js';
import { EVAL_BUDGET_S, evalCost } from './evalCommand.js';

// eval on big or overflowing cases: a compact answer by default, a refusal with the estimate
// instead of hours of silence, progress on long work, and overflow never shown as null.
const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-eval-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A tanh case with n units, T steps and small deterministic weights. */
function caseFile(name: string, n: number, T: number, extra: Partial<Case> = {}): string {
  const w = (i: number, j: number) => (((i * 7 + j * 3) % 11) - 5) / (10 * n);
  const c: Case = {
    activation: 'tanh',
    W_R: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => w(i, j))),
    W_I: Array.from({ length: n }, () => [0.5]),
    b_R: new Array(n).fill(0.1),
    W_O: [new Array(n).fill(1), new Array(n).fill(-1)],
    b_O: [0, 0],
    h_0: new Array(n).fill(0.2),
    xs: Array.from({ length: T }, () => [1]),
    ys: new Array(T).fill(1),
    ...extra,
  };
  const f = path.join(dir, name);
  fs.writeFileSync(f, JSON.stringify(c));
  return f;
}

describe.concurrent('eval: compact by default, refused over budget, overflow explicit', () => {
  test('the default output has the states, each matrix as shape and norms, and the agreement', () => {
    const r = run('eval', caseFile('small.json', 3, 4), '--t', '2');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.h).toHaveLength(3); // h_0 … h_t, the states ∂h_t/∂W_R depends on
    expect(o.dh_dWR.theorem1).toEqual({
      rows: 3,
      cols: 9,
      maxAbs: expect.any(Number),
      frobenius: expect.any(Number),
    });
    expect(o.dh_dWR.finiteDifference.maxAbs).toBeCloseTo(o.dh_dWR.autodiff.maxAbs, 8);
    expect(o.dE_dWR.bptt).toMatchObject({ rows: 3, cols: 3 });
    expect(o.agreement['dh_dWR.complexStep']).toBeLessThan(1e-10);
    expect(r.err).toBe('');
  });

  test('a long case prints its states as a summary, not 100,000 rows of them', () => {
    const r = run('eval', caseFile('long.json', 4, 100_000), '--t', '3000');
    expect(r.code).toBe(0);
    expect(r.out.length).toBeLessThan(20_000);
    const o = JSON.parse(r.out);
    expect(o.h).toEqual({
      rows: 3001,
      cols: 4,
      maxAbs: expect.any(Number),
      frobenius: expect.any(Number),
    });
    expect(o.notes.join(' ')).toMatch(/h_0…h_3000 have 12004 entries, more than the 10000 shown/);
  });

  test('n = 512, T = 1 is refused at once with the estimate and the budget (exit 2)', () => {
    const n = 512;
    const f = caseFile('n512.json', n, 1, {
      W_R: Array.from({ length: n }, () => new Array(n).fill(0)),
    });
    const t0 = performance.now();
    const r = run('eval', f);
    expect(performance.now() - t0).toBeLessThan(30_000);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^error: .*n512\.json: n = 512, T = 1, t = 1: eval would take about [\d.]+ h and [\d.]+ GB .*262144 entries of W_R.*; the budget is 60 s\nhint: --budget SECONDS/,
    );
    expect(r.out).toBe('');
  });

  test('the cost model: n⁴·t dominates, the default budget admits n = 64 at t = 5 and refuses n = 128 at t = 10', () => {
    expect(evalCost(64, 10, 5, false).seconds).toBeLessThan(EVAL_BUDGET_S);
    expect(evalCost(128, 10, 10, false).seconds).toBeGreaterThan(EVAL_BUDGET_S);
    expect(evalCost(512, 1, 1, true).bytes).toBeGreaterThan(1e9);
  });

  test('--budget sets the limit; work over a second shows progress on stderr', () => {
    const f = caseFile('n40.json', 40, 1);
    const refused = run('eval', f, '--budget', '1');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/the budget is 1\.0 s/);
    const r = run('eval', f, '--budget', '120');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^eval: n = 40, T = 1, t = 1: about .*\neval: finite differences/);
    expect(r.err).toMatch(/eval: done in [\d.]+ s\n$/);
    expect(JSON.parse(r.out).dh_dWR.autodiff.cols).toBe(1600);
  });

  test('overflow is written as "Infinity"/"NaN" with a note, never as null', () => {
    const f = caseFile('overflow.json', 1, 3, {
      activation: 'identity',
      W_R: [[1e200]],
      h_0: [1e200],
    });
    for (const flags of [[], ['--full']]) {
      const r = run('eval', f, ...flags);
      expect(r.code).toBe(0);
      expect(r.out).not.toContain('null');
      const o = JSON.parse(r.out);
      expect(o.h[1]).toEqual(['Infinity']);
      expect(o.notes.join('\n')).toMatch(/overflow: \d+ values are not finite/);
    }
  });
});
