import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const bin = path.join(root, 'src/cli/bin.mjs');

/** The commands of the README's Quick start: every line of its sh blocks, comments dropped. */
function quickStartCommands(): string[] {
  const start = readme.indexOf('## Quick start');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const commands: string[] = [];
  for (const [, block] of section.matchAll(/```sh\n([\s\S]*?)```/g))
    for (const line of block.split('\n')) {
      const cmd = line.replace(/\s+#.*$/, '').trim();
      if (cmd) commands.push(cmd);
    }
  return commands;
}

/** The files a command's arguments name (a glob matches at least one), relative to the root. */
function namedFiles(args: string[]): string[] {
  return args.filter((a) => /[/.]/.test(a) && !a.startsWith('-'));
}

/** Expands a `dir/prefix*suffix` glob (the only form the Quick start uses) against the repo. */
function expand(arg: string): string[] {
  if (!arg.includes('*')) return [arg];
  const dir = path.dirname(arg);
  const [pre, post] = path.basename(arg).split('*');
  return fs
    .readdirSync(path.join(root, dir))
    .filter((f) => f.startsWith(pre) && f.endsWith(post))
    .map((f) => path.join(dir, f));
}

// Cheap enough to run in npm test; the others are npm test itself, the full ledger (npm start,
// run by every claim's test) and the report (run by the report's tests).
const RUN = new Set(['replay', 'check-jacobian', 'check-gradient', 'eval', 'schema', 'table']);
const NOT_RUN = new Set(['report', 'verify']);
const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;

describe('the README quick start runs as written on a clone', () => {
  const commands = quickStartCommands();

  test('it has commands, and each is npm ci, an npm script, ls of a folder or a bptt-claims command', () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const cmd of commands) {
      const [tool, sub, ...args] = cmd.split(/\s+/);
      if (tool === 'npm') expect(sub === 'ci' || sub in scripts, cmd).toBe(true);
      else if (tool === 'ls')
        expect(fs.statSync(path.join(root, sub)).isDirectory(), cmd).toBe(true);
      else {
        expect(`${tool} ${sub}`, cmd).toBe('npx bptt-claims');
        expect(RUN.has(args[0]) || NOT_RUN.has(args[0]), `${cmd}: run it here or say why not`).toBe(
          true,
        );
      }
    }
  });

  const cli = commands
    .map((cmd) => cmd.split(/\s+/))
    .filter(([tool, , sub]) => tool === 'npx' && RUN.has(sub));

  test.each(cli.map((argv) => [argv.join(' '), argv.slice(2)] as const))('%s', (_, args) => {
    for (const f of namedFiles(args))
      expect(expand(f).length, `${f} names no file of the repo`).toBeGreaterThan(0);
    // As a shell would: globs expanded, from the repo's root (a correct formula saves nothing).
    const r = spawnSync(process.execPath, [bin, ...args.flatMap(expand)], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });

  test('the CI workflow shown in the README is the one shipped in .github/workflows/claims.yml', () => {
    const m = /```yaml\n(name: claims\n[\s\S]*?)```/.exec(readme);
    expect(m, 'a yaml block "name: claims" in the README').not.toBeNull();
    const shipped = fs.readFileSync(path.join(root, '.github/workflows/claims.yml'), 'utf8');
    expect(shipped).toBe(m?.[1]);
    expect(shipped).toContain('run: npm ci && npm test');
  });

  test('the README cites the paper by title, author and date, and names no path outside the repo', () => {
    expect(readme).toContain(
      'S. Pal, *"Mathematical derivation of\nBPTT for RNN, and gradient vanishing and exploding problems"*, 2019',
    );
    expect(readme).not.toMatch(/\.\.\/shared|shared\/seeds/);
  });
});
