/** Exit codes of every bptt-claims command (documented in the README). */
export const EXIT = {
  /** Everything as expected: verdicts match, the counterexample reproduces, the formula holds. */
  ok: 0,
  /** A finding: verdict drift, a counterexample that does not reproduce (as stored), a refuted formula. */
  finding: 1,
  /** Bad input: an invalid file (a malformed counterexample too), flag or module; nothing was judged. */
  usage: 2,
  /** Not judged: most runs of a formula check compared nothing, or --max-time stopped it first. */
  inconclusive: 3,
  /**
   * A result was printed (a verdict, a counterexample) but its evidence could not be saved: the
   * store or --out folder is not writable. The counterexample is printed instead of lost.
   */
  unsaved: 4,
} as const;

/** An error that the CLI reports as one line (plus a hint) and exits with `code`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: number = EXIT.usage,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
