import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { checkFormula } from './formulaCheck.js';

// In this process only (the CLI runs below are separate processes): the generator yields one case
// whose states overflow from h_3 on, at t = 1 (judged) or t = 4 (the oracles overflow).
vi.mock('../generators/claimInputArbitrary.js', async () => {
  const fc = (await import('fast-check')).default;
  const overflowing = {
    activation: 'identity',
    W_R: [[1e200]],
    W_I: [[1]],
    b_R: [0],
    W_O: [[1], [-1]],
    b_O: [0, 0],
    h_0: [0],
    xs: [[1], [0], [0], [0]],
    ys: [0, 0, 0, 0],
  };
  return {
    claimInputArbitrary: () =>
      fc.constantFrom(1, 4, 4).map((t) => ({ case: overflowing, params: { t } })),
  };
});

const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const examples = fileURLToPath(new URL('./examples/', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-formula-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--out', path.join(dir, 'out'), '--quiet'], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
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
      /returned an array .* where \d+×\d+ nested arrays \(∂h_t\/∂W_R\) were expected/,
      [],
    ],
    [
      'throws a value that cannot be converted to a string',
      'export default () => { throw Object.create(null); };',
      /the formula threw on a case .*: an object \(not an Error\)$/,
      [],
    ],
    [
      'throws a multi-line message',
      'export default () => { throw new Error("first\\nsecond\\nthird"); };',
      /the formula threw on a case .*: first \(\+2 more lines\)$/,
      [],
    ],
    [
      'returns the string "0"',
      'export default () => "0";',
      /returned a string \("0"\) on a case .* where \d+×\d+ nested arrays/,
      [],
    ],
    [
      'returns [0]',
      'export default () => [0];',
      /returned an array of 1 number on a case .* where \d+×\d+ nested arrays/,
      [],
    ],
    ['returns 0n', 'export default () => 0n;', /returned a bigint \(0n\) on a case/, []],
    [
      'is async',
      'export default async (c) => c.W_R.map(() => new Array(c.W_R.length ** 2).fill(0));',
      /returned a Promise on a case .*: return the matrix itself/,
      [],
    ],
    [
      'returns string entries',
      'export default (c) => c.W_R.map(() => new Array(c.W_R.length ** 2).fill("0"));',
      /returned a string \("0"\) at \[0\]\[0\] on a case .*must be finite numbers/,
      [],
    ],
    [
      'returns rows of 10⁸ entries (refused by their length, not walked)',
      'export default (c) => c.W_R.map(() => new Array(1e8));',
      /returned an array whose row 0 has 100000000 entries on a case/,
      [],
    ],
    [
      'returns a result whose getter throws',
      'export default (c) => c.W_R.map(() => new Proxy([], { get() { throw new Error("trap"); } }));',
      /result could not be read on a case .*: trap/,
      [],
    ],
    [
      'imports a package that is not installed',
      'import x from "no-such-pkg-bptt"; export default x;',
      /imports-a-package-that-is-not-installed\.mjs imports 'no-such-pkg-bptt', which cannot be found \(is it installed where .*imports-a-package-that-is-not-installed\.mjs is\?\)/,
      [],
    ],
    ['not a function', 'export default 42;', /default export: expected a function/, []],
    [
      'exports a Proxy whose traps throw',
      'export default new Proxy({}, { get() { throw new Error("trap"); } });',
      /default export: expected a function .*, got a value that cannot be inspected/,
      [],
    ],
    [
      'exports a function Proxy whose get trap throws 1',
      'export default new Proxy(function () {}, { get() { throw 1; } });',
      /default export: a function that cannot be inspected \(reading a property threw the number 1/,
      [],
    ],
    [
      'exports a function Proxy whose get trap throws an Error',
      'export default new Proxy(function () {}, { get() { throw new Error("x"); } });',
      /default export: a function that cannot be inspected \(reading a property threw x\)$/,
      [],
    ],
    [
      'forges a HOLDS verdict with process.send at import',
      `process.send({ type: 'result', verdict: { verdict: 'holds' }, value: { verdict: 'holds', formula: 'x', kind: 'jacobian', runs: 20, tally: {} } });\nexport default () => { throw new Error('never called'); };`,
      /the formula sent a message that did not come from the checker/,
      [],
    ],
    [
      'never returns',
      'export default () => { for (;;) {} };',
      /did not return within 2 s/,
      ['--timeout', '2'],
    ],
    [
      'exhausts memory',
      'export default () => { const a = []; for (;;) a.push(new Array(1e6).fill(1)); };',
      /the formula ran out of memory \(its process may use 128 MB of heap\)/,
      ['--max-memory', '128'],
    ],
  ];
  for (const [what, body, message, extra] of cases) {
    test(what, () => {
      const f = module(`${what.replace(/\W/g, '-')}.mjs`, body);
      const r = run('check-jacobian', f, '--runs', '20', ...extra);
      expect(r.code).toBe(2);
      // what the formula's process printed comes first (V8's own report of a heap exhaustion); then one error line
      const errors = r.err.split('\n').filter((l) => l.startsWith('error: '));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
      expect(r.err).not.toMatch(/^\s+at /m);
      expect(r.out).toBe('');
      expect(errors[0]).toContain(f);
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
    expect(r.err).toMatch(/nope\.mjs: no such file/);
  });
  test('what a formula writes to fd 1 or in bulk to stderr reaches stderr in full, never stdout', () => {
    const f = module(
      'fd1.mjs',
      `import fs from 'node:fs';\nimport j from ${JSON.stringify(pathToFileURL(path.join(examples, 'jacobian-forward.mjs')).href)};\nlet k = 0;\nexport default (c, t) => { fs.writeSync(1, 'raw fd 1\\n'); if (++k === 1) { for (let i = 0; i < 20000; i++) console.error('bulk ' + 'x'.repeat(50)); console.error('END OF BULK'); } return j(c, t); };`,
    );
    const r = run('check-jacobian', f, '--runs', '10', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).verdict).toBe('holds');
    expect(r.err).toContain('raw fd 1');
    expect(r.err).toContain('END OF BULK');
    expect(r.err.split('\n').filter((l) => l.startsWith('bulk '))).toHaveLength(20000);
  });
});

describe.concurrent('replay of a formula counterexample runs the formula in a child process', () => {
  const truncated = pathToFileURL(path.join(examples, 'jacobian-truncated.mjs')).href;
  const ledgerFile = fileURLToPath(
    new URL('../../counterexamples/lemma1.example--6ab50d78e5.json', import.meta.url),
  );
  /** A refuted formula `name` and its saved counterexample; then the formula's body is `body`. */
  function refuted(name: string, body: string): { formula: string; file: string } {
    const formula = module(name, `export { default } from ${JSON.stringify(truncated)};\n`);
    const out = path.join(dir, `out-${name}`);
    const r = spawnSync(
      process.execPath,
      [bin, 'check-jacobian', formula, '--out', out, '--quiet'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(1);
    const file = path.join(out, fs.readdirSync(out)[0]);
    fs.writeFileSync(formula, body);
    return { formula, file };
  }
  function replay(...args: string[]) {
    const r = spawnSync(process.execPath, [bin, 'replay', ...args], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  test('a formula that calls process.exit(0) is INVALID naming formula.path (exit 2); the next file is still replayed', () => {
    const { formula, file } = refuted('exits.mjs', 'export default () => { process.exit(0); };');
    const r = replay(file, ledgerFile);
    expect(r.code).toBe(2);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(
      `INVALID ${file}: formula.path: ${formula}: the formula exited (process.exit(0)) instead of returning a matrix`,
    );
    expect(r.out).toContain(`REPRODUCES ${ledgerFile}`);
  });

  test('--json: what the formula prints (console.log, fd 1) goes to stderr; stdout is one JSON document', () => {
    const { file } = refuted(
      'chatty-replay.mjs',
      `import fs from 'node:fs';\nimport j from ${JSON.stringify(truncated)};\nconsole.log('import chatter');\nexport default (c, t) => { console.log('call chatter'); fs.writeSync(1, 'raw fd 1\\n'); return j(c, t); };\n`,
    );
    const r = replay('--json', file);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([expect.objectContaining({ status: 'reproduces' })]);
    expect(r.err).toContain('import chatter');
    expect(r.err).toContain('call chatter');
    expect(r.err).toContain('raw fd 1');
  });

  test('a formula that never returns is INVALID after the default --timeout (exit 2), not a hang', () => {
    const { formula, file } = refuted('hangs.mjs', 'export default () => { for (;;) {} };');
    const r = replay(file, ledgerFile);
    expect(r.code).toBe(2);
    expect(r.out.split('\n')[0]).toBe(
      `INVALID ${file}: formula.path: ${formula}: the formula did not return within 20 s`,
    );
    expect(r.out).toContain(`REPRODUCES ${ledgerFile}`);
  });

  test('a formula that forges its answer with process.send is INVALID (exit 2)', () => {
    const { formula, file } = refuted(
      'forges-replay.mjs',
      `process.send({ type: 'result', value: { file: 'x', reproduces: true } });\nexport default () => { throw new Error('never called'); };\n`,
    );
    const r = replay(file);
    expect(r.code).toBe(2);
    expect(r.out.trim()).toBe(
      `INVALID ${file}: formula.path: ${formula}: the formula sent a message that did not come from the checker`,
    );
  });

  test("a file whose claim is not its formula.path's is INVALID naming claim, and the formula is never imported", () => {
    const marker = path.join(dir, 'imported.marker');
    const { file } = refuted(
      'claimed.mjs',
      `import fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(marker)}, '');\nexport { default } from ${JSON.stringify(truncated)};\n`,
    );
    const content = JSON.parse(fs.readFileSync(file, 'utf8'));
    content.claim = 'formula.jacobian.other';
    const other = path.join(path.dirname(file), path.basename(file).replace('claimed', 'other'));
    fs.writeFileSync(other, JSON.stringify(content));
    const r = replay(other);
    expect(r.code).toBe(2);
    expect(r.out.trim()).toBe(
      `INVALID ${other}: claim: "formula.jacobian.other" is not the claim of formula.path ("formula.jacobian.claimed")`,
    );
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe.concurrent('check-jacobian: TypeScript anywhere, and a budget for the whole check', () => {
  test('a .ts formula outside any package (a temp folder) loads and holds', () => {
    const f = module(
      'typed.ts',
      `import j from ${JSON.stringify(pathToFileURL(path.join(examples, 'jacobian-forward.mjs')).href)};\ntype Case = { W_R: number[][] };\nexport default (c: Case, t: number): number[][] => j(c, t);\n`,
    );
    expect(fs.existsSync(path.join(dir, 'package.json'))).toBe(false);
    const r = run('check-jacobian', f, '--runs', '20');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^HOLDS .*typed\.ts/);
  });

  const slow = (name: string, wrong: boolean) =>
    module(
      name,
      `import j from ${JSON.stringify(pathToFileURL(path.join(examples, 'jacobian-forward.mjs')).href)};\nexport default (c, t) => { const end = Date.now() + 150; while (Date.now() < end); const J = j(c, t); ${wrong ? 'J[0][0] += 1; ' : ''}return J; };`,
    );

  test('--max-time stops a slow wrong formula while shrinking: refuted with the best shrink so far (exit 1)', () => {
    const r = run('check-jacobian', slow('slow-wrong.mjs', true), '--max-time', '1', '--json');
    expect(r.code).toBe(1);
    const v = JSON.parse(r.out);
    expect(v).toMatchObject({ verdict: 'refuted', interrupted: true });
    expect(v.reverification.violated).toBe(true);
    expect(fs.existsSync(v.counterexample)).toBe(true);
  });

  test('--max-time stops a slow correct formula before its runs are done: INCONCLUSIVE (exit 3)', () => {
    const r = run('check-jacobian', slow('slow-right.mjs', false), '--max-time', '1');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(
      /^INCONCLUSIVE .*slow-right\.mjs .*: stopped by --max-time 1 s after \d+ of 500 runs/,
    );
  });
});

describe('checkFormula: a verdict whose runs are mostly not comparisons is inconclusive', () => {
  test('a formula judged on 1 case in 3 (the oracles overflow on the others) is INCONCLUSIVE, not HOLDS', () => {
    // Zero is ∂h_1/∂W_R = h_0 = 0 of the mocked case; at t = 4 the oracles overflow.
    const zero = (c: { W_R: number[][] }) => c.W_R.map(() => new Array(c.W_R.length ** 2).fill(0));
    const v = checkFormula(zero, 'zero.mjs', 'jacobian', {
      runs: 30,
      seed: 1,
      outDir: path.join(dir, 'out'),
    });
    expect(v.tally.pass).toBeGreaterThan(0);
    expect(v.tally.overflow).toBeGreaterThan(v.tally.pass);
    expect(v.verdict).toBe('inconclusive');
    expect(v.reason).toBe(
      `only ${v.tally.pass} of 30 runs could be compared with the oracles (${v.tally.pass} pass, ${v.tally.overflow} overflow)`,
    );
  });
});
