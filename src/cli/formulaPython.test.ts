import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const examples = fileURLToPath(new URL('./examples/', import.meta.url));
// A space in the folder: the .py path and the --cmd words must survive it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt formula py-'));

/** The first interpreter (of $BPTT_PYTHON, python3 on the PATH, Debian's) that runs `code`. */
function python(code: string): string | undefined {
  const candidates = [process.env.BPTT_PYTHON, 'python3', '/usr/bin/python3'];
  return candidates.find(
    (p) => p && spawnSync(p, ['-c', code], { stdio: 'ignore', timeout: 60_000 }).status === 0,
  );
}
const PY = python('pass');
const PY_NUMPY = python('import numpy');
const PY_TORCH = python('import numpy, torch');
const INSTALL = 'install them with: apt-get install -y python3-numpy python3-torch';
const SKIP_ANY = `SKIPPED the Python formula tests: no python3 (${INSTALL})`;
const SKIP_NUMPY = `SKIPPED the NumPy twins of the JS examples: no python3 with numpy (${INSTALL})`;
const SKIP_TORCH = `SKIPPED the PyTorch example: no python3 with numpy and torch (${INSTALL})`;
// Said on stderr too: the default reporter shows a skipped test without why.
for (const [missing, message] of [
  [!PY, SKIP_ANY],
  [!PY_NUMPY, SKIP_NUMPY],
  [!PY_TORCH, SKIP_TORCH],
] as const)
  if (missing) console.warn(message);

/** Single-quoted for --cmd (no quote inside a test path). */
const q = (s: string) => `'${s}'`;

function run(args: string[], python = PY, cwd?: string) {
  const quiet = args[0]?.startsWith('check-') ? ['--quiet'] : [];
  const r = spawnSync(process.execPath, [bin, ...args, ...quiet], {
    encoding: 'utf8',
    timeout: 170_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...(python ? { BPTT_PYTHON: python } : {}) },
    ...(cwd ? { cwd } : {}),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function pyFile(name: string, body: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, body);
  return f;
}

/** A formula file served by bptt_formula with the case as plain lists (no numpy needed). */
function served(name: string, body: string): string {
  return pyFile(
    name,
    `from bptt_formula import serve\n\ndef jacobian(c, t):\n${body}\n\nif __name__ == "__main__":\n    serve(jacobian, numpy=False)\n`,
  );
}

/** Only the check's own lines, without what the formula itself wrote to stderr. */
const errorLine = (err: string) => err.split('\n').find((l) => l.startsWith('error: ')) ?? '';

describe
  .skipIf(!PY_NUMPY)
  .concurrent(
    PY_NUMPY
      ? 'the NumPy examples give the verdict and shrunk counterexample of their JS twins'
      : SKIP_NUMPY,
    () => {
      test.each([
        ['jacobian', 'jacobian-forward', 'holds'],
        ['jacobian', 'jacobian-truncated', 'refuted'],
        ['gradient', 'gradient-delta', 'holds'],
        ['gradient', 'gradient-no-sigma-prime', 'refuted'],
      ])(
        'check-%s %s.py %s as its .mjs twin does, with the same case',
        (kind, name, verdict) => {
          const args = (ext: string) => [
            `check-${kind}`,
            path.join(examples, `${name}.${ext}`),
            '--runs',
            '40',
            '--seed',
            '7',
            '--json',
            '--out',
            path.join(dir, `twins-${name}-${ext}`),
          ];
          const js = run(args('mjs'));
          const py = run(args('py'), PY_NUMPY);
          expect(py.code, py.err).toBe(js.code);
          const [a, b] = [JSON.parse(js.out), JSON.parse(py.out)];
          expect(a.verdict).toBe(verdict);
          expect(b.verdict).toBe(a.verdict);
          expect(b.tally).toEqual(a.tally);
          expect(b.case).toEqual(a.case);
          expect(b.params).toEqual(a.params);
          if (verdict === 'refuted') {
            expect(b.reverification.violated).toBe(true);
            const saved = JSON.parse(fs.readFileSync(b.counterexample, 'utf8'));
            expect(saved.claim).toBe(`formula.${kind}.${name}-py`);
            expect(saved.formula).toEqual({ path: path.join(examples, `${name}.py`), kind });
            // replay runs the .py file again.
            const r = run(['replay', b.counterexample], PY_NUMPY);
            expect(r.code, r.err).toBe(0);
            expect(r.out).toMatch(/^REPRODUCES /);
          }
        },
        // Two checks and a replay, on a machine that a full parallel npm test may load many times over.
        600_000,
      );
    },
  );

describe.skipIf(!PY_TORCH)(
  PY_TORCH ? 'the PyTorch example (autograd of its own forward pass)' : SKIP_TORCH,
  () => {
    test('holds, run through --cmd with a quoted path', () => {
      const r = run([
        'check-jacobian',
        '--cmd',
        `${PY_TORCH} ${q(path.join(examples, 'jacobian-torch.py'))}`,
        '--runs',
        '40',
      ]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^HOLDS .*jacobian-torch\.py' agrees with autodiff .* on 40 generated/);
    }, 600_000);
  },
);

describe
  .skipIf(!PY)
  .concurrent(PY ? 'a defective Python formula is one line naming it, exit 2' : SKIP_ANY, () => {
    test('crashing: a formula that raises (the exception and the case are named)', () => {
      const f = served('raises.py', '    return 1 / 0');
      const r = run(['check-jacobian', f]);
      expect(r.code).toBe(2);
      expect(errorLine(r.err)).toMatch(
        /^error: .*raises\.py: the formula threw on a case with n = \d+, T = \d+, σ = \w+, t = \d+: ZeroDivisionError: division by zero$/,
      );
      expect(r.err).toContain('Traceback');
      expect(r.out).toBe('');
    });

    test('crashing: a process that dies (its exit code and last stderr line are named)', () => {
      const f = served(
        'dies.py',
        '    import os, sys\n    print("dying now", file=sys.stderr)\n    os._exit(3)',
      );
      const r = run(['check-jacobian', f]);
      expect(r.code).toBe(2);
      expect(errorLine(r.err)).toMatch(
        /^error: .*dies\.py: the formula exited with code 3 before answering on a case with .*: dying now$/,
      );
    });

    test('crashing: a formula file that does not import (its error is named)', () => {
      const f = pyFile('broken.py', 'import no_such_module_here\n');
      const r = run(['check-gradient', f]);
      expect(r.code).toBe(2);
      expect(errorLine(r.err)).toMatch(
        /exited with code 1 before answering .*: ModuleNotFoundError: No module named 'no_such_module_here'$/,
      );
    });

    test('silent: a command that reads requests and never answers times out', () => {
      const f = pyFile('silent.py', 'import sys\nfor line in sys.stdin:\n    pass\n');
      const r = run(['check-jacobian', '--cmd', `${PY} ${q(f)}`, '--timeout', '1']);
      expect(r.code).toBe(2);
      expect(errorLine(r.err)).toMatch(
        /^error: .*silent\.py': the formula did not return within 1 s on a case with n = /,
      );
    });

    test('noisy: a command that prints junk instead of answers is named with the junk', () => {
      const f = pyFile(
        'noisy.py',
        'import sys\nfor line in sys.stdin:\n    print("[[1.0]] junk", flush=True)\n',
      );
      // 10 s: the interpreter must have started and printed within the timeout, even when loaded.
      const r = run(['check-jacobian', '--cmd', `${PY} ${q(f)}`, '--timeout', '10', '--json']);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(errorLine(r.err)).toMatch(
        /did not return within 10 s .*; instead it printed on stdout "\[\[1\.0\]\] junk" \(an answer line starts with the nonce in BPTT_NONCE\)$/,
      );
    });

    test('noisy: what a served formula prints goes to stderr, and --json stays one document', () => {
      const f = served(
        'chatty.py',
        [
          '    print("chatter on stdout")',
          '    import os',
          '    os.write(1, b"raw fd 1 chatter\\n")',
          '    n = len(c["W_R"])',
          '    return [[0.0] * (n * n) for _ in range(n)]',
        ].join('\n'),
      );
      const r = run(['check-jacobian', f, '--json', '--out', path.join(dir, 'chatty-out')]);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.out).verdict).toBe('refuted');
      expect(r.err).toContain('chatter on stdout');
      expect(r.err).toContain('raw fd 1 chatter');
    });

    test('hanging: a formula that never returns is killed after --timeout', () => {
      const pidFile = path.join(dir, 'hang.pid');
      const f = served(
        'hangs.py',
        `    import os\n    open(${JSON.stringify(pidFile)}, "w").write(str(os.getpid()))\n    while True:\n        pass`,
      );
      // 10 s: the interpreter must have reached the formula (and written its pid) within the timeout.
      const r = run(['check-jacobian', f, '--timeout', '10']);
      expect(r.code).toBe(2);
      expect(errorLine(r.err)).toMatch(
        /hangs\.py: the formula did not return within 10 s on a case/,
      );
      expect(errorLine(r.err)).not.toContain('instead it printed');
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    });

    test('wrong-shaped: a vector instead of an n×n² matrix', () => {
      const f = served('shape.py', '    return [0.0, 0.0, 0.0]');
      const r = run(['check-jacobian', f]);
      expect(r.code).toBe(2);
      expect(errorLine(r.err)).toMatch(
        /shape\.py: the formula returned an array of 3 numbers on a case with .*, where \d+×\d+ nested arrays \(∂h_t\/∂W_R\) were expected$/,
      );
    });

    test('NaN and ±∞ (sent as strings) are refused as for a JS formula', () => {
      for (const [name, v, shown] of [
        ['nan.py', 'float("nan")', 'NaN'],
        ['inf.py', '-float("inf")', '-Infinity'],
      ] as const) {
        const f = served(
          name,
          `    n = len(c["W_R"])\n    return [[${v}] * (n * n) for _ in range(n)]`,
        );
        const r = run(['check-jacobian', f]);
        expect(r.code).toBe(2);
        expect(errorLine(r.err)).toMatch(
          new RegExp(
            `the formula returned ${shown} at \\[0\\]\\[0\\] on a case .*: its entries must be finite numbers$`,
          ),
        );
      }
    });

    test('an answer line that is not JSON, or longer than 8 MiB', () => {
      const bad = pyFile(
        'badjson.py',
        'import os, sys\nfor line in sys.stdin:\n    print(os.environ["BPTT_NONCE"], "{not json", flush=True)\n',
      );
      const r = run(['check-jacobian', '--cmd', `${PY} ${q(bad)}`]);
      expect(r.code).toBe(2);
      expect(errorLine(r.err)).toMatch(
        /the formula answered with a line that is not JSON on a case with .*: "\{not json"$/,
      );
      const huge = pyFile(
        'huge.py',
        'import os, sys\nfor line in sys.stdin:\n    print(os.environ["BPTT_NONCE"], "[" * (9 << 20), flush=True)\n',
      );
      const h = run(['check-jacobian', '--cmd', `${PY} ${q(huge)}`]);
      expect(h.code).toBe(2);
      expect(errorLine(h.err)).toMatch(/answered with a line longer than 8388608 bytes on a case/);
    });
  });

describe.concurrent('--cmd is bad input before anything runs', () => {
  test.each([
    [['--cmd', 'python3 f.py | tee x'], /^error: --cmd: unquoted \| at character 14$/],
    [['--cmd', "python3 'f.py"], /^error: --cmd: unclosed ' at character 9$/],
    [['--cmd', '  '], /^error: --cmd: an empty command$/],
    [['x.mjs', '--cmd', 'python3 f.py'], /^error: give FORMULA or --cmd, not both$/],
    [[], /^error: missing FORMULA \(or --cmd\)$/],
    [
      ['--cmd', 'no-such-program-bptt x'],
      /^error: no-such-program-bptt x: cannot start no-such-program-bptt: spawn no-such-program-bptt ENOENT$/,
    ],
    [[path.join(dir, 'missing.py')], /^error: .*missing\.py: no such file$/],
  ])('check-jacobian %j', (args, message) => {
    const r = run(['check-jacobian', ...args]);
    expect(r.code).toBe(2);
    expect(errorLine(r.err)).toMatch(message);
  });
});

describe.skipIf(!PY_NUMPY)(
  PY_NUMPY ? 'a --cmd counterexample is saved with its command and replayed' : SKIP_NUMPY,
  () => {
    test('saved as formula: {cmd, cwd, kind}; replay from another folder re-runs the command', () => {
      const cwd = fs.mkdtempSync(path.join(dir, 'cmd cwd-'));
      fs.copyFileSync(path.join(examples, 'jacobian-truncated.py'), path.join(cwd, 'mine.py'));
      fs.copyFileSync(path.join(examples, 'forward.py'), path.join(cwd, 'forward.py'));
      const cmd = `${PY_NUMPY} -u mine.py`;
      const r = run(['check-jacobian', '--cmd', cmd, '--json'], PY_NUMPY, cwd);
      expect(r.code, r.err).toBe(1);
      const v = JSON.parse(r.out);
      const saved = JSON.parse(fs.readFileSync(path.resolve(cwd, v.counterexample), 'utf8'));
      expect(saved.claim).toBe('formula.jacobian.mine-py');
      expect(saved.formula).toEqual({ cmd, cwd, kind: 'jacobian' });
      const file = path.resolve(cwd, v.counterexample);
      const again = run(['replay', file], PY_NUMPY, dir);
      expect(again.code, again.err).toBe(0);
      expect(again.out).toMatch(/^REPRODUCES /);
      fs.rmSync(path.join(cwd, 'mine.py'));
      const gone = run(['replay', file], PY_NUMPY, dir);
      expect(gone.code).toBe(2);
      expect(gone.out).toMatch(
        /^INVALID .*: formula\.cmd: .* -u mine\.py: the formula exited with code 2 before answering on a case .*No such file or directory$/m,
      );
      // A stored command is checked before it runs: shell syntax, or no cwd, is that file's INVALID.
      const forged = (name: string, formula: unknown) => {
        const f = path.join(cwd, name);
        fs.writeFileSync(f, JSON.stringify({ ...saved, formula }));
        return f;
      };
      const bad = run(
        [
          'replay',
          forged('pipe.json', { cmd: 'python3 mine.py | sh', cwd, kind: 'jacobian' }),
          forged('nocwd.json', { cmd: 'python3 mine.py', kind: 'jacobian' }),
        ],
        PY_NUMPY,
        dir,
      );
      expect(bad.code).toBe(2);
      expect(bad.out).toMatch(/^INVALID .*pipe\.json: formula\.cmd: unquoted \| at character 17$/m);
      expect(bad.out).toMatch(/^INVALID .*nocwd\.json: formula: expected \{"path", "kind"\}/m);
    }, 600_000);
  },
);
