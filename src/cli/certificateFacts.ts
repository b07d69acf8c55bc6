/** The keys of a certificate node that state what was checked, in the order they are read. */
const STATEMENT_KEYS = [
  'hypothesis',
  'statement',
  'reading',
  'kind',
  'premise',
  'argument',
  'comparison',
  'method',
  'behaviour',
] as const;

/** The keys that say how a fact was decided. */
const HOW_KEYS = ['decidedBy', 'lambdaStarHow'] as const;

function isNode(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A recomputed certificate as a short list of checked facts: one line per node of the JSON that
 * states something, one line per statement (its hypothesis, premise, argument…), the last with how
 * it was decided; marked ✓, or ✗ when the node says it does not hold (holds/valid/certified
 * false, with its reason). The exact
 * values the facts rest on are counted, not printed (`replay --json` prints them).
 */
export function certificateFacts(cert: Readonly<Record<string, unknown>>): string[] {
  const lines: string[] = [];
  let values = 0;
  const visit = (node: Record<string, unknown>, path: string) => {
    const said = STATEMENT_KEYS.filter((k) => typeof node[k] === 'string');
    const how = HOW_KEYS.map((k) => node[k]).find((v): v is string => typeof v === 'string');
    const failed = node.holds === false || node.valid === false || node.certified === false;
    const mark = failed ? '✗' : '✓';
    const here = path || 'certificate';
    said.forEach((k, i) => {
      const last = i === said.length - 1 && how !== undefined ? ` — by ${how}` : '';
      const label = here.split('.').at(-1) === k ? here : `${here} (${k})`;
      lines.push(`${mark} ${label}: ${node[k]}${last}`);
    });
    if (said.length === 0 && (how !== undefined || failed)) {
      const reason = typeof node.reason === 'string' ? `: ${node.reason}` : '';
      lines.push(`${mark} ${here}${reason}${how ? ` — by ${how}` : ''}`);
    }
    for (const [k, v] of Object.entries(node)) {
      if (isNode(v)) visit(v, path ? `${path}.${k}` : k);
      else if (
        !(STATEMENT_KEYS as readonly string[]).includes(k) &&
        !(HOW_KEYS as readonly string[]).includes(k) &&
        k !== 'holds' &&
        k !== 'valid' &&
        k !== 'certified' &&
        k !== 'reason'
      )
        values++;
    }
  };
  visit(cert as Record<string, unknown>, '');
  if (values > 0)
    lines.push(`  (${values} exact values recomputed and compared; replay --json prints them)`);
  return lines;
}
