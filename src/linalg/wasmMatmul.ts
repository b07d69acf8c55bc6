import { type Mat, mat } from './Mat.js';

/**
 * The f64x2 SIMD matrix product of matmul.wat, compiled with wabt (see wasmMatmul.test.ts, which
 * recompiles the source and compares). It multiplies then adds in the same order as the
 * JavaScript kernel, without fused multiply-add, so its results are bitwise the same; measured
 * 4–7 GFLOP/s against 0.5–1.1 for the JavaScript loops (n = 32–128).
 */
export const MATMUL_WASM_BASE64 =
  'AGFzbQEAAAABCgFgBn9/f39/fwADAgEABQMBAAEHEAIDbWVtAgAGbWF0bXVsAAAKowIBoAIDA38BewN/IAJBACADIAVsQQN0/AsAQQAhBgJAA0AgBiADTw0BIAIgBiAFbEEDdGohCkEAIQcCQANAIAcgBE8NASAAIAYgBGwgB2pBA3RqKwMA/RQhCSABIAcgBWxBA3RqIQtBACEIAkADQCAIQQRqIAVLDQEgCEEDdCEMIAogDGogCiAMav0ABAAgCSALIAxq/QAEAP3yAf3wAf0LBAAgCiAMaiAKIAxq/QAEECAJIAsgDGr9AAQQ/fIB/fAB/QsEECAIQQRqIQgMAAsLAkADQCAIIAVPDQEgCEEDdCEMIAogDGogCiAMaisDACAJ/SEAIAsgDGorAwCioDkDACAIQQFqIQgMAAsLIAdBAWohBwwACwsgBkEBaiEGDAALCws=';

/** The slice of the WebAssembly API used here (the ES2022 lib has no WebAssembly types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Kernel {
  readonly memory: WasmMemory;
  readonly matmul: (a: number, b: number, c: number, n: number, p: number, m: number) => void;
}

let kernel: Kernel | undefined;

function instance(): Kernel {
  if (kernel === undefined) {
    const bytes = Buffer.from(MATMUL_WASM_BASE64, 'base64');
    const inst = new Wasm.Instance(new Wasm.Module(bytes));
    const ex = inst.exports as unknown as { mem: WasmMemory; matmul: Kernel['matmul'] };
    kernel = { memory: ex.mem, matmul: ex.matmul };
  }
  return kernel;
}

/** out = a·b in WebAssembly: copies a and b into the module's memory, multiplies, copies out. */
export function wasmMatmul(a: Mat, b: Mat, out: Mat = mat(a.rows, b.cols)): Mat {
  if (a.cols !== b.rows)
    throw new RangeError(`wasmMatmul: ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
  const k = instance();
  const bytesA = a.data.length * 8;
  const bytesB = b.data.length * 8;
  const bytesC = a.rows * b.cols * 8;
  const need = bytesA + bytesB + bytesC;
  const have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
  const heap = new Float64Array(k.memory.buffer);
  heap.set(a.data, 0);
  heap.set(b.data, bytesA / 8);
  k.matmul(0, bytesA, bytesA + bytesB, a.rows, a.cols, b.cols);
  out.data.set(heap.subarray((bytesA + bytesB) / 8, (bytesA + bytesB + bytesC) / 8));
  return out;
}
