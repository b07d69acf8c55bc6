import { replayCounterexample } from '../engine/replay.js';
import type { FormulaRef } from '../engine/store.js';
import { splitCommandLine } from './commandLine.js';
import { describeThrown } from './describeValue.js';
import { CliError } from './exitCodes.js';
import {
  checkFormula,
  type Formula,
  type FormulaCheckOptions,
  type FormulaKind,
  formulaClaim,
  formulaIdWord,
  loadFormula,
} from './formulaCheck.js';
import { commandFormula, isPythonFile, pythonFormulaCommand } from './formulaPipe.js';

/** What the child does: check a formula (check-*), or replay one counterexample file of a formula. */
export type ChildTask =
  | {
      readonly mode: 'check';
      readonly file: string;
      readonly kind: FormulaKind;
      /** A --cmd formula (`file` is then its command line as given); absent for a FORMULA file. */
      readonly ref?: FormulaRef;
      readonly options: Omit<FormulaCheckOptions, 'onProgress'>;
    }
  | { readonly mode: 'replay'; readonly file: string; readonly formula: FormulaRef };

/**
 * What the parent sends the child as its first IPC message, never in argv or the environment,
 * which the formula could read: `nonce` marks every message of the checker, so that a message the
 * formula sends itself (process.send) is told apart.
 */
export interface ChildInput {
  readonly nonce: string;
  readonly task: ChildTask;
  /** How errors name the formula: its path (check-*), or `<file>: formula.path: <path>` (replay). */
  readonly label: string;
  /** Least ms between two ticks: a tick tells the parent that a formula call is starting. */
  readonly tickMs: number;
  /** Seconds a call of a command formula (--cmd, .py) may take before the command is killed. */
  readonly timeoutS: number;
}

/** A message of the child to the parent: 'ready' (before the input), then the others with the nonce. */
export type ChildMessage =
  | { readonly type: 'ready' }
  | ((
      | { readonly type: 'tick' }
      | { readonly type: 'progress'; readonly done: number; readonly total: number }
      | { readonly type: 'result'; readonly value: unknown }
      | {
          readonly type: 'error';
          readonly message: string;
          readonly hint?: string;
          readonly code: number;
        }
    ) & { readonly nonce: string });

/** A CliError of the formula, named as the task names it (replay prefixes `<file>: formula.path: `). */
function relabel(e: unknown, task: ChildTask): unknown {
  if (task.mode !== 'replay' || !(e instanceof CliError)) return e;
  const field = 'cmd' in task.formula ? 'formula.cmd' : 'formula.path';
  return new CliError(`${task.file}: ${field}: ${e.message}`, e.code, e.hint);
}

/** Loads the formula `ref`: a module imported here, or a command (--cmd, or python3 on a .py file) started once. */
async function loadAny(
  ref: FormulaRef,
  name: string,
  timeoutS: number,
  tick: () => void,
): Promise<Formula> {
  if ('cmd' in ref)
    return commandFormula(
      { argv: splitCommandLine(ref.cmd, name), cwd: ref.cwd },
      name,
      ref.kind,
      timeoutS,
      tick,
    ).formula;
  if (isPythonFile(ref.path))
    return commandFormula(pythonFormulaCommand(ref.path), name, ref.kind, timeoutS, tick).formula;
  return (await loadFormula(ref.path)).formula;
}

/**
 * Receives its input from the parent, runs the check or the replay in this (child) process and
 * sends ticks (at most one per tickMs, before a call), progress, then the result or the error; then
 * exits once stdout and stderr are flushed.
 */
export async function runFormulaChild(): Promise<void> {
  // Taken before the formula is loaded: a module that replaces process.exit or process.send
  // cannot keep the answer from the parent, and it never sees the nonce.
  const send = process.send?.bind(process);
  const exit = process.exit.bind(process);
  const input = await new Promise<ChildInput>((resolve) => {
    process.once('message', (m: ChildInput) => resolve(m));
    send?.({ type: 'ready' } satisfies ChildMessage);
  });
  const { nonce, task, label } = input;
  type Unsigned<M> = M extends unknown ? Omit<M, 'nonce'> : never;
  const post = (m: Unsigned<Exclude<ChildMessage, { type: 'ready' }>>, then?: () => void) => {
    if (!send || !process.connected) return then?.();
    send({ ...m, nonce }, undefined, {}, () => then?.());
  };
  const finish = (m: Unsigned<Exclude<ChildMessage, { type: 'ready' }>>) =>
    post(m, () => process.stdout.write('', () => process.stderr.write('', () => exit(0))));
  const fail = (thrown: unknown) => {
    const e = relabel(thrown, task);
    return e instanceof CliError
      ? finish({
          type: 'error',
          message: e.message,
          ...(e.hint ? { hint: e.hint } : {}),
          code: e.code,
        })
      : finish({
          type: 'error',
          message: `internal error: ${(e as Error)?.stack ?? describeThrown(e)}`,
          code: 70,
        });
  };
  // Between calls only the formula's own timers or promises can throw.
  const stray = (e: unknown) =>
    fail(new CliError(`${label}: the formula threw outside a call: ${describeThrown(e)}`));
  process.on('uncaughtException', stray);
  process.on('unhandledRejection', stray);
  try {
    const ref: FormulaRef =
      task.mode === 'check' ? (task.ref ?? { path: task.file, kind: task.kind }) : task.formula;
    const { kind } = ref;
    // How errors and the verdict name the formula: as given (check-*), or as the file stores it.
    const name = task.mode === 'check' ? task.file : 'cmd' in ref ? ref.cmd : ref.path;
    const f = await loadAny(ref, name, input.timeoutS, () => post({ type: 'tick' }));
    let lastTick = Number.NEGATIVE_INFINITY;
    const ticking: Formula = (c, t) => {
      const now = Date.now();
      if (now - lastTick >= input.tickMs) {
        lastTick = now;
        post({ type: 'tick' });
      }
      return f(c, t);
    };
    // Sent by structured clone (the parent forks with 'advanced' serialization): ±∞ and NaN of a
    // replayed witness arrive as they are.
    const value =
      task.mode === 'check'
        ? JSON.parse(
            JSON.stringify(
              checkFormula(
                ticking,
                name,
                kind,
                {
                  ...task.options,
                  onProgress: (done, total) => post({ type: 'progress', done, total }),
                },
                task.ref,
              ),
            ),
          )
        : replayCounterexample(formulaClaim(ticking, name, kind, formulaIdWord(ref)), task.file);
    finish({ type: 'result', value });
  } catch (e) {
    fail(e);
  }
}
