import * as fs from 'node:fs';

/** A file that cannot be read as bounded text: why, as one line (the caller names the file). */
export class BoundedReadError extends Error {
  override readonly name = 'BoundedReadError';
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The UTF-8 text of a regular file of at most `maxBytes` bytes. Anything else is refused before a
 * byte is read: a directory, a FIFO (whose open would block), a device (/dev/zero never ends, and
 * its size reads as 0), or a larger file; a file that grows past the bound while read is refused
 * too. `limit` says the bound in words.
 */
export function readBoundedText(file: string, maxBytes: number, limit: string): string {
  let st: fs.Stats;
  try {
    st = fs.statSync(file); // follows a symlink: its target is what would be read
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new BoundedReadError(err.code === 'ENOENT' ? 'no such file' : err.message);
  }
  if (!st.isFile()) throw new BoundedReadError(`${kindOf(st)}, not a file`);
  if (st.size > maxBytes) throw new BoundedReadError(`${st.size} bytes, more than ${limit}`);
  const fd = fs.openSync(file, 'r');
  try {
    // one byte more than stat said: reading it means the file grew after the stat
    const buf = Buffer.alloc(st.size + 1);
    let got = 0;
    for (;;) {
      const k = fs.readSync(fd, buf, got, buf.length - got, null);
      if (k === 0) break;
      got += k;
      if (got > st.size) throw new BoundedReadError('it grew while it was read');
    }
    return buf.toString('utf8', 0, got);
  } finally {
    fs.closeSync(fd);
  }
}
