import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { listCounterexamples, loadCounterexample } from './store.js';

// Real processes against one store: concurrent writers of the same and of different
// counterexamples, and writers killed with SIGKILL at arbitrary points. The store must end with
// only complete, valid files, one per case, and no temp file of a dead writer after the next save.
const storeTs = fileURLToPath(new URL('./store.ts', import.meta.url));
const tsx = fileURLToPath(
  new URL('../../node_modules/tsx/dist/esm/api/index.mjs', import.meta.url),
);

/** A writer process: saves `count` counterexamples whose case differs by `variant + k`, in a loop. */
function writerScript(dir: string, variant: number, count: number): string {
  return `
import { register } from ${JSON.stringify(tsx)};
register();
const { saveCounterexample, COUNTEREXAMPLE_SCHEMA_VERSION } = await import(${JSON.stringify(storeTs)});
for (let k = 0; k < ${count}; k++) {
  const v = ${variant} + k;
  saveCounterexample(${JSON.stringify(dir)}, {
    schema: COUNTEREXAMPLE_SCHEMA_VERSION,
    claim: 'thm1.literal-hv',
    case: { activation: 'identity', W_R: [[v / 8]], W_I: [[0]], b_R: [0], W_O: [[1]], b_O: [0],
            h_0: [1], xs: [[0]], ys: [0] },
    params: { t: 1 },
    witness: { quantity: 'q', claimed: [[1]], actual: [[0]], absError: 1, relError: 1, threshold: 1e-10 },
    found: { seed: 1, path: '0', runs: 1, shrinks: 0, strategy: 'random' },
    reverification: { violated: true, digits: 60, claimed: [['1']], actual: [['0']], absError: '1', relError: '1' },
  });
}
process.stdout.write('done');
`;
}

function startWriter(dir: string, variant: number, count: number) {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', writerScript(dir, variant, count)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, done, out: () => out, err: () => err };
}

function assertCompleteStore(dir: string): string[] {
  const files = listCounterexamples(dir);
  for (const f of files) expect(() => loadCounterexample(f), f).not.toThrow();
  return files;
}

test('four concurrent writers of overlapping counterexamples leave one complete file per case and no temp file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-conc-'));
  // writers 0..3 save variants w..w+19: variants overlap, so the same name is raced for
  const writers = [0, 5, 10, 15].map((w) => startWriter(dir, w, 20));
  const ends = await Promise.all(writers.map((w) => w.done));
  ends.forEach((e, i) => {
    expect(e.code, writers[i].err()).toBe(0);
  });
  const files = assertCompleteStore(dir);
  expect(files.length).toBe(35); // variants 0…34, each once
  expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}, 60_000);

test('writers killed with SIGKILL mid-run leave only complete files; the next save removes their temp files', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-kill-'));
  for (let round = 0; round < 4; round++) {
    const before = listCounterexamples(dir).length;
    const w = startWriter(dir, round * 1000, 10_000);
    // kill while it is writing: once its first files are in (startup time varies with the
    // machine's load), after a further delay that differs per round
    const deadline = Date.now() + 30_000;
    while (listCounterexamples(dir).length < before + 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 3 * round));
    w.child.kill('SIGKILL');
    const end = await w.done;
    expect(end.signal).toBe('SIGKILL');
  }
  // the kills landed while the writers were saving, not before their first save
  expect(assertCompleteStore(dir).length).toBeGreaterThanOrEqual(12);
  // a fresh writer's save cleans every temp file of the dead writers
  const last = startWriter(dir, 99_999, 1);
  expect((await last.done).code, last.err()).toBe(0);
  expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  assertCompleteStore(dir);
}, 60_000);
