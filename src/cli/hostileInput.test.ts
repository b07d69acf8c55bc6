import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// Every entry point fed hostile input: each gets one clear line and a documented exit code, and
// none corrupts or deletes a saved counterexample.
const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const storeDir = fileURLToPath(new URL('../../counterexamples/', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-hostile-'));

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function write(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

/** sha256 of every file in the repository's store, to prove nothing was touched. */
function storeFingerprint(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(storeDir))
    out[f] = createHash('sha256')
      .update(fs.readFileSync(path.join(storeDir, f)))
      .digest('hex');
  return out;
}

const before = storeFingerprint();
const saved = Object.keys(before).find((f) => f.endsWith('.json'));
const savedText = saved ? fs.readFileSync(path.join(storeDir, saved), 'utf8') : '{}';
const valid = JSON.parse(savedText) as Record<string, unknown> & { case: Record<string, unknown> };

describe.concurrent('hostile case files → exit 2, one line naming the field', () => {
  const caseText = JSON.stringify(valid.case);
  const hostile: [string, string, RegExp][] = [
    ['truncated', caseText.slice(0, caseText.length / 2), /\(root\): invalid JSON/],
    ['empty file', '', /\(root\): invalid JSON/],
    ['an array', '[1, 2, 3]', /\(root\): expected a JSON object/],
    [
      'wrong type',
      caseText.replace('"activation":', '"activation": 3, "x":'),
      /activation: unknown activation 3|x: unknown key/,
    ],
    ['NaN token', caseText.replace(/"b_R":\s*\[/, '"b_R": [NaN, '), /invalid JSON/],
    ['Infinity', caseText.replace(/"b_R":\s*\[/, '"b_R": [1e999, '), /b_R/],
    [
      'huge n',
      JSON.stringify({ ...valid.case, W_R: new Array(600).fill([0]) }),
      /W_R: n = 600 exceeds the limit 512/,
    ],
    ['missing key', JSON.stringify({ ...valid.case, ys: undefined }), /ys: missing/],
    ['unknown key', JSON.stringify({ ...valid.case, W_Q: [] }), /W_Q: unknown key/],
  ];
  for (const [what, text, message] of hostile) {
    test(what, () => {
      const f = write(`case-${what.replace(/\W/g, '-')}.json`, text);
      const r = run(['eval', f]);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')[0]).toMatch(
        new RegExp(`^error: ${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `),
      );
      expect(r.err.split('\n')[0]).toMatch(message);
    });
  }
});

describe.concurrent('hostile counterexample files → replay and verify exit 2 naming the file and field', () => {
  const hostile: [string, string, RegExp][] = [
    ['truncated', savedText.slice(0, 100), /\(root\): invalid JSON/],
    [
      'wrong schema',
      JSON.stringify({ ...valid, schema: 'bptt-claims/counterexample@0' }),
      /schema: expected/,
    ],
    [
      'wrong types',
      JSON.stringify({ ...valid, witness: { ...(valid.witness as object), absError: 'big' } }),
      /witness\.absError/,
    ],
    ['NaN in case', savedText.replace(/"b_R": \[/, '"b_R": [NaN, '), /\(root\): invalid JSON/],
    [
      'Infinity in params',
      JSON.stringify({ ...valid, params: { t: 0 } }).replace('"t":0', '"t":1e999'),
      /params\.t: expected a finite number|params\.t/,
    ],
    [
      'missing key',
      JSON.stringify({ ...valid, reverification: undefined }),
      /reverification: missing \(expected an object\)/,
    ],
    ['unknown key', JSON.stringify({ ...valid, note: 'hi' }), /note: unknown key/],
    ['unknown claim', JSON.stringify({ ...valid, claim: 'no.such.claim' }), /claim: unknown claim/],
  ];
  for (const [what, text, message] of hostile) {
    test(what, () => {
      const f = write(`cx-${what.replace(/\W/g, '-')}.json`, text);
      const r = run(['replay', f]);
      expect(r.code).toBe(2);
      expect(r.out).toMatch(message);
      expect(r.out).toContain(f);
    });
  }

  test('a store with a malformed file makes verify exit 2 (bad input, as replay) and name it; nothing in the store changes', () => {
    const store = path.join(dir, 'store');
    fs.mkdirSync(store, { recursive: true });
    const claim = String(valid.claim);
    const bad = path.join(store, `${claim}--0000000000.json`);
    fs.writeFileSync(bad, '{"schema": ');
    const r = run(['verify', '--claim', claim, '--store', store, '--runs', '5', '--quiet']);
    expect(r.code).toBe(2);
    // The claim's FAIL row in the ledger (stdout) names the file and the field.
    expect(r.out).toContain(`${bad}: (root): invalid JSON`);
    expect(fs.readFileSync(bad, 'utf8')).toBe('{"schema": ');
  });
});

describe.concurrent('hostile CLI flags → exit 2', () => {
  const flags: [string[], RegExp][] = [
    [['verify', '--runs', '-3'], /--runs: expected an integer ≥ 1/],
    [['verify', '--runs', '1e400'], /--runs: expected an integer/],
    [['verify', '--seed', 'abc'], /--seed: expected an integer/],
    [['verify', '--activation', ''], /--activation: unknown activation/],
    [['verify', '--claim'], /argument missing/],
    [['eval'], /missing required argument/],
    [['replay'], /missing required argument/],
    [
      ['check-jacobian', 'x.mjs', '--timeout', '0'],
      /--timeout: expected an integer from 1 to 86400/,
    ],
    // Node's timers hold at most 2³¹−1 ms: a longer delay would fire at once.
    [
      ['check-jacobian', 'x.mjs', '--timeout', '2147484'],
      /--timeout: expected an integer from 1 to 86400, got "2147484"/,
    ],
    [
      ['check-gradient', 'x.mjs', '--max-time', '0'],
      /--max-time: expected an integer from 1 to 86400/,
    ],
    [
      ['check-gradient', 'x.mjs', '--max-time', '1e9'],
      /--max-time: expected an integer from 1 to 86400/,
    ],
    [['bench', '--max-n', 'x'], /--max-n: expected an integer/],
    [['--no-such-flag'], /unknown option/],
  ];
  for (const [args, message] of flags) {
    test(args.join(' '), () => {
      const r = run(args, { FC_SEED: '' });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    });
  }
  test('FC_SEED that is not an integer', () => {
    const r = run(['verify', '--claim', 'thm1.literal-hv', '--runs', '1'], { FC_SEED: 'twelve' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/FC_SEED: expected an integer in -2147483648…2147483647, got "twelve"/);
  });
});

describe.concurrent('files that are not regular files are refused before a byte is read', () => {
  // /dev/zero never ends and stats as 0 bytes; a FIFO's open blocks until a writer comes.
  const fifo = path.join(dir, 'pipe.json');
  spawnSync('mkfifo', [fifo]);
  for (const [what, target, message] of [
    ['/dev/zero', '/dev/zero', /a character device, not a file/],
    ['a FIFO', fifo, /a named pipe, not a file/],
  ] as const) {
    test(`${what}: eval, replay and report --json-input exit 2 naming it`, () => {
      for (const args of [
        ['eval', target],
        ['replay', target],
        ['report', '--json-input', target, '--out', path.join(dir, 'rep')],
      ]) {
        const r = run(args);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.out + r.err, args.join(' ')).toMatch(message);
      }
    });
    test(`${what} linked into a store under a counterexample's name: verify exits 2 naming it`, () => {
      const store = fs.mkdtempSync(path.join(dir, 'store-dev-'));
      const name = path.join(store, `${String(valid.claim)}--0000000000.json`);
      fs.symlinkSync(target, name);
      const r = run([
        'verify',
        '--claim',
        String(valid.claim),
        '--store',
        store,
        '--runs',
        '5',
        '--quiet',
      ]);
      expect(r.code).toBe(2);
      expect(r.out).toMatch(message);
      expect(r.out).toContain(name);
    });
  }
});

test('no hostile input touched the saved counterexamples', () => {
  expect(storeFingerprint()).toEqual(before);
});
