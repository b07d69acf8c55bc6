import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Claim } from './contract/claim.js';

/** The repository's properties/ folder, where each claim lives in `<id>.claim.ts`. */
export function propertiesDir(): string {
  return fileURLToPath(new URL('../../properties/', import.meta.url));
}

/** The claim files of a folder, sorted by id. */
export function claimFiles(dir = propertiesDir()): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.claim.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Imports one claim module: its default export must be a claim whose id is the file's name. */
export async function loadClaim(file: string): Promise<Claim> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: Claim };
  const claim = mod.default;
  const id = path.basename(file, '.claim.ts');
  if (claim === undefined || typeof claim.check !== 'function') {
    throw new Error(`${file}: expected a default export made by defineClaim`);
  }
  if (claim.id !== id)
    throw new Error(`${file}: the claim's id is ${claim.id}, but the file is named ${id}`);
  return claim;
}

/** Imports every claim module of a folder (default export of each `<id>.claim.ts`); checks id = file name. */
export async function loadClaims(dir = propertiesDir()): Promise<Claim[]> {
  const claims: Claim[] = [];
  for (const file of claimFiles(dir)) claims.push(await loadClaim(file));
  return claims;
}
