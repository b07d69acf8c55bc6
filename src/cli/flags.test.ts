import { Command, CommanderError } from 'commander';
import { describe, expect, test } from 'vitest';
import {
  addSearchFlags,
  HELP_POINTER,
  parseSizePair,
  resolveSeed,
  writeCommanderError,
} from './flags.js';

/** Parses argv with the shared flags; returns the options or what was written to stderr. */
function parse(...argv: string[]): { opts?: Record<string, unknown>; err: string } {
  let err = '';
  const cmd = new Command('demo')
    .exitOverride()
    .configureOutput({ outputError: writeCommanderError, writeErr: (s) => (err += s) });
  addSearchFlags(cmd, { runs: 'r', runsDefault: 500, activation: 'a', json: 'j', quiet: 'q' });
  try {
    cmd.parse(argv, { from: 'user' });
    return { opts: cmd.opts(), err };
  } catch (e) {
    if (e instanceof CommanderError) return { err };
    throw e;
  }
}

describe('the shared flags', () => {
  test('parse integers, seeds and choices', () => {
    expect(parse('--runs', '7', '--seed', '-3', '--activation', 'relu', '--json').opts).toEqual({
      runs: 7,
      seed: -3,
      activation: 'relu',
      json: true,
    });
    expect(parse().opts).toEqual({ runs: 500 });
    expect(parse('--seed', String(2 ** 31 - 1)).opts?.seed).toBe(2 ** 31 - 1);
    expect(parse('--seed', String(-(2 ** 31))).opts?.seed).toBe(-(2 ** 31));
  });

  test("a bad value is commander's error rewritten to one line naming the flag (exact text)", () => {
    expect(parse('--runs', '-3').err).toBe('error: --runs: expected an integer ≥ 1, got "-3"\n');
    expect(parse('--seed', 'abc').err).toBe(
      'error: --seed: expected an integer in -2147483648…2147483647, got "abc"\n',
    );
    // fast-check would wrap these to 0 and −2147483648 without a word
    for (const big of ['4294967296', '2147483648', '-2147483649', '1.5'])
      expect(parse('--seed', big).err).toBe(
        `error: --seed: expected an integer in -2147483648…2147483647, got "${big}"\n`,
      );
    expect(parse('--activation', 'swish').err).toBe(
      'error: --activation: unknown activation "swish"\nhint: one of identity, tanh, sigmoid, relu, leaky_relu, softplus, elu, silu, gelu, hardtanh, scaled_tanh\n',
    );
  });

  test('other usage errors keep commander’s wording and point to --help', () => {
    expect(parse('--nope').err).toBe(`error: unknown option '--nope'\n${HELP_POINTER}\n`);
  });

  test('--large-check n,T and FC_SEED', () => {
    expect(parseSizePair('3,40')).toEqual([3, 40]);
    expect(() => parseSizePair('3,x')).toThrow(/expected two integers ≥ 1/);
    expect(() => parseSizePair('3')).toThrow(/expected two integers ≥ 1/);
    expect(resolveSeed(9)).toBe(9);
    const saved = process.env.FC_SEED;
    process.env.FC_SEED = 'twelve';
    try {
      expect(() => resolveSeed(undefined)).toThrow(
        /FC_SEED: expected an integer in -2147483648…2147483647, got "twelve"/,
      );
      process.env.FC_SEED = '4294967296';
      expect(() => resolveSeed(undefined)).toThrow(/FC_SEED: .* got "4294967296"/);
    } finally {
      if (saved === undefined) delete process.env.FC_SEED;
      else process.env.FC_SEED = saved;
    }
  });
});
