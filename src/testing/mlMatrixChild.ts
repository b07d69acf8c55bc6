import { spawnSync } from 'node:child_process';
import type { Mat } from '../numerics/Mat.js';

/**
 * Applies `perMatrix`, the source of a function `(ml, m) => result` (ml the ml-matrix module, m an
 * ml-matrix Matrix), to each matrix in a child process killed after timeoutMs: ml-matrix's QR loops
 * have no iteration cap, so a hang fails the calling test instead of stalling the test runner.
 */
export function mlMatrixInChild<T>(
  perMatrix: string,
  mats: readonly Mat[],
  timeoutMs: number,
): T[] {
  const script = `
    import('ml-matrix').then((ml) => {
      const f = ${perMatrix};
      let buf = '';
      process.stdin.on('data', (c) => { buf += c; });
      process.stdin.on('end', () => {
        const out = JSON.parse(buf).map(({ rows, cols, data }) => {
          const m = new ml.Matrix(rows, cols);
          for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, data[i * cols + j]);
          return f(ml, m);
        });
        process.stdout.write(JSON.stringify(out));
      });
    });`;
  const res = spawnSync(process.execPath, ['-e', script], {
    input: JSON.stringify(
      mats.map((m) => ({ rows: m.rows, cols: m.cols, data: Array.from(m.data) })),
    ),
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.signal !== null || res.status !== 0)
    throw new Error(
      `ml-matrix child: ${res.signal === 'SIGKILL' ? `killed after ${timeoutMs} ms (a hang)` : `signal ${res.signal}, status ${res.status}`}: ${res.stderr}`,
    );
  return JSON.parse(res.stdout);
}
