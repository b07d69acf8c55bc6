import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { CliError, EXIT } from './exitCodes.js';
import { type Formula, type FormulaKind, FormulaProtocolError } from './formulaCheck.js';
import { MAX_ANSWER_BYTES, type PipeEvent, type PipeWorkerData } from './formulaPipeProtocol.js';

/** Ms between two ticks while the command starts. */
const START_TICK_MS = 100;

/** A formula run as a command: its words (no shell) and the folder it runs in. */
export interface CommandSpec {
  readonly argv: readonly string[];
  readonly cwd: string;
}

/** The folder of bptt_formula.py, put on the command's PYTHONPATH so that a formula file can import it. */
export const PYTHON_HELPER_DIR = fileURLToPath(new URL('./python/', import.meta.url));

/** The interpreter of a .py FORMULA: $BPTT_PYTHON (one program path), else python3 on the PATH. */
export function pythonInterpreter(): string {
  return process.env.BPTT_PYTHON || 'python3';
}

/** The command that runs a .py FORMULA: the interpreter on its absolute path, in the current folder. */
export function pythonCommand(file: string): CommandSpec {
  return { argv: [pythonInterpreter(), path.resolve(file)], cwd: process.cwd() };
}

/** The entries of an answer's matrix with the strings "NaN", "Infinity", "-Infinity" read as those numbers. */
function reviveNonFinite(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reviveNonFinite);
  if (v === 'NaN') return Number.NaN;
  if (v === 'Infinity') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  return v;
}

/** The last non-empty line of a command's stderr, at most 300 characters, or ''. */
function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const l = (lines[lines.length - 1] ?? '').trim();
  return l.length > 300 ? `${l.slice(0, 300)}…` : l;
}

/**
 * Starts `spec` once and returns it as a synchronous Formula: a call writes one JSON request line
 * `{"id", "kind", "t", "case"}` to its stdin and waits (Atomics.wait, at most `timeoutS` seconds)
 * for the answer line `<nonce> {"id", "matrix"}` (or `{"id", "error"}`) on its stdout, which a
 * worker thread reads. The nonce comes in the environment (BPTT_NONCE); any other stdout line is
 * forwarded to stderr. A command that cannot start is a CliError; one that dies, hangs, answers
 * non-JSON or a line longer than MAX_ANSWER_BYTES is a FormulaProtocolError of the call (exit 2);
 * a hung one is killed. The command is killed when this process exits. While the command starts,
 * `tick` is called every TICK_MS (the parent's sign of life, as before a call).
 */
export function commandFormula(
  spec: CommandSpec,
  label: string,
  kind: FormulaKind,
  timeoutS: number,
  tick: () => void = () => {},
): { readonly formula: Formula } {
  const nonce = randomBytes(16).toString('hex');
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const pythonPath = process.env.PYTHONPATH;
  const data: PipeWorkerData = {
    argv: spec.argv,
    cwd: spec.cwd,
    env: {
      BPTT_NONCE: nonce,
      // The check writes nothing into the formula's folders (no __pycache__).
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONPATH: pythonPath
        ? `${PYTHON_HELPER_DIR}${path.delimiter}${pythonPath}`
        : PYTHON_HELPER_DIR,
    },
    nonce,
    signal,
    port: port2,
    maxAnswerBytes: MAX_ANSWER_BYTES,
  };
  const worker = new Worker(new URL('./formulaPipeWorker.mjs', import.meta.url), {
    workerData: data,
    transferList: [port2],
  });
  worker.on('error', () => {});
  const next = (deadline: number, onWait?: () => void): PipeEvent | undefined => {
    for (;;) {
      const seen = Atomics.load(flag, 0);
      const m = receiveMessageOnPort(port1);
      if (m) return m.message as PipeEvent;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      onWait?.();
      Atomics.wait(flag, 0, seen, onWait ? Math.min(left, START_TICK_MS) : left);
    }
  };
  let pid: number | undefined;
  const kill = () => {
    if (pid === undefined) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.on('exit', kill);
  const program = spec.argv[0];
  // Starting a thread and a process on a busy machine is not the formula's time: a minute, ticking.
  const started = next(Date.now() + 60_000 + timeoutS * 1000, tick);
  if (started?.type === 'spawned') pid = started.pid;
  else
    throw new CliError(
      started?.type === 'spawn-error'
        ? `${label}: cannot start ${program}: ${started.message}`
        : `${label}: ${program} did not start`,
      EXIT.usage,
      program === pythonInterpreter()
        ? 'install Python 3 (apt-get install python3-numpy), or set BPTT_PYTHON to an interpreter'
        : undefined,
    );
  let seq = 0;
  let broken: FormulaProtocolError | undefined;
  const formula: Formula = (c, t) => {
    if (broken) throw broken;
    const id = ++seq;
    port1.postMessage({ line: `${JSON.stringify({ id, kind, t, case: c })}\n` });
    const deadline = Date.now() + timeoutS * 1000;
    let noise: string | undefined;
    const fail = (e: FormulaProtocolError) => {
      kill();
      broken = e;
      return e;
    };
    for (;;) {
      const e = next(deadline);
      if (e === undefined)
        throw fail(
          new FormulaProtocolError(
            `did not return within ${timeoutS} s`,
            noise === undefined
              ? ''
              : `; instead it printed on stdout ${JSON.stringify(noise)} (an answer line starts with the nonce in BPTT_NONCE)`,
            'raise --timeout if it is just slow',
          ),
        );
      if (e.type === 'noise') noise ??= e.sample;
      else if (e.type === 'exit') {
        const why = lastLine(e.stderrTail);
        throw fail(
          new FormulaProtocolError(
            e.code !== null
              ? `exited with code ${e.code} before answering`
              : `was killed by ${e.signal} before answering`,
            why ? `: ${why}` : ' (its stderr is empty)',
          ),
        );
      } else if (e.type === 'too-long')
        throw fail(
          new FormulaProtocolError(
            `answered with a line longer than ${MAX_ANSWER_BYTES} bytes`,
            '',
          ),
        );
      else if (e.type === 'answer') return decode(e.text, id, fail);
    }
  };
  return { formula };
}

/** The matrix of an answer line (NaN and ±∞ revived from strings), or throws: the formula's error, or a protocol defect. */
function decode(
  text: string,
  id: number,
  fail: (e: FormulaProtocolError) => FormulaProtocolError,
): number[][] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    throw fail(
      new FormulaProtocolError(
        'answered with a line that is not JSON',
        `: ${JSON.stringify(shown)}`,
      ),
    );
  }
  const a = v as { id?: unknown; error?: unknown; matrix?: unknown } | null;
  if (typeof a !== 'object' || a === null || a.id !== id || !('matrix' in a || 'error' in a))
    throw fail(
      new FormulaProtocolError(
        `answered ${JSON.stringify(text.slice(0, 80))} where {"id": ${id}, "matrix": …} was expected`,
        '',
      ),
    );
  // The formula raised: reported by callFormula as a throw, as for a JS formula.
  if ('error' in a) throw new Error(String(a.error));
  return reviveNonFinite(a.matrix) as number[][];
}

/** True when `file` names a Python formula (run as `python3 FILE`). */
export function isPythonFile(file: string): boolean {
  return /\.py$/.test(file);
}

/** The command of a .py FORMULA, or a CliError if the file is missing. */
export function pythonFormulaCommand(file: string): CommandSpec {
  if (!fs.statSync(path.resolve(file), { throwIfNoEntry: false })?.isFile())
    throw new CliError(
      `${file}: no such file`,
      EXIT.usage,
      'a .py FORMULA is run as python3 FORMULA',
    );
  return pythonCommand(file);
}
