/** Progress of a long run on stderr: a bar with cases/s and ETA on a TTY, plain lines otherwise. */
export class Progress {
  private readonly start = performance.now();
  private lastLine = -1;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {}

  /** Reports done of total. */
  update(done: number, total: number): void {
    if (this.quiet || total <= 0) return;
    const secs = (performance.now() - this.start) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 ? (total - done) / rate : 0;
    if (this.stream.isTTY) {
      const width = 24;
      const filled = Math.round((width * done) / total);
      this.stream.write(
        `\r${this.label} [${'█'.repeat(filled)}${'·'.repeat(width - filled)}] ${done}/${total} · ${rate.toFixed(0)} cases/s · ETA ${eta.toFixed(0)} s `,
      );
    } else {
      // One plain line per 10%.
      const decile = Math.floor((10 * done) / total);
      if (decile !== this.lastLine) {
        this.lastLine = decile;
        this.stream.write(`${this.label}: ${done}/${total} cases (${rate.toFixed(0)} cases/s)\n`);
      }
    }
  }

  /** Ends the bar's line. */
  done(): void {
    if (!this.quiet && this.stream.isTTY) this.stream.write('\n');
  }
}

/** Wraps text in an ANSI colour when stdout is a TTY and NO_COLOR is unset. */
export function colour(
  text: string,
  code: 'red' | 'green' | 'yellow',
  stream: NodeJS.WriteStream = process.stdout,
): string {
  if (!stream.isTTY || process.env.NO_COLOR) return text;
  const c = { red: 31, green: 32, yellow: 33 }[code];
  return `\x1b[${c}m${text}\x1b[0m`;
}

/**
 * A transient one-line status ("[13/34] id …") on a TTY stream, erased with a carriage return and
 * spaces (no ANSI codes) before anything else is written; nothing at all when the stream is not a
 * TTY, so a piped or redirected run carries no progress.
 */
export class StatusLine {
  private shown = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  /** Replaces the status with text, cut to the terminal's width so that it never wraps. */
  show(text: string): void {
    if (!this.stream.isTTY) return;
    this.clear();
    const cut = [...text].slice(0, Math.max(1, (this.stream.columns || 80) - 1));
    this.stream.write(`\r${cut.join('')}`);
    this.shown = cut.length;
  }

  /** Erases the status, if any. */
  clear(): void {
    if (this.shown === 0) return;
    this.stream.write(`\r${' '.repeat(this.shown)}\r`);
    this.shown = 0;
  }
}
