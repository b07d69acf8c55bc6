import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { counterexampleName } from '../engine/store.js';
import type { Case } from '../model/caseFile.js';

const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-cli-'));
fs.mkdirSync(path.join(dir, 'store'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, BPTT_COUNTEREXAMPLES: path.join(dir, 'store'), NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function write(name: string, content: unknown): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

const good: Case = {
  activation: 'tanh',
  W_R: [
    [0.5, -1],
    [0.25, 0.75],
  ],
  W_I: [[1], [-0.5]],
  b_R: [0.125, 8],
  W_O: [
    [1, 0],
    [0, 1],
    [-1, 1],
  ],
  b_O: [0, 0, 0.5],
  h_0: [0.3, -0.2],
  xs: [[1], [-1], [0.5]],
  ys: [0, 2, 1],
};

describe.concurrent('bptt-claims eval', () => {
  test('--full prints h, ∂h_t/∂W_R four ways and ∂E_t/∂W_R two ways, all agreeing', () => {
    const r = run('eval', write('good.json', good), '--t', '2', '--full');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.t).toBe(2);
    expect(o.h).toHaveLength(4);
    expect(Object.keys(o.dh_dWR)).toEqual([
      'theorem1',
      'autodiff',
      'finiteDifference',
      'complexStep',
    ]);
    expect(Object.keys(o.dE_dWR)).toEqual(['bptt', 'autodiff']);
    expect(o.dh_dWR.theorem1).toHaveLength(2);
    expect(o.dh_dWR.theorem1[0]).toHaveLength(4);
    expect(o.agreement['dh_dWR.autodiff']).toBeLessThan(1e-10);
    expect(o.agreement['dh_dWR.complexStep']).toBeLessThan(1e-10);
    expect(o.agreement['dh_dWR.finiteDifference']).toBeLessThan(1e-7);
    expect(o.agreement['dE_dWR.autodiff']).toBeLessThan(1e-10);
  });

  const bad: [string, unknown, RegExp][] = [
    ['truncated JSON', '{"activation": "tanh", "W_R": [[1', /: \(root\): invalid JSON/],
    ['unknown key', { ...good, W_X: 1 }, /: W_X: unknown key/],
    [
      'wrong shape',
      {
        ...good,
        W_R: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
      /: W_R\[0\]: expected 2 numbers, got 3/,
    ],
    ['unknown activation', { ...good, activation: 'swish' }, /: activation: unknown activation/],
    ['1e999', JSON.stringify(good).replace('0.3', '1e999'), /: h_0\[0\]: expected a finite number/],
  ];
  for (const [what, content, message] of bad) {
    test(`a bad case file (${what}) exits 2 with one line naming the field`, () => {
      const f = write(`bad-${what.replace(/\W/g, '')}.json`, content);
      const r = run('eval', f);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const [first, hint] = r.err.trim().split('\n');
      expect(first.startsWith(`error: ${f}: `)).toBe(true);
      expect(first).toMatch(message);
      expect(hint).toMatch(/^hint: /);
    });
  }

  test('a missing file and a bad --t exit 2', () => {
    expect(run('eval', path.join(dir, 'nope.json')).err).toMatch(/cannot read \(no such file\)/);
    const r = run('eval', write('good2.json', good), '--t', '9');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--t: expected an integer step in 1…3, got "9"/);
  });
});

describe.concurrent('bptt-claims verify, replay, schema', () => {
  test('bad flags exit 2 with a hint', () => {
    expect(run('verify', '--claim', 'no.such').code).toBe(2);
    expect(run('verify', '--claim', 'no.such').err).toMatch(/hint: known claims: /);
    expect(run('verify', '--activation', 'swish').code).toBe(2);
    expect(run('verify', '--runs', 'many').err).toMatch(/--runs: expected an integer/);
    expect(run('no-such-command').code).toBe(2);
  });

  test('verify --json finds and saves a counterexample; replay reproduces it (0), an edited copy does not (1), a malformed file is invalid (2)', () => {
    const r = run('verify', '--claim', 'thm1.literal-hv', '--json', '--seed', '11');
    expect(r.code).toBe(0);
    const [row] = JSON.parse(r.out);
    expect(row).toMatchObject({ id: 'thm1.literal-hv', expected: 'refuted', observed: 'refuted' });
    expect(row.counterexample).toMatch(/thm1\.literal-hv--[0-9a-f]{10}\.json$/);
    const ok = run('replay', row.counterexample);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^REPRODUCES /);
    expect(ok.out).toMatch(/60-digit: claimed/);
    const edited = JSON.parse(fs.readFileSync(row.counterexample, 'utf8'));
    edited.case.h_0 = edited.case.h_0.map(() => 0);
    edited.case.activation = 'tanh';
    edited.params.t = 1;
    // under its old name the edit is refused before any computation (bad input); under the name
    // its content hashes to it is replayed and does not reproduce (a finding)
    const renamed = run('replay', write(path.basename(row.counterexample), edited));
    expect(renamed.code).toBe(2);
    expect(renamed.out).toMatch(/INVALID .*: case: the content no longer matches the file name/);
    const f = write(counterexampleName(edited.claim, edited.case, edited.params), edited);
    const no = run('replay', f, '--json');
    expect(no.code).toBe(1);
    expect(JSON.parse(no.out)[0].status).toBe('does-not-reproduce');
    const bad = run('replay', write('broken.json', '{"schema": 1}'));
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/INVALID .*broken\.json: schema: expected/);
  });

  test('schema prints the JSON Schema of counterexample files', () => {
    const s = JSON.parse(run('schema').out);
    expect(s.required).toEqual([
      'schema',
      'claim',
      'case',
      'params',
      'witness',
      'found',
      'reverification',
    ]);
  });
});
