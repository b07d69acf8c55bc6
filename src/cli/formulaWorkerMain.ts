import type { MessagePort } from 'node:worker_threads';
import { CliError } from './exitCodes.js';
import {
  checkFormula,
  type FormulaCheckOptions,
  type FormulaKind,
  loadFormula,
} from './formulaCheck.js';

/** What the main thread sends the worker. */
export interface WorkerInput {
  readonly file: string;
  readonly kind: FormulaKind;
  readonly options: Omit<FormulaCheckOptions, 'onProgress'>;
}

/** Runs a formula check and posts progress, ticks (one per call), then the result or the error. */
export async function runFormulaWorker(
  input: WorkerInput,
  port: MessagePort | null,
): Promise<void> {
  const post = (m: unknown) => port?.postMessage(m);
  try {
    const f = await loadFormula(input.file);
    const ticking = (c: Parameters<typeof f>[0], t: number) => {
      post({ type: 'tick' });
      return f(c, t);
    };
    const verdict = checkFormula(ticking, input.file, input.kind, {
      ...input.options,
      onProgress: (done, total) => post({ type: 'progress', done, total }),
    });
    post({ type: 'result', verdict: JSON.parse(JSON.stringify(verdict)) });
  } catch (e) {
    if (e instanceof CliError)
      post({ type: 'error', message: e.message, hint: e.hint, code: e.code });
    else
      post({
        type: 'error',
        message: `internal error: ${(e as Error).stack ?? String(e)}`,
        code: 70,
      });
  }
}
