import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { Claim } from '../engine/contract/claim.js';
import { formatReportLine } from '../engine/ledgerLine.js';
import { runClaim } from '../engine/runner.js';
import { suiteSeed } from '../engine/seed.js';
import { defaultStoreDir } from '../engine/store.js';
import { propertyRuns } from './propertyRuns.js';

const seed = suiteSeed();

// Every property in the suite runs from one seed: the fixed default, or FC_SEED when set; its
// default case count is scaled down under `npm run mutate` like every explicit one.
fc.configureGlobal({ seed, numRuns: propertyRuns(100) });

// Each claim file registers one test through defineClaim: replay, search, then the verdict gate.
(globalThis as { __bpttRegisterClaim?: (c: Claim) => void }).__bpttRegisterClaim = (claim) => {
  test(`${claim.id}: ${claim.statement} — expected ${claim.expected} [seed ${seed}]`, () => {
    const report = runClaim(claim, { seed, storeDir: defaultStoreDir() });
    console.log(formatReportLine(report));
    expect(report.problems, `${claim.id}: ${report.problems.join('; ')}`).toEqual([]);
    expect(report.observed, `${claim.id}: verdict`).toBe(claim.expected);
  });
};
