import { z } from 'zod';
import { CASE_SHAPE } from '../model/caseFile.js';
import { SEED_MAX, SEED_MIN } from './seed.js';

/** The schema version written into every counterexample file. */
export const COUNTEREXAMPLE_SCHEMA_VERSION = 'bptt-claims/counterexample@1';

const rows = z.array(z.array(z.number()));
const decimalRows = z.array(z.array(z.string()));
const count = z.int().nonnegative();

/** The witness: both sides in float64, their distance and the threshold it exceeded. */
const WITNESS = z.strictObject({
  quantity: z.string().describe('what was compared, e.g. ∂h_t/∂W_R'),
  claimed: rows.describe("the paper's side, as rows"),
  actual: rows.describe("the oracles' side, as rows"),
  absError: z.number(),
  relError: z.number(),
  threshold: z.number(),
  // a flat record of finite numbers: nothing nested for a renderer to recurse into
  extra: z.record(z.string(), z.number()).optional(),
});

/** How the counterexample was found. */
const FOUND = z.strictObject({
  seed: z.int().min(SEED_MIN).max(SEED_MAX).describe('fast-check seed of the run'),
  path: z.string().describe('fast-check counterexamplePath'),
  runs: count.describe('runs before the first failure'),
  shrinks: count.describe('shrink steps taken'),
  strategy: z.string().describe('search strategy (random, targeted, …)'),
});

/** The comparison redone at 60 digits. */
const REVERIFICATION = z.strictObject({
  violated: z.boolean(),
  digits: z.int().positive(),
  claimed: decimalRows,
  actual: decimalRows,
  absError: z.string(),
  relError: z.string(),
  certificate: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('for limit claims: a statement valid for all t, checked exactly'),
});

const FORMULA_KIND = z.enum(['jacobian', 'gradient']);

/** The user formula a check-jacobian / check-gradient counterexample refutes; replay reloads it. */
const FORMULA = z
  .union(
    [
      z.strictObject({
        path: z
          .string()
          .min(1)
          .describe(
            'the module or .py file, absolute (a relative one is resolved against the current directory)',
          ),
        kind: FORMULA_KIND,
      }),
      z.strictObject({
        cmd: z.string().min(1).describe('the --cmd command line, split into words without a shell'),
        cwd: z.string().min(1).describe('the folder the command runs in'),
        kind: FORMULA_KIND,
      }),
    ],
    {
      error:
        'expected {"path", "kind"} (a module or .py file) or {"cmd", "cwd", "kind"} (a command line), with strings and kind "jacobian" or "gradient"',
    },
  )
  .describe(
    'check-jacobian / check-gradient only: the formula module, .py file or command that replay runs again',
  );

/**
 * A counterexample file: the one declaration from which its type (CounterexampleFile), the loader's
 * validation (loadCounterexample) and the JSON Schema (`bptt-claims schema`) come. The checks
 * across fields (W_R is n×n, …) are validateCase's; a claim's params domain is checked at replay.
 */
export const COUNTEREXAMPLE_FILE = z.strictObject({
  schema: z.literal(COUNTEREXAMPLE_SCHEMA_VERSION),
  claim: z.string().min(1).describe('the claim id (properties/<id>.claim.ts)'),
  formula: FORMULA.optional(),
  case: CASE_SHAPE,
  params: z.record(z.string(), z.number()).describe('claim parameters such as the step t'),
  witness: WITNESS,
  found: FOUND,
  reverification: REVERIFICATION,
  series: z
    .record(z.string(), z.array(z.number()))
    .optional()
    .describe('per-t norms for the report'),
});

/** One saved counterexample (the file's content). */
export type CounterexampleFile = z.infer<typeof COUNTEREXAMPLE_FILE>;

/** The module of a user formula and what it computes, as saved by check-jacobian / check-gradient. */
export type FormulaRef = z.infer<typeof FORMULA>;

/** How a counterexample was found. */
export type FoundBy = CounterexampleFile['found'];

/** JSON Schema (draft 2020-12) of a counterexample file; `bptt-claims schema` prints it. */
export const COUNTEREXAMPLE_JSON_SCHEMA = (() => {
  const { $schema, ...rest } = z.toJSONSchema(COUNTEREXAMPLE_FILE, { target: 'draft-2020-12' });
  return {
    $schema,
    $id: COUNTEREXAMPLE_SCHEMA_VERSION,
    title: 'bptt-claims counterexample',
    ...rest,
  };
})();
