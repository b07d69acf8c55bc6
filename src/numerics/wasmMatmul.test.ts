import * as fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import wabtInit from 'wabt';
import { propertyRuns } from '../testing/propertyRuns.js';
import { dot4, fixedMatvec, matmulJs, matmulTNJs, WASM_MIN_MATVEC } from './kernels.js';
import { type Mat, mat, transpose } from './Mat.js';
import { MATMUL_WASM_BASE64, WasmMatvec, wasmMatmul, wasmMatmulTN } from './wasmMatmul.js';

/** Uniform numbers in [−0.5, 0.5) from a seed (a Lehmer generator: reproducible, no Math.random). */
function lcg(seed: number): () => number {
  let state = (seed >>> 0) | 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647 - 0.5;
  };
}

/** A rows×cols matrix filled row-major from the stream r. */
function randomMat(rows: number, cols: number, r: () => number): Mat {
  return mat(rows, cols, Float64Array.from({ length: rows * cols }, r));
}

/** A matrix dimension, 1…40: odd widths and every remainder modulo the kernels’ 4×4 blocks occur. */
const dim = fc.integer({ min: 1, max: 40 });

describe('WebAssembly matmul', () => {
  test('the embedded binary is matmul.wat compiled by wabt', async () => {
    const wabt = await wabtInit();
    const src = fs.readFileSync(new URL('./matmul.wat', import.meta.url), 'utf8');
    const bin = wabt
      .parseWat('matmul.wat', src, { simd: true, bulk_memory: true })
      .toBinary({}).buffer;
    expect(Buffer.from(bin).toString('base64')).toBe(MATMUL_WASM_BASE64);
  });

  test('A·B and (Aᵀ)ᵀ·B are bitwise the JavaScript kernel’s A·B, for all shapes including odd widths', () => {
    fc.assert(
      fc.property(dim, dim, dim, fc.integer(), (n, p, m, s) => {
        const r = lcg(s);
        const a = randomMat(n, p, r);
        const b = randomMat(p, m, r);
        const ab = Array.from(matmulJs(a, b).data);
        expect(Array.from(wasmMatmul(a, b).data)).toEqual(ab);
        // Aᵀ·B read from the stored transpose, in WebAssembly and in JavaScript.
        expect(Array.from(wasmMatmulTN(transpose(a), b).data)).toEqual(ab);
        expect(Array.from(matmulTNJs(transpose(a), b).data)).toEqual(ab);
        // C += Aᵀ·B continues each entry's sum from C's value, in both kernels.
        const c0 = Float64Array.from({ length: n * m }, r);
        const viaJs = matmulTNJs(transpose(a), b, mat(n, m, c0.slice()), true);
        const viaWasm = wasmMatmulTN(transpose(a), b, mat(n, m, c0.slice()), true);
        expect(Array.from(viaWasm.data)).toEqual(Array.from(viaJs.data));
        expect(Math.abs(viaJs.data[0] - c0[0] - ab[0])).toBeLessThan(1e-12);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  test('y = A·x with A resident is bitwise dot4 per row, also after other kernels overwrote the memory', () => {
    fc.assert(
      fc.property(dim, dim, fc.integer({ min: 0, max: 5 }), fc.integer(), (n, p, xOff, s) => {
        const r = lcg(s);
        const a = randomMat(n, p, r);
        const other = randomMat(n, n, r);
        const w = new WasmMatvec(a);
        const viaFixed = fixedMatvec(a);
        for (let step = 0; step < 3; step++) {
          const x = Float64Array.from({ length: p + xOff }, r);
          const expected = Array.from({ length: n }, (_, i) => dot4(a.data, i * p, x, xOff, p));
          const y = new Float64Array(n + 2);
          w.apply(x, xOff, y, 2);
          expect(Array.from(y.subarray(2))).toEqual(expected);
          const z = new Float64Array(n);
          viaFixed(x, xOff, z);
          expect(Array.from(z)).toEqual(expected);
          // Another kernel takes the memory; the next product must copy A back in.
          wasmMatmul(other, other);
          new WasmMatvec(other).apply(new Float64Array(n).fill(1), 0, new Float64Array(n));
        }
      }),
      { numRuns: propertyRuns(200) },
    );
    // The shapes above reach both sides of fixedMatvec's switch to WebAssembly.
    expect(WASM_MIN_MATVEC).toBeLessThanOrEqual(40 * 40);
  });
});
