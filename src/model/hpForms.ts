import { HP, type HPNumber } from '../numerics/exact/decimal.js';
import { type HPMat, hpFromRows, hpMatvec } from '../numerics/exact/hpMat.js';
import type { ActivationName } from './activation.js';
import type { Model } from './caseFile.js';
import { hpInput, hpParams, hpSoftmax } from './hpForward.js';

const LEAKY_INV = new HP(64);

/** σ⁻¹ at high precision, or undefined where σ has no inverse or y is outside its range. */
export function hpInverse(name: ActivationName, y: HPNumber): HPNumber | undefined {
  const one = new HP(1);
  switch (name) {
    case 'identity':
      return y;
    case 'tanh':
      return y.abs().lt(1) ? y.atanh() : undefined;
    case 'sigmoid':
      return y.gt(0) && y.lt(1) ? y.div(one.minus(y)).ln() : undefined;
    case 'softplus':
      return y.gt(0) ? y.exp().minus(one).ln() : undefined;
    case 'leaky_relu':
      return y.gt(0) ? y : y.times(LEAKY_INV);
    case 'elu':
      return y.gt(0) ? y : y.gt(-1) ? one.plus(y).ln() : undefined;
    case 'scaled_tanh':
      return y.abs().lt(2) ? y.div(2).atanh() : undefined;
    case 'relu':
    case 'silu':
    case 'gelu':
    case 'hardtanh':
      return undefined;
  }
}

/** Output distributions o_1 … o_T (as rows) of a form at high precision. */
export type HPOutputs = HPMat;

type Step = (h: HPNumber[], t: number) => { next: HPNumber[]; out: HPNumber[] };

function run(model: Model, h0: HPNumber[], step: Step): HPOutputs {
  let h = h0;
  const rows: HPNumber[][] = [];
  for (let t = 1; t <= model.T; t++) {
    const { next, out } = step(h, t);
    rows.push(out);
    h = next;
  }
  return hpFromRows(rows, model.m);
}

function affine(p: ReturnType<typeof hpParams>, x: HPNumber[], t: number): HPNumber[] {
  // W_R x + W_I x_t + b_R
  const inp = hpMatvec(p.WI, hpInput(p, t));
  return hpMatvec(p.WR, x).map((v, i) => v.plus(inp[i]).plus(p.bR[i]));
}

function outputs(p: ReturnType<typeof hpParams>, h: HPNumber[]): HPNumber[] {
  return hpSoftmax(hpMatvec(p.WO, h).map((v, j) => v.plus(p.bO[j])));
}

/** (G1–G2) at high precision from h_0. */
export function hpGForm(model: Model): HPOutputs {
  const p = hpParams(model);
  const f = model.sigma.fHP;
  return run(model, p.h0, (h, t) => {
    const next = affine(p, h, t).map(f);
    return { next, out: outputs(p, next) };
  });
}

/** (R1–R2) at high precision from h̃_0. */
export function hpRForm(model: Model, hTilde0: HPNumber[]): HPOutputs {
  const p = hpParams(model);
  const f = model.sigma.fHP;
  return run(model, hTilde0, (h, t) => {
    const next = affine(p, h.map(f), t);
    return { next, out: outputs(p, next.map(f)) };
  });
}

/** Eq. (1)–(2) as written, o_t = softmax(W_O h̃_t + b_O), at high precision from h̃_0. */
export function hpEq2Form(model: Model, hTilde0: HPNumber[]): HPOutputs {
  const p = hpParams(model);
  const f = model.sigma.fHP;
  return run(model, hTilde0, (h, t) => {
    const next = affine(p, h.map(f), t);
    return { next, out: outputs(p, next) };
  });
}
