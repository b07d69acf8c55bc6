import { type FormulaVerdict, tallyText } from './formulaCheck.js';
import { colour } from './progress.js';

function rows(m: readonly (readonly (number | string)[])[]): string {
  return `[${m.map((r) => `[${r.join(', ')}]`).join(', ')}]`;
}

/** The human-readable verdict of check-jacobian / check-gradient. */
export function formatFormulaVerdict(v: FormulaVerdict): string {
  const what = v.kind === 'jacobian' ? '∂h_t/∂W_R' : '∂E_t/∂W_R';
  const statuses = tallyText(v.tally);
  if (v.verdict === 'inconclusive')
    return `${colour('INCONCLUSIVE', 'yellow')} ${v.formula} for ${what}: ${v.reason} (seed ${v.seed})`;
  if (v.verdict === 'holds') {
    return `${colour('HOLDS', 'green')} ${v.formula} agrees with autodiff (and complex step) for ${what} on ${v.runs} generated cases (${statuses}; seed ${v.seed})`;
  }
  const o = v.outcome;
  const lines = [
    `${colour('REFUTED', 'red')} ${v.formula} is not ${what}: ${v.saveError === null ? `shrunk counterexample saved to ${v.counterexample}` : 'shrunk counterexample below (not saved)'}`,
  ];
  const c = v.case;
  if (c) {
    lines.push(
      `  case     σ = ${c.activation}, n = ${c.W_R.length}, T = ${c.xs.length}, t = ${v.params?.t}, W_R = ${rows(c.W_R)}, h_0 = [${c.h_0.join(', ')}]`,
    );
    lines.push(
      `           W_I = ${rows(c.W_I)}, b_R = [${c.b_R.join(', ')}], W_O = ${rows(c.W_O)}, b_O = [${c.b_O.join(', ')}], xs = ${rows(c.xs)}, ys = [${c.ys.join(', ')}]`,
    );
  }
  if (o?.status === 'violated') {
    lines.push(`  formula  ${rows(o.witness.claimed)}`);
    lines.push(`  autodiff ${rows(o.witness.actual)}`);
    lines.push(
      `  |formula − autodiff|∞ = ${o.witness.absError.toExponential(4)} (relative ${o.witness.relError.toExponential(3)})`,
    );
  }
  if (v.reverification)
    lines.push(
      `  at ${v.reverification.digits} digits: |formula − truth|∞ = ${v.reverification.absError} ⇒ ${v.reverification.violated ? 'refuted' : 'not confirmed'}`,
    );
  lines.push(`  (found after ${v.runs} cases, seed ${v.seed})`);
  if (v.interrupted)
    lines.push('  (--max-time stopped the shrinking: a smaller counterexample may exist)');
  return lines.join('\n');
}
