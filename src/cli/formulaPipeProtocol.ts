import type { MessagePort } from 'node:worker_threads';

/** The longest answer line a command may print (bytes, its nonce included); a longer one is a defect of the formula. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

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
  /** MAX_ANSWER_BYTES, passed so that the worker (plain JS, started without tsx) imports nothing of ours. */
  readonly maxAnswerBytes: number;
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
