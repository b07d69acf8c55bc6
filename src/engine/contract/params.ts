import type { Case } from '../../model/caseFile.js';

/**
 * A bound of a parameter: a number, or a case dimension (T, n) or an earlier parameter of the same
 * claim, plus an offset — e.g. `{ of: 'T', plus: -1 }` is T − 1.
 */
export type ParamLimit = number | { readonly of: string; readonly plus?: number };

/** The domain of one claim parameter: an integer or real range, its bounds possibly relative to the case. */
export interface ParamDomain {
  readonly integer: boolean;
  readonly min: ParamLimit;
  readonly max: ParamLimit;
  /** The minimum itself is outside the domain (ε > 0). */
  readonly minExclusive?: boolean;
}

/**
 * The parameters a claim takes, each with its domain, in the order they are checked (a bound may
 * name an earlier one). Every key is required; a key not declared is refused.
 */
export type ParamsDomain = Readonly<Record<string, ParamDomain>>;

/** An integer parameter min ≤ p ≤ max. */
export function integerParam(min: ParamLimit, max: ParamLimit): ParamDomain {
  return { integer: true, min, max };
}

/** A real parameter min < p ≤ max (exclusive minimum) or min ≤ p ≤ max. */
export function realParam(min: ParamLimit, max: ParamLimit, minExclusive = false): ParamDomain {
  return { integer: false, min, max, minExclusive };
}

/** The step t of the case: an integer 1 ≤ t ≤ T (identity claims at one step). */
export const STEP_PARAMS: ParamsDomain = { t: integerParam(1, { of: 'T' }) };

/**
 * The largest case a saved counterexample may hold for replay, checked before any computation:
 * what the generators draw (n ≤ 8, T ≤ 20, d ≤ 3, m ≤ 4, caseArbitrary's defaults, the largest of
 * any claim's generator), so every file this suite saves fits. Replay cost grows steeply past it:
 * exact certificates of Theorem 2 at n = 16, T = 64, k0 = 63 take over 3 minutes (their rationals'
 * gcds), the 60-digit ∂h_t/∂W_R of thm1.literal-hv is O(T·n⁴), and n = 128, T = 3 took over
 * 5 minutes and 3.7 GB.
 */
export const REPLAY_BUDGET = { n: 8, T: 20, d: 4, m: 4 } as const;

/** A rejected input: the field at fault (a path like `params.t` or `case.W_R`) and why. */
export interface InputProblem {
  readonly field: string;
  readonly reason: string;
}

/** The sizes of a validated case. */
function sizes(c: Case): Record<keyof typeof REPLAY_BUDGET, number> {
  return { n: c.W_R.length, T: c.xs.length, d: c.W_I[0]?.length ?? 0, m: c.W_O.length };
}

/** Where a case exceeds REPLAY_BUDGET, if it does: cheap (array lengths only). */
export function budgetProblem(c: Case, prefix = 'case'): InputProblem | undefined {
  const field = { n: 'W_R', T: 'xs', d: 'W_I', m: 'W_O' } as const;
  const s = sizes(c);
  for (const k of ['n', 'T', 'd', 'm'] as const) {
    if (s[k] > REPLAY_BUDGET[k])
      return {
        field: `${prefix}.${field[k]}`,
        reason: `${k} = ${s[k]} exceeds the replay budget ${k} ≤ ${REPLAY_BUDGET[k]}`,
      };
  }
  return undefined;
}

function limitText(l: ParamLimit): string {
  if (typeof l === 'number') return String(l);
  const p = l.plus ?? 0;
  return p === 0 ? l.of : `${l.of} ${p < 0 ? '−' : '+'} ${Math.abs(p)}`;
}

/**
 * Where params fall outside a claim's declared domain for this case, if they do: an undeclared or
 * missing key, a non-integer where an integer is required, a value out of range. Cheap: no
 * computation on the case beyond its sizes.
 */
export function paramsProblem(
  domain: ParamsDomain,
  params: Readonly<Record<string, number>>,
  c: Case,
  prefix = 'params',
): InputProblem | undefined {
  const keys = Object.keys(domain);
  const takes = keys.length ? `this claim takes ${keys.join(', ')}` : 'this claim takes none';
  for (const k of Object.keys(params))
    if (!Object.hasOwn(domain, k))
      return { field: `${prefix}.${k}`, reason: `unknown parameter (${takes})` };
  const known: Record<string, number> = { T: c.xs.length, n: c.W_R.length };
  for (const k of keys) {
    const d = domain[k];
    const v = params[k];
    if (v === undefined) return { field: `${prefix}.${k}`, reason: `missing (${takes})` };
    const value = (l: ParamLimit) => (typeof l === 'number' ? l : known[l.of] + (l.plus ?? 0));
    const lo = value(d.min);
    const hi = value(d.max);
    const show = (l: ParamLimit) =>
      typeof l === 'number' ? String(l) : `${limitText(l)} = ${value(l)}`;
    const range = `${show(d.min)} ${d.minExclusive ? '<' : '≤'} ${k} ≤ ${show(d.max)}`;
    const kind = d.integer ? 'an integer' : 'a number';
    const inside = d.minExclusive ? v > lo : v >= lo;
    if ((d.integer && !Number.isInteger(v)) || !inside || !(v <= hi))
      return { field: `${prefix}.${k}`, reason: `expected ${kind} with ${range}, got ${v}` };
    known[k] = v;
  }
  return undefined;
}

/** No parameters: the claim reads the case only. */
export const NO_PARAMS: ParamsDomain = {};
