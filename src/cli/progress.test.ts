import { afterEach, describe, expect, test, vi } from 'vitest';
import { colour, StatusLine } from './progress.js';

/** A stand-in for process.stderr/stdout that records what is written. */
function stream(isTTY: boolean, columns = 40) {
  const written: string[] = [];
  const s = { isTTY, columns, write: (x: string) => written.push(x) > 0 };
  return { s: s as unknown as NodeJS.WriteStream, written };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('colour and the status line', () => {
  test('colour: ANSI codes only on a TTY with NO_COLOR unset or empty (no-color.org)', () => {
    const tty = stream(true).s;
    vi.stubEnv('NO_COLOR', '');
    expect(colour('ok', 'green', tty)).toBe('\x1b[32mok\x1b[0m');
    expect(colour('ok', 'green', stream(false).s)).toBe('ok');
    vi.stubEnv('NO_COLOR', '1');
    expect(colour('ok', 'green', tty)).toBe('ok');
  });

  test('the status line writes nothing off a TTY; on a TTY it is erased with spaces, never ANSI', () => {
    const off = stream(false);
    new StatusLine(off.s).show('[1/2] a …');
    expect(off.written).toEqual([]);
    const on = stream(true, 12);
    const st = new StatusLine(on.s);
    st.show('[1/34] a.long.claim.id …');
    st.clear();
    st.clear();
    expect(on.written).toEqual(['\r[1/34] a.lo', `\r${' '.repeat(11)}\r`]);
    expect(on.written.join('')).not.toContain('\x1b');
  });
});
