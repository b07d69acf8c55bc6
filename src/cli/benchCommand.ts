import fc from 'fast-check';
import { TOLERANCES, withinTolerance } from '../engine/contract/tolerances.js';
import { loadClaims } from '../engine/registry.js';
import { claimInputArbitrary } from '../generators/claimInputArbitrary.js';
import { type Case, type Model, toModel } from '../model/caseFile.js';
import { adJacobianHWR } from '../oracles/autodiff.js';
import { bpttGradient, theorem1 } from '../paper/s3-bptt/thm1.js';

/** PyTorch 1.13, float64, one core, this kind of machine: medians per case in ms (from the foundation issue). */
export const PEER_MS: Record<
  string,
  { autodiffJacobianMs: number; closedFormMs: number; bpttGradientMs: number }
> = {
  '8,20': { autodiffJacobianMs: 1.3, closedFormMs: 0.4, bpttGradientMs: 0.45 },
  '16,50': { autodiffJacobianMs: 4.8, closedFormMs: 1.05, bpttGradientMs: 1.1 },
  '32,100': { autodiffJacobianMs: 34, closedFormMs: 4.3, bpttGradientMs: 2.1 },
  '64,200': { autodiffJacobianMs: 149, closedFormMs: 48, bpttGradientMs: 5.5 },
};

/** The sizes timed per case. */
export const BENCH_SIZES: readonly [number, number][] = [
  [8, 20],
  [16, 50],
  [32, 100],
  [64, 200],
  [128, 500],
];

/** One row of `bench --json`. */
export interface BenchRow {
  n: number;
  T: number;
  closedFormMs: number;
  autodiffJacobianMs: number;
  bpttGradientMs: number;
}

/** A fixed, well-scaled tanh case of size (n, T) from a linear congruential generator (no Math.random). */
export function benchCase(n: number, T: number, d = 4, m = 5): Model {
  let state = 12345;
  const next = () => {
    state = (state * 16807) % 2147483647;
    return (state / 2147483647) * 2 - 1;
  };
  const M = (r: number, c: number, s: number) =>
    Array.from({ length: r }, () => Array.from({ length: c }, () => next() * s));
  const c: Case = {
    activation: 'tanh',
    W_R: M(n, n, 1.5 / Math.sqrt(n)),
    W_I: M(n, d, 1),
    b_R: M(1, n, 0.1)[0],
    W_O: M(m, n, 1 / Math.sqrt(n)),
    b_O: M(1, m, 0.1)[0],
    h_0: M(1, n, 0.5)[0],
    xs: M(T, d, 1),
    ys: Array.from({ length: T }, (_, i) => i % m),
  };
  return toModel(c);
}

/**
 * Median wall time of f in ms. Warm-up first (at least 5 calls and 200 ms, so V8 has optimized the
 * kernels, as the peer's figures are for warm PyTorch), then up to 1 s or 200 calls (at least 5).
 */
export function medianMs(f: () => unknown): number {
  const warm = performance.now();
  for (let i = 0; i < 5 || performance.now() - warm < 200; i++) f();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 5 || (times.length < 200 && performance.now() - start < 1000)) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The median of xs (the lower one of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
}

/** Times the closed form, the autodiff Jacobian and one BPTT gradient at each size. */
export function benchPerCase(sizes = BENCH_SIZES, log: (s: string) => void = () => {}): BenchRow[] {
  return sizes.map(([n, T]) => {
    log(`timing n = ${n}, T = ${T} …`);
    const model = benchCase(n, T);
    return {
      n,
      T,
      closedFormMs: medianMs(() => theorem1(model, T, { hv: 'kron', order: 'descending' })),
      autodiffJacobianMs: medianMs(() => adJacobianHWR(model, T)),
      bpttGradientMs: medianMs(() => bpttGradient(model, T)),
    };
  });
}

/** Cases per second of the thm1.kron-descending check on the default generators (n ≤ 8, T ≤ 20). */
export async function claimThroughput(
  seconds = 3,
): Promise<{ casesPerSecond: number; cases: number }> {
  const claim = (await loadClaims()).find((c) => c.id === 'thm1.kron-descending');
  if (!claim) throw new Error('thm1.kron-descending is not in the ledger');
  const inputs = fc.sample(claimInputArbitrary(), { numRuns: 2000, seed: 1 });
  let cases = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    claim.check(inputs[cases % inputs.length]);
    cases++;
  }
  return { casesPerSecond: cases / ((performance.now() - start) / 1000), cases };
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

/** The bench table with the peer's figures beside ours. */
export function formatBench(rows: BenchRow[]): string {
  const head =
    '| (n, T) | closed form ms (PyTorch) | autodiff Jacobian ms (PyTorch) | BPTT gradient ms (PyTorch) |';
  const lines = rows.map((r) => {
    const p = PEER_MS[`${r.n},${r.T}`];
    const cell = (ours: number, peer?: number) =>
      peer === undefined ? `${fmt(ours)} (—)` : `${fmt(ours)} (${peer}) ${ours < peer ? '✓' : '✗'}`;
    return `| (${r.n}, ${r.T}) | ${cell(r.closedFormMs, p?.closedFormMs)} | ${cell(r.autodiffJacobianMs, p?.autodiffJacobianMs)} | ${cell(r.bpttGradientMs, p?.bpttGradientMs)} |`;
  });
  return [head, '|---|---|---|---|', ...lines].join('\n');
}

/** The Theorem 1 check at one large size, run alone in its process (see largeCheckInChild). */
export interface LargeCheck {
  n: number;
  T: number;
  /** Closed form, autodiff Jacobian and their comparison, end to end. */
  ms: number;
  /** Peak resident memory of the whole process (Node itself included), in MB. */
  peakRssMB: number;
  /** Whether the closed form and autodiff agree within float64Exact. */
  agree: boolean;
  relError: number;
}

/** Targets of the large check (issue 7): under 10 s and 300 MB at n = 128, T = 500. */
export const LARGE_CHECK_TARGET = { n: 128, T: 500, ms: 10_000, peakRssMB: 300 } as const;

/** Runs the Theorem 1 check (closed form vs the autodiff oracle) once at (n, T), in this process. */
export function largeCheck(n: number, T: number): LargeCheck {
  const model = benchCase(n, T);
  const t0 = performance.now();
  const closed = theorem1(model, T, { hv: 'kron', order: 'descending' });
  const ad = adJacobianHWR(model, T);
  const cmp = withinTolerance(closed.data, ad.data, TOLERANCES.float64Exact);
  const ms = performance.now() - t0;
  return {
    n,
    T,
    ms,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    agree: cmp.ok,
    relError: cmp.relError,
  };
}

/**
 * largeCheck in a fresh process (`bench --large-check n,T`), so that its peak memory is its own
 * and not the bench's: the figure includes Node and the module loader, about 60 MB.
 */
export async function largeCheckInChild(n: number, T: number): Promise<LargeCheck> {
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [bin, 'bench', '--large-check', `${n},${T}`], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bench --large-check ${n},${T} failed: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as LargeCheck;
}

/** The large-check line, with the targets. */
export function formatLargeCheck(c: LargeCheck): string {
  const t = LARGE_CHECK_TARGET;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  return `Theorem 1 check at n = ${c.n}, T = ${c.T} (closed form vs autodiff, ${c.agree ? 'agree' : 'DISAGREE'}, max rel. error ${c.relError.toExponential(1)}): ${(c.ms / 1000).toFixed(2)} s (target < ${t.ms / 1000} s) ${mark(c.ms < t.ms)}, peak ${Math.round(c.peakRssMB)} MB resident (target < ${t.peakRssMB} MB) ${mark(c.peakRssMB < t.peakRssMB)}`;
}

/** Wall time of the full `npm test` (type check, lint, vitest), run from the repository root. */
export async function npmTestWallTime(): Promise<{
  seconds: number;
  summary: string;
  ok: boolean;
}> {
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const t0 = performance.now();
  const r = spawnSync('npm', ['test'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  const summary = /(\d+ passed, \d+ failed[^\n]*)/.exec(r.stdout)?.[1] ?? 'no summary line';
  return { seconds, summary, ok: r.status === 0 };
}

/** Search speed of one refuted claim over fresh seeds, from an empty store. */
export interface SearchSpeed {
  id: string;
  seeds: number;
  found: number;
  medianRuns: number;
  medianMs: number;
  maxRuns: number;
}

/** For each refuted claim: over `seeds` fresh seeds and empty stores, runs and time to the first counterexample. */
export async function searchSpeed(
  seeds = 10,
  log: (s: string) => void = () => {},
): Promise<SearchSpeed[]> {
  const { runClaim } = await import('../engine/runner.js');
  const os = await import('node:os');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const claims = (await loadClaims()).filter((c) => c.expected === 'refuted');
  return claims.map((claim) => {
    log(`searching ${claim.id} over ${seeds} seeds …`);
    const runs: number[] = [];
    const ms: number[] = [];
    let found = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const store = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-bench-'));
      const t0 = performance.now();
      const r = runClaim(claim, { seed, storeDir: store });
      ms.push(performance.now() - t0);
      runs.push(r.runs);
      if (r.searchFound) found++;
      fs.rmSync(store, { recursive: true, force: true });
    }
    return {
      id: claim.id,
      seeds,
      found,
      medianRuns: median(runs),
      medianMs: median(ms),
      maxRuns: Math.max(...runs),
    };
  });
}

/** The search-speed table. */
export function formatSearch(rows: SearchSpeed[]): string {
  return [
    '| refuted claim | found | median runs to first counterexample (max) | median time incl. shrinking and 60-digit re-check |',
    '|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| \`${r.id}\` | ${r.found}/${r.seeds} | ${r.medianRuns} (${r.maxRuns}) | ${fmt(r.medianMs)} ms |`,
    ),
  ].join('\n');
}

/** Verdicts of the whole ledger under many seeds. */
export interface SweepRow {
  id: string;
  expected: string;
  /** observed verdict → number of seeds. */
  observed: Record<string, number>;
  /** Seeds whose run was not ok (any problem), with the first problem. */
  failures: { seed: number; problem: string }[];
  medianMs: number;
}

/**
 * Runs the full ledger under seeds 1…count against the saved counterexamples (replayed, never
 * rewritten: save is off) and tallies the observed verdicts: a flaky verdict shows up here.
 */
export async function seedSweep(
  count: number,
  log: (s: string) => void = () => {},
): Promise<SweepRow[]> {
  const { runLedger } = await import('../engine/runner.js');
  const { defaultStoreDir } = await import('../engine/store.js');
  const claims = await loadClaims();
  const rows = claims.map((c) => ({
    id: c.id,
    expected: c.expected,
    observed: {} as Record<string, number>,
    failures: [] as { seed: number; problem: string }[],
    times: [] as number[],
  }));
  for (let seed = 1; seed <= count; seed++) {
    log(`seed ${seed}/${count} …`);
    runLedger(
      claims,
      { seed, storeDir: defaultStoreDir(), save: false },
      {
        after: (i, _n, _claim, r, ms) => {
          rows[i].times.push(ms);
          rows[i].observed[r.observed] = (rows[i].observed[r.observed] ?? 0) + 1;
          if (!r.ok) rows[i].failures.push({ seed, problem: r.problems[0] ?? 'not ok' });
        },
      },
    );
  }
  return rows.map(({ times, ...r }) => ({
    ...r,
    medianMs: median(times),
  }));
}

/** The seed-sweep table. */
export function formatSweep(rows: SweepRow[], count: number): string {
  return [
    `| claim | expected | observed over ${count} seeds | not ok | median time |`,
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| \`${r.id}\` | ${r.expected} | ${Object.entries(r.observed)
          .map(([v, n]) => `${v} ×${n}`)
          .join(
            ', ',
          )} | ${r.failures.length ? r.failures.map((f) => `seed ${f.seed}: ${f.problem}`).join('; ') : '0'} | ${fmt(r.medianMs)} ms |`,
    ),
  ].join('\n');
}
