import * as fs from 'node:fs';
import { type Case, CaseError, parseCase } from '../model/caseFile.js';
import { CliError } from './exitCodes.js';

/** Reads and validates a case file; any problem becomes one CliError line naming file and field. */
export function readCaseFile(file: string): Case {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(
      `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  try {
    return parseCase(text);
  } catch (e) {
    if (e instanceof CaseError) {
      throw new CliError(
        `${file}: ${e.message}`,
        undefined,
        'see "Case files" in the README for the format',
      );
    }
    throw e;
  }
}
