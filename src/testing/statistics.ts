/**
 * Prints a test's statistics (a generator's mix, an error distribution) only when BPTT_STATS is set
 * to a non-empty value: `npm test` stays the ledger and the summary, and `BPTT_STATS=1 npx vitest
 * run FILE` shows the tables.
 */
export function printStatistics(text: string): void {
  if (process.env.BPTT_STATS) console.log(text);
}
