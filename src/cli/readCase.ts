import { readBoundedText } from '../model/boundedRead.js';
import { type Case, CaseError, parseCase } from '../model/caseFile.js';
import { CliError } from './exitCodes.js';

/** The largest case file or `verify --json` file read: far above a case within CASE_LIMITS' n = 512 with a short T. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** MAX_INPUT_BYTES in words, for messages. */
export const MAX_INPUT_TEXT = 'the 64 MiB an input file may take';

/** Reads and validates a case file; any problem becomes one CliError line naming file and field. */
export function readCaseFile(file: string): Case {
  let text: string;
  try {
    text = readBoundedText(file, MAX_INPUT_BYTES, MAX_INPUT_TEXT);
  } catch (e) {
    throw new CliError(`${file}: cannot read (${(e as Error).message})`);
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
