import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type IForbiddenRuleType } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs')) as {
  forbidden: IForbiddenRuleType[];
  options: ICruiseOptions;
};

/** The rule violations of the tree at baseDir, as "rule: from → to". */
async function violations(baseDir: string, roots: string[]): Promise<string[]> {
  const cwd = process.cwd();
  // dependency-cruiser resolves the tsconfig and the roots against the working directory
  process.chdir(baseDir);
  try {
    const result = await cruise(
      roots,
      { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } },
      undefined,
      { tsConfig: extractTSConfig(path.join(baseDir, 'tsconfig.json')) },
    );
    if (typeof result.output === 'string') throw new Error('expected a cruise result object');
    return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  } finally {
    process.chdir(cwd);
  }
}

describe('layers (.dependency-cruiser.cjs): each layer of src/ imports only the layers below it', () => {
  test('the tree keeps every layer rule', { timeout: 120_000 }, async () => {
    expect(await violations(root, ['src', 'properties'])).toEqual([]);
  });

  test('a forbidden import fails its rule (numerics → paper, also type-only; model → cli, also dynamic; oracles → paper, oracle → oracle, a test → cli, a cycle, engine → paper, contract → engine, production → testing, claim → cli)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-layers-'));
    const files: Record<string, string> = {
      'tsconfig.json': fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'),
      'src/paper/s3-bptt/thm1.ts': 'export const x = 1;\n',
      'src/engine/runner.ts': 'export const r = 1;\n',
      'src/testing/helper.ts': 'export const h = 1;\n',
      'src/cli/main.ts': 'export const m = 1;\n',
      'src/numerics/probe.ts': "export { x } from '../paper/s3-bptt/thm1.js';\n",
      'src/oracles/probe.ts': "export { x } from '../paper/s3-bptt/thm1.js';\n",
      'src/oracles/other.ts': "export { x } from './probe.js';\n",
      // a type-only import and a dynamic import count like any other
      'src/numerics/typed.ts':
        "import type { X } from '../paper/s3-bptt/types.js';\nexport type Y = X;\n",
      'src/paper/s3-bptt/types.ts': 'export type X = number;\n',
      'src/model/lazy.ts': "export const load = () => import('../cli/main.js');\n",
      // a test may use generators and test support, but not the CLI
      'src/numerics/cli.test.ts': "export { m } from '../cli/main.js';\n",
      // a cycle
      'src/generators/a.ts': "export { b } from './b.js';\nexport const a = 1;\n",
      'src/generators/b.ts': "export { a } from './a.js';\nexport const b = 1;\n",
      // a claim file declares: no numerics
      'properties/math.claim.ts': "export { x } from '../src/numerics/probe.js';\n",
      'src/engine/probe.ts': "export { x } from '../paper/s3-bptt/thm1.js';\n",
      'src/engine/contract/probe.ts': "export { r } from '../runner.js';\n",
      'src/model/probe.ts': "export { h } from '../testing/helper.js';\n",
      'properties/probe.claim.ts': "export { m } from '../src/cli/main.js';\n",
      // allowed: a test may use test support, the paper may use the engine's contract
      'src/numerics/probe.test.ts': "export { h } from '../testing/helper.js';\n",
      'src/engine/contract/claim.ts': 'export const c = 1;\n',
      'src/paper/s3-bptt/ok.ts': "export { c } from '../../engine/contract/claim.js';\n",
    };
    try {
      for (const [f, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), text);
      }
      expect((await violations(dir, ['src', 'properties'])).sort()).toEqual([
        'claims-declare-only: properties/math.claim.ts → src/numerics/probe.ts',
        'claims-declare-only: properties/probe.claim.ts → src/cli/main.ts',
        'layer-engine-contract: src/engine/contract/probe.ts → src/engine/runner.ts',
        'layer-engine: src/engine/probe.ts → src/paper/s3-bptt/thm1.ts',
        'layer-model: src/model/lazy.ts → src/cli/main.ts',
        'layer-model: src/model/probe.ts → src/testing/helper.ts',
        'layer-numerics-tests: src/numerics/cli.test.ts → src/cli/main.ts',
        'layer-numerics: src/numerics/probe.ts → src/paper/s3-bptt/thm1.ts',
        'layer-numerics: src/numerics/typed.ts → src/paper/s3-bptt/types.ts',
        'layer-oracles: src/oracles/probe.ts → src/paper/s3-bptt/thm1.ts',
        'no-circular: src/generators/a.ts → src/generators/b.ts',
        'oracles-independent: src/oracles/other.ts → src/oracles/probe.ts',
        'test-support-only-in-tests: src/model/probe.ts → src/testing/helper.ts',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
