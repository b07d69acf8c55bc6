/**
 * How many cases a unit-test property runs: n normally, a tenth of n (at least 5) under
 * `npm run mutate`, where StrykerJS reruns every covering test for each of ~3,400 mutants in
 * instrumented code. A mutant that survives is rerun in full; a tenth of the cases still reaches
 * every branch the generators reach, and the survivors are then checked against the full counts
 * (see README, "Mutation testing").
 */
export function propertyRuns(n: number, env: NodeJS.ProcessEnv = process.env): number {
  return env.BPTT_MUTATION === '1' ? Math.max(5, Math.ceil(n / 10)) : n;
}
