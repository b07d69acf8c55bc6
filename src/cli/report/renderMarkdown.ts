import type { HPOutcome, Witness } from '../../engine/contract/claim.js';
import { prettyJson } from '../../engine/store.js';
import {
  caseLines,
  certificateIsLong,
  claimAnchor,
  familyRows,
  type HPAt,
  hpAt,
  MATRIX_LEGEND,
  matrixText,
  NOT_RECOMPUTED,
  okMark,
  shortenCertificate,
  summaryCounts,
  tallyRows,
  verdictMatrixRows,
  witnessT,
} from './format.js';
import type { Figure, ReportFigures } from './plots.js';
import { sci } from './plots.js';
import { PAPER, sourceText } from './renderHtml.js';
import type { ClaimSection, CounterexampleEntry, ReportData } from './reportData.js';

/** The folder, next to REPORT.md, that holds the charts as SVG files. */
export const FIGURES_DIR = 'figures';

/** Escapes Markdown inline syntax (and raw HTML) in prose and table cells. */
export function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]<>|#~$])/g, '\\$1').replace(/\n/g, ' ');
}

/** Inline code that survives backticks in the text. */
function code(s: string): string {
  const ticks = '`'.repeat((s.match(/`+/g) ?? []).reduce((m, r) => Math.max(m, r.length), 0) + 1);
  return ticks === '`' ? `\`${s}\`` : `${ticks} ${s} ${ticks}`;
}

/** A fenced block whose fence is longer than any backtick run inside. */
function fence(body: string, lang = 'text'): string {
  const longest = (body.match(/`+/g) ?? []).reduce((m, r) => Math.max(m, r.length), 0);
  const f = '`'.repeat(Math.max(3, longest + 1));
  return `${f}${lang}\n${body}\n${f}`;
}

function table(head: string[], rows: (string | number)[][], numeric: boolean[] = []): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(head.map(mdEscape)),
    line(head.map((_, i) => (numeric[i] ? '---:' : '---'))),
    ...rows.map((r) => line(r.map((x) => mdEscape(String(x))))),
  ].join('\n');
}

function figureMd(f: Figure): string {
  return `![${mdEscape(f.title)}](${FIGURES_DIR}/${f.slug}.svg)\n\n*${mdEscape(f.title)}.* ${mdEscape(f.caption)}`;
}

function witnessMd(w: Witness, t: number | undefined): string {
  const extra = w.extra
    ? `; ${Object.entries(w.extra)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', ')}`
    : '';
  return [
    `**Witness (float64, recomputed${t === undefined ? '' : `, t = ${t}`}).** ${mdEscape(w.quantity)}: \\|claimed − actual\\|∞ = ${code(sci(w.absError))}, relative ${code(sci(w.relError))}, threshold ${code(sci(w.threshold))}${mdEscape(extra)}`,
    fence(
      `claimed (the paper)\n${matrixText(w.claimed)}\n\nactual (oracle)\n${matrixText(w.actual)}`,
    ),
  ].join('\n\n');
}

function hpMd(hp: HPOutcome, at: HPAt | undefined): string {
  const same =
    at?.symbol && at.float64 !== undefined
      ? [
          `Float64 at the same t = ${at.t} (recomputed series): ${mdEscape(at.symbol)} = ${code(String(at.float64))}`,
        ]
      : [];
  return [
    `**Re-verification at ${hp.digits} digits (recomputed${at === undefined ? '' : at.t === undefined ? ', for all t' : `, t = ${at.t}`}).**${at?.symbol ? ` ${mdEscape(`${at.symbol} at t = ${at.t}`)}:` : ''} ${hp.violated ? '**violated: confirmed**' : 'not violated'} — \\|claimed − actual\\|∞ = ${code(hp.absError)}, relative ${code(hp.relError)}`,
    fence(`claimed\n${matrixText(hp.claimed)}\n\nactual\n${matrixText(hp.actual)}`),
    ...same,
  ].join('\n\n');
}

function counterexampleMd(
  cx: CounterexampleEntry,
  figures: Figure[],
  kind: ClaimSection['kind'],
): string {
  const status = [
    cx.foundNow ? ' — found by this run' : '',
    cx.reproduces === undefined
      ? ''
      : cx.reproduces
        ? ' — reproduces ✓'
        : ' — does not reproduce ✗',
  ].join('');
  const out = [`#### ${code(cx.name)}${status}`];
  if (cx.replayMessage) out.push(`> ✗ ${mdEscape(cx.replayMessage)}`);
  if (!cx.stored) {
    out.push(`✗ ${mdEscape(cx.error ?? 'unreadable')}`);
    return out.join('\n\n');
  }
  const f = cx.stored;
  out.push(
    `Found on seed ${f.found.seed} after ${f.found.runs} runs and ${f.found.shrinks} shrinks (${mdEscape(f.found.strategy)}) — as stored, not recomputed.`,
  );
  out.push(`**Case.**\n\n${fence(caseLines(f.case, f.params).join('\n'))}`);
  const r = cx.recomputed;
  const o = r?.outcome;
  if (!r) out.push(`✗ ${mdEscape(NOT_RECOMPUTED)}`);
  else if (o?.status === 'violated') out.push(witnessMd(o.witness, witnessT(o.witness, f.params)));
  else
    out.push(
      `**Witness (float64, recomputed).** ✗ ${o ? `not violated: ${o.status}` : 'not recomputed'}`,
    );
  if (r?.hp && o?.status === 'violated') out.push(hpMd(r.hp, hpAt(cx, kind)));
  const cert = r?.hp?.certificate;
  if (cert) {
    const note = certificateIsLong(cert)
      ? ' Long exact numbers are shortened here; `bptt-claims replay --json` prints every digit.'
      : '';
    out.push(
      `**Certificate (recomputed and checked).**${note}\n\n${fence(prettyJson(shortenCertificate(cert), ''), 'json')}`,
    );
  }
  for (const fig of figures) out.push(figureMd(fig));
  return out.join('\n\n');
}

function claimMd(s: ClaimSection, figs: ReportFigures): string {
  const out = [
    `<a id="${claimAnchor(s.id)}"></a>`,
    `## ${code(s.id)} — ${mdEscape(s.section)}`,
    `> ${mdEscape(s.statement)}`,
  ];
  if (s.reading) out.push(`**Reading.** ${mdEscape(s.reading)}`);
  if (s.rationale) out.push(`**Why.** ${mdEscape(s.rationale)}`);
  out.push(
    `**Verdict.** expected **${s.expected}**, observed **${s.observed}** — ${okMark(s.ok)}${s.kind ? ` (${s.kind} claim)` : ''}`,
  );
  out.push(
    `**Evidence.** ${s.runs} search runs on seed ${s.seed}; max closeness ${s.maxCloseness === null ? '—' : code(sci(s.maxCloseness))}. ${mdEscape(s.evidence)}`,
  );
  out.push(table(['outcome', 'runs', 'meaning'], tallyRows(s.tally), [false, true, false]));
  const fam = familyRows(s);
  if (fam.length)
    out.push(
      table(['family', 'tried', 'hypothesis held', 'hit rate'], fam, [false, true, true, true]),
    );
  if (s.problems.length)
    out.push(`**Problems.**\n\n${s.problems.map((p) => `- ✗ ${mdEscape(p)}`).join('\n')}`);
  const closeness = figs.closeness[s.id];
  if (closeness) out.push(figureMd(closeness));
  out.push(`### Counterexamples (${s.counterexamples.length})`);
  if (s.counterexamples.length === 0) out.push('None saved for this claim.');
  for (const cx of s.counterexamples)
    out.push(counterexampleMd(cx, figs.counterexamples[cx.name] ?? [], s.kind));
  return out.join('\n\n');
}

/** The verdict per (claim, activation) cell, with its legend and the count of open cells. */
function matrixMd(data: ReportData): string {
  const m = verdictMatrixRows(data.claims);
  return [
    '## Verdict per activation',
    `${m.cells} cells judged: ${m.open} open, ${m.drifted} drifted. ${mdEscape(MATRIX_LEGEND)}`,
    table(
      ['claim', ...m.heads],
      m.rows.map((r) => [r.id, ...r.marks]),
      [false, ...m.heads.map(() => false)],
    ),
  ].join('\n\n');
}

/** The whole report as Markdown for a code host; charts are `figures/<slug>.svg` next to it. */
export function renderMarkdown(data: ReportData, figs: ReportFigures): string {
  const n = summaryCounts(data.claims);
  const summary = table(
    ['claim', 'section', 'expected', 'observed', '', 'runs', 'counterexamples'],
    data.claims.map((s) => [
      s.id,
      s.section,
      s.expected,
      s.observed,
      okMark(s.ok),
      s.runs,
      s.counterexamples.length,
    ]),
    [false, false, false, false, false, true, true],
  )
    .split('\n')
    // Link each id to its section: the cell is escaped text, so the link is added after escaping.
    .map((line, i) => {
      const s = data.claims[i - 2];
      return s
        ? line.replace(`| ${mdEscape(s.id)} |`, `| [${code(s.id)}](#${claimAnchor(s.id)}) |`)
        : line;
    })
    .join('\n');
  return `${[
    '# bptt-claims report',
    `The claims of ${mdEscape(PAPER)}, each checked against independent oracles.`,
    `${mdEscape(sourceText(data))} ${n.total} claims: **${n.ok} as expected**, **${n.drifted} drifted**; observed ${n.holds} holds, ${n.refuted} refuted, ${n.open} open.`,
    summary,
    matrixMd(data),
    ...data.claims.map((s) => claimMd(s, figs)),
    '---',
    "Generated by `npx bptt-claims report`. Expected verdicts are the suite's evidence, not the paper's: **holds** when the full budget passed, **refuted** only with a counterexample confirmed at 60 digits, **open** when sampling cannot decide. Closeness is how near a passing run came to the claim's tolerance.",
  ].join('\n\n')}\n`;
}
