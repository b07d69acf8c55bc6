import { describe, expect, test } from 'vitest';
import { splitCommandLine } from './commandLine.js';

describe('a --cmd command line splits into words as a shell would, without one', () => {
  test.each([
    ['python3 my_formula.py', ['python3', 'my_formula.py']],
    ['  python3\t-u   f.py  ', ['python3', '-u', 'f.py']],
    ["python3 '/a path/with spaces/f.py'", ['python3', '/a path/with spaces/f.py']],
    ['python3 "/a path/f.py" x', ['python3', '/a path/f.py', 'x']],
    ['python3 /a\\ path/f.py', ['python3', '/a path/f.py']],
    ['a"b c"\'d e\'f', ['ab cd ef']],
    ['x "say \\"hi\\" \\\\ \\$HOME" y', ['x', 'say "hi" \\ $HOME', 'y']],
    ['x "a\\nb"', ['x', 'a\\nb']],
    ["x '' y", ['x', '', 'y']],
    ["x '$HOME | *'", ['x', '$HOME | *']],
  ])('%j', (line, words) => {
    expect(splitCommandLine(line)).toEqual(words);
  });

  test.each([
    ['python3 f.py | tee log', /^--cmd: unquoted \| at character 14$/],
    ['python3 f.py > out', /^--cmd: unquoted > at character 14$/],
    ['python3 $HOME/f.py', /^--cmd: unquoted \$ at character 9$/],
    ['python3 *.py', /^--cmd: unquoted \* at character 9$/],
    ['python3 ~/f.py', /^--cmd: unquoted ~ at character 9$/],
    ['python3 "$HOME/f.py"', /^--cmd: \$ inside "…" at character 10$/],
    ["python3 'f.py", /^--cmd: unclosed ' at character 9$/],
    ['python3 "f.py', /^--cmd: unclosed " at character 9$/],
    ['python3 f.py\\', /^--cmd: a trailing \\$/],
    [' \t ', /^--cmd: an empty command$/],
  ])('%j is refused, naming the character', (line, message) => {
    expect(() => splitCommandLine(line)).toThrow(message);
  });
});
