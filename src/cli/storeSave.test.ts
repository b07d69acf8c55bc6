import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { DEFAULT_SEED } from '../engine/seed.js';
import { savesNew } from './flags.js';

// Where counterexamples go, and what happens when they cannot go there: a verdict is never lost
// to a failed write, a typo never starts a new store, and every file the tool writes replays.
const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const examples = fileURLToPath(new URL('./examples/', import.meta.url));
const repoStore = fileURLToPath(new URL('../../counterexamples/', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-save-'));

function run(args: string[], cwd = dir) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.BPTT_COUNTEREXAMPLES;
  delete env.FC_SEED;
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd,
    env,
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * An existing folder that refuses new files: mode 0555, or, where that does not bind (root), a
 * folder whose path is so long that no file name fits under it (the OS refuses with ENAMETOOLONG).
 */
function unwritableDir(name: string): string {
  const d = path.join(dir, name);
  fs.mkdirSync(d);
  fs.chmodSync(d, 0o555);
  try {
    fs.writeFileSync(path.join(d, 'probe'), '');
  } catch {
    return d;
  }
  fs.rmSync(path.join(d, 'probe'));
  let deep = d;
  while (deep.length < 4000) deep = path.join(deep, 'd'.repeat(200));
  deep = path.join(deep, 'd'.repeat(4085 - deep.length));
  fs.mkdirSync(deep, { recursive: true });
  return deep;
}

function fingerprint(d: string): Record<string, string> {
  return Object.fromEntries(
    fs.readdirSync(d).map((f) => [
      f,
      createHash('sha256')
        .update(fs.readFileSync(path.join(d, f)))
        .digest('hex'),
    ]),
  );
}

describe.concurrent('a store that cannot be written: the verdict first, then the error, exit 4', () => {
  test('verify prints its summary, then "could not save" with the case, and exits 4; --json carries the counterexample', () => {
    const store = unwritableDir('ro-verify');
    const args = ['verify', '--claim', 'lemma3.general', '--store', store, '--quiet'];
    const r = run(args);
    expect(r.code).toBe(4);
    expect(r.out).toContain('1 claims as expected, 0 drifted');
    expect(r.err).toMatch(
      /error: could not save .*lemma3\.general--[0-9a-f]{10}\.json: (EACCES|EROFS|ENAMETOOLONG)/,
    );
    expect(r.err).toMatch(/lemma3\.general is refuted by this case \(not saved\): \{"case":\{/);
    expect(r.err).not.toMatch(/internal error/);
    const j = run([...args, '--json']);
    expect(j.code).toBe(4);
    const row = JSON.parse(j.out)[0];
    expect(row.observed).toBe('refuted');
    expect(row.unsaved.error).toMatch(/EACCES|EROFS|ENAMETOOLONG/);
    expect(row.unsaved.counterexample.case.W_R.length).toBeGreaterThan(0);
    expect(row.unsaved.counterexample.reverification.violated).toBe(true);
  });

  test('check-jacobian prints REFUTED with the case, then "could not save", and exits 4', () => {
    const out = unwritableDir('ro-check');
    const formula = path.join(examples, 'jacobian-truncated.mjs');
    const r = run(['check-jacobian', formula, '--out', out, '--quiet']);
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/^REFUTED .*shrunk counterexample below \(not saved\)\n {2}case {5}σ = /);
    expect(r.err).toMatch(/error: could not save .*formula\.jacobian\.jacobian-truncated--/);
    const j = run(['check-jacobian', formula, '--out', out, '--quiet', '--json']);
    expect(j.code).toBe(4);
    const v = JSON.parse(j.out);
    expect(v.verdict).toBe('refuted');
    expect(v.saveError).toMatch(/EACCES|EROFS|ENAMETOOLONG/);
    expect(v.case.W_R.length).toBeGreaterThan(0);
  });

  test('report with an --out it cannot write prints the ledger summary, then the error, and exits 4', () => {
    const json = path.join(dir, 'empty-verify.json');
    fs.writeFileSync(json, '[]');
    const store = path.join(dir, 'empty-store');
    fs.mkdirSync(store);
    const r = run([
      'report',
      '--json-input',
      json,
      '--store',
      store,
      '--out',
      unwritableDir('ro-report'),
      '--quiet',
    ]);
    expect(r.code).toBe(4);
    expect(r.out).toContain('0 claims: 0 as expected, 0 drifted');
    expect(r.err).toMatch(/error: could not write the report to .*: (EACCES|EROFS|ENAMETOOLONG)/);
  });
});

describe.concurrent('--store and --out name folders', () => {
  const file = path.join(dir, 'a-file');
  fs.writeFileSync(file, 'x');
  const missing = path.join(dir, 'no-such-store');
  const cases: [string[], RegExp][] = [
    [['verify', '--store', missing], /^error: --store .*no-such-store: no such directory/],
    [['verify', '--store', file], /^error: --store .*a-file: not a directory/],
    [['report', '--store', missing, '--out', dir], /^error: --store .*: no such directory/],
    [
      ['check-jacobian', path.join(examples, 'jacobian-truncated.mjs'), '--out', file],
      /^error: --out .*a-file: not a directory/,
    ],
    [
      ['check-gradient', path.join(examples, 'gradient-delta.mjs'), '--out', path.join(file, 'x')],
      /^error: --out .*: not a directory \(.*a-file is a file\)/,
    ],
  ];
  for (const [args, message] of cases) {
    test(`${args[0]} ${args.slice(-2).join(' ')} → exit 2`, () => {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(fs.existsSync(missing)).toBe(false);
    });
  }
});

describe.concurrent('check-* saves outside the claim store, and what it saves replays', () => {
  test('the default --out is formula-counterexamples/ in the current directory (created, and said so); replay re-checks the formula; a missing formula is exit 2 naming formula.path', () => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cwd-'));
    const formula = path.join(cwd, 'mine.mjs');
    fs.copyFileSync(path.join(examples, 'jacobian-truncated.mjs'), formula);
    fs.copyFileSync(path.join(examples, 'forward.mjs'), path.join(cwd, 'forward.mjs'));
    const before = fingerprint(repoStore);
    const r = run(['check-jacobian', formula, '--quiet'], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`--out: created ${path.join(cwd, 'formula-counterexamples')}`);
    const saved = fs.readdirSync(path.join(cwd, 'formula-counterexamples'));
    expect(saved).toEqual([expect.stringMatching(/^formula\.jacobian\.mine--[0-9a-f]{10}\.json$/)]);
    expect(fingerprint(repoStore)).toEqual(before);
    const file = path.join('formula-counterexamples', saved[0]);
    expect(JSON.parse(fs.readFileSync(path.join(cwd, file), 'utf8')).formula).toEqual({
      path: formula,
      kind: 'jacobian',
    });
    const replay = run(['replay', file], cwd);
    expect(replay.code).toBe(0);
    expect(replay.out).toMatch(/^REPRODUCES formula-counterexamples\/formula\.jacobian\.mine--/);
    fs.rmSync(formula);
    const gone = run(['replay', file], cwd);
    expect(gone.code).toBe(2);
    expect(gone.out).toContain(`${file}: formula.path: ${formula}: no such file`);
  });
});

describe('verify saves into the committed store only when asked', () => {
  test('savesNew: the default store on the default seed over the whole ledger, an explicit store always, else only with --save', () => {
    const env = {};
    expect(savesNew({}, DEFAULT_SEED, env)).toBe(true);
    expect(savesNew({}, 4242, env)).toBe(false);
    expect(savesNew({ claim: ['x'] }, DEFAULT_SEED, env)).toBe(false);
    expect(savesNew({ activation: 'tanh' }, DEFAULT_SEED, env)).toBe(false);
    expect(savesNew({ runs: 20 }, DEFAULT_SEED, env)).toBe(false);
    expect(savesNew({ runs: 20, save: true }, 4242, env)).toBe(true);
    expect(savesNew({ store: '/tmp/s' }, 4242, env)).toBe(true);
    expect(savesNew({}, 4242, { BPTT_COUNTEREXAMPLES: '/tmp/s' })).toBe(true);
  });

  test('verify on another seed leaves counterexamples/ as it is and says what it did not save', () => {
    const before = fingerprint(repoStore);
    const r = run(['verify', '--claim', 'lemma3.general', '--seed', '5']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /note: lemma3\.general: found .*lemma3\.general--[0-9a-f]{10}\.json; not saved \(pass --save to keep it\)/,
    );
    expect(fingerprint(repoStore)).toEqual(before);
  });
});

describe.concurrent('report answers for the store as verify does', () => {
  test('a stray file and a dot-file other than a temp file make report exit 2 after writing, naming each', () => {
    const store = path.join(dir, 'stray-store');
    fs.mkdirSync(store);
    for (const f of ['.hidden.json', 'notes.txt', '.lemma3.general--0123456789.json.1.ab.tmp'])
      fs.writeFileSync(path.join(store, f), 'x');
    const json = path.join(dir, 'empty-verify-2.json');
    fs.writeFileSync(json, '[]');
    const out = path.join(dir, 'stray-report');
    const r = run(['report', '--json-input', json, '--store', store, '--out', out, '--quiet']);
    expect(r.code).toBe(2);
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(r.err).toContain(`error: ${path.join(store, '.hidden.json')}: not a counterexample`);
    expect(r.err).toContain(`error: ${path.join(store, 'notes.txt')}: not a counterexample`);
    expect(r.err).not.toContain('.tmp');
  });
});

describe('BPTT_COUNTEREXAMPLES is checked as --store is', () => {
  const verifyWithStore = (store: string) =>
    spawnSync(process.execPath, [bin, 'verify', '--claim', 'thm1.literal-hv', '--runs', '1'], {
      encoding: 'utf8',
      env: { ...process.env, BPTT_COUNTEREXAMPLES: store },
    });

  test('a missing folder is exit 2 and is not created; a file is exit 2', () => {
    const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-env-')), 'typo');
    const r = verifyWithStore(missing);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`BPTT_COUNTEREXAMPLES=${missing}: no such directory`);
    expect(fs.existsSync(missing)).toBe(false);
    const file = path.join(path.dirname(missing), 'f');
    fs.writeFileSync(file, '');
    const r2 = verifyWithStore(file);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain(`BPTT_COUNTEREXAMPLES=${file}: not a directory`);
  });
});
