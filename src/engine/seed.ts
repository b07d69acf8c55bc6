/** The suite's fixed default seed: CI runs reproduce exactly unless FC_SEED says otherwise. */
export const DEFAULT_SEED = 20190701;

/** The seeds fast-check takes: 32-bit signed integers (a larger one would be silently wrapped). */
export const SEED_MIN = -(2 ** 31);
/** The largest seed fast-check takes. */
export const SEED_MAX = 2 ** 31 - 1;

/** A seed from text, or why it is not one: an integer in SEED_MIN…SEED_MAX. */
export function parseSeedText(raw: string): number | { error: string } {
  const seed = Number(raw);
  return raw.trim() !== '' && Number.isInteger(seed) && seed >= SEED_MIN && seed <= SEED_MAX
    ? seed
    : { error: `expected an integer in ${SEED_MIN}…${SEED_MAX}, got ${JSON.stringify(raw)}` };
}

/** The seed of this run: FC_SEED if set, else DEFAULT_SEED. */
export function suiteSeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FC_SEED;
  if (raw === undefined || raw === '') return DEFAULT_SEED;
  const seed = parseSeedText(raw);
  if (typeof seed !== 'number') throw new Error(`FC_SEED: ${seed.error}`);
  return seed;
}
