import { TOLERANCES, withinTolerance } from '../engine/contract/tolerances.js';
import { prettyJson } from '../engine/store.js';
import { type Case, toModel } from '../model/caseFile.js';
import { forward } from '../model/forward.js';
import { maxAbs } from '../numerics/kernels.js';
import { type Mat, toRows } from '../numerics/Mat.js';
import { adGradientEWR, adJacobianHWR } from '../oracles/autodiff.js';
import { csJacobianHWR } from '../oracles/complexStep.js';
import { fdJacobianHWR } from '../oracles/finiteDifference.js';
import { bpttGradient, theorem1 } from '../paper/s3-bptt/thm1.js';
import { CliError, EXIT } from './exitCodes.js';
import { readCaseFile } from './readCase.js';

/** What `eval --full` prints. */
export interface EvalOutput {
  t: number;
  h: number[][];
  dh_dWR: {
    theorem1: number[][];
    autodiff: number[][];
    finiteDifference: number[][];
    complexStep: number[][];
  };
  dE_dWR: { bptt: number[][]; autodiff: number[][] };
  /** Max-norm relative distance of each oracle from the Theorem 1 closed form. */
  agreement: Record<string, number>;
  /** Notes on values that are not valid derivatives (finite differences across a kink, overflow). */
  notes: string[];
}

/** A matrix in the compact output: its shape and norms instead of its entries. */
export interface MatrixSummary {
  rows: number;
  cols: number;
  maxAbs: number;
  frobenius: number;
}

/** The most state entries (n·(t+1)) the default output prints as numbers; --full prints all. */
export const MAX_SHOWN_STATES = 10_000;

/** What `eval` prints by default: the states, each derivative's norms, and the agreement. */
export interface EvalSummary {
  t: number;
  /** h_0 … h_t, or their summary when that is more than MAX_SHOWN_STATES numbers. */
  h: number[][] | MatrixSummary;
  dh_dWR: Record<keyof EvalOutput['dh_dWR'], MatrixSummary>;
  dE_dWR: Record<keyof EvalOutput['dE_dWR'], MatrixSummary>;
  agreement: Record<string, number>;
  notes: string[];
}

/**
 * The default budget of `eval`, in estimated seconds. Finite differences and the complex step
 * perturb each of the n² entries of W_R and rerun t steps of the n×n recurrence: about n⁴·t
 * operations, 6.9·10¹⁰·t at n = 512 (hours). --budget raises it.
 */
export const EVAL_BUDGET_S = 60;

/**
 * Estimated cost of `eval` at step t: seconds (measured on the reference machine: 0.33 µs per
 * n⁴·t unit for Ridders finite differences, 0.06 µs for the complex step, far less for the rest)
 * and bytes (about seven n×n² Float64 Jacobians held at once, plus ~30 bytes per printed entry
 * with --full).
 */
export function evalCost(
  n: number,
  T: number,
  t: number,
  full: boolean,
): { seconds: number; bytes: number } {
  const seconds = 4e-7 * n ** 4 * t + 1e-8 * n ** 3 * t + 2e-9 * n * n * T;
  const bytes = 7 * 8 * n ** 3 + (full ? 30 * (4 * n ** 3 + 2 * n * n) : 0);
  return { seconds, bytes };
}

function duration(s: number): string {
  if (s < 90) return `${s.toPrecision(2)} s`;
  if (s < 5400) return `${(s / 60).toPrecision(2)} min`;
  return `${(s / 3600).toPrecision(2)} h`;
}

function size(bytes: number): string {
  return bytes < 1e9 ? `${(bytes / 1e6).toPrecision(3)} MB` : `${(bytes / 1e9).toPrecision(3)} GB`;
}

/** Options of `eval`. */
export interface EvalOptions {
  /** The step t (default T). */
  readonly t?: number;
  /** Print every matrix instead of its norms. */
  readonly full?: boolean;
  /** Estimated seconds allowed (default EVAL_BUDGET_S). */
  readonly budget?: number;
  /** Progress lines (stderr), written when the estimate exceeds a second. */
  readonly log?: (line: string) => void;
}

/**
 * Evaluates a case file: states, ∂h_t/∂W_R by Theorem 1 and three oracles, ∂E_t/∂W_R two ways;
 * the matrices' norms, or with `full` the matrices. A case whose estimated cost exceeds the
 * budget is refused (exit 2) with the estimate.
 */
export function evalCase(file: string, opts: EvalOptions = {}): EvalOutput | EvalSummary {
  const c = readCaseFile(file);
  const T = c.xs.length;
  const n = c.W_R.length;
  const t = opts.t ?? T;
  // --t is parsed as an integer ≥ 1; its upper end is the case's T
  if (t > T) throw new CliError(`--t: expected an integer step in 1…${T}, got "${t}"`);
  const budget = opts.budget ?? EVAL_BUDGET_S;
  const cost = evalCost(n, T, t, Boolean(opts.full));
  if (cost.seconds > budget)
    throw new CliError(
      `${file}: n = ${n}, T = ${T}, t = ${t}: eval would take about ${duration(cost.seconds)} and ${size(cost.bytes)} (finite differences and the complex step perturb each of the ${n * n} entries of W_R and rerun t = ${t} steps: ~${(n ** 4 * t).toExponential(1)} operations); the budget is ${duration(budget)}`,
      EXIT.usage,
      `--budget SECONDS to raise it, or a smaller --t`,
    );
  const log = cost.seconds > 1 ? opts.log : undefined;
  log?.(`eval: n = ${n}, T = ${T}, t = ${t}: about ${duration(cost.seconds)}`);
  const t0 = performance.now();
  const out = evaluate(c, t, log);
  log?.(`eval: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return opts.full ? out : summarize(out);
}

function summary(rows: number[][]): MatrixSummary {
  let max = 0;
  let sq = 0;
  for (const r of rows)
    for (const x of r) {
      // Math.max of a NaN is NaN: a NaN entry shows in the summary.
      max = Math.max(max, Math.abs(x));
      sq += x * x;
    }
  return { rows: rows.length, cols: rows[0]?.length ?? 0, maxAbs: max, frobenius: Math.sqrt(sq) };
}

/** The compact output: each matrix replaced by its shape, max |entry| and Frobenius norm. */
export function summarize(o: EvalOutput): EvalSummary {
  const each = <K extends string>(m: Record<K, number[][]>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, summary(v as number[][])])) as Record<
      K,
      MatrixSummary
    >;
  // the states the derivative at step t depends on; past the bound, their norms only
  const states = o.h.slice(0, o.t + 1);
  const shown = states.length * (states[0]?.length ?? 0) <= MAX_SHOWN_STATES;
  return {
    t: o.t,
    h: shown ? states : summary(states),
    dh_dWR: each(o.dh_dWR),
    dE_dWR: each(o.dE_dWR),
    agreement: o.agreement,
    notes: shown
      ? o.notes
      : [
          ...o.notes,
          `h: h_0…h_${o.t} have ${states.length * states[0].length} entries, more than the ${MAX_SHOWN_STATES} shown by default: their summary is printed (--full prints them)`,
        ],
  };
}

/** The value with each non-finite number replaced by its name ("Infinity", "-Infinity", "NaN"), and how many there were. */
function nameNonFinite(v: unknown): { value: unknown; count: number } {
  if (typeof v === 'number')
    return Number.isFinite(v) ? { value: v, count: 0 } : { value: String(v), count: 1 };
  let count = 0;
  const map = (x: unknown) => {
    const r = nameNonFinite(x);
    count += r.count;
    return r.value;
  };
  if (Array.isArray(v)) return { value: v.map(map), count };
  if (v !== null && typeof v === 'object')
    return { value: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, map(x)])), count };
  return { value: v, count: 0 };
}

/**
 * The JSON text of eval's output, one matrix row per line. JSON has no ±∞ or NaN (JSON.stringify
 * would write null, which reads as a missing value): they are written as the strings "Infinity",
 * "-Infinity" and "NaN", and a note says how many there are.
 */
export function evalJson(o: EvalOutput | EvalSummary): string {
  const { value, count } = nameNonFinite(o);
  const out = value as EvalSummary;
  if (count > 0)
    out.notes.push(
      `overflow: ${count} values are not finite, written as the strings "Infinity", "-Infinity" or "NaN"`,
    );
  return prettyJson(out, '');
}

/** What `eval` computes for a validated case at step t (1 ≤ t ≤ T); `log` names each slow stage. */
export function evaluate(c: Case, t: number, log?: (line: string) => void): EvalOutput {
  const model = toModel(c);
  const traj = forward(model, model.T);
  const thm1 = theorem1(model, t, { hv: 'kron', order: 'descending' });
  const ad = adJacobianHWR(model, t);
  log?.(`eval: finite differences (Ridders) over the ${model.n ** 2} entries of W_R …`);
  const fd = fdJacobianHWR(model, t);
  log?.('eval: complex step …');
  const cs = csJacobianHWR(model, t);
  const bptt = bpttGradient(model, t);
  const adE = adGradientEWR(model, t);
  // Distances are measured against the magnitude of the summed terms (absolute-value sweep).
  const magH = maxAbs(adJacobianHWR(model, t, true).data);
  const magE = maxAbs(adGradientEWR(model, t, true).data);
  const rel = (a: Mat, b: Mat, mag: number) =>
    withinTolerance(a.data, b.data, TOLERANCES.float64Exact, mag).relError;
  const notes: string[] = [];
  if (fd.crossedKink)
    notes.push('finiteDifference straddles a kink of σ: it is not a derivative here');
  return {
    t,
    h: traj.h.map((v) => Array.from(v)),
    dh_dWR: {
      theorem1: toRows(thm1),
      autodiff: toRows(ad),
      finiteDifference: toRows(fd.value),
      complexStep: toRows(cs),
    },
    dE_dWR: { bptt: toRows(bptt), autodiff: toRows(adE) },
    agreement: {
      'dh_dWR.autodiff': rel(ad, thm1, magH),
      'dh_dWR.finiteDifference': rel(fd.value, thm1, magH),
      'dh_dWR.complexStep': rel(cs, thm1, magH),
      'dE_dWR.autodiff': rel(adE, bptt, magE),
    },
    notes,
  };
}
