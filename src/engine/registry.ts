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

/**
 * Imports a claim module without registering its vitest test (defineClaim registers when the
 * suite's setup installed a registrar): loading the ledger from inside a test must not add tests.
 */
async function importWithoutRegistering(file: string): Promise<{ default?: Claim }> {
  const g = globalThis as { __bpttRegisterClaim?: unknown };
  const saved = g.__bpttRegisterClaim;
  g.__bpttRegisterClaim = undefined;
  try {
    return (await import(pathToFileURL(file).href)) as { default?: Claim };
  } finally {
    g.__bpttRegisterClaim = saved;
  }
}

/** Imports every claim module of a folder (default export of each `<id>.claim.ts`); checks id = file name. */
export async function loadClaims(dir = propertiesDir()): Promise<Claim[]> {
  const claims: Claim[] = [];
  for (const file of claimFiles(dir)) {
    const mod = await importWithoutRegistering(file);
    const claim = mod.default;
    const id = path.basename(file, '.claim.ts');
    if (claim === undefined || typeof claim.check !== 'function') {
      throw new Error(`${file}: expected a default export made by defineClaim`);
    }
    if (claim.id !== id)
      throw new Error(`${file}: the claim's id is ${claim.id}, but the file is named ${id}`);
    claims.push(claim);
  }
  return claims;
}
