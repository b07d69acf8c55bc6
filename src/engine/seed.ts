/** The suite's fixed default seed: CI runs reproduce exactly unless FC_SEED says otherwise. */
export const DEFAULT_SEED = 20190701;

/** The seed of this run: FC_SEED if set (an integer), else DEFAULT_SEED. */
export function suiteSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FC_SEED;
  if (raw === undefined || raw === '') return DEFAULT_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`FC_SEED: expected an integer, got ${JSON.stringify(raw)}`);
  }
  return seed | 0;
}
