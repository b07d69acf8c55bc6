import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { budgetProblem, paramsProblem } from '../src/engine/contract/params.js';
import { loadClaims } from '../src/engine/registry.js';
import { defaultStoreDir, listCounterexamples, loadCounterexample } from '../src/engine/store.js';

const claims = await loadClaims();

describe("every claim's declared params domain and the replay budget contain its generator's inputs", () => {
  for (const claim of claims) {
    test(claim.id, () => {
      // the domain is what replay admits: it must never narrow what the search draws
      for (const input of fc.sample(claim.arbitrary({}), { seed: 20190701, numRuns: 200 })) {
        expect(paramsProblem(claim.params, input.params, input.case)).toBeUndefined();
        expect(budgetProblem(input.case)).toBeUndefined();
      }
    });
  }
});

test('every saved counterexample is inside its claim’s domain and the replay budget', () => {
  const files = listCounterexamples(defaultStoreDir());
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    const cf = loadCounterexample(f);
    const claim = claims.find((c) => c.id === cf.claim);
    expect(claim, f).toBeDefined();
    expect(paramsProblem(claim?.params ?? {}, cf.params, cf.case), f).toBeUndefined();
    expect(budgetProblem(cf.case), f).toBeUndefined();
  }
});
