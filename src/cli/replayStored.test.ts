import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// Stored values are never shown as verified: replay, verify and report recompute the witness,
// the 60-digit re-check and its certificate, and a file whose stored values differ fails, naming
// the file and the field. Every edit goes to a temp copy of a real stored counterexample.
const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const NAME = 'thm2.spectral-radius--e862b4a5a9.json';
const original = fileURLToPath(new URL(`../../counterexamples/${NAME}`, import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-replay-cli-'));
/** The recomputed 60-digit actual side of the file (SHOWN_DIGITS significant digits). */
const ACTUAL = '0.2096876653193242817309863';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

type Edit = readonly [path: readonly (string | number)[], value: unknown];

/** A fresh store holding a copy of the file with the values at the paths replaced. */
function storeWith(...edits: Edit[]): { store: string; file: string } {
  const f = JSON.parse(fs.readFileSync(original, 'utf8'));
  for (const [at, value] of edits) {
    let o = f;
    for (const k of at.slice(0, -1)) o = o[k];
    o[at[at.length - 1]] = value;
  }
  const store = fs.mkdtempSync(path.join(dir, 'store-'));
  const file = path.join(store, NAME);
  fs.writeFileSync(file, JSON.stringify(f, null, 2));
  return { store, file };
}

const FAKE_ARGUMENT: Edit = [
  ['reverification', 'certificate', 'conclusionRefuted', 'argument'],
  'FAKE',
];
const FAKE_ACTUAL: Edit = [['reverification', 'actual'], [['12345']]];

describe.concurrent('replay of an edited counterexample (the edits of issue 13)', () => {
  const cases: [Edit, number, string][] = [
    [FAKE_ARGUMENT, 1, 'reverification.certificate.conclusionRefuted.argument: stored "FAKE"'],
    [
      [['reverification', 'certificate', 'hypothesis', 'holds'], false],
      1,
      'reverification.certificate.hypothesis.holds: stored false, recomputed true',
    ],
    [FAKE_ACTUAL, 1, `reverification.actual[0][0]: stored "12345", recomputed "${ACTUAL}"`],
    [
      [['reverification', 'violated'], false],
      1,
      'reverification.violated: stored false, recomputed true',
    ],
    [[['witness', 'relError'], 0], 1, 'witness.relError: stored 0, recomputed 1'],
    [[['found', 'runs'], 'many'], 2, 'found.runs: expected a finite number, got the string "many"'],
  ];
  for (const [edit, code, field] of cases) {
    test(`${edit[0].join('.')} = ${JSON.stringify(edit[1])} → exit ${code}`, () => {
      const { file } = storeWith(edit);
      const r = run(['replay', file]);
      expect(r.code).toBe(code);
      expect(r.out).toMatch(code === 1 ? /^DOES NOT REPRODUCE / : /^INVALID /);
      expect(r.out).toContain(`${file}: ${field}`);
      // The stored value appears only in the message that names it, never as a value shown.
      const shown = r.out.split('\n').filter((l) => !l.includes(`${file}: `));
      expect(shown.join('\n')).not.toMatch(/FAKE|12345|many/);
    });
  }

  test('the unedited copy reproduces and shows the recomputed 60-digit values (exit 0)', () => {
    const { file } = storeWith();
    const r = run(['replay', file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^REPRODUCES /);
    expect(r.out).toContain(`actual [[${ACTUAL}]]`);
  });
});

describe.concurrent('verify and report of a store with an edited counterexample', () => {
  test('verify: stored values that differ are a finding (exit 1) naming the file and the field', () => {
    const { store, file } = storeWith(FAKE_ARGUMENT);
    const args = ['verify', '--claim', 'thm2.spectral-radius', '--store', store, '--runs', '5'];
    const r = run([...args, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${file}: reverification.certificate.conclusionRefuted.argument`);
  });

  test('verify: a malformed file is bad input (exit 2), as replay says for it', () => {
    const { store, file } = storeWith([['found', 'runs'], 'many']);
    const r = run(['verify', '--claim', 'thm2.spectral-radius', '--store', store, '--runs', '5']);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${file}: found.runs: expected a finite number, got the string "many"`);
    expect(run(['replay', file]).code).toBe(2);
  });

  test('report: shows only recomputed values; the fake certificate and actual side are not in it, and the run fails naming the field', () => {
    const { store } = storeWith(FAKE_ARGUMENT, FAKE_ACTUAL);
    const row = {
      id: 'thm2.spectral-radius',
      section: '4.1, Theorem 2',
      expected: 'refuted',
      observed: 'refuted',
      ok: true,
      runs: 1,
      seed: 1,
      counterexample: null,
      tally: {
        pass: 1,
        skip: 0,
        overflow: 0,
        violated: 0,
        artifact: 0,
        uncertified: 0,
        illConditioned: 0,
        oracleDisagreement: 0,
        numericalSkip: 0,
      },
      byFamily: {},
      maxCloseness: null,
      evidence: '1 run',
      problems: [],
      cells: [{ activation: 'leaky_relu', expected: 'refuted', observed: 'refuted', ok: true }],
    };
    const json = path.join(store, '..', `${path.basename(store)}-verify.json`);
    fs.writeFileSync(json, JSON.stringify([row]));
    const out = path.join(store, '..', `${path.basename(store)}-report`);
    const r = run(['report', '--json-input', json, '--store', store, '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    // The first field that differs, in the file's key order.
    expect(r.err).toContain(
      `error: ${NAME}: reverification.actual[0][0]: stored "12345", recomputed "${ACTUAL}"`,
    );
    for (const f of ['index.html', 'REPORT.md']) {
      const text = fs.readFileSync(path.join(out, f), 'utf8');
      expect(text).toContain(NAME);
      expect(text).toContain(ACTUAL);
      expect(text).toContain('for q ≥ 0: F(k0, a′+qp)');
      // Only the message that names the edited field may quote the stored value.
      const shown = text
        .split('\n')
        .filter((l) => !(l.includes(`${NAME}: reverification.actual`) && l.includes('stored')));
      expect(shown.join('\n')).not.toMatch(/FAKE|\b12345\b/);
    }
  });
});
