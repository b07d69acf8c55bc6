import * as fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import wabtInit from 'wabt';
import { matmulJs } from './kernels.js';
import { mat } from './Mat.js';
import { MATMUL_WASM_BASE64, wasmMatmul } from './wasmMatmul.js';

describe('WebAssembly matmul', () => {
  test('the embedded binary is matmul.wat compiled by wabt', async () => {
    const wabt = await wabtInit();
    const src = fs.readFileSync(new URL('./matmul.wat', import.meta.url), 'utf8');
    const bin = wabt
      .parseWat('matmul.wat', src, { simd: true, bulk_memory: true })
      .toBinary({}).buffer;
    expect(Buffer.from(bin).toString('base64')).toBe(MATMUL_WASM_BASE64);
  });

  test('A·B is bitwise the JavaScript kernel’s result, for all shapes including odd widths', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer(),
        (n, p, m, s) => {
          let state = (s >>> 0) | 1;
          const r = () => {
            state = (state * 48271) % 2147483647;
            return state / 2147483647 - 0.5;
          };
          const a = mat(n, p, Float64Array.from({ length: n * p }, r));
          const b = mat(p, m, Float64Array.from({ length: p * m }, r));
          expect(Array.from(wasmMatmul(a, b).data)).toEqual(Array.from(matmulJs(a, b).data));
        },
      ),
      { numRuns: 200 },
    );
  });
});
