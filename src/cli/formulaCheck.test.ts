import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';

const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const examples = fileURLToPath(new URL('./examples/', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-formula-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--out', path.join(dir, 'out'), '--quiet'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function module(name: string, body: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, body);
  return f;
}

describe.concurrent('check-jacobian / check-gradient on the README examples', () => {
  test('a correct Jacobian written as forward-mode sensitivities holds (exit 0)', () => {
    const r = run('check-jacobian', path.join(examples, 'jacobian-forward.mjs'), '--runs', '200');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^HOLDS .* on 200 generated cases/);
  });

  test('truncated BPTT is refuted with a small shrunk counterexample (exit 1)', () => {
    const r = run('check-jacobian', path.join(examples, 'jacobian-truncated.mjs'), '--json');
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out);
    expect(v.verdict).toBe('refuted');
    expect(v.case.W_R.length).toBeLessThanOrEqual(2);
    expect(v.case.xs.length).toBeLessThanOrEqual(3);
    expect(fs.existsSync(v.counterexample)).toBe(true);
    expect(v.reverification.violated).toBe(true);
  });

  test('the BPTT δ-recursion holds (exit 0); forgetting σ′ is refuted (exit 1)', () => {
    expect(
      run('check-gradient', path.join(examples, 'gradient-delta.mjs'), '--runs', '300').code,
    ).toBe(0);
    const r = run('check-gradient', path.join(examples, 'gradient-no-sigma-prime.mjs'), '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).case.W_R.length).toBe(1);
  });
});

describe.concurrent('hostile FORMULA modules exit 2 with one clear line', () => {
  const cases: [string, string, RegExp, string[]][] = [
    [
      'throws',
      'export default () => { throw new Error("boom"); };',
      /the formula threw on a case .*: boom/,
      [],
    ],
    [
      'returns NaN',
      'export default (c) => c.W_R.map(() => new Array(c.W_R.length ** 2).fill(NaN));',
      /returned NaN at \[0\]\[0\]/,
      [],
    ],
    [
      'returns −∞ everywhere',
      'export default (c) => c.W_R.map(() => new Array(c.W_R.length ** 2).fill(-Infinity));',
      /returned -Infinity at \[0\]\[0\] .*must be finite/,
      [],
    ],
    [
      'a correct Jacobian but +∞ at one entry from t = 2 on',
      `import j from ${JSON.stringify(pathToFileURL(path.join(examples, 'jacobian-forward.mjs')).href)};\nexport default (c, t) => { const J = j(c, t); if (t >= 2) J[0][0] = Infinity; return J; };`,
      /returned Infinity at \[0\]\[0\] .*t = [2-9]/,
      [],
    ],
    [
      'calls process.exit',
      'export default () => { process.exit(0); };',
      /the formula exited \(process\.exit\(0\)\)/,
      ['--timeout', '60'],
    ],
    [
      'wrong shape',
      'export default () => [[1, 2, 3]];',
      /returned the wrong shape .*expected \d+×\d+/,
      [],
    ],
    ['not a function', 'export default 42;', /default export: expected a function/, []],
    [
      'never returns',
      'export default () => { for (;;) {} };',
      /did not return within 2 s/,
      ['--timeout', '2'],
    ],
  ];
  for (const [what, body, message, extra] of cases) {
    test(what, () => {
      const f = module(`${what.replace(/\W/g, '-')}.mjs`, body);
      const r = run('check-jacobian', f, '--runs', '20', ...extra);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')[0]).toMatch(message);
    });
  }
  test('check-gradient: a formula returning ∞ is an error, not a pass', () => {
    const f = module(
      'gradient-inf.mjs',
      'export default (c) => c.W_R.map((r) => r.map(() => Number.POSITIVE_INFINITY));',
    );
    const r = run('check-gradient', f, '--runs', '20');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toMatch(/returned Infinity at \[0\]\[0\] .*must be finite/);
  });
  test('what a formula prints goes to stderr: --json on stdout stays one JSON document', () => {
    const f = module(
      'chatty.mjs',
      `import j from ${JSON.stringify(pathToFileURL(path.join(examples, 'jacobian-forward.mjs')).href)};\nexport default (c, t) => { console.log('hello from the formula'); return j(c, t); };`,
    );
    const r = run('check-jacobian', f, '--runs', '10', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).verdict).toBe('holds');
    expect(r.err).toContain('hello from the formula');
  });
  test('a missing module', () => {
    const r = run('check-gradient', path.join(dir, 'nope.mjs'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nope\.mjs: cannot find the module/);
  });
});
