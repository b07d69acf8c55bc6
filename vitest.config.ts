import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import type { Reporter, TestModule } from 'vitest/node';

/** Ends every run with the line CI reads: "N passed, N failed" (and skipped, when any). */
class SummaryLineReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      let failedTests = 0;
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failedTests++;
        else skipped++;
      }
      failed += failedTests;
      // a file that failed outside its tests (collection, an empty suite, a hook) counts once
      if (m.state() === 'failed' && failedTests === 0) failed++;
    }
    process.stdout.write(
      `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}

// `npm run mutate` (StrykerJS) mutates the math (numerics, model, the paper's Section 3, the exact
// certificates, oracles) and runs only the tests of those layers, of Sections 4–5 (where the
// certificate builders are tested) and the oracle properties: the ledger's claims, generators
// and CLI exercise the same math far more slowly, and a mutant must be killed by a focused test.
const mutation = process.env.BPTT_MUTATION === '1';

export default defineConfig({
  test: {
    include: mutation
      ? [
          'src/{numerics,model,paper/s3-bptt,paper/s4-vanishing,paper/s5-exploding,oracles}/**/*.test.ts',
          'properties/oracles.agree.test.ts',
        ]
      : ['src/**/*.test.ts', 'properties/**/*.test.ts', 'properties/**/*.claim.ts'],
    exclude: ['node_modules/**'],
    setupFiles: ['src/testing/vitestSetup.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default leaves one core idle (2 cores → 1 worker), and a fresh fork per file costs
    // ~0.5 s a file here. No test mocks modules or mutates globals beyond the fixed fc seed, so
    // the files share their workers.
    maxWorkers: availableParallelism(),
    isolate: false,
    reporters: ['default', new SummaryLineReporter()],
  },
});
