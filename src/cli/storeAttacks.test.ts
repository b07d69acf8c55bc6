import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';

// A stored file outside its claim's params domain or the replay budget is refused before any
// computation, naming the file and the field, with exit 2; the other claims are still judged.
const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const storeDir = fileURLToPath(new URL('../../counterexamples/', import.meta.url));
const store = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-attacks-'));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, FC_SEED: '' },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The parts of a stored file the attacks edit. */
interface Stored {
  params: Record<string, number>;
  case: unknown;
}

const zeros = (r: number, c: number) => Array.from({ length: r }, () => new Array(c).fill(0));

/** The attacks of issue 13, item 3: the stored file of a claim, its edit, the field named. */
const attacks: [string, string, (o: Stored) => void, RegExp][] = [
  [
    'k0 = 1e9',
    'thm2.spectral-radius',
    (o) => {
      o.params.k0 = 1e9;
    },
    /params\.k0: expected an integer with 1 ≤ k0 ≤ 63, got 1000000000/,
  ],
  [
    't = 5 with T = 1',
    'thm1.literal-hv',
    (o) => {
      o.params.t = 5;
    },
    /params\.t: expected an integer with 1 ≤ t ≤ T = 1, got 5/,
  ],
  [
    't = 0',
    'eq3.literal-sum',
    (o) => {
      o.params.t = 0;
    },
    /params\.t: expected an integer with 1 ≤ t ≤ T = 2, got 0/,
  ],
  [
    't = 1.5',
    'lemma1.example',
    (o) => {
      o.params.t = 1.5;
    },
    /params\.t: expected an integer with 1 ≤ t ≤ T = 2, got 1\.5/,
  ],
  [
    'params = {}',
    'remark42.gradient-persists',
    (o) => {
      o.params = {};
    },
    /params\.t: missing \(this claim takes t\)/,
  ],
  [
    'k0 = -3',
    'thm2.proof-step1',
    (o) => {
      o.params.k0 = -3;
    },
    /params\.k0: expected an integer with 1 ≤ k0 ≤ T − 1 = 1, got -3/,
  ],
  [
    'an extra parameter',
    'thm4.literal',
    (o) => {
      o.params.t = 1;
    },
    /params\.t: unknown parameter \(this claim takes eps\)/,
  ],
  [
    'a well-formed case with n = 128, T = 3',
    'thm1.kron-ascending',
    (o) => {
      const n = 128;
      const T = 3;
      o.case = {
        activation: 'tanh',
        W_R: zeros(n, n),
        W_I: zeros(n, 1),
        b_R: new Array(n).fill(0),
        W_O: zeros(2, n),
        b_O: [0, 0],
        h_0: new Array(n).fill(0.5),
        xs: zeros(T, 1),
        ys: new Array(T).fill(0),
      };
      o.params.t = T;
    },
    /case\.W_R: n = 128 exceeds the replay budget n ≤ 8/,
  ],
];

const files = new Map<string, string>();
beforeAll(() => {
  for (const f of fs.readdirSync(storeDir))
    fs.copyFileSync(path.join(storeDir, f), path.join(store, f));
  for (const [what, claim, edit] of attacks) {
    const name = fs.readdirSync(store).find((f) => f.startsWith(`${claim}--`));
    if (name === undefined) throw new Error(`no stored file of ${claim}`);
    const file = path.join(store, name);
    const o = JSON.parse(fs.readFileSync(file, 'utf8'));
    edit(o);
    fs.writeFileSync(file, JSON.stringify(o));
    files.set(what, file);
  }
});

describe('stored files outside their claim’s domain or the replay budget', () => {
  test('replay refuses each at once with one line naming the file and the field, exit 2', () => {
    const t0 = performance.now();
    const r = run(['replay', ...files.values()]);
    expect(r.code).toBe(2);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(attacks.length);
    attacks.forEach(([what, , , message], i) => {
      expect(lines[i]).toContain(`INVALID ${files.get(what)}: `);
      expect(lines[i]).toMatch(message);
    });
    expect(r.err).not.toMatch(/internal error|RangeError|at .*\.ts:/);
    expect(performance.now() - t0).toBeLessThan(60_000);
  });

  test('verify judges every other claim, prints the summary, names each file and field, exit 2', () => {
    const r = run(['verify', '--store', store, '--runs', '5']);
    expect(r.code).toBe(2);
    const summary = /(\d+) claims as expected, (\d+) drifted/.exec(r.out);
    expect(summary).not.toBeNull();
    expect(Number(summary?.[1]) + Number(summary?.[2])).toBe(34);
    for (const [what, , , message] of attacks) {
      // Each claim's FAIL row in the ledger (stdout) names its bad file and field.
      const line = r.out.split('\n').find((l) => l.includes(`${files.get(what)}: `));
      expect(line, what).toMatch(message);
    }
    expect(r.out + r.err).not.toMatch(/internal error|Fatal|at .*\.ts:/);
  });
});
