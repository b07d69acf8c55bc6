import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Case } from '../model/caseFile.js';
import { COUNTEREXAMPLE_JSON_SCHEMA } from './schema.js';
import {
  COUNTEREXAMPLE_SCHEMA_VERSION,
  type CounterexampleFile,
  counterexampleName,
  defaultStoreDir,
  formatCounterexample,
  listCounterexamples,
  loadCounterexample,
  MAX_COUNTEREXAMPLE_BYTES,
  removeStaleTempFiles,
  StoreError,
  saveCounterexample,
} from './store.js';

const c: Case = {
  activation: 'tanh',
  W_R: [
    [0, 1],
    [1, 0],
  ],
  W_I: [[0], [0]],
  b_R: [0, 0],
  W_O: [
    [1, 0],
    [0, 1],
  ],
  b_O: [0, 0],
  h_0: [1, 0],
  xs: [[0]],
  ys: [0],
};

function sample(seed = 1): CounterexampleFile {
  return {
    schema: COUNTEREXAMPLE_SCHEMA_VERSION,
    claim: 'thm1.literal-hv',
    case: c,
    params: { t: 1 },
    witness: {
      quantity: '∂h_t/∂W_R',
      claimed: [[1, 2]],
      actual: [[1, 0]],
      absError: 2,
      relError: 1,
      threshold: 1e-10,
    },
    found: { seed, path: '0:1', runs: 3, shrinks: 4, strategy: 'random' },
    reverification: {
      violated: true,
      digits: 60,
      claimed: [['1', '2']],
      actual: [['1', '0']],
      absError: '2',
      relError: '1',
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-store-'));
});

describe('counterexample store', () => {
  test('a temp file left by a writer killed before its link is removed on the next write; a live writer’s is kept', async () => {
    const { spawnSync } = await import('node:child_process');
    // a pid that no longer exists: a child that has already exited
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const stale = `.x--0123456789.json.${dead}.abc123.tmp`;
    const live = `.x--0123456789.json.${process.pid}.def456.tmp`;
    fs.writeFileSync(path.join(dir, stale), '{');
    fs.writeFileSync(path.join(dir, live), '{');
    const { result } = saveCounterexample(dir, sample());
    expect(result).toBe('created');
    const left = fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
    expect(left).toEqual([live]);
    expect(removeStaleTempFiles(dir)).toEqual([]);
  });

  test('the name is claim id + a hash of case and params, independent of key order and metadata', () => {
    const reordered = Object.fromEntries(Object.entries(c).reverse()) as unknown as Case;
    expect(counterexampleName('x', c, { t: 1 })).toBe(counterexampleName('x', reordered, { t: 1 }));
    expect(counterexampleName('x', c, { t: 1 })).not.toBe(counterexampleName('x', c, { t: 2 }));
    expect(counterexampleName('x', c, { t: 1 })).toMatch(/^x--[0-9a-f]{10}\.json$/);
  });

  test('save, load and format round-trip; matrices print one row per line', () => {
    const { file, result } = saveCounterexample(dir, sample());
    expect(result).toBe('created');
    expect(loadCounterexample(file)).toEqual(JSON.parse(formatCounterexample(sample())));
    expect(fs.readFileSync(file, 'utf8')).toContain('"W_R": [\n      [0, 1],\n      [1, 0]\n    ]');
    expect(listCounterexamples(dir, 'thm1.literal-hv')).toEqual([file]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('an existing file is never overwritten: same content is unchanged, other content is kept', () => {
    const { file } = saveCounterexample(dir, sample(1));
    const before = fs.readFileSync(file, 'utf8');
    expect(saveCounterexample(dir, sample(1)).result).toBe('unchanged');
    expect(saveCounterexample(dir, sample(2)).result).toBe('kept-existing');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  test('formatting is byte-identical for equal content', () => {
    expect(formatCounterexample(sample())).toBe(
      formatCounterexample(JSON.parse(JSON.stringify(sample()))),
    );
  });

  const broken: [string, (o: Record<string, unknown>) => unknown, string][] = [
    ['bad JSON', () => '{"schema": ', '(root)'],
    ['wrong schema', (o) => ({ ...o, schema: 'v0' }), 'schema'],
    ['unknown key', (o) => ({ ...o, extra: 1 }), 'extra'],
    ['bad case shape', (o) => ({ ...o, case: { ...c, W_R: [[0, 1]] } }), 'case.W_R[0]'],
    [
      'NaN written as a string',
      (o) => ({ ...o, witness: { ...(o.witness as object), absError: 'NaN' } }),
      'witness.absError',
    ],
    [
      'missing witness',
      (o) => {
        const { witness: _w, ...rest } = o;
        return rest;
      },
      'witness',
    ],
    ['non-finite param', (o) => ({ ...o, params: { t: null } }), 'params.t'],
    [
      'witness.extra nested 50,000 deep',
      (o) => {
        // written as text: JSON.stringify itself would overflow the stack on this
        const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
        const text = JSON.stringify({
          ...o,
          witness: { ...(o.witness as object), extra: { t: 2, k: 0 } },
        });
        return text.replace('"k":0', `"k":${deep}`);
      },
      'witness.extra.k',
    ],
    [
      'a certificate nested 50,000 deep',
      (o) => {
        const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
        const text = JSON.stringify({
          ...o,
          reverification: { ...(o.reverification as object), certificate: { k: 0 } },
        });
        return text.replace('"k":0', `"k":${deep}`);
      },
      'reverification.certificate.k.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a',
    ],
    [
      'found.runs not a count',
      (o) => ({ ...o, found: { ...(o.found as object), runs: 'many' } }),
      'found.runs',
    ],
    [
      'found.shrinks missing',
      (o) => {
        const { shrinks: _s, ...found } = o.found as Record<string, unknown>;
        return { ...o, found };
      },
      'found.shrinks',
    ],
    [
      'reverification.relError missing',
      (o) => {
        const { relError: _r, ...rv } = o.reverification as Record<string, unknown>;
        return { ...o, reverification: rv };
      },
      'reverification.relError',
    ],
    [
      'unknown key in witness',
      (o) => ({ ...o, witness: { ...(o.witness as object), note: 1 } }),
      'witness.note',
    ],
    [
      'a file over the size budget (8 MiB of padding)',
      (o) => `${JSON.stringify(o)}${' '.repeat(MAX_COUNTEREXAMPLE_BYTES)}`,
      '(file)',
    ],
    [
      'witness.extra not an object',
      (o) => ({ ...o, witness: { ...(o.witness as object), extra: [1, 2] } }),
      'witness.extra',
    ],
  ];
  for (const [what, edit, field] of broken) {
    test(`a malformed file (${what}) is a StoreError naming the file and ${field}`, () => {
      const file = path.join(dir, 'f.json');
      const edited = edit(JSON.parse(formatCounterexample(sample())));
      fs.writeFileSync(file, typeof edited === 'string' ? edited : JSON.stringify(edited));
      let err: unknown;
      try {
        loadCounterexample(file);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).file).toBe(file);
      expect((err as StoreError).field).toBe(field);
      expect((err as StoreError).message.startsWith(`${file}: ${field}:`)).toBe(true);
    });
  }
});

describe('the JSON Schema comes from the same declaration as the loader', () => {
  const ajv = new Ajv2020({ strict: false });
  const validate = ajv.compile(COUNTEREXAMPLE_JSON_SCHEMA);
  const stored = listCounterexamples(defaultStoreDir());

  test('it is a draft 2020-12 schema that accepts every stored counterexample', () => {
    expect(COUNTEREXAMPLE_JSON_SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(stored.length).toBeGreaterThan(0);
    for (const f of stored) {
      const ok = validate(JSON.parse(fs.readFileSync(f, 'utf8')));
      expect(ok, `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  const edits: [string, (o: Record<string, Record<string, unknown>>) => unknown][] = [
    ['found.runs = "many"', (o) => ({ ...o, found: { ...o.found, runs: 'many' } })],
    ['found.shrinks missing', (o) => ({ ...o, found: { ...o.found, shrinks: undefined } })],
    [
      'reverification.absError missing',
      (o) => ({ ...o, reverification: { ...o.reverification, absError: undefined } }),
    ],
    ['an unknown key', (o) => ({ ...o, note: 1 })],
    ['an unknown activation', (o) => ({ ...o, case: { ...o.case, activation: 'swish' } })],
  ];
  for (const [what, edit] of edits) {
    test(`it and the loader both reject ${what}`, () => {
      const base = JSON.parse(fs.readFileSync(stored[0], 'utf8'));
      const edited = JSON.parse(JSON.stringify(edit(base)));
      expect(validate(edited)).toBe(false);
      const file = path.join(dir, 'e.json');
      fs.writeFileSync(file, JSON.stringify(edited));
      expect(() => loadCounterexample(file)).toThrow(StoreError);
    });
  }
});
