import type { CheckOutcome, Claim, ClaimInput, HPOutcome, Witness } from './contract/claim.js';
import { budgetProblem, paramsProblem } from './contract/params.js';
import { TOLERANCES, withinTolerance } from './contract/tolerances.js';
import {
  type CounterexampleFile,
  counterexampleName,
  loadCounterexample,
  StoreError,
} from './store.js';

/** The replay of one saved counterexample. */
export interface ReplayResult {
  readonly file: string;
  readonly reproduces: boolean;
  /** Why it does not reproduce, or what is wrong with the file. */
  readonly message?: string;
  /**
   * The file is bad input (exit 2), judged before any computation: malformed, for another claim,
   * outside the claim's params domain or the replay budget, or its content does not match its name.
   */
  readonly invalid?: boolean;
  readonly outcome?: CheckOutcome;
  readonly hp?: HPOutcome;
}

function describeOutcome(o: CheckOutcome): string {
  switch (o.status) {
    case 'pass':
      return 'the claim holds on this case';
    case 'skip':
      return `the hypothesis does not hold (${o.reason})`;
    case 'overflow':
      return `the evaluation overflowed (${o.reason})`;
    case 'oracle-disagreement':
      return `the oracles disagree (${o.reason})`;
    case 'uncertified':
      return `violated at finite t, uncertified (${o.reason})`;
    case 'violated':
      return `violated (relative error ${o.witness.relError.toExponential(3)})`;
  }
}

/** Replays one saved counterexample of `claim`: float64 check, then the high-precision re-check. */
export function replayCounterexample(claim: Claim, file: string): ReplayResult {
  let cf: CounterexampleFile;
  try {
    cf = loadCounterexample(file);
  } catch (e) {
    if (e instanceof StoreError)
      return { file, reproduces: false, invalid: true, message: e.message };
    throw e;
  }
  const refused = admissionProblem(claim, cf, file);
  if (refused !== undefined)
    return { file, reproduces: false, invalid: true, message: `${file}: ${refused}` };
  const input: ClaimInput = { case: cf.case, params: cf.params };
  const outcome = claim.check(input);
  if (outcome.status !== 'violated') {
    return {
      file,
      reproduces: false,
      outcome,
      message: `${file}: does not reproduce: ${describeOutcome(outcome)}; the file's witness had relative error ${cf.witness.relError.toExponential(3)}`,
    };
  }
  const hp = claim.recheckHP?.(input);
  if (hp === undefined || !hp.violated) {
    return {
      file,
      reproduces: false,
      outcome,
      ...(hp ? { hp } : {}),
      message: `${file}: violated only in float64: the ${hp ? `${hp.digits}-digit` : 'missing'} high-precision re-check does not confirm it (numerical artifact)`,
    };
  }
  const drift = witnessDrift(cf.witness, outcome.witness);
  if (drift !== undefined)
    return { file, reproduces: false, outcome, hp, message: `${file}: ${drift}` };
  return { file, reproduces: true, outcome, hp };
}

/**
 * Why a loaded file cannot be replayed for this claim, as `field: reason`, if it cannot: checked
 * cheaply before any computation, so an oversized case or a params value far outside the claim's
 * domain (k0 = 1e9) is refused at once rather than running out of memory or time.
 */
function admissionProblem(claim: Claim, cf: CounterexampleFile, file: string): string | undefined {
  if (cf.claim !== claim.id) return `claim: file is for ${cf.claim}, not ${claim.id}`;
  const p = budgetProblem(cf.case) ?? paramsProblem(claim.params, cf.params, cf.case);
  if (p !== undefined) return `${p.field}: ${p.reason}`;
  const expectedName = counterexampleName(cf.claim, cf.case, cf.params);
  if (!file.endsWith(expectedName))
    return `case: the content no longer matches the file name (its hash names ${expectedName}); the case or params were edited`;
  return undefined;
}

/** Where a recomputed witness differs from the saved one beyond float64Exact, if anywhere. */
function witnessDrift(saved: Witness, now: Witness): string | undefined {
  for (const side of ['claimed', 'actual'] as const) {
    const a = saved[side];
    const b = now[side];
    if (a.length !== b.length || a.some((row, i) => row.length !== b[i].length)) {
      return `witness.${side}: saved shape differs from the recomputed one`;
    }
    const flatA = a.flat();
    const flatB = b.flat();
    const cmp = withinTolerance(flatA, flatB, TOLERANCES.float64Exact);
    if (!cmp.ok) {
      const q = flatA.findIndex((x, k) => Math.abs(x - flatB[k]) > cmp.bound);
      const cols = a[0]?.length || 1;
      return `witness.${side}[${Math.floor(q / cols)}][${q % cols}]: saved ${flatA[q]}, recomputed ${flatB[q]} (the code or the file changed)`;
    }
  }
  return undefined;
}
