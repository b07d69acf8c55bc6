import { CliError, EXIT } from './exitCodes.js';

/** Characters a shell would treat as operators or expansions: --cmd runs no shell, so unquoted they are refused. */
const SHELL_SYNTAX = /[|&;<>()$`*?[\]{}~]/;

/**
 * Splits a --cmd command line into words as a POSIX shell does, without running one: words are
 * separated by blanks, '…' keeps everything literally, "…" keeps everything but \" \\ \$ \`
 * (backslash-escaped), and a backslash outside quotes keeps the next character. Unquoted shell
 * syntax (pipes, redirections, $ and globs) is a CliError naming `flag`, as is an unclosed quote or
 * an empty line, so that a command never means something else than it reads.
 */
export function splitCommandLine(line: string, flag = '--cmd'): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  const bad = (why: string) =>
    new CliError(
      `${flag}: ${why}`,
      EXIT.usage,
      "the command runs without a shell: quote such characters, or run sh -c '…' yourself",
    );
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw bad(`unclosed ' at character ${i + 1}`);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && '"\\$`'.includes(line[j + 1] ?? '')) j++;
        else if (line[j] === '$' || line[j] === '`')
          throw bad(`${line[j]} inside "…" at character ${j + 1}`);
        word += line[j];
      }
      if (j >= line.length) throw bad(`unclosed " at character ${i + 1}`);
      inWord = true;
      i = j;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) throw bad('a trailing \\');
      word += line[++i];
      inWord = true;
    } else if (SHELL_SYNTAX.test(ch)) {
      throw bad(`unquoted ${ch} at character ${i + 1}`);
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw bad('an empty command');
  return words;
}
