import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ReplayResult } from '../engine/replay.js';
import type { FormulaRef } from '../engine/store.js';
import { CliError, EXIT } from './exitCodes.js';
import type { FormulaCheckOptions, FormulaKind, FormulaVerdict } from './formulaCheck.js';
import type { ChildInput, ChildMessage, ChildTask } from './formulaChildMain.js';
import { isPythonFile } from './formulaPipe.js';

/** Seconds a single call of the formula may take before the check is stopped (exit 2). */
export const DEFAULT_CALL_TIMEOUT_S = 20;

/** Seconds the whole check (search and shrinking) may take before it stops (--max-time). */
export const DEFAULT_MAX_TIME_S = 600;

/** The largest --timeout and --max-time, one day: far below what Node's timers hold (2³¹−1 ms). */
export const MAX_SECONDS = 86_400;

/** MB of JS heap the formula's process may use (--max-memory); past it the check stops with exit 2. */
export const DEFAULT_MAX_MEMORY_MB = 4096;

/** The --max-memory range: enough for Node itself, and no more than a large machine has. */
export const MEMORY_MB_RANGE = [64, 1_048_576] as const;

/** What V8 prints on stderr when a process reaches its heap limit. */
const OUT_OF_MEMORY = /JavaScript heap out of memory|Reached heap limit/;

/** Least ms between two ticks of the child: one IPC message per call would cost more than the call. */
const TICK_MS = 100;

/**
 * Ms added to the tick timeout of a command formula (--cmd, .py): the child times each call of the
 * command itself, kills it and says which case hung, so this timeout is only the backstop of a
 * stuck child, generous enough that a heavily loaded machine never lets it fire first.
 */
const COMMAND_GRACE_MS = 30_000;

/** Ms the child may take to exit after its answer before it is killed (a formula may keep it alive). */
const EXIT_GRACE_MS = 2_000;

/**
 * Runs check-jacobian / check-gradient in a child process (see runFormulaChild): the verdict, or a
 * CliError naming the formula (exit 2 for a defect of the formula).
 */
export function runFormulaCheck(
  file: string,
  kind: FormulaKind,
  options: Omit<FormulaCheckOptions, 'onProgress'>,
  onProgress: (done: number, total: number) => void,
  timeoutS = DEFAULT_CALL_TIMEOUT_S,
  maxMemoryMb = DEFAULT_MAX_MEMORY_MB,
  ref?: FormulaRef,
): Promise<FormulaVerdict> {
  return runFormulaChildProcess(
    { mode: 'check', file, kind, options, ...(ref ? { ref } : {}) },
    file,
    onProgress,
    timeoutS,
    maxMemoryMb,
  ) as Promise<FormulaVerdict>;
}

/**
 * Replays the counterexample `file` of the formula `ref` in a child process, as check-* runs it:
 * the replay's result, or a CliError naming the file and `formula.path` (exit 2 when the formula
 * is gone, throws, hangs past the default --timeout, exits or runs out of memory).
 */
export function runFormulaReplay(file: string, ref: FormulaRef): Promise<ReplayResult> {
  return runFormulaChildProcess(
    { mode: 'replay', file, formula: ref },
    'cmd' in ref ? `${file}: formula.cmd: ${ref.cmd}` : `${file}: formula.path: ${ref.path}`,
    () => {},
    DEFAULT_CALL_TIMEOUT_S,
    DEFAULT_MAX_MEMORY_MB,
  ) as Promise<ReplayResult>;
}

/**
 * Runs a task of the formula's child process. The child sends a tick before a formula call (at
 * most one per TICK_MS); if none arrives for `timeoutS` seconds (plus TICK_MS) the child is killed
 * and the formula reported as never returning — a formula cannot hang the command. What the formula
 * writes to its stdout or stderr (any fd 1 or 2 write) is forwarded to our stderr, so that stdout
 * carries only the verdict; the promise settles once both streams are drained. The input goes over
 * IPC with a random nonce that every message of the checker carries: a message without it was sent
 * by the formula itself (process.send), which is refused rather than believed.
 */
function runFormulaChildProcess(
  task: ChildTask,
  label: string,
  onProgress: (done: number, total: number) => void,
  timeoutS: number,
  maxMemoryMb: number,
): Promise<unknown> {
  const nonce = randomBytes(32).toString('hex');
  const input: ChildInput = { nonce, task, label, tickMs: TICK_MS, timeoutS };
  const ref = task.mode === 'check' ? (task.ref ?? { path: task.file }) : task.formula;
  const isCommand = 'cmd' in ref || isPythonFile(ref.path);
  const child = fork(fileURLToPath(new URL('./formulaChild.mjs', import.meta.url)), [], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
    execArgv: [...process.execArgv, `--max-old-space-size=${maxMemoryMb}`],
  });
  // The tail of the child's stderr, to tell a heap exhaustion from another crash.
  let stderrTail = '';
  child.stdout?.on('data', (b: Buffer) => process.stderr.write(b));
  child.stderr?.on('data', (b: Buffer) => {
    process.stderr.write(b);
    stderrTail = (stderrTail + b.toString('utf8')).slice(-4096);
  });
  return new Promise((resolve, reject) => {
    let answer: { value: unknown } | { error: Error } | undefined;
    let timer: NodeJS.Timeout | undefined;
    let started = false;
    const settle = (a: { value: unknown } | { error: Error }, kill: boolean) => {
      if (answer) return;
      answer = a;
      clearTimeout(timer);
      if (kill) child.kill('SIGKILL');
      else timer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          settle(
            {
              error: new CliError(
                `${label}: the formula did not return within ${timeoutS} s`,
                EXIT.usage,
                'raise --timeout if it is just slow',
              ),
            },
            true,
          ),
        timeoutS * 1000 + TICK_MS + (isCommand ? COMMAND_GRACE_MS : 0),
      );
    };
    arm();
    child.on('message', (m: ChildMessage) => {
      if (answer) return;
      if (!started && m?.type === 'ready') {
        started = true;
        child.send(input);
        return;
      }
      if (!started || (m as { nonce?: unknown } | null)?.nonce !== nonce) {
        settle(
          {
            error: new CliError(
              `${label}: the formula sent a message that did not come from the checker`,
              EXIT.usage,
              'a formula must not call process.send',
            ),
          },
          true,
        );
        return;
      }
      if (m.type === 'tick') arm();
      else if (m.type === 'progress') {
        arm();
        onProgress(m.done, m.total);
      } else if (m.type === 'result') settle({ value: m.value }, false);
      else if (m.type === 'error')
        settle({ error: new CliError(m.message, m.code, m.hint) }, false);
    });
    // Fork failed, or a kill or send failed: not the formula's doing.
    child.on('error', (e) => {
      settle({ error: e }, true);
      if (child.pid === undefined) reject(e);
    });
    // Emitted once the child has exited and its stdout and stderr are drained into ours.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      answer ??= {
        error: new CliError(
          OUT_OF_MEMORY.test(stderrTail)
            ? `${label}: the formula ran out of memory (its process may use ${maxMemoryMb} MB of heap)`
            : code !== null
              ? `${label}: the formula exited (process.exit(${code})) instead of returning a matrix`
              : `${label}: the formula's process was killed by ${signal} before it answered`,
          EXIT.usage,
          OUT_OF_MEMORY.test(stderrTail) ? 'raise --max-memory if it needs more' : undefined,
        ),
      };
      if ('value' in answer) resolve(answer.value);
      else reject(answer.error);
    });
  });
}
