import { TOLERANCES, withinTolerance } from '../engine/contract/tolerances.js';
import { type Case, toModel } from '../model/caseFile.js';
import { forward } from '../model/forward.js';
import { maxAbs } from '../numerics/kernels.js';
import { toRows } from '../numerics/Mat.js';
import { adGradientEWR, adJacobianHWR } from '../oracles/autodiff.js';
import { csJacobianHWR } from '../oracles/complexStep.js';
import { fdJacobianHWR } from '../oracles/finiteDifference.js';
import { bpttGradient, theorem1 } from '../paper/s3-bptt/thm1.js';
import { CliError } from './exitCodes.js';
import { readCaseFile } from './readCase.js';

/** What `eval` prints. */
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
  /** Notes on values that are not valid derivatives (finite differences across a kink). */
  notes: string[];
}

/** Evaluates a case file: states, ∂h_t/∂W_R by Theorem 1 and three oracles, ∂E_t/∂W_R two ways. */
export function evalCase(file: string, tOption?: number): EvalOutput {
  const c = readCaseFile(file);
  const T = c.xs.length;
  const t = tOption ?? T;
  // --t is parsed as an integer ≥ 1; its upper end is the case's T
  if (t > T) throw new CliError(`--t: expected an integer step in 1…${T}, got "${t}"`);
  return evaluate(c, t);
}

/** What `eval` computes for a validated case at step t (1 ≤ t ≤ T). */
export function evaluate(c: Case, t: number): EvalOutput {
  const model = toModel(c);
  const traj = forward(model, model.T);
  const thm1 = theorem1(model, t, { hv: 'kron', order: 'descending' });
  const ad = adJacobianHWR(model, t);
  const fd = fdJacobianHWR(model, t);
  const cs = csJacobianHWR(model, t);
  const bptt = bpttGradient(model, t);
  const adE = adGradientEWR(model, t);
  // Distances are measured against the magnitude of the summed terms (absolute-value sweep).
  const magH = maxAbs(adJacobianHWR(model, t, true).data);
  const magE = maxAbs(adGradientEWR(model, t, true).data);
  const rel = (a: Float64Array, b: Float64Array, mag: number) =>
    withinTolerance(a, b, TOLERANCES.float64Exact, mag).relError;
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
      'dh_dWR.autodiff': rel(ad.data, thm1.data, magH),
      'dh_dWR.finiteDifference': rel(fd.value.data, thm1.data, magH),
      'dh_dWR.complexStep': rel(cs.data, thm1.data, magH),
      'dE_dWR.autodiff': rel(adE.data, bptt.data, magE),
    },
    notes,
  };
}
