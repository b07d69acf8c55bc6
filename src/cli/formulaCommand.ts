import { Worker } from 'node:worker_threads';
import { CliError, EXIT } from './exitCodes.js';
import type { FormulaCheckOptions, FormulaKind, FormulaVerdict } from './formulaCheck.js';
import type { WorkerInput } from './formulaWorkerMain.js';

/** Seconds a single call of the formula may take before the check is stopped (exit 2). */
export const DEFAULT_CALL_TIMEOUT_S = 20;

/**
 * Runs check-jacobian / check-gradient in a worker thread. Every formula call sends a tick; if
 * none arrives for `timeoutS` seconds the worker is terminated and the formula reported as never
 * returning — a formula cannot hang the command.
 */
export function runFormulaCheck(
  file: string,
  kind: FormulaKind,
  options: Omit<FormulaCheckOptions, 'onProgress'>,
  onProgress: (done: number, total: number) => void,
  timeoutS = DEFAULT_CALL_TIMEOUT_S,
): Promise<FormulaVerdict> {
  const workerData: WorkerInput = { file, kind, options };
  // stdout: true keeps what the formula prints off our stdout (where --json goes): it is shown on
  // stderr instead.
  const worker = new Worker(new URL('./formulaWorker.mjs', import.meta.url), {
    workerData,
    stdout: true,
  });
  worker.stdout.pipe(process.stderr);
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout;
    let settled = false;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        settled = true;
        void worker.terminate();
        reject(
          new CliError(
            `${file}: the formula did not return within ${timeoutS} s`,
            EXIT.usage,
            'raise --timeout if it is just slow',
          ),
        );
      }, timeoutS * 1000);
    };
    arm();
    worker.on(
      'message',
      (m: {
        type: string;
        done: number;
        total: number;
        verdict: FormulaVerdict;
        message: string;
        hint?: string;
        code: number;
      }) => {
        arm();
        if (m.type === 'progress') onProgress(m.done, m.total);
        else if (m.type === 'result' || m.type === 'error') {
          settled = true;
          clearTimeout(timer);
          void worker.terminate();
          if (m.type === 'result') resolve(m.verdict);
          else reject(new CliError(m.message, m.code, m.hint));
        }
      },
    );
    worker.on('error', (e) => {
      settled = true;
      clearTimeout(timer);
      reject(new CliError(`${file}: ${e.message}`));
    });
    // A worker that stops before answering: the formula called process.exit.
    worker.on('exit', (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(
        new CliError(
          `${file}: the formula exited (process.exit(${code})) instead of returning a matrix`,
        ),
      );
    });
  });
}
