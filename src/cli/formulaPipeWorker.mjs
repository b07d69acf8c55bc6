// Worker thread of a command formula (--cmd, .py): owns the command's process and its pipes, so that
// the thread that runs the check can wait for an answer synchronously (see formulaPipe.ts). Plain JS,
// importing only Node: a worker does not inherit tsx, and registering it would slow every start.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { workerData } from 'node:worker_threads';

/** Bytes of the command's stderr kept to quote its last line when it dies. */
const STDERR_TAIL_BYTES = 4096;

/** Writes all of buf to fd 2 (the check's stderr, forwarded by the parent), waiting out a full pipe. */
function toStderr(buf) {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let off = 0; off < buf.length; ) {
    try {
      off += fs.writeSync(2, buf, off);
    } catch (e) {
      if (e.code !== 'EAGAIN') return;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

/**
 * Starts the command and relays: requests from the port to its stdin; from its stdout, each line
 * that starts with the nonce as an answer and every other byte to our stderr (noise, with the first
 * noise line of each request as a sample); its stderr to ours; then its exit.
 */
function runPipeWorker() {
  /** @type {import('./formulaPipeProtocol.ts').PipeWorkerData} */
  const d = workerData;
  const flag = new Int32Array(d.signal);
  /** @param {import('./formulaPipeProtocol.ts').PipeEvent} e */
  const post = (e) => {
    d.port.postMessage(e);
    Atomics.add(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  const child = spawn(d.argv[0], d.argv.slice(1), {
    cwd: d.cwd,
    env: { ...process.env, ...d.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.on('spawn', () => post({ type: 'spawned', pid: child.pid }));
  child.on('error', (e) => post({ type: 'spawn-error', message: e.message }));
  // A request written after the command died fails with EPIPE: its exit is reported instead.
  child.stdin.on('error', () => {});
  d.port.on('message', (m) => {
    sampled = false;
    child.stdin.write(m.line);
  });

  const prefix = Buffer.from(`${d.nonce} `);
  /** @type {'undecided' | 'answer' | 'noise' | 'overflow'} */
  let mode = 'undecided';
  /** @type {Buffer[]} */
  let parts = [];
  let size = 0;
  let sampled = false;
  let noiseLine = '';
  const noise = (b) => {
    toStderr(b);
    if (!sampled && noiseLine.length < 200) noiseLine += b.toString('utf8');
  };
  const feed = (piece) => {
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
    if (mode === 'answer' && size > d.maxAnswerBytes) {
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
  child.stdout.on('data', (chunk) => {
    for (let start = 0; start < chunk.length; ) {
      const nl = chunk.indexOf(10, start);
      feed(chunk.subarray(start, nl < 0 ? chunk.length : nl));
      if (nl < 0) break;
      endLine();
      start = nl + 1;
    }
  });
  let tail = Buffer.alloc(0);
  child.stderr.on('data', (chunk) => {
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

runPipeWorker();
