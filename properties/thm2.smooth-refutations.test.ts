import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { searchClaim } from '../src/engine/search.js';
import type { ActivationName } from '../src/model/activation.js';
import signedEigenvalue from './thm2.signed-eigenvalue.claim.js';
import spectralRadius from './thm2.spectral-radius.claim.js';

const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-smooth-'));
afterAll(() => fs.rmSync(storeDir, { recursive: true, force: true }));

// seed 3 finds a certified case within the first runs for each activation; the time limit caps
// the shrinking (the shrunk case at the limit is still certified: every shrink step is)
const CASES: [string, ActivationName, typeof spectralRadius][] = [
  [spectralRadius.id, 'tanh', spectralRadius],
  [spectralRadius.id, 'sigmoid', spectralRadius],
  [signedEigenvalue.id, 'softplus', signedEigenvalue],
];

test.each(CASES)(
  '%s: the search refutes it for σ = %s on a fixed seed, with a certified counterexample of that σ',
  (_id, act, claim) => {
    const r = searchClaim(claim, {
      seed: 3,
      storeDir,
      activations: [act],
      timeLimitMs: 6_000,
    });
    expect(r.failure).toBeNull();
    expect(r.found).not.toBeNull();
    const file = r.found?.content;
    expect(file?.case.activation).toBe(act);
    expect(file?.reverification?.violated).toBe(true);
    const cert = file?.reverification?.certificate as Record<string, Record<string, unknown>>;
    expect(cert.conclusionRefuted.kind).toMatch(/repelling fixed point/);
    expect(cert.conclusionRefuted.premise).toMatch(/unique exact fixed point h\* in X/);
    expect(r.found?.saved).toBe(true);
  },
  120_000,
);
