import { describeThrown } from './describeValue.js';
import { CliError } from './exitCodes.js';
import {
  checkFormula,
  type FormulaCheckOptions,
  type FormulaKind,
  type FormulaVerdict,
  loadFormula,
} from './formulaCheck.js';

/** What the parent passes the formula's child process (as JSON, its first argument). */
export interface ChildInput {
  readonly file: string;
  readonly kind: FormulaKind;
  readonly options: Omit<FormulaCheckOptions, 'onProgress'>;
  /** Least ms between two ticks: a tick tells the parent that a formula call is starting. */
  readonly tickMs: number;
}

/** A message of the child to the parent. */
export type ChildMessage =
  | { readonly type: 'tick' }
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'result'; readonly verdict: FormulaVerdict }
  | {
      readonly type: 'error';
      readonly message: string;
      readonly hint?: string;
      readonly code: number;
    };

/**
 * Runs a formula check in this (child) process and sends ticks (at most one per tickMs, before a
 * call), progress, then the result or the error; then exits once stdout and stderr are flushed.
 */
export async function runFormulaChild(input: ChildInput): Promise<void> {
  // Taken before the formula is loaded: a module that replaces process.exit or process.send
  // cannot keep the answer from the parent.
  const send = process.send?.bind(process);
  const exit = process.exit.bind(process);
  const post = (m: ChildMessage, then?: () => void) => {
    if (!send || !process.connected) return then?.();
    send(m, undefined, {}, () => then?.());
  };
  const finish = (m: ChildMessage) =>
    post(m, () => process.stdout.write('', () => process.stderr.write('', () => exit(0))));
  const fail = (e: unknown) =>
    e instanceof CliError
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
  // Between calls only the formula's own timers or promises can throw.
  const stray = (e: unknown) =>
    fail(new CliError(`${input.file}: the formula threw outside a call: ${describeThrown(e)}`));
  process.on('uncaughtException', stray);
  process.on('unhandledRejection', stray);
  try {
    const f = await loadFormula(input.file);
    let lastTick = Number.NEGATIVE_INFINITY;
    const ticking = (c: Parameters<typeof f>[0], t: number) => {
      const now = Date.now();
      if (now - lastTick >= input.tickMs) {
        lastTick = now;
        post({ type: 'tick' });
      }
      return f(c, t);
    };
    const verdict = checkFormula(ticking, input.file, input.kind, {
      ...input.options,
      onProgress: (done, total) => post({ type: 'progress', done, total }),
    });
    finish({ type: 'result', verdict: JSON.parse(JSON.stringify(verdict)) });
  } catch (e) {
    fail(e);
  }
}
