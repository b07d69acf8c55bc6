import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IForbiddenRuleType } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs')) as {
  forbidden: IForbiddenRuleType[];
};

/** The rule violations of the tree at baseDir, as "rule: from → to". */
async function violations(baseDir: string, roots: string[]): Promise<string[]> {
  const cwd = process.cwd();
  // dependency-cruiser resolves the tsconfig and the roots against the working directory
  process.chdir(baseDir);
  try {
    const result = await cruise(
      roots,
      {
        validate: true,
        ruleSet: { forbidden: config.forbidden },
        doNotFollow: { path: 'node_modules' },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: 'tsconfig.json' },
      },
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

  test('a forbidden import fails its rule (numerics → paper, oracles → paper, oracle → oracle, engine → paper, contract → engine, production → testing, claim → cli)', async () => {
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
        'claims-declare-only: properties/probe.claim.ts → src/cli/main.ts',
        'layer-engine-contract: src/engine/contract/probe.ts → src/engine/runner.ts',
        'layer-engine: src/engine/probe.ts → src/paper/s3-bptt/thm1.ts',
        'layer-model: src/model/probe.ts → src/testing/helper.ts',
        'layer-numerics: src/numerics/probe.ts → src/paper/s3-bptt/thm1.ts',
        'layer-oracles: src/oracles/probe.ts → src/paper/s3-bptt/thm1.ts',
        'oracles-independent: src/oracles/other.ts → src/oracles/probe.ts',
        'test-support-only-in-tests: src/model/probe.ts → src/testing/helper.ts',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
