import fc from 'fast-check';
import type { ActivationName } from '../model/activation.js';
import type {
  CheckOutcome,
  Claim,
  ClaimInput,
  HPOutcome,
  Verdict,
  Witness,
} from './contract/claim.js';
import { TOLERANCES, withinTolerance } from './contract/tolerances.js';
import {
  COUNTEREXAMPLE_SCHEMA_VERSION,
  type CounterexampleFile,
  counterexampleName,
  listCounterexamples,
  loadCounterexample,
  StoreError,
  saveCounterexample,
} from './store.js';

/** How to run a claim. */
export interface RunOptions {
  /** fast-check seed of the search. */
  readonly seed: number;
  /** Search budget; defaults to the claim's own. */
  readonly numRuns?: number;
  /** Where counterexamples are replayed from and saved to. */
  readonly storeDir: string;
  /** Save new counterexamples (default true). */
  readonly save?: boolean;
  /** Restrict the generators to these activations. */
  readonly activations?: readonly ActivationName[];
  /** Skip the replay of saved counterexamples (default false). */
  readonly skipReplay?: boolean;
}

/** The replay of one saved counterexample. */
export interface ReplayResult {
  readonly file: string;
  readonly reproduces: boolean;
  /** Why it does not reproduce, or what is wrong with the file. */
  readonly message?: string;
  readonly outcome?: CheckOutcome;
  readonly hp?: HPOutcome;
}

/** Counts of check outcomes over the search's runs (shrinking steps excluded). */
export interface Tally {
  pass: number;
  skip: number;
  overflow: number;
  violated: number;
  /** Float64 violations that the high-precision re-check did not confirm. */
  artifact: number;
  /** Finite-t violations of a limit claim without a certificate (not refutations). */
  uncertified: number;
  /**
   * Cases where the float64 oracles disagreed beyond float64Exact but the claim holds at 60
   * digits: float64 cannot judge them (for example logits of 1e11 whose differences decide the
   * softmax), so the high-precision re-check did. Counted and shown, never silent.
   */
  illConditioned: number;
  /** Oracle disagreements that the 60-digit re-check did not resolve: a bug to look at. */
  oracleDisagreement: number;
}

/** What running a claim found. */
export interface ClaimReport {
  readonly id: string;
  readonly section: string;
  readonly statement: string;
  /** identity, inequality or limit: what maxCloseness measures depends on it. */
  readonly kind: Claim['kind'];
  readonly expected: Verdict;
  readonly observed: Verdict;
  /** True when observed equals expected and nothing else went wrong. */
  readonly ok: boolean;
  readonly seed: number;
  /** Search runs executed. */
  readonly runs: number;
  readonly tally: Tally;
  /** Runs per generator family, and how many of them met the claim's hypothesis (did not skip). */
  readonly byFamily: Record<string, { tried: number; hypothesisHeld: number }>;
  /** The largest closeness to violation among passing runs (relative error, or observed/bound). */
  readonly maxCloseness: number | null;
  /** The counterexample file found by this search or, failing that, the first one that replays. */
  readonly counterexample: string | null;
  /** Whether this run's search found a certified counterexample. */
  readonly searchFound: boolean;
  readonly replays: ReplayResult[];
  /** Everything that makes ok false, one line each. */
  readonly problems: string[];
  /** Skip reasons with counts. */
  readonly skipReasons: Record<string, number>;
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

function emptyTally(): Tally {
  return {
    pass: 0,
    skip: 0,
    overflow: 0,
    violated: 0,
    artifact: 0,
    uncertified: 0,
    illConditioned: 0,
    oracleDisagreement: 0,
  };
}

interface Call {
  outcome: CheckOutcome;
  family: string;
  artifact: boolean;
  illConditioned: boolean;
}

/** Runs a claim: replay its saved counterexamples, search on the seed, and compare the verdict. */
export function runClaim(claim: Claim, opts: RunOptions): ClaimReport {
  const problems: string[] = [];
  const replays = opts.skipReplay
    ? []
    : listCounterexamples(opts.storeDir, claim.id).map((f) => replayCounterexample(claim, f));
  for (const r of replays)
    if (!r.reproduces) problems.push(r.message ?? `${r.file}: does not reproduce`);

  const numRuns = opts.numRuns ?? claim.numRuns;
  const calls: Call[] = [];
  const arb = claim.arbitrary({ ...(opts.activations ? { activations: opts.activations } : {}) });
  const property = fc.property(arb, (input) => {
    const outcome = claim.check(input);
    const call: Call = {
      outcome,
      family: input.family ?? 'default',
      artifact: false,
      illConditioned: false,
    };
    calls.push(call);
    if (outcome.status === 'oracle-disagreement') {
      // Two float64 oracles apart by more than float64Exact of the summed terms' magnitude: the
      // case is ill-conditioned in float64 (found by the 50-seed sweep: a softplus run whose
      // logits reach 1e11, so the softmax hangs on differences of huge numbers), or an oracle is
      // wrong. The independent 60-digit oracle decides the claim; an oracle bug would show in
      // the well-conditioned cases of properties/oracles.agree.test.ts.
      const hp = claim.recheckHP?.(input);
      if (hp !== undefined && !hp.violated) {
        call.illConditioned = true;
        return true;
      }
      return false;
    }
    if (outcome.status !== 'violated') return true;
    // A discrepancy above TOLERANCES.violation is not rounding, and the shrunk counterexample is
    // re-checked at high precision below; a smaller one is decided at high precision right here,
    // so that float64-only discrepancies are counted as artifacts and the search goes on.
    // A limit claim's violation is only as good as its certificate: always checked exactly here.
    if (claim.kind !== 'limit' && outcome.witness.relError > TOLERANCES.violation.rtol)
      return false;
    const hp = claim.recheckHP?.(input);
    if (hp !== undefined && !hp.violated) {
      call.artifact = true;
      return true;
    }
    return false;
  });
  const details = fc.check(property, { seed: opts.seed, numRuns, endOnFailure: false });
  const searchCalls = calls.slice(0, details.numRuns);
  const tally = emptyTally();
  const byFamily: Record<string, { tried: number; hypothesisHeld: number }> = {};
  const skipReasons: Record<string, number> = {};
  let maxCloseness: number | null = null;
  for (const c of searchCalls) {
    byFamily[c.family] ??= { tried: 0, hypothesisHeld: 0 };
    const fam = byFamily[c.family];
    fam.tried++;
    const o = c.outcome;
    if (o.status !== 'skip') fam.hypothesisHeld++;
    if (c.artifact) tally.artifact++;
    else if (c.illConditioned) tally.illConditioned++;
    else if (o.status === 'oracle-disagreement') tally.oracleDisagreement++;
    else tally[o.status]++;
    if (o.status === 'skip') skipReasons[o.reason] = (skipReasons[o.reason] ?? 0) + 1;
    if (o.status === 'pass' && o.closeness !== undefined) {
      maxCloseness = Math.max(maxCloseness ?? Number.NEGATIVE_INFINITY, o.closeness);
    }
  }

  let counterexample: string | null = null;
  let searchFound = false;
  if (details.failed) {
    const input = details.counterexample?.[0] as ClaimInput | undefined;
    let outcome: CheckOutcome | undefined;
    try {
      outcome = input ? claim.check(input) : undefined;
    } catch {
      outcome = undefined;
    }
    const where = `seed ${opts.seed}, path ${details.counterexamplePath}`;
    if (input === undefined || outcome === undefined) {
      problems.push(`the check threw: ${String(details.errorInstance)} (${where})`);
    } else if (outcome.status === 'oracle-disagreement') {
      problems.push(
        `oracle disagreement on a generated case, not resolved at 60 digits: ${outcome.reason} (${where})`,
      );
    } else if (outcome.status !== 'violated') {
      problems.push(
        `the shrunk case no longer fails (${outcome.status}): the check is not deterministic (${where})`,
      );
    } else {
      const hp = claim.recheckHP?.(input);
      if (hp === undefined) {
        problems.push(
          `violated in float64 but the claim has no high-precision re-check, so it cannot be certified (${where})`,
        );
      } else if (!hp.violated) {
        problems.push(
          `the shrunk float64 violation (relative ${outcome.witness.relError.toExponential(3)}) is not confirmed at ${hp.digits} digits: a numerical artifact (${where})`,
        );
      } else {
        searchFound = true;
        const file: CounterexampleFile = {
          schema: COUNTEREXAMPLE_SCHEMA_VERSION,
          claim: claim.id,
          case: input.case,
          params: { ...input.params },
          witness: outcome.witness,
          found: {
            seed: opts.seed,
            path: details.counterexamplePath ?? '',
            runs: details.numRuns,
            shrinks: details.numShrinks,
            strategy: 'random',
          },
          reverification: hp,
          ...(claim.series ? { series: claim.series(input) } : {}),
        };
        if (opts.save ?? true) counterexample = saveCounterexample(opts.storeDir, file).file;
        else counterexample = counterexampleName(claim.id, input.case, input.params);
      }
    }
  }
  const replayed = replays.filter((r) => r.reproduces);
  counterexample ??= replayed[0]?.file ?? null;

  let observed: Verdict;
  if (searchFound || replayed.length > 0) observed = 'refuted';
  else if (claim.kind === 'limit' || tally.pass === 0) observed = 'open';
  else observed = 'holds';

  if (claim.expected === 'refuted' && !searchFound && replayed.length > 0) {
    problems.push(
      `the search found no counterexample in ${details.numRuns} runs (only saved ones replay): the search is too weak for seed ${opts.seed}`,
    );
  }
  if (observed !== claim.expected) {
    problems.unshift(`expected ${claim.expected}, observed ${observed}`);
  }
  return {
    id: claim.id,
    section: claim.section,
    statement: claim.statement,
    kind: claim.kind,
    expected: claim.expected,
    observed,
    ok: problems.length === 0,
    seed: opts.seed,
    runs: details.numRuns,
    tally,
    byFamily,
    maxCloseness,
    counterexample,
    searchFound,
    replays,
    problems,
    skipReasons,
  };
}
