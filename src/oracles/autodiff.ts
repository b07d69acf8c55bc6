import type { Activation } from '../model/activation.js';
import type { Model } from '../model/caseFile.js';
import { matmul, matmulTN, PRODUCT_CHUNK_ENTRIES } from '../numerics/kernels.js';
import { type Mat, mat } from '../numerics/Mat.js';

/**
 * A small reverse-mode automatic differentiation tape over vector operations, with batched
 * cotangents: one backward sweep propagates B cotangent rows at once (B = n gives a whole
 * Jacobian, B = 1 a gradient). It knows only the local derivative of each primitive
 * (y = W·x, y = a + b, y = σ(x), cross-entropy, sum) and composes them by the chain rule; it uses
 * no formula of the paper, which makes it an oracle for those formulas.
 */
type Op =
  | { kind: 'leaf' }
  | { kind: 'matvec'; param: number; x: number }
  | { kind: 'add'; a: number; b: number }
  | { kind: 'sigma'; x: number; act: Activation }
  | { kind: 'crossEntropy'; z: number; y: number }
  | { kind: 'sum'; terms: number[] };

/** A recording of one forward computation, differentiable by `backward`. */
export class Tape {
  private readonly values: Float64Array[] = [];
  private readonly ops: Op[] = [];
  private readonly params: Mat[] = [];

  /** Registers a matrix parameter and returns its handle. */
  param(w: Mat): number {
    this.params.push(w);
    return this.params.length - 1;
  }

  /** A constant (or input) vector node. */
  leaf(v: Float64Array): number {
    return this.push(v, { kind: 'leaf' });
  }

  /** The value of a node. */
  value(node: number): Float64Array {
    return this.values[node];
  }

  /** y = W·x. */
  matvec(param: number, x: number): number {
    const w = this.params[param];
    const xv = this.values[x];
    const y = new Float64Array(w.rows);
    for (let i = 0; i < w.rows; i++) {
      let acc = 0;
      for (let j = 0; j < w.cols; j++) acc += w.data[i * w.cols + j] * xv[j];
      y[i] = acc;
    }
    return this.push(y, { kind: 'matvec', param, x });
  }

  /** y = a + b. */
  add(a: number, b: number): number {
    const av = this.values[a];
    const bv = this.values[b];
    const y = new Float64Array(av.length);
    for (let i = 0; i < y.length; i++) y[i] = av[i] + bv[i];
    return this.push(y, { kind: 'add', a, b });
  }

  /** y = σ(x) elementwise. */
  sigma(act: Activation, x: number): number {
    const xv = this.values[x];
    const y = new Float64Array(xv.length);
    for (let i = 0; i < xv.length; i++) y[i] = act.f(xv[i]);
    return this.push(y, { kind: 'sigma', x, act });
  }

  /** The scalar −log softmax(z)[y] = logsumexp(z) − z_y, as a length-1 node. */
  crossEntropy(z: number, y: number): number {
    const zv = this.values[z];
    const mx = zv.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
    let acc = 0;
    for (const v of zv) acc += Math.exp(v - mx);
    return this.push(Float64Array.of(mx + Math.log(acc) - zv[y]), { kind: 'crossEntropy', z, y });
  }

  /** The scalar Σ of length-1 nodes. */
  sum(terms: number[]): number {
    let acc = 0;
    for (const t of terms) acc += this.values[t][0];
    return this.push(Float64Array.of(acc), { kind: 'sum', terms });
  }

  private push(v: Float64Array, op: Op): number {
    this.values.push(v);
    this.ops.push(op);
    return this.values.length - 1;
  }

  /**
   * Back-propagates the B cotangent rows of `seed` (B × size of `output`) and returns
   * ∂(seed·output)/∂param as a B × (rows·cols) matrix, entry (b, i·cols + j) for W[i, j].
   * chunkEntries bounds the cotangents held at once for W̄ (memory only, not the value).
   */
  backward(
    output: number,
    seed: Mat,
    param: number,
    absolute = false,
    chunkEntries = PRODUCT_CHUNK_ENTRIES,
  ): Mat {
    const B = seed.rows;
    // In absolute mode every local derivative and every value is replaced by its absolute value:
    // the result bounds Σ|terms| of each entry, the magnitude against which rounding in sums that
    // cancel is measured (running error analysis).
    const abs = absolute ? Math.abs : (x: number) => x;
    const w = this.params[param];
    // W̄ = Σ over the uses u of W of ȳ_u xᵤᵀ = Gᵀ·X with row u of G the cotangent ȳ_u (B·rows) and
    // row u of X the input x_u: summed as matrix products over chunks of uses (each folded into
    // W̄ as soon as it is full), not as one rank-one scatter of B·rows·cols entries per use, and
    // without holding every ȳ_u at once (65 MB at n = 128, T = 500).
    const gw = B * w.rows;
    const chunk = Math.max(1, Math.floor(chunkEntries / gw));
    const wbar = mat(gw, w.cols);
    let GT: Float64Array | undefined;
    let X: Float64Array | undefined;
    let used = 0;
    let folded = false;
    const fold = () => {
      if (used === 0 || GT === undefined || X === undefined) return;
      const g = mat(used, gw, GT.subarray(0, used * gw));
      matmulTN(g, mat(used, w.cols, X.subarray(0, used * w.cols)), wbar, folded);
      folded = true;
      used = 0;
    };
    const use = (g: Float64Array, x: Float64Array) => {
      GT ??= new Float64Array(Math.min(chunk, this.values.length) * gw);
      X ??= new Float64Array(Math.min(chunk, this.values.length) * w.cols);
      if ((used + 1) * gw > GT.length) fold();
      GT.set(g, used * gw);
      X.set(x, used * w.cols);
      used++;
    };
    // Adjoints are B × size, allocated on first use and dropped once consumed: every consumer
    // of node k was recorded after k, so in reverse order its adjoint is complete when reached.
    const adj: (Float64Array | undefined)[] = new Array(this.values.length);
    adj[output] = seed.data.map(abs);
    const acc = (node: number): Float64Array => {
      let a = adj[node];
      if (a === undefined) {
        a = new Float64Array(B * this.values[node].length);
        adj[node] = a;
      }
      return a;
    };
    for (let k = output; k >= 0; k--) {
      const g = adj[k];
      if (g === undefined) continue;
      adj[k] = undefined;
      const op = this.ops[k];
      const size = this.values[k].length;
      switch (op.kind) {
        case 'leaf':
          break;
        case 'add': {
          const ga = acc(op.a);
          for (let i = 0; i < g.length; i++) ga[i] += g[i];
          const gb = acc(op.b);
          for (let i = 0; i < g.length; i++) gb[i] += g[i];
          break;
        }
        case 'sigma': {
          const x = this.values[op.x];
          const d = new Float64Array(size);
          for (let i = 0; i < size; i++) d[i] = abs(op.act.df(x[i]));
          const gx = acc(op.x);
          for (let b = 0; b < B; b++) {
            for (let i = 0; i < size; i++) gx[b * size + i] += g[b * size + i] * d[i];
          }
          break;
        }
        case 'matvec': {
          // y = W x:  x̄_b += Wᵀ ȳ_b,  W̄_b += ȳ_b xᵀ.
          const W = this.params[op.param];
          const rows = W.rows;
          const cols = W.cols;
          const x = this.values[op.x];
          const gx = acc(op.x);
          if (op.param === param) use(g, absolute ? x.map(Math.abs) : x);
          // x̄ (B×cols) += ȳ (B×rows) · W (rows×cols)
          const Wm = absolute ? mat(rows, cols, W.data.map(Math.abs)) : W;
          const prod = matmul(mat(B, rows, g), Wm);
          for (let q = 0; q < gx.length; q++) gx[q] += prod.data[q];
          break;
        }
        case 'crossEntropy': {
          // ∂/∂z_j [logsumexp(z) − z_y] = softmax(z)_j − δ_{jy}. The y entry is evaluated as
          // −Σ_{j≠y} softmax(z)_j: p_y − 1 would cancel catastrophically when p_y ≈ 1.
          const z = this.values[op.z];
          const mx = z.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
          const e = z.map((v) => Math.exp(v - mx));
          const tot = e.reduce((a, b) => a + b, 0);
          const d = e.map((v) => v / tot);
          d[op.y] = -d.reduce((acc, v, j) => (j === op.y ? acc : acc + v), 0);
          // Magnitude of p − e_y: the two terms it subtracts, |p_j| + δ_{jy}, since any plain
          // evaluation (p_y − 1) cancels there when p_y ≈ 1.
          if (absolute) for (let j = 0; j < d.length; j++) d[j] = e[j] / tot + (j === op.y ? 1 : 0);
          const gz = acc(op.z);
          for (let b = 0; b < B; b++) {
            for (let j = 0; j < z.length; j++) gz[b * z.length + j] += g[b] * d[j];
          }
          break;
        }
        case 'sum':
          for (const t of op.terms) {
            const gt = acc(t);
            for (let b = 0; b < B; b++) gt[b] += g[b];
          }
          break;
      }
    }
    fold();
    return mat(B, w.rows * w.cols, wbar.data);
  }
}

/** The recorded forward pass of Eq. (1)–(2) up to step `steps`, with its node handles. */
export interface RecordedRun {
  readonly tape: Tape;
  /** Handle of the W_R parameter. */
  readonly wr: number;
  /** Node of h_t at index t. */
  readonly h: number[];
  /** Node of E_t at index t (index 0 unused, −1). */
  readonly loss: number[];
}

/** Records h_t = W_R σ(h_{t−1}) + W_I x_t + b_R and E_t = CE(W_O h_t + b_O, y_t) on a tape. */
export function recordRun(model: Model, steps: number, withLoss: boolean): RecordedRun {
  // Past T there is no x_t or y_t: reading them would give a silently wrong derivative.
  if (!Number.isInteger(steps) || steps < 0 || steps > model.T) {
    throw new RangeError(`autodiff: t = ${steps} is outside 0…${model.T}`);
  }
  const tape = new Tape();
  const wr = tape.param(model.WR);
  const wi = tape.param(model.WI);
  const wo = tape.param(model.WO);
  const bR = tape.leaf(model.bR);
  const bO = tape.leaf(model.bO);
  const h = [tape.leaf(model.h0)];
  const loss = [-1];
  for (let t = 1; t <= steps; t++) {
    const x = tape.leaf(model.xs.data.subarray((t - 1) * model.d, t * model.d));
    const rec = tape.matvec(wr, tape.sigma(model.sigma, h[t - 1]));
    const ht = tape.add(tape.add(rec, tape.matvec(wi, x)), bR);
    h.push(ht);
    if (withLoss) loss.push(tape.crossEntropy(tape.add(tape.matvec(wo, ht), bO), model.ys[t - 1]));
  }
  return { tape, wr, h, loss };
}

function eye(n: number): Mat {
  const e = mat(n, n);
  for (let i = 0; i < n; i++) e.data[i * n + i] = 1;
  return e;
}

/**
 * ∂h_t/∂W_R (n×n², vec row-major) by reverse mode with the n unit cotangents at once; with
 * `absolute`, the same sweep on absolute values (the magnitude of the summed terms).
 */
export function adJacobianHWR(model: Model, t: number, absolute = false): Mat {
  const run = recordRun(model, t, false);
  return run.tape.backward(run.h[t], eye(model.n), run.wr, absolute);
}

/** ∂E_t/∂W_R (n×n) by reverse mode; with `absolute`, the magnitude of its summed terms. */
export function adGradientEWR(model: Model, t: number, absolute = false): Mat {
  if (t < 1) throw new RangeError(`autodiff: t = ${t} is outside 1…${model.T}`);
  const run = recordRun(model, t, true);
  const g = run.tape.backward(run.loss[t], mat(1, 1, Float64Array.of(1)), run.wr, absolute);
  return mat(model.n, model.n, g.data);
}

/** ∂E/∂W_R (n×n) for E = Σ_{t=1}^T E_t, by reverse mode through one sum node; `absolute` as above. */
export function adGradientTotal(model: Model, absolute = false): Mat {
  const run = recordRun(model, model.T, true);
  const total = run.tape.sum(run.loss.slice(1));
  const g = run.tape.backward(total, mat(1, 1, Float64Array.of(1)), run.wr, absolute);
  return mat(model.n, model.n, g.data);
}
