import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { Claim } from '../engine/contract/claim.js';
import { formatReportLine } from '../engine/ledgerLine.js';
import { loadClaim } from '../engine/registry.js';
import { runClaim } from '../engine/runner.js';
import { DEFAULT_SEED, suiteSeed } from '../engine/seed.js';
import { defaultStoreDir } from '../engine/store.js';
import { propertyRuns } from './propertyRuns.js';

const seed = suiteSeed();

// Every property in the suite runs from one seed: the fixed default, or FC_SEED when set; its
// default case count is scaled down under `npm run mutate` like every explicit one.
fc.configureGlobal({ seed, numRuns: propertyRuns(100) });

/**
 * Registers a claim's gate as one vitest test per (claim, activation) cell: replay that
 * activation's saved counterexamples, search with the generator restricted to it, compare the
 * cell's verdict.
 */
export function registerClaimTest(claim: Claim): void {
  for (const cell of claim.cellList) {
    const sigma = cell.activation === null ? 'any σ' : `σ = ${cell.activation}`;
    test(`${claim.id} [${sigma}]: ${claim.statement} — expected ${cell.expected} [seed ${seed}]`, () => {
      // The committed store takes new counterexamples from the default seed only (as verify
      // does), or when BPTT_COUNTEREXAMPLES names a store on purpose.
      const save = seed === DEFAULT_SEED || Boolean(process.env.BPTT_COUNTEREXAMPLES);
      const report = runClaim(claim, {
        seed,
        storeDir: defaultStoreDir(),
        save,
        ...(cell.activation === null ? {} : { activations: [cell.activation] }),
      });
      console.log(formatReportLine(report));
      expect(report.problems, `${claim.id} [${sigma}]: ${report.problems.join('; ')}`).toEqual([]);
      expect(report.observed, `${claim.id} [${sigma}]: verdict`).toBe(cell.expected);
    });
  }
}

// Each `properties/<id>.claim.ts` is its own vitest file, so the claims spread over the workers
// and shard across CI jobs; the file holds only the declaration, and this setup, run before the
// file is collected, loads it through the registry and registers its test.
const file = expect.getState().testPath;
if (file?.endsWith('.claim.ts')) registerClaimTest(await loadClaim(file));
