import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

test('npm test’s vitest, piped: no ANSI code, and the summary line CI reads comes last', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = spawnSync(
    process.execPath,
    ['src/testing/vitestRun.mjs', 'run', 'src/engine/ledgerLine.test.ts'],
    { cwd: root, encoding: 'utf8', env },
  );
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout + r.stderr).not.toContain('\x1b');
  expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
});
