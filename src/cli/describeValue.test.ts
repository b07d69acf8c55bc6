import { describe, expect, test } from 'vitest';
import { describeThrown, describeValue, oneLine } from './describeValue.js';

describe('describing a value a formula hands back never throws', () => {
  const hostile = new Proxy(
    {},
    {
      get() {
        throw new Error('trap');
      },
      getPrototypeOf() {
        throw new Error('trap');
      },
    },
  );
  test('each kind by its type, without converting it', () => {
    const cases: [unknown, string][] = [
      ['0', 'a string ("0")'],
      [0n, 'a bigint (0n)'],
      [0, 'the number 0'],
      [undefined, 'undefined'],
      [null, 'null'],
      [Promise.resolve([[0]]), 'a Promise'],
      [[0], 'an array of 1 number'],
      [[[1, 2, 3]], 'an array of 1 array of 3 numbers'],
      [[], 'an empty array'],
      [new Float64Array(2), 'a typed array ([object Float64Array])'],
      [Object.create(null), 'an object'],
      [hostile, 'a value that cannot be inspected'],
    ];
    expect(cases.map(([v]) => describeValue(v))).toEqual(cases.map(([, text]) => text));
  });

  test('a thrown value: an Error by its message, anything else by its type', () => {
    expect(describeThrown(new Error('boom'))).toBe('boom');
    expect(describeThrown('boom')).toBe('boom');
    expect(describeThrown(Object.create(null))).toBe('an object (not an Error)');
    expect(describeThrown(42)).toBe('the number 42 (not an Error)');
    expect(describeThrown(hostile)).toBe('a value that cannot be inspected (not an Error)');
    const getter = new Error('x');
    Object.defineProperty(getter, 'message', {
      get() {
        throw new Error('no');
      },
    });
    expect(describeThrown(getter)).toBe('a value that cannot be inspected (not an Error)');
  });

  test('one line: the first line and how many more; a long line is clipped', () => {
    expect(oneLine('a\nb\nc')).toBe('a (+2 more lines)');
    expect(oneLine('a\n\nb\n')).toBe('a (+1 more line)');
    expect(oneLine('Transform failed with 1 error:\nf.ts:1:18: ERROR: x')).toBe(
      'Transform failed with 1 error: f.ts:1:18: ERROR: x',
    );
    expect(oneLine('x'.repeat(1000))).toMatch(/^x{300}… \(1000 characters\)$/);
  });
});
