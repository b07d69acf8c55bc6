import { ACTIVATION_NAMES } from '../model/activation.js';
import { SEED_MAX, SEED_MIN } from './seed.js';
import { COUNTEREXAMPLE_KEYS, COUNTEREXAMPLE_SCHEMA_VERSION } from './store.js';

const matrix = { type: 'array', items: { type: 'array', items: { type: 'number' } } };
const vector = { type: 'array', items: { type: 'number' } };
const stringMatrix = { type: 'array', items: { type: 'array', items: { type: 'string' } } };

/** JSON Schema (draft 2020-12) of a counterexample file; `bptt-claims schema` prints it. */
export const COUNTEREXAMPLE_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: COUNTEREXAMPLE_SCHEMA_VERSION,
  title: 'bptt-claims counterexample',
  type: 'object',
  additionalProperties: false,
  required: COUNTEREXAMPLE_KEYS.filter((k) => k !== 'series' && k !== 'formula'),
  properties: {
    schema: { const: COUNTEREXAMPLE_SCHEMA_VERSION },
    claim: { type: 'string', description: 'the claim id (properties/<id>.claim.ts)' },
    formula: {
      type: 'object',
      description: 'check-jacobian / check-gradient only: the formula module that replay reloads',
      additionalProperties: false,
      required: ['path', 'kind'],
      properties: {
        path: { type: 'string', minLength: 1 },
        kind: { enum: ['jacobian', 'gradient'] },
      },
    },
    case: {
      type: 'object',
      description: 'a case file; xs[t−1] is x_t, ys are 0-based classes',
      additionalProperties: false,
      required: ['activation', 'W_R', 'W_I', 'b_R', 'W_O', 'b_O', 'h_0', 'xs', 'ys'],
      properties: {
        activation: { enum: [...ACTIVATION_NAMES] },
        W_R: matrix,
        W_I: matrix,
        b_R: vector,
        W_O: matrix,
        b_O: vector,
        h_0: vector,
        xs: matrix,
        ys: { type: 'array', items: { type: 'integer', minimum: 0 } },
      },
    },
    params: {
      type: 'object',
      additionalProperties: { type: 'number' },
      description: 'claim parameters such as the step t',
    },
    witness: {
      type: 'object',
      required: ['quantity', 'claimed', 'actual', 'absError', 'relError', 'threshold'],
      properties: {
        quantity: { type: 'string' },
        claimed: matrix,
        actual: matrix,
        absError: { type: 'number' },
        relError: { type: 'number' },
        threshold: { type: 'number' },
        extra: { type: 'object', additionalProperties: { type: 'number' } },
      },
    },
    found: {
      type: 'object',
      required: ['seed', 'path', 'runs', 'shrinks', 'strategy'],
      properties: {
        seed: { type: 'integer', minimum: SEED_MIN, maximum: SEED_MAX },
        path: { type: 'string', description: 'fast-check counterexamplePath' },
        runs: { type: 'integer', minimum: 0 },
        shrinks: { type: 'integer', minimum: 0 },
        strategy: { type: 'string' },
      },
    },
    reverification: {
      type: 'object',
      required: ['violated', 'digits', 'claimed', 'actual', 'absError', 'relError'],
      properties: {
        violated: { type: 'boolean' },
        digits: { type: 'integer', minimum: 1 },
        claimed: stringMatrix,
        actual: stringMatrix,
        absError: { type: 'string' },
        relError: { type: 'string' },
        certificate: { type: 'object' },
      },
    },
    series: {
      type: 'object',
      additionalProperties: vector,
      description: 'per-t norms for the report',
    },
  },
} as const;
