import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './exitCodes.js';

/**
 * The default --out of check-jacobian / check-gradient, in the current directory: a formula's
 * counterexamples are the user's, not evidence for the paper's claims, so they stay out of the
 * claim store (where no claim would replay them).
 */
export const FORMULA_OUT_DIR = 'formula-counterexamples';

/**
 * The absolute --out folder of check-*. It may not exist yet (the first save creates it), but the
 * path, or its nearest existing ancestor, must be a folder: otherwise it is a CliError before the
 * check runs.
 */
export function formulaOutDir(out: string | undefined): string {
  const abs = path.resolve(out ?? FORMULA_OUT_DIR);
  let p = abs;
  while (!fs.existsSync(p) && path.dirname(p) !== p) p = path.dirname(p);
  if (!fs.statSync(p).isDirectory())
    throw new CliError(
      `--out ${out ?? FORMULA_OUT_DIR}: not a directory${p === abs ? '' : ` (${p} is a file)`}`,
    );
  return abs;
}
