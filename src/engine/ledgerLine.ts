import type { ClaimReport } from './runner.js';

/** A short evidence summary: runs, outcome counts, closeness, counterexample. */
export function evidence(r: ClaimReport): string {
  const t = r.tally;
  const parts = [`${r.runs} runs`, `${t.pass} pass`];
  if (t.skip) parts.push(`${t.skip} outside hypothesis`);
  if (t.numericalSkip) {
    const why = Object.keys(r.numericalSkipReasons).sort().join('; ');
    parts.push(`${t.numericalSkip} not judged (${why})`);
  }
  if (t.overflow) parts.push(`${t.overflow} overflow`);
  if (t.artifact) parts.push(`${t.artifact} float64-only artifacts`);
  if (t.uncertified) parts.push(`${t.uncertified} violated at finite t (uncertified)`);
  if (t.illConditioned)
    parts.push(`${t.illConditioned} ill-conditioned in float64 (judged at 60 digits)`);
  if (t.oracleDisagreement) parts.push(`${t.oracleDisagreement} oracle disagreements`);
  // An identity's closeness is its relative error; an inequality's or limit's is how near the
  // passing runs came to the bound (observed/bound, 1 = reached exactly).
  if (r.maxCloseness !== null) {
    const what = r.kind === 'identity' ? 'max rel. error' : 'max closeness to the bound';
    parts.push(`${what} ${r.maxCloseness.toExponential(2)}`);
  }
  const replayed = r.replays.filter((x) => x.reproduces).length;
  if (r.replays.length) parts.push(`${replayed}/${r.replays.length} saved replay`);
  if (r.counterexample)
    parts.push(
      `counterexample ${r.counterexample.split('/').pop()}${r.unsaved?.file === r.counterexample ? ' (not saved)' : ''}`,
    );
  return parts.join(', ');
}

/** One line per claim: id · section · expected · observed · evidence, plus problems. */
export function formatReportLine(r: ClaimReport): string {
  const mark = r.ok ? 'ok  ' : 'FAIL';
  const head = `${mark} ${r.id} · ${r.section} · expected ${r.expected} · observed ${r.observed} · ${evidence(r)} · seed ${r.seed}`;
  return r.problems.length ? `${head}\n${r.problems.map((p) => `     ✗ ${p}`).join('\n')}` : head;
}
