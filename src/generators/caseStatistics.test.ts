import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ACTIVATION_NAMES } from '../model/activation.js';
import { printStatistics } from '../testing/statistics.js';
import { BIAS_MODES, caseArbitrary, type GeneratedCase, INITIAL_STATES } from './caseArbitrary.js';
import { MATRIX_FAMILIES } from './matrixArbitrary.js';

const RUNS = 1000;

/** n and T in buckets, so that a table of a thousand runs stays readable. */
function nBucket(n: number): string {
  return n <= 2 ? 'n 1–2' : n <= 4 ? 'n 3–4' : 'n 5–8';
}
function tBucket(T: number): string {
  return T <= 2 ? 'T 1–2' : T <= 5 ? 'T 3–5' : T <= 10 ? 'T 6–10' : 'T 11–20';
}

/** Runs fc.statistics on the default caseArbitrary and returns its table (printed under BPTT_STATS). */
function table(title: string, classify: (g: GeneratedCase) => string | string[]): string[] {
  const lines: string[] = [];
  fc.statistics(caseArbitrary(), classify, { numRuns: RUNS, logger: (l) => lines.push(l) });
  printStatistics(`${title} (${RUNS} cases)\n${lines.join('\n')}`);
  return lines;
}

describe('caseArbitrary: the mix of a thousand default cases', () => {
  test('family, activation, bias mode, initial state, n and T (marginals)', () => {
    table('marginals', (g) => [
      `family ${g.family}`,
      `activation ${g.case.activation}`,
      `bias ${g.biasMode}`,
      `h_0 ${g.initialState}`,
      nBucket(g.case.W_R.length),
      tBucket(g.case.xs.length),
    ]);
  });

  test('family × bias mode', () => {
    table('family × bias mode', (g) => `${g.family} × ${g.biasMode}`);
  });

  test('every family, activation, bias mode and initial state occurs; n and T reach both ends', () => {
    const samples = fc.sample(caseArbitrary(), RUNS);
    const seen = (f: (g: GeneratedCase) => string | number) => new Set(samples.map(f));
    expect([...seen((g) => g.family)].sort()).toEqual([...MATRIX_FAMILIES].sort());
    expect([...seen((g) => g.case.activation)].sort()).toEqual([...ACTIVATION_NAMES].sort());
    expect([...seen((g) => g.biasMode)].sort()).toEqual([...BIAS_MODES].sort());
    expect([...seen((g) => g.initialState)].sort()).toEqual([...INITIAL_STATES].sort());
    const ns = seen((g) => g.case.W_R.length);
    const Ts = seen((g) => g.case.xs.length);
    for (const n of [1, 8]) expect(ns.has(n), `n = ${n} occurs`).toBe(true);
    for (const T of [1, 20]) expect(Ts.has(T), `T = ${T} occurs`).toBe(true);
    // The full product family × activation × bias mode (8 × 11 × 3 = 264 cells); report how many
    // are hit, and require the 5/6 of them that 1,000 cases hit (252 at the default seed)
    const total = MATRIX_FAMILIES.length * ACTIVATION_NAMES.length * BIAS_MODES.length;
    const cells = seen((g) => `${g.family}/${g.case.activation}/${g.biasMode}`);
    printStatistics(
      `family × activation × bias mode: ${cells.size} of ${total} cells hit in ${RUNS} cases`,
    );
    expect(cells.size).toBeGreaterThanOrEqual(Math.ceil((5 * total) / 6));
  });
});
