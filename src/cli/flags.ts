import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { RunOptions } from '../engine/runner.js';
import { DEFAULT_SEED, parseSeedText, suiteSeed } from '../engine/seed.js';
import { ACTIVATION_NAMES, type ActivationName } from '../model/activation.js';
import { CliError, EXIT } from './exitCodes.js';

/** A commander argParser for an integer ≥ min (Number syntax, safe integers only). */
export function integerAtLeast(min: number): (raw: string) => number {
  return (raw) => {
    const v = Number(raw);
    if (!Number.isSafeInteger(v) || v < min)
      throw new InvalidArgumentError(`expected an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
    return v;
  };
}

/** A commander argParser for an integer in min…max (Number syntax). */
export function integerBetween(min: number, max: number): (raw: string) => number {
  return (raw) => {
    const v = Number(raw);
    if (!Number.isSafeInteger(v) || v < min || v > max)
      throw new InvalidArgumentError(
        `expected an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`,
      );
    return v;
  };
}

/** A commander argParser for a fast-check seed: an integer in SEED_MIN…SEED_MAX, refused otherwise. */
export function parseSeed(raw: string): number {
  const seed = parseSeedText(raw);
  if (typeof seed !== 'number') throw new InvalidArgumentError(seed.error);
  return seed;
}

/** A commander argParser for `a,b` with both integers ≥ 1 (e.g. `--large-check n,T`). */
export function parseSizePair(raw: string): [number, number] {
  const parts = raw.split(',');
  const [a, b] = parts.map((p) => Number(p));
  if (parts.length !== 2 || ![a, b].every((v) => Number.isSafeInteger(v) && v >= 1))
    throw new InvalidArgumentError(
      `expected two integers ≥ 1 separated by a comma, got ${JSON.stringify(raw)}`,
    );
  return [a, b];
}

/** The seed of a run: --seed if given, else FC_SEED, else the suite's default; a bad FC_SEED is a CliError. */
export function resolveSeed(seed: number | undefined): number {
  if (seed !== undefined) return seed;
  try {
    return suiteSeed();
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/** The flags every searching command shares, as commander parses them. */
export interface SearchFlags {
  seed?: number;
  runs?: number;
  activation?: ActivationName;
  json?: boolean;
  quiet?: boolean;
}

/** Help texts of the shared flags for one command; a flag without a text is not added. */
export interface SearchFlagHelp {
  readonly runs: string;
  /** --runs default, when the command has one. */
  readonly runsDefault?: number;
  readonly activation: string;
  readonly json?: string;
  readonly quiet: string;
}

/** Adds the shared flags --seed, --runs, --activation, --json and --quiet to a command. */
export function addSearchFlags(cmd: Command, help: SearchFlagHelp): Command {
  const runs = new Option('--runs <n>', help.runs).argParser(integerAtLeast(1));
  if (help.runsDefault !== undefined) runs.default(help.runsDefault);
  cmd
    .addOption(
      new Option('--seed <s>', `fast-check seed (default: FC_SEED or ${DEFAULT_SEED})`).argParser(
        parseSeed,
      ),
    )
    .addOption(runs)
    .addOption(new Option('--activation <name>', help.activation).choices(ACTIVATION_NAMES));
  if (help.json !== undefined) cmd.option('--json', help.json);
  return cmd.option('--quiet', help.quiet);
}

/** The line after a usage error that points to the help. */
export const HELP_POINTER = '(run with --help for usage)';

/**
 * Writes commander's errors the suite's way (configureOutput's outputError): a bad flag value as
 * one line naming the flag, e.g. `error: --runs: expected an integer ≥ 1, got "-3"` (a choice adds
 * a hint line listing the allowed values), like every other bad input; any other usage error as
 * commander words it, followed by the pointer to --help.
 */
export function writeCommanderError(str: string, write: (s: string) => void): void {
  const m = /^error: option '(--[a-z-]+)[^']*' argument '(.*)' is invalid\. (.*)\n$/s.exec(str);
  if (!m) {
    write(`${str}${HELP_POINTER}\n`);
    return;
  }
  const [, flag, value, reason] = m;
  const choices = /^Allowed choices are (.*)\.$/.exec(reason);
  if (choices) {
    write(
      `error: ${flag}: unknown ${flag.slice(2)} ${JSON.stringify(value)}\nhint: one of ${choices[1]}\n`,
    );
  } else write(`error: ${flag}: ${reason}\n`);
}

/** Adds the ledger's selection flags, --claim, --store and --save, shared by verify and report. */
export function addLedgerFlags(cmd: Command): Command {
  return cmd
    .option('--claim <id...>', 'only these claims')
    .option(
      '--store <dir>',
      'counterexample folder, which must exist (default: counterexamples/ or BPTT_COUNTEREXAMPLES)',
    )
    .option(
      '--save',
      'save new counterexamples into the default store also on a non-default seed or a filtered run (--claim, --activation, --runs)',
    );
}

/** The ledger flags that choose the store and whether new counterexamples are saved. */
export interface LedgerFlags {
  claim?: string[];
  store?: string;
  save?: boolean;
  runs?: number;
  activation?: ActivationName;
}

/**
 * The store of a ledger command: --store, else BPTT_COUNTEREXAMPLES, each of which must be an
 * existing folder (a typo must not start a new, empty store), else the repository's counterexamples/.
 */
export function ledgerStore(
  store: string | undefined,
  defaultDir: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (store !== undefined) return existingDir(store, '--store');
  if (env.BPTT_COUNTEREXAMPLES)
    return existingDir(env.BPTT_COUNTEREXAMPLES, 'BPTT_COUNTEREXAMPLES=');
  return defaultDir;
}

/** The absolute path of an existing folder named by `what` (a flag or an environment variable). */
function existingDir(dir: string, what: string): string {
  const abs = path.resolve(dir);
  const name = what.endsWith('=') ? `${what}${dir}` : `${what} ${dir}`;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new CliError(
      `${name}: no such directory`,
      EXIT.usage,
      'create it first (mkdir) or fix the path',
    );
  }
  if (!stat.isDirectory()) throw new CliError(`${name}: not a directory`);
  return abs;
}

/**
 * Whether a ledger run saves the counterexamples it finds. A store named on purpose (--store or
 * BPTT_COUNTEREXAMPLES) always; the default store, which holds the committed evidence, only on the
 * default seed over the whole ledger with the claims' own budgets, or with --save.
 */
export function savesNew(
  opts: LedgerFlags,
  seed: number,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (opts.save || opts.store !== undefined || env.BPTT_COUNTEREXAMPLES) return true;
  return (
    seed === DEFAULT_SEED &&
    opts.claim === undefined &&
    opts.activation === undefined &&
    opts.runs === undefined
  );
}

/** The engine's run options of a ledger command: its seed and store, --runs, --activation, and saving. */
export function ledgerRunOptions(
  opts: LedgerFlags,
  seed: number,
  storeDir: string,
): Omit<RunOptions, 'onRun'> {
  return {
    seed,
    storeDir,
    save: savesNew(opts, seed),
    ...(opts.runs !== undefined ? { numRuns: opts.runs } : {}),
    ...(opts.activation ? { activations: [opts.activation] } : {}),
  };
}
