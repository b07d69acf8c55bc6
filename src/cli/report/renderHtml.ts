import type { HPOutcome, Witness } from '../../engine/contract/claim.js';
import { prettyJson } from '../../engine/store.js';
import {
  caseLines,
  certificateIsLong,
  claimAnchor,
  clipIndices,
  familyRows,
  type HPAt,
  hpAt,
  MATRIX_LEGEND,
  MAX_SHOWN,
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
import type { ClaimSection, CounterexampleEntry, ReportData } from './reportData.js';

/** The paper the claims come from, as the report's header names it. */
export const PAPER =
  'S. Pal, “Mathematical derivation of BPTT for RNN, and gradient vanishing and exploding problems” (2019)';

/** Escapes text for HTML element content and attribute values. */
export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// Inline and small: the page must open from disk with no server, no network, no external file.
const CSS = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg2: #f6f8fa;
  --ok: #1a7f37; --bad: #cf222e; --holds: #1a7f37; --refuted: #bc4c00; --open: #6e40c9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
header, main, footer { max-width: 1040px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 1px solid var(--line); }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 0; display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
h3 { font-size: 16px; margin: 22px 0 8px; }
h4 { font-size: 15px; margin: 0 0 8px; word-break: break-all; }
h5 { font-size: 13px; margin: 14px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
p { margin: 6px 0; }
.muted { color: var(--muted); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
pre { background: var(--bg2); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow-x: auto; margin: 4px 0; white-space: pre; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 3px 10px; text-align: left; vertical-align: top; }
th { background: var(--bg2); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.summary { width: 100%; margin: 14px 0 20px; }
table.summary td:first-child { white-space: nowrap; }
.badge { display: inline-block; font-size: 13px; font-weight: 600; padding: 1px 9px; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
.ok { color: var(--ok); } .bad { color: var(--bad); }
.v-holds { color: var(--holds); } .v-refuted { color: var(--refuted); } .v-open { color: var(--open); }
section.claim { border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin: 22px 0; }
section.claim.drift { border-color: var(--bad); box-shadow: 0 0 0 2px #ffebe9; }
blockquote.statement { margin: 10px 0; padding: 8px 14px; border-left: 4px solid #8c959f; background: var(--bg2); font-size: 16px; }
dl { margin: 8px 0; display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; }
dt { font-weight: 600; color: var(--muted); } dd { margin: 0; }
.verdicts { display: flex; gap: 18px; flex-wrap: wrap; margin: 10px 0; }
.cols { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; }
ul.problems { color: var(--bad); margin: 6px 0; }
article.counterexample { border-top: 1px dashed var(--line); margin-top: 16px; padding-top: 14px; }
.sides > p { margin: 8px 0 2px; }
.matrix-wrap { overflow-x: auto; }
table.matrix { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
table.matrix td { padding: 2px 8px; text-align: right; border-color: #e4e8ec; white-space: nowrap; }
table.matrix td.diff { background: #ffebe9; color: #82071e; font-weight: 600; }
table.matrix td.gap { color: var(--muted); text-align: center; }
pre.cert { white-space: pre-wrap; overflow-wrap: anywhere; }
table.summary td.mark { white-space: nowrap; }
table.verdict-matrix td.cell { text-align: center; white-space: nowrap; }
h2 code { font-size: 19px; }
figure.plot { margin: 14px 0; }
figure.plot svg { max-width: 100%; height: auto; display: block; border: 1px solid var(--line); border-radius: 6px; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; max-width: 640px; }
figcaption b { color: var(--fg); }
details { margin: 4px 0; } summary { cursor: pointer; color: var(--muted); }
footer { border-top: 1px solid var(--line); margin-top: 28px; padding-bottom: 28px; font-size: 13px; color: var(--muted); }
`;

function verdictBadge(v: string): string {
  return `<b class="v-${esc(v)}">${esc(v)}</b>`;
}

function figureHtml(f: Figure): string {
  return `<figure class="plot" id="fig-${esc(f.slug)}" data-figure="${esc(f.slug)}">${f.svg}<figcaption><b>${esc(f.title)}.</b> ${esc(f.caption)}</figcaption></figure>`;
}

function table(head: string[], rows: (string | number)[][], numeric: boolean[] = []): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const tr = rows
    .map(
      (r) =>
        `<tr>${r.map((x, i) => `<td${numeric[i] ? ' class="num"' : ''}>${esc(String(x))}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

/**
 * A matrix as an HTML table clipped to MAX_SHOWN; the entries that differ from the other side by
 * more than `threshold` are marked, so the eye finds where the paper's formula goes wrong.
 */
function matrixTable(
  rows: readonly (readonly (number | string)[])[],
  other: readonly (readonly (number | string)[])[],
  threshold: number,
): string {
  const cols = rows[0]?.length ?? 0;
  const ri = clipIndices(rows.length, MAX_SHOWN.rows);
  const ci = clipIndices(cols, MAX_SHOWN.cols);
  const body = ri
    .map((i) => {
      const cells = ci.map((j) => {
        if (i === null || j === null) return '<td class="gap">…</td>';
        const a = rows[i][j];
        const b = other[i]?.[j];
        const differs = b === undefined || !(Math.abs(Number(a) - Number(b)) <= threshold);
        return `<td${differs ? ' class="diff"' : ''}>${esc(String(a))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  const size = `${rows.length}×${cols}`;
  return `<div class="matrix-wrap"><table class="matrix" data-size="${size}"><tbody>${body}</tbody></table></div>`;
}

function sides(
  labels: [string, string],
  claimed: readonly (readonly (number | string)[])[],
  actual: readonly (readonly (number | string)[])[],
  threshold: number,
): string {
  const size = (m: readonly (readonly unknown[])[]) => `${m.length}×${m[0]?.length ?? 0}`;
  return `<div class="sides"><p class="muted">${esc(labels[0])} <span class="mono">${size(claimed)}</span></p>${matrixTable(claimed, actual, threshold)}<p class="muted">${esc(labels[1])} <span class="mono">${size(actual)}</span></p>${matrixTable(actual, claimed, threshold)}</div>`;
}

function witnessHtml(w: Witness, t: number | undefined): string {
  const extra = w.extra
    ? ` · ${Object.entries(w.extra)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', ')}`
    : '';
  const at = t === undefined ? '' : ` at t = ${t}`;
  return `<h5 class="witness-f64"${t === undefined ? '' : ` data-t="${t}"`}>Witness (float64, recomputed)${at}</h5>
<p>${esc(w.quantity)}: |claimed − actual|∞ = <span class="mono">${esc(sci(w.absError))}</span>, relative <span class="mono">${esc(sci(w.relError))}</span>, threshold <span class="mono">${esc(sci(w.threshold))}</span>${esc(extra)}</p>
${sides(['claimed (the paper)', 'actual (oracle)'], w.claimed, w.actual, w.threshold)}`;
}

function hpHtml(hp: HPOutcome, threshold: number, at: HPAt | undefined): string {
  const verdict = hp.violated
    ? '<span class="badge bad">violated: confirmed</span>'
    : '<span class="badge ok">not violated</span>';
  const head = at === undefined ? '' : at.t === undefined ? ' for all t' : ` at t = ${at.t}`;
  const what = at?.symbol ? `<p class="hp-quantity">${esc(`${at.symbol} at t = ${at.t}`)}</p>` : '';
  const same =
    at?.symbol && at.float64 !== undefined
      ? `<p class="same-t" data-t="${at.t}" data-float64="${at.float64}">float64 at the same t = ${at.t} (recomputed series): ${esc(at.symbol)} = <span class="mono">${at.float64}</span></p>`
      : '';
  return `<h5 class="witness-hp"${at?.t === undefined ? '' : ` data-t="${at.t}"`}>Re-verification at ${hp.digits} digits (recomputed)${head}</h5>
${what}<p>${verdict} |claimed − actual|∞ = <span class="mono">${esc(hp.absError)}</span>, relative <span class="mono">${esc(hp.relError)}</span></p>
${sides(['claimed', 'actual'], hp.claimed, hp.actual, threshold)}${same}`;
}

function certificateHtml(cert: Readonly<Record<string, unknown>>): string {
  const short = prettyJson(shortenCertificate(cert), '');
  const full = certificateIsLong(cert)
    ? `<details><summary>the certificate with every digit</summary><pre class="cert">${esc(prettyJson(cert, ''))}</pre></details>`
    : '';
  return `<h5>Certificate (recomputed and checked)</h5><pre class="cert">${esc(short)}</pre>${full}`;
}

function counterexampleHtml(
  cx: CounterexampleEntry,
  figures: Figure[],
  kind: ClaimSection['kind'],
): string {
  const badges = [
    cx.foundNow ? ' <span class="badge ok">found by this run</span>' : '',
    cx.reproduces === undefined
      ? ''
      : cx.reproduces
        ? ' <span class="badge ok">reproduces</span>'
        : ' <span class="badge bad">does not reproduce</span>',
  ].join('');
  const head = `<h4><code>${esc(cx.name)}</code>${badges}</h4>`;
  const msg = cx.replayMessage ? `<p class="bad">${esc(cx.replayMessage)}</p>` : '';
  if (!cx.stored) {
    return `<article class="counterexample" id="cx-${esc(cx.name)}">${head}<p class="bad">${esc(cx.error ?? 'unreadable')}</p>${msg}</article>`;
  }
  const f = cx.stored;
  const found = `found on seed ${f.found.seed} after ${f.found.runs} runs and ${f.found.shrinks} shrinks (${f.found.strategy}) — as stored, not recomputed`;
  const r = cx.recomputed;
  const o = r?.outcome;
  const body = !r
    ? `<p class="bad">${esc(NOT_RECOMPUTED)}</p>`
    : [
        o?.status === 'violated'
          ? witnessHtml(o.witness, witnessT(o.witness, f.params))
          : `<h5>Witness (float64, recomputed)</h5><p class="bad">${esc(o ? `not violated: ${o.status}` : 'not recomputed')}</p>`,
        r.hp && o?.status === 'violated' ? hpHtml(r.hp, o.witness.threshold, hpAt(cx, kind)) : '',
        r.hp?.certificate ? certificateHtml(r.hp.certificate) : '',
      ].join('\n');
  return `<article class="counterexample" id="cx-${esc(cx.name)}" data-counterexample="${esc(cx.name)}">
${head}${msg}
<p class="muted">${esc(found)}</p>
<h5>Case</h5><pre>${esc(caseLines(f.case, f.params).join('\n'))}</pre>
${body}
${figures.map(figureHtml).join('\n')}
</article>`;
}

function claimHtml(s: ClaimSection, figs: ReportFigures): string {
  const dl = [
    s.reading ? `<dt>Reading</dt><dd>${esc(s.reading)}</dd>` : '',
    s.rationale ? `<dt>Why</dt><dd>${esc(s.rationale)}</dd>` : '',
    s.kind ? `<dt>Kind</dt><dd>${esc(s.kind)}</dd>` : '',
  ].join('');
  const problems = s.problems.length
    ? `<h3>Problems</h3><ul class="problems">${s.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`
    : '';
  const skips = Object.entries(s.skipReasons).sort((a, b) => b[1] - a[1]);
  const skipHtml = skips.length
    ? `<details><summary>why ${s.tally.skip} runs were outside the hypothesis</summary>${table(
        ['reason', 'runs'],
        skips.map(([r, n]) => [r, n]),
        [false, true],
      )}</details>`
    : '';
  const fam = familyRows(s);
  const closeness = figs.closeness[s.id];
  const cxs = s.counterexamples;
  return `<section class="claim${s.ok ? '' : ' drift'}" id="${claimAnchor(s.id)}" data-claim="${esc(s.id)}">
<h2><code>${esc(s.id)}</code> <span class="badge ${s.ok ? 'ok' : 'bad'}">${esc(okMark(s.ok))}</span></h2>
<p class="muted">Section ${esc(s.section)}</p>
<blockquote class="statement">${esc(s.statement)}</blockquote>
<dl>${dl}</dl>
<div class="verdicts"><span>expected ${verdictBadge(s.expected)}</span><span>observed ${verdictBadge(s.observed)}</span></div>
<h3>Evidence</h3>
<p>${esc(`${s.runs} search runs on seed ${s.seed}`)} · max closeness <span class="mono">${s.maxCloseness === null ? '—' : esc(sci(s.maxCloseness))}</span></p>
<p class="muted">${esc(s.evidence)}</p>
<div class="cols">
${table(['outcome', 'runs', 'meaning'], tallyRows(s.tally), [false, true, false])}
${fam.length ? table(['family', 'tried', 'hypothesis held', 'hit rate'], fam, [false, true, true, true]) : ''}
</div>
${skipHtml}
${problems}
${closeness ? figureHtml(closeness) : ''}
<h3>Counterexamples (${cxs.length})</h3>
${cxs.length ? cxs.map((cx) => counterexampleHtml(cx, figs.counterexamples[cx.name] ?? [], s.kind)).join('\n') : '<p class="muted">none saved for this claim</p>'}
</section>`;
}

/** The source line of the header: where the verdicts came from. */
export function sourceText(data: ReportData): string {
  const seeds = data.seeds.join(', ');
  return data.source.kind === 'run'
    ? `Verdicts from a run of the ledger on seed ${seeds}.`
    : `Verdicts from ${data.source.file} (verify --json, seed ${seeds}); readings and counterexamples from this checkout.`;
}

/** The verdict per (claim, activation) cell, with its legend and the count of open cells. */
function matrixHtml(data: ReportData): string {
  const m = verdictMatrixRows(data.claims);
  const head = `<tr><th>claim</th>${m.heads.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const body = m.rows
    .map(
      (r) =>
        `<tr><td><code>${esc(r.id)}</code></td>${r.marks.map((x) => `<td class="cell${x.includes('!') ? ' bad' : ''}">${esc(x)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<h2 id="verdict-matrix">Verdict per activation</h2>
<p class="muted">${m.cells} cells judged: ${m.open} open, ${m.drifted} drifted. ${esc(MATRIX_LEGEND)}</p>
<table class="verdict-matrix"><thead>${head}</thead><tbody>
${body}
</tbody></table>`;
}

/** The whole report as one self-contained HTML page (inline CSS and SVG, no script, no link). */
export function renderHtml(data: ReportData, figs: ReportFigures): string {
  const n = summaryCounts(data.claims);
  const rows = data.claims
    .map(
      (s) =>
        `<tr><td><a href="#${claimAnchor(s.id)}"><code>${esc(s.id)}</code></a></td><td>${esc(s.section)}</td><td>${verdictBadge(s.expected)}</td><td>${verdictBadge(s.observed)}</td><td class="mark ${s.ok ? 'ok' : 'bad'}">${esc(okMark(s.ok))}</td><td class="num">${s.runs}</td><td class="num">${s.counterexamples.length}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>bptt-claims report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>bptt-claims report</h1>
<p>The claims of ${esc(PAPER)}, each checked against independent oracles.</p>
<p class="muted">${esc(sourceText(data))} ${n.total} claims: <b class="ok">${n.ok} as expected</b>, <b class="${n.drifted ? 'bad' : 'muted'}">${n.drifted} drifted</b> · observed ${n.holds} holds, ${n.refuted} refuted, ${n.open} open.</p>
<table class="summary"><thead><tr><th>claim</th><th>section</th><th>expected</th><th>observed</th><th></th><th>runs</th><th>counterexamples</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${matrixHtml(data)}
</header>
<main>
${data.claims.map((s) => claimHtml(s, figs)).join('\n')}
</main>
<footer>
<p>Generated by <code>npx bptt-claims report</code>. Expected verdicts are the suite's evidence, not the paper's: <b>holds</b> when the full budget passed, <b>refuted</b> only with a counterexample confirmed at 60 digits, <b>open</b> when sampling cannot decide. Closeness is how near a passing run came to the claim's tolerance.</p>
</footer>
</body>
</html>
`;
}
