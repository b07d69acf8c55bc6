import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claim } from './contract/claim.js';
import { loadClaims } from './registry.js';
import { replayCounterexample } from './replay.js';

// A stored counterexample with a certificate and a series; every edit goes to a temp copy.
const NAME = 'thm2.spectral-radius--e862b4a5a9.json';
const original = fileURLToPath(new URL(`../../counterexamples/${NAME}`, import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-replay-stored-'));

let claim: Claim;
beforeAll(async () => {
  const c = (await loadClaims()).find((x) => x.id === 'thm2.spectral-radius');
  if (!c) throw new Error('no claim thm2.spectral-radius');
  claim = c;
});

type Edit = readonly [path: readonly (string | number)[], value: unknown];

/** A copy of the stored file with the value at `path` replaced (undefined drops it), under its own name in a fresh folder. */
function editedCopy(...edits: Edit[]): string {
  const f = JSON.parse(fs.readFileSync(original, 'utf8'));
  for (const [at, value] of edits) {
    let o = f;
    for (const k of at.slice(0, -1)) o = o[k];
    o[at[at.length - 1]] = value;
  }
  const file = path.join(fs.mkdtempSync(path.join(dir, 'x-')), NAME);
  fs.writeFileSync(file, JSON.stringify(f, null, 2));
  return file;
}

describe('replay compares every stored value with its recomputation', () => {
  test('the unedited copy reproduces, with the recomputed certificate and series', () => {
    const r = replayCounterexample(claim, editedCopy());
    expect(r.message).toBeUndefined();
    expect(r.reproduces).toBe(true);
    expect(r.hp?.certificate).toBeDefined();
    expect(Object.keys(r.series ?? {})).toContain('normF2');
  });

  // The attacks of issue 13 and their relatives: each is a finding naming the file and the field.
  const edits: [string, Edit, string][] = [
    [
      'a fake certificate argument',
      [['reverification', 'certificate', 'conclusionRefuted', 'argument'], 'FAKE'],
      'reverification.certificate.conclusionRefuted.argument: stored "FAKE", recomputed "for q ≥ 0',
    ],
    [
      'a certificate whose hypothesis does not hold',
      [['reverification', 'certificate', 'hypothesis', 'holds'], false],
      'reverification.certificate.hypothesis.holds: stored false, recomputed true',
    ],
    [
      'a fake 60-digit actual side',
      [['reverification', 'actual'], [['12345']]],
      'reverification.actual[0][0]: stored "12345", recomputed "0.2096876653193242817309863"',
    ],
    [
      'a re-check stored as not violated',
      [['reverification', 'violated'], false],
      'reverification.violated: stored false, recomputed true',
    ],
    [
      'a witness with relative error 0',
      [['witness', 'relError'], 0],
      'witness.relError: stored 0, recomputed 1',
    ],
    [
      'a certificate with a field the claim does not derive',
      [['reverification', 'certificate', 'verifiedBy'], 'hand'],
      'reverification.certificate.verifiedBy: stored "hand", recomputed (absent)',
    ],
    [
      'an edited witness.extra',
      [['witness', 'extra', 'rhoW'], 0.5],
      'witness.extra.rhoW: stored 0.5, recomputed 0.75',
    ],
    [
      'an edited series point',
      [['series', 'normF2', 3], 1],
      'series.normF2[3]: stored 1, recomputed 0.46848',
    ],
    ['a dropped series', [['series'], undefined], 'series: stored (absent), recomputed {"normF2"'],
    [
      'a decimal that differs in its 25th digit',
      [['reverification', 'absError'], '0.2096876653193242817309864'],
      'reverification.absError: stored "0.2096876653193242817309864", recomputed "0.2096876653193242817309863"',
    ],
  ];
  for (const [what, edit, field] of edits) {
    test(what, () => {
      const file = editedCopy(edit);
      const r = replayCounterexample(claim, file);
      expect(r.reproduces).toBe(false);
      expect(r.invalid).toBeUndefined();
      expect(r.message).toContain(`${file}: ${field}`);
      // What the caller gets to show is the recomputation, never the stored value.
      expect(JSON.stringify([r.outcome, r.hp, r.series])).not.toMatch(/FAKE|12345|"hand"/);
    });
  }

  test('a decimal written differently but equal (1 as 1.000) is the same number', () => {
    const r = replayCounterexample(claim, editedCopy([['reverification', 'relError'], '1.000']));
    expect(r.message).toBeUndefined();
    expect(r.reproduces).toBe(true);
  });

  // History is not recomputed, but its type is checked: a malformed file is bad input (invalid).
  const malformed: [string, Edit, string][] = [
    [
      'found.runs = "many"',
      [['found', 'runs'], 'many'],
      'found.runs: expected a finite number, got the string "many"',
    ],
    [
      'found.shrinks = -1',
      [['found', 'shrinks'], -1],
      'found.shrinks: expected at least 0, got -1',
    ],
    [
      'found.seed = 2^40',
      [['found', 'seed'], 2 ** 40],
      'found.seed: expected at most 2147483647, got 1099511627776',
    ],
    [
      'reverification.actual of numbers',
      [['reverification', 'actual'], [[12345]]],
      'reverification.actual[0][0]: expected a string, got 12345',
    ],
    [
      'reverification.absError a number',
      [['reverification', 'absError'], 0.2],
      'reverification.absError: expected a string, got 0.2',
    ],
    [
      'a certificate that is a string',
      [['reverification', 'certificate'], 'trust me'],
      'reverification.certificate: expected an object',
    ],
  ];
  for (const [what, edit, field] of malformed) {
    test(`malformed: ${what}`, () => {
      const file = editedCopy(edit);
      const r = replayCounterexample(claim, file);
      expect(r).toMatchObject({ reproduces: false, invalid: true });
      expect(r.message).toContain(`${file}: ${field}`);
    });
  }
});
