// `npm test`'s vitest: the same run, with NO_COLOR set when stdout is not a terminal (and neither
// NO_COLOR nor FORCE_COLOR is set). vitest's colours (tinyrainbow) look at TERM, NO_COLOR and
// FORCE_COLOR but not at whether stdout is a TTY, so `npm test > log` would carry ANSI codes; set
// here, before vitest starts, the variable reaches its main process and every worker.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const env = { ...process.env };
if (!process.stdout.isTTY && !('NO_COLOR' in env) && !('FORCE_COLOR' in env)) env.NO_COLOR = '1';
const root = path.dirname(createRequire(import.meta.url).resolve('vitest/package.json'));
const r = spawnSync(process.execPath, [path.join(root, 'vitest.mjs'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exitCode = r.status ?? 1;
