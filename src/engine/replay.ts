import type { CheckOutcome, Claim, ClaimInput, HPOutcome, Witness } from './contract/claim.js';
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
  readonly outcome?: CheckOutcome;
  readonly hp?: HPOutcome;
}

function describeOutcome(o: CheckOutcome): string {
  switch (o.status) {
    case 'pass':
      return 'the claim holds on this case';
    case 'skip':
      return o.numerical
        ? `the case could not be judged (${o.reason})`
        : `the hypothesis does not hold (${o.reason})`;
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
    if (e instanceof StoreError) return { file, reproduces: false, message: e.message };
    throw e;
  }
  if (cf.claim !== claim.id) {
    return {
      file,
      reproduces: false,
      message: `${file}: claim: file is for ${cf.claim}, not ${claim.id}`,
    };
  }
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
  const expectedName = counterexampleName(cf.claim, cf.case, cf.params);
  if (!file.endsWith(expectedName)) {
    return {
      file,
      reproduces: false,
      outcome,
      hp,
      message: `${file}: case: the content no longer matches the file name (its hash names ${expectedName}); the case or params were edited`,
    };
  }
  const drift = witnessDrift(cf.witness, outcome.witness);
  if (drift !== undefined)
    return { file, reproduces: false, outcome, hp, message: `${file}: ${drift}` };
  return { file, reproduces: true, outcome, hp };
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
