import { type Mat, mat } from './Mat.js';

/**
 * The f64x2 SIMD matrix product of matmul.wat, compiled with wabt (see wasmMatmul.test.ts, which
 * recompiles the source and compares). It multiplies then adds in the same order as the
 * JavaScript kernel, without fused multiply-add, so its results are bitwise the same. A 4×4 block
 * of the product stays in registers over the whole inner loop: measured 10 GFLOP/s on the
 * 4096×200·200×64 product of the n = 64, T = 200 closed form, against 4.7 for the previous
 * row-streaming kernel and 0.5–1.1 for the JavaScript loops.
 */
export const MATMUL_WASM_BASE64 =
  'AGFzbQEAAAABHwNgBnx/f39/fwF8YAl/f39/f39/f38AYAV/f39/fwADBAMAAQIFAwEAAQcZAwNtZW0CAAZtYXRtdWwAAQZtYXR2ZWMAAgrhCQM6AQF/AkADQCAGIARPDQEgACABKwMAIAMrAwCioCEAIAEgAmohASADIAVqIQMgBkEBaiEGDAALCyAAC6IHBAp/A3sBfwh7IAVBA3QhDEEAIQkCQANAIAlBBGogA0sNAUEAIQoCQANAIApBBGogBUsNASACIAkgBWwgCmpBA3RqIRIgCARAIBL9AAQAIRcgEv0ABBAhGCASIAxBAWxq/QAEACEZIBIgDEEBbGr9AAQQIRogEiAMQQJsav0ABAAhGyASIAxBAmxq/QAEECEcIBIgDEEDbGr9AAQAIR0gEiAMQQNsav0ABBAhHgX9DAAAAAAAAAAAAAAAAAAAAAAhF/0MAAAAAAAAAAAAAAAAAAAAACEY/QwAAAAAAAAAAAAAAAAAAAAAIRn9DAAAAAAAAAAAAAAAAAAAAAAhGv0MAAAAAAAAAAAAAAAAAAAAACEb/QwAAAAAAAAAAAAAAAAAAAAAIRz9DAAAAAAAAAAAAAAAAAAAAAAhHf0MAAAAAAAAAAAAAAAAAAAAACEeCyAAIAkgBmxqIQ0gDSAGaiEOIA4gBmohDyAPIAZqIRAgASAKQQN0aiERQQAhCwJAA0AgCyAETw0BIBH9AAQAIRQgEf0ABBAhFSAN/QoDACETIBcgEyAU/fIB/fABIRcgGCATIBX98gH98AEhGCAO/QoDACETIBkgEyAU/fIB/fABIRkgGiATIBX98gH98AEhGiAP/QoDACETIBsgEyAU/fIB/fABIRsgHCATIBX98gH98AEhHCAQ/QoDACETIB0gEyAU/fIB/fABIR0gHiATIBX98gH98AEhHiANIAdqIQ0gDiAHaiEOIA8gB2ohDyAQIAdqIRAgESAMaiERIAtBAWohCwwACwsgEiAX/QsEACASIBj9CwQQIBIgDGohEiASIBn9CwQAIBIgGv0LBBAgEiAMaiESIBIgG/0LBAAgEiAc/QsEECASIAxqIRIgEiAd/QsEACASIB79CwQQIApBBGohCgwACwsCQANAIAogBU8NAUEAIQsCQANAIAtBBE8NASACIAkgC2ogBWwgCmpBA3RqIRYgFiAWKwMARAAAAAAAAAAAIAgbIAAgCSALaiAGbGogByABIApBA3RqIAQgDBAAOQMAIAtBAWohCwwACwsgCkEBaiEKDAALCyAJQQRqIQkMAAsLAkADQCAJIANPDQFBACEKAkADQCAKIAVPDQEgAiAJIAVsIApqQQN0aiEWIBYgFisDAEQAAAAAAAAAACAIGyAAIAkgBmxqIAcgASAKQQN0aiAEIAwQADkDACAKQQFqIQoMAAsLIAlBAWohCQwACwsL/wEDA38CewF8IAAhBwJAA0AgBSADTw0B/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCUEAIQYCQANAIAZBBGogBEsNASAIIAf9AAQAIAEgBkEDdGr9AAQA/fIB/fABIQggCSAH/QAEECABIAZBA3Rq/QAEEP3yAf3wASEJIAdBIGohByAGQQRqIQYMAAsLIAj9IQAgCP0hAaAgCf0hACAJ/SEBoKAhCgJAA0AgBiAETw0BIAogBysDACABIAZBA3RqKwMAoqAhCiAHQQhqIQcgBkEBaiEGDAALCyACIAVBA3RqIAo5AwAgBUEBaiEFDAALCws=';

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
  readonly matmul: (
    a: number,
    b: number,
    c: number,
    n: number,
    p: number,
    m: number,
    ri: number,
    rk: number,
    acc: number,
  ) => void;
  readonly matvec: (a: number, x: number, y: number, n: number, p: number) => void;
}

let kernel: Kernel | undefined;

function instance(): Kernel {
  if (kernel === undefined) {
    const bytes = Buffer.from(MATMUL_WASM_BASE64, 'base64');
    const inst = new Wasm.Instance(new Wasm.Module(bytes));
    const ex = inst.exports as unknown as {
      mem: WasmMemory;
      matmul: Kernel['matmul'];
      matvec: Kernel['matvec'];
    };
    kernel = { memory: ex.mem, matmul: ex.matmul, matvec: ex.matvec };
  }
  return kernel;
}

/** out = a·b in WebAssembly: copies a and b into the module's memory, multiplies, copies out. */
export function wasmMatmul(a: Mat, b: Mat, out: Mat = mat(a.rows, b.cols)): Mat {
  if (a.cols !== b.rows)
    throw new RangeError(`wasmMatmul: ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
  return run(a, b, out, a.rows, a.cols, a.cols * 8, 8, false);
}

/**
 * out = aTᵀ·b (or out += aTᵀ·b when accumulate) in WebAssembly, reading aT (p×n, row-major) in
 * place of its transpose.
 */
export function wasmMatmulTN(
  aT: Mat,
  b: Mat,
  out: Mat = mat(aT.cols, b.cols),
  accumulate = false,
): Mat {
  if (aT.rows !== b.rows)
    throw new RangeError(`wasmMatmulTN: (${aT.rows}×${aT.cols})ᵀ · ${b.rows}×${b.cols}`);
  return run(aT, b, out, aT.cols, aT.rows, 8, aT.cols * 8, accumulate);
}

/** Runs the kernel on n×p op(a) (A[i,k] at byte i·ri + k·rk of a's data) and b; acc adds to out. */
function run(
  a: Mat,
  b: Mat,
  out: Mat,
  n: number,
  p: number,
  ri: number,
  rk: number,
  acc: boolean,
): Mat {
  const k = instance();
  resident = undefined;
  const bytesA = a.data.length * 8;
  const bytesB = b.data.length * 8;
  const bytesC = n * b.cols * 8;
  const need = bytesA + bytesB + bytesC;
  const have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
  const heap = new Float64Array(k.memory.buffer);
  heap.set(a.data, 0);
  heap.set(b.data, bytesA / 8);
  if (acc) heap.set(out.data, (bytesA + bytesB) / 8);
  k.matmul(0, bytesA, bytesA + bytesB, n, p, b.cols, ri, rk, acc ? 1 : 0);
  out.data.set(heap.subarray((bytesA + bytesB) / 8, (bytesA + bytesB + bytesC) / 8));
  return out;
}

/** The WasmMatvec whose matrix is in the module's memory now (any other call overwrites it). */
let resident: WasmMatvec | undefined;

/**
 * Many products y = A·x with one fixed A (one per time step of a recurrence): A is copied into the
 * module's memory once and stays while no other kernel runs; each product copies only x and y.
 * Each y[i] is bitwise kernels.ts dot4(A, i·p, x, xOff, p).
 */
export class WasmMatvec {
  private heap = new Float64Array(0);
  constructor(private readonly a: Mat) {}

  /** out[outOff + i] = Σ_j A[i,j]·x[xOff + j]. */
  apply(x: Float64Array, xOff: number, out: Float64Array, outOff = 0): void {
    const { rows: n, cols: p, data } = this.a;
    const k = instance();
    if (resident !== this || this.heap.buffer !== k.memory.buffer) {
      const need = (n * p + p + n) * 8;
      const have = k.memory.buffer.byteLength;
      if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
      this.heap = new Float64Array(k.memory.buffer);
      this.heap.set(data, 0);
      resident = this;
    }
    const heap = this.heap;
    const xBase = n * p;
    const yBase = xBase + p;
    for (let j = 0; j < p; j++) heap[xBase + j] = x[xOff + j];
    k.matvec(0, xBase * 8, yBase * 8, n, p);
    for (let i = 0; i < n; i++) out[outOff + i] = heap[yBase + i];
  }
}
