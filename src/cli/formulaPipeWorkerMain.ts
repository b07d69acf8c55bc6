import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { type MessagePort, workerData } from 'node:worker_threads';

/** The longest answer line a command may print (bytes, its nonce included); a longer one is a defect of the formula. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** Bytes of the command's stderr kept to quote its last line when it dies. */
const STDERR_TAIL_BYTES = 4096;

/** What the check's thread gives the worker. */
export interface PipeWorkerData {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Every answer line starts with `${nonce} `; any other stdout line is noise. */
  readonly nonce: string;
  /** Bumped (and notified) after each event is posted, so that the check's thread can Atomics.wait. */
  readonly signal: SharedArrayBuffer;
  readonly port: MessagePort;
}

/** What the worker tells the check's thread, in order. */
export type PipeEvent =
  | { readonly type: 'spawned'; readonly pid: number }
  | { readonly type: 'spawn-error'; readonly message: string }
  | { readonly type: 'answer'; readonly text: string }
  | { readonly type: 'too-long' }
  | { readonly type: 'noise'; readonly sample: string }
  | {
      readonly type: 'exit';
      readonly code: number | null;
      readonly signal: string | null;
      readonly stderrTail: string;
    };

/** Writes all of buf to fd 2 (the check's stderr, forwarded by the parent), waiting out a full pipe. */
function toStderr(buf: Buffer): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let off = 0; off < buf.length; ) {
    try {
      off += fs.writeSync(2, buf, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

/**
 * Starts the command and relays: requests from the port to its stdin; from its stdout, each line
 * that starts with the nonce as an answer and every other byte to our stderr (noise, with the first
 * noise line of each request as a sample); its stderr to ours; then its exit.
 */
export function runPipeWorker(): void {
  const d = workerData as PipeWorkerData;
  const flag = new Int32Array(d.signal);
  const post = (e: PipeEvent) => {
    d.port.postMessage(e);
    Atomics.add(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  const child = spawn(d.argv[0] as string, d.argv.slice(1), {
    cwd: d.cwd,
    env: { ...process.env, ...d.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.on('spawn', () => post({ type: 'spawned', pid: child.pid as number }));
  child.on('error', (e) => post({ type: 'spawn-error', message: e.message }));
  // A request written after the command died fails with EPIPE: its exit is reported instead.
  child.stdin.on('error', () => {});
  d.port.on('message', (m: { line: string }) => {
    sampled = false;
    child.stdin.write(m.line);
  });

  const prefix = Buffer.from(`${d.nonce} `);
  let mode: 'undecided' | 'answer' | 'noise' | 'overflow' = 'undecided';
  let parts: Buffer[] = [];
  let size = 0;
  let sampled = false;
  let noiseLine = '';
  const noise = (b: Buffer) => {
    toStderr(b);
    if (!sampled && noiseLine.length < 200) noiseLine += b.toString('utf8');
  };
  const feed = (piece: Buffer) => {
    if (mode === 'noise') return noise(piece);
    if (mode === 'overflow') return;
    parts.push(piece);
    size += piece.length;
    if (mode === 'undecided' && size >= prefix.length) {
      const head = Buffer.concat(parts);
      parts = [head];
      if (head.subarray(0, prefix.length).equals(prefix)) mode = 'answer';
      else {
        mode = 'noise';
        parts = [];
        size = 0;
        noise(head);
      }
    }
    if (mode === 'answer' && size > MAX_ANSWER_BYTES) {
      mode = 'overflow';
      parts = [];
      post({ type: 'too-long' });
    }
  };
  const endLine = () => {
    if (mode === 'answer') {
      const text = Buffer.concat(parts).subarray(prefix.length).toString('utf8');
      post({ type: 'answer', text: text.replace(/\r$/, '') });
    } else if (mode !== 'overflow') {
      if (mode === 'undecided') noise(Buffer.concat(parts));
      toStderr(Buffer.from('\n'));
      if (!sampled) {
        sampled = true;
        post({ type: 'noise', sample: noiseLine.slice(0, 200) });
      }
      noiseLine = '';
    }
    mode = 'undecided';
    parts = [];
    size = 0;
  };
  child.stdout.on('data', (chunk: Buffer) => {
    for (let start = 0; start < chunk.length; ) {
      const nl = chunk.indexOf(10, start);
      feed(chunk.subarray(start, nl < 0 ? chunk.length : nl));
      if (nl < 0) break;
      endLine();
      start = nl + 1;
    }
  });
  let tail = Buffer.alloc(0);
  child.stderr.on('data', (chunk: Buffer) => {
    toStderr(chunk);
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > STDERR_TAIL_BYTES) tail = tail.subarray(tail.length - STDERR_TAIL_BYTES);
  });
  // After stdout and stderr are drained: an answer printed just before exiting comes first.
  child.on('close', (code, signal) => {
    if (parts.length > 0 || mode !== 'undecided') endLine();
    post({ type: 'exit', code, signal, stderrTail: tail.toString('utf8') });
  });
}
