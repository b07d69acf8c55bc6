import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Claim, SeriesKey } from '../../engine/contract/claim.js';
import { TOLERANCES } from '../../engine/contract/tolerances.js';
import { toModel } from '../../model/caseFile.js';
import { frobenius } from '../../numerics/kernels.js';
import { adGradientEWR, adJacobianHWR } from '../../oracles/autodiff.js';
import type { CounterexampleEntry, Recomputed, StoredInputs } from './reportData.js';

/** A rendered chart: a standalone SVG plus the words around it. */
export interface Figure {
  /** File-name-safe id, unique in a report (the Markdown version's `figures/<slug>.svg`). */
  readonly slug: string;
  readonly title: string;
  /** What the chart shows and how to read it. */
  readonly caption: string;
  /** Standalone SVG markup (with xmlns, so the file opens by itself and as an <img>). */
  readonly svg: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Tableau 10: distinct on white and for the common colour-vision deficiencies. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];
const WIDTH = 640;
const DASH = '6,4';

// One linkedom document serves every chart: Plot only creates detached elements in it.
let doc: unknown;
function plotDocument(): unknown {
  doc ??= parseHTML('<!doctype html><html><body></body></html>').document;
  return doc;
}

/** Renders Plot options to standalone SVG markup. */
function renderSvg(options: Plot.PlotOptions): string {
  const el = Plot.plot({
    ...options,
    // A fixed class (Plot's default is random) keeps two reports of the same run byte-identical.
    className: 'bptt-plot',
    style: { background: 'white', color: '#222', fontSize: '11px' },
    document: plotDocument() as Plot.PlotOptions['document'],
  }) as unknown as { outerHTML: string; tagName: string };
  // Plot returns a <figure> (HTML, not SVG) when a title or legend is asked for; neither is used.
  if (el.tagName.toLowerCase() !== 'svg')
    throw new Error(`plot: expected <svg>, got <${el.tagName}>`);
  const html = el.outerHTML;
  return html.includes('xmlns=') ? html : html.replace('<svg ', `<svg xmlns="${SVG_NS}" `);
}

/** One line of a series chart: its legend, the t of its first value, and whether it is a claimed bound. */
export interface SeriesLine {
  readonly label: string;
  readonly firstT: number;
  readonly bound: boolean;
  readonly values: readonly number[];
}

/** The t of a series key's first value, from its declaration and the counterexample's params. */
export function firstTOf(key: SeriesKey, params: Readonly<Record<string, number>>): number {
  if (typeof key.firstT === 'number') return key.firstT;
  const v = params[key.firstT.param];
  if (v === undefined)
    throw new Error(`series: the params have no ${key.firstT.param} (the first t of a series)`);
  return v + key.firstT.plus;
}

/**
 * A claim's recomputed series as chart lines, each under its declared symbol at its own t; a key
 * the claim does not declare keeps its raw name from t = 1 (report.test.ts fails on such a key).
 */
export function seriesLines(
  series: Readonly<Record<string, readonly number[]>>,
  keys: Readonly<Record<string, SeriesKey>> | undefined,
  params: Readonly<Record<string, number>>,
): SeriesLine[] {
  return Object.entries(series).map(([k, values]) => {
    const key = keys?.[k];
    return key
      ? { label: key.symbol, firstT: firstTOf(key, params), bound: key.bound, values }
      : { label: k, firstT: 1, bound: false, values };
  });
}

/** Positive finite points of a series at t = firstT, firstT + 1, …, for a log axis, and how many were left out. */
function logPoints(
  values: readonly number[],
  firstT: number,
): {
  pts: { t: number; v: number }[];
  dropped: number;
} {
  const pts: { t: number; v: number }[] = [];
  values.forEach((v, i) => {
    if (Number.isFinite(v) && v > 0) pts.push({ t: firstT + i, v });
  });
  return { pts, dropped: values.length - pts.length };
}

/** Integer ticks for a short t axis; Plot's own ticks are integers once the range is long. */
function tAxis(minT: number, maxT: number): Plot.ScaleOptions {
  const domain: [number, number] = maxT > minT ? [minT, maxT] : [minT - 0.5, minT + 0.5];
  return maxT - minT < 12
    ? {
        domain,
        ticks: Array.from({ length: maxT - minT + 1 }, (_, i) => minT + i),
        tickFormat: 'd',
        label: 't',
      }
    : { domain, tickFormat: 'd', label: 't' };
}

/** A legend in the top margin, drawn with text marks so that the SVG stays standalone. */
function legendMarks(items: { label: string; color: string; dashed: boolean; dot?: boolean }[]) {
  return items.map((it, i) =>
    Plot.text([it.label], {
      text: (d: string) => `${it.dot ? ' ○ ' : it.dashed ? '╌╌ ' : '━━ '}${d}`,
      frameAnchor: 'top-left',
      textAnchor: 'start',
      dy: -12 - 15 * (items.length - 1 - i),
      fill: it.color,
      fontWeight: 600,
      // The legend's entries, for a reader that checks them (the browser test).
      ariaDescription: 'legend',
    }),
  );
}

/** An extra point drawn on a series chart (e.g. the paper's value at the witness's t). */
export interface MarkedPoint {
  readonly t: number;
  readonly value: number;
  readonly label: string;
}

/** Stroke width of the observed line i of n: each later line is narrower, so that one drawn over an equal line leaves it visible on both sides. */
export function observedWidth(i: number, n: number): number {
  return 1.5 * (n - i) + (n === 1 ? 0.5 : 0);
}

/**
 * Each series against t on a log y axis; claimed bounds dashed and on top, observed lines each
 * narrower than the one before, so that lines that coincide stay visible. Returns null when no
 * line has a positive finite value (a log axis cannot show it).
 */
export function seriesFigure(
  slug: string,
  title: string,
  lines: readonly SeriesLine[],
  caption: string,
  points: readonly MarkedPoint[] = [],
): Figure | null {
  const notes: string[] = [];
  const marks: Plot.Markish[] = [];
  const legend: { label: string; color: string; dashed: boolean; dot?: boolean }[] = [];
  let minT = Number.POSITIVE_INFINITY;
  let maxT = Number.NEGATIVE_INFINITY;
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  const observed = lines.filter((l) => !l.bound);
  // Observed lines first (widest first), then the bounds over them.
  const ordered = [...observed, ...lines.filter((l) => l.bound)];
  ordered.forEach((line) => {
    const i = lines.indexOf(line);
    const { pts, dropped } = logPoints(line.values, line.firstT);
    const color = PALETTE[i % PALETTE.length];
    if (dropped > 0)
      notes.push(`${line.label}, ${dropped} of ${line.values.length} values (0 or not finite)`);
    if (pts.length === 0) return;
    minT = Math.min(minT, pts[0].t);
    maxT = Math.max(maxT, pts[pts.length - 1].t);
    for (const p of pts) {
      lo = Math.min(lo, p.v);
      hi = Math.max(hi, p.v);
    }
    legend.push({ label: line.label, color, dashed: line.bound });
    const width = line.bound ? 1.5 : observedWidth(observed.indexOf(line), observed.length);
    marks.push(
      Plot.line(pts, {
        x: 't',
        y: 'v',
        stroke: color,
        strokeWidth: width,
        ...(line.bound ? { strokeDasharray: DASH } : {}),
      }),
    );
    if (pts.length <= 40)
      marks.push(Plot.dot(pts, { x: 't', y: 'v', fill: color, r: 1 + width / 2 }));
  });
  for (const p of points) {
    if (!(Number.isFinite(p.value) && p.value > 0)) {
      notes.push(`${p.label} = ${p.value}`);
      continue;
    }
    lo = Math.min(lo, p.value);
    hi = Math.max(hi, p.value);
    minT = Math.min(minT, p.t);
    maxT = Math.max(maxT, p.t);
    legend.push({ label: p.label, color: '#d62728', dashed: false, dot: true });
    marks.push(Plot.dot([p], { x: 't', y: 'value', r: 6, stroke: '#d62728', strokeWidth: 2 }));
  }
  if (legend.length === 0) return null;
  // Less than a decade of data would sit in a corner of a nice (whole-decade) axis, and a single
  // value has no extent at all: pad such a range by a factor instead.
  const yDomain: [number, number] | undefined =
    hi / lo < 10 ? [lo / (lo === hi ? 4 : 1.5), hi * (lo === hi ? 4 : 1.5)] : undefined;
  const svg = renderSvg({
    width: WIDTH,
    height: 300 + 15 * legend.length,
    marginTop: 24 + 15 * legend.length,
    marginLeft: 64,
    marginRight: 24,
    x: tAxis(minT, maxT),
    y: {
      type: 'log',
      label: '‖·‖ (log scale)',
      grid: true,
      // d3's log tick format with a specifier keeps the labels sparse: 0.2, 1, 1e-20 (not 200m).
      tickFormat: '~g',
      ...(yDomain ? { domain: yDomain } : { nice: true }),
    },
    marks: [...marks, ...legendMarks(legend), Plot.frame({ stroke: '#ccc' })],
  });
  const noted = notes.length ? ` Not on the log axis: ${notes.join('; ')}.` : '';
  return { slug, title, caption: `${caption}${noted}`, svg };
}

/** The tolerance line a claim's closeness is read against, if it has one. */
export function closenessThreshold(
  kind: Claim['kind'] | null,
): { value: number; label: string; meaning: string; passAtMost: boolean } | null {
  if (kind === 'identity') {
    return {
      value: TOLERANCES.float64Exact.rtol,
      label: `float64Exact rtol ${TOLERANCES.float64Exact.rtol}`,
      meaning:
        'Closeness is the relative error |claimed − actual|∞ / magnitude; a run above the float64Exact line is re-checked at 60 digits',
      passAtMost: false,
    };
  }
  if (kind === 'inequality') {
    return {
      value: 1,
      label: 'bound (observed / bound = 1)',
      meaning: 'Closeness is observed / bound; 1 is the bound itself',
      // A pass is within the bound up to float64 rounding: observed/bound = 1 + 2⁻⁵² is equality.
      passAtMost: true,
    };
  }
  return null;
}

/** Formats a number for a caption: 3 significant digits. */
export function sci(x: number): string {
  return x === 0
    ? '0'
    : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4
      ? String(+x.toPrecision(3))
      : x.toExponential(2);
}

/**
 * How close the passing runs came to the claim's tolerance: a histogram of closeness on a log x
 * axis (half-decade bins) when the runs' values are known, else one bar for the maximum beside
 * the tolerance. `passes` is the run's count of passes (the tally's), of which `values` are those
 * that carry a closeness. Null when there is nothing to show.
 */
export function closenessFigure(
  slug: string,
  kind: Claim['kind'] | null,
  values: readonly number[] | null,
  maxCloseness: number | null,
  passes: number,
): Figure | null {
  const thr = closenessThreshold(kind);
  const title = 'How close the passing runs came';
  if (values !== null && values.length > 0) {
    const positive = values.filter((v) => Number.isFinite(v) && v > 0);
    const zeros = values.length - positive.length;
    const thrLog = thr ? Math.log10(thr.value) : undefined;
    // A passing run of an inequality at equality (1 up to float64 rounding) is drawn at the bound.
    const atBound = thr?.passAtMost ? positive.filter((v) => v >= thr.value).length : 0;
    const logs = positive.map((v) =>
      thr?.passAtMost && thrLog !== undefined ? Math.min(Math.log10(v), thrLog) : Math.log10(v),
    );
    // Decade bins on a linear axis of exponents: a log axis over 20 decades draws a tick band,
    // and exact zeros (common: both sides computed the same way) get a bar of their own at left.
    // Right-closed bins (10^e, 10^(e+1)]: a run exactly at a tolerance of 10^k (closeness 1 for
    // an inequality at its bound) is counted left of the line, where it belongs: it passed.
    const top = Math.max(
      logs.length ? Math.ceil(Math.max(...logs)) : 0,
      thrLog !== undefined ? Math.ceil(thrLog) + 1 : Number.NEGATIVE_INFINITY,
    );
    const bottom = Math.max(
      Math.min(
        logs.length ? Math.ceil(Math.min(...logs)) - 1 : top - 1,
        thrLog !== undefined ? Math.floor(thrLog) - 1 : top - 1,
      ),
      top - 18,
    );
    const clamped = logs.filter((l) => l <= bottom).length;
    const bins: { x1: number; x2: number; count: number; exact: boolean }[] = [];
    for (let e = bottom; e < top; e++) bins.push({ x1: e, x2: e + 1, count: 0, exact: false });
    for (const l of logs)
      bins[Math.min(top - 1, Math.max(bottom, Math.ceil(l) - 1)) - bottom].count++;
    const zeroAt = bottom - 1.5;
    if (zeros) bins.push({ x1: zeroAt - 0.5, x2: zeroAt + 0.5, count: zeros, exact: true });
    const marks: Plot.Markish[] = [
      Plot.rectY(
        bins.filter((b) => !b.exact),
        { x1: 'x1', x2: 'x2', y: 'count', fill: '#4e79a7', insetLeft: 1, insetRight: 1 },
      ),
      Plot.rectY(
        bins.filter((b) => b.exact),
        { x1: 'x1', x2: 'x2', y: 'count', fill: '#9c755f', insetLeft: 1, insetRight: 1 },
      ),
      Plot.ruleY([0]),
    ];
    if (thr && thrLog !== undefined) {
      marks.push(
        Plot.ruleX([thrLog], { stroke: '#d62728', strokeWidth: 2, strokeDasharray: DASH }),
        Plot.text([thr.label], {
          x: thrLog,
          frameAnchor: 'top',
          textAnchor: 'end',
          // Above the frame, where no bar can run into it.
          dy: -10,
          fill: '#d62728',
        }),
      );
    }
    const step = Math.max(1, Math.ceil((top - bottom) / 8));
    const ticks: number[] = zeros ? [zeroAt] : [];
    for (let e = top; e >= bottom; e -= step) ticks.push(e);
    const svg = renderSvg({
      width: WIDTH,
      height: 270,
      marginTop: 34,
      marginLeft: 56,
      x: {
        domain: [zeros ? zeroAt - 0.75 : bottom, top],
        ticks,
        tickFormat: (e: number) => (e === zeroAt ? '0' : `1e${e}`),
        label: 'closeness (decades)',
      },
      y: { label: 'passing runs', grid: true },
      marks,
    });
    const unmeasured = passes - values.length;
    const caption = [
      `${passes} passing run${passes === 1 ? '' : 's'}; max closeness ${maxCloseness === null ? '—' : sci(maxCloseness)}.`,
      unmeasured > 0
        ? `${unmeasured} of them ${unmeasured === 1 ? 'has' : 'have'} no closeness (the check passed ${unmeasured === 1 ? 'it' : 'them'} without measuring a margin) and ${unmeasured === 1 ? 'is' : 'are'} not drawn.`
        : '',
      thr ? `${thr.meaning}.` : 'Closeness as the claim defines it.',
      zeros
        ? `${zeros} run${zeros === 1 ? '' : 's'} matched exactly (closeness 0, the brown bar).`
        : '',
      clamped ? `${clamped} runs at or below 1e${bottom} are counted in the leftmost decade.` : '',
      atBound
        ? `${atBound} run${atBound === 1 ? '' : 's'} at equality (closeness 1 up to float64 rounding) ${atBound === 1 ? 'is' : 'are'} counted in the decade that ends at the bound.`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    return { slug, title, caption, svg };
  }
  if (maxCloseness === null || !(maxCloseness > 0)) return null;
  const bars = [{ what: 'max closeness', v: maxCloseness, color: '#4e79a7' }];
  if (thr) bars.push({ what: thr.label, v: thr.value, color: '#d62728' });
  const lo = Math.floor(Math.log10(Math.min(...bars.map((b) => b.v)))) - 1;
  const hi = Math.ceil(Math.log10(Math.max(...bars.map((b) => b.v)))) + 1;
  const svg = renderSvg({
    width: WIDTH,
    height: 60 + 36 * bars.length,
    marginLeft: 190,
    x: {
      type: 'log',
      domain: [10 ** lo, 10 ** hi],
      label: 'closeness (log scale)',
      grid: true,
      tickFormat: '~g',
    },
    y: { label: null, domain: bars.map((b) => b.what) },
    marks: [
      ...bars.map((b) => Plot.barX([b], { x1: 10 ** lo, x2: 'v', y: 'what', fill: b.color })),
      Plot.text(bars, {
        x: 'v',
        y: 'what',
        text: (b: { v: number }) => sci(b.v),
        dx: 4,
        textAnchor: 'start',
      }),
    ],
  });
  return {
    slug,
    title,
    caption: `Only the maximum over the passing runs is known (the verdicts came from a verify --json file). ${thr ? `${thr.meaning}.` : 'Closeness as the claim defines it.'}`,
    svg,
  };
}

/** Largest t of the default norm plot: the autodiff sweeps cost O(t) each, so O(T²) in all. */
export const DEFAULT_SERIES_MAX_T = 200;

/** ‖∂h_t/∂W_R‖_F and ‖∂E_t/∂W_R‖_F over t = 1…T of a case, by reverse-mode autodiff. */
export function autodiffNormSeries(cf: Pick<StoredInputs, 'case'>): Record<string, number[]> {
  const model = toModel(cf.case);
  const T = Math.min(model.T, DEFAULT_SERIES_MAX_T);
  const dh: number[] = [];
  const dE: number[] = [];
  for (let t = 1; t <= T; t++) {
    dh.push(frobenius(adJacobianHWR(model, t).data));
    dE.push(frobenius(adGradientEWR(model, t).data));
  }
  return { '‖∂h_t/∂W_R‖_F (autodiff)': dh, '‖∂E_t/∂W_R‖_F (autodiff)': dE };
}

/**
 * The plots of one counterexample: the claim's series recomputed from the case, or else the
 * autodiff norms over t with the recomputed witness marked.
 */
export function counterexampleFigures(
  name: string,
  stored: StoredInputs,
  recomputed: Recomputed | undefined,
  declared: Pick<CounterexampleEntry, 'seriesKeys' | 'hpQuantity'> = {},
): Figure[] {
  const stem = name.replace(/\.json$/, '');
  const own = recomputed?.series;
  if (own && Object.keys(own).length > 0) {
    const lines = seriesLines(own, declared.seriesKeys, stored.params);
    const ts = lines.flatMap((l) => [l.firstT, l.firstT + l.values.length - 1]);
    const [t0, t1] = [Math.min(...ts), Math.max(...ts)];
    const hpq = declared.hpQuantity;
    const hpValue = Number(recomputed?.hp?.actual[0]?.[0]);
    const points: MarkedPoint[] =
      hpq && recomputed?.hp
        ? [
            {
              t: hpq.t,
              value: hpValue,
              label: `${hpq.symbol} at ${recomputed.hp.digits} digits, t = ${hpq.t}`,
            },
          ]
        : [];
    const f = seriesFigure(
      `${stem}--series`,
      'Series over t',
      lines,
      `The claim's series over t = ${t0 === t1 ? t0 : `${t0}…${t1}`}, recomputed from the case in float64${lines.some((l) => l.bound) ? '; dashed lines are claimed bounds' : ''}${lines.length - lines.filter((l) => l.bound).length > 1 ? '; where lines coincide, the narrower is drawn over the wider' : ''}${points.length ? '; the red ring is the 60-digit re-check' : ''}.`,
      points,
    );
    if (f) return [f];
  }
  let series: Record<string, number[]>;
  try {
    series = autodiffNormSeries(stored);
  } catch {
    return [];
  }
  const points: MarkedPoint[] = [];
  const w = recomputed?.outcome?.status === 'violated' ? recomputed.outcome.witness : undefined;
  const t = stored.params.t ?? w?.extra?.t;
  const q = w?.quantity;
  if (w && t !== undefined && (q === '∂h_t/∂W_R' || q === '∂E_t/∂W_R')) {
    points.push({
      t,
      value: frobenius(w.claimed.flat()),
      label: `paper's ${q} at t = ${t}, ‖·‖_F`,
    });
  }
  const capped =
    stored.case.xs.length > DEFAULT_SERIES_MAX_T
      ? ` (t ≤ ${DEFAULT_SERIES_MAX_T} of T = ${stored.case.xs.length})`
      : '';
  const f = seriesFigure(
    `${stem}--norms`,
    'Gradient norms over t',
    Object.entries(series).map(([label, values]) => ({ label, firstT: 1, bound: false, values })),
    `The true ‖∂h_t/∂W_R‖_F and ‖∂E_t/∂W_R‖_F of this case over t = 1…T${capped}, by reverse-mode autodiff${points.length ? "; the red ring is the Frobenius norm of the paper's side at the witness's t" : ''}.`,
    points,
  );
  return f ? [f] : [];
}

/** Every chart of a report: each claim's closeness chart and each counterexample's plots. */
export interface ReportFigures {
  /** By claim id. */
  readonly closeness: Readonly<Record<string, Figure | null>>;
  /** By counterexample file name. */
  readonly counterexamples: Readonly<Record<string, Figure[]>>;
}

/** Renders the charts of every claim and counterexample of a report. */
export function reportFigures(
  claims: readonly {
    id: string;
    kind: Claim['kind'] | null;
    closeness: number[] | null;
    maxCloseness: number | null;
    tally: { readonly pass: number };
    counterexamples: readonly {
      name: string;
      stored: StoredInputs | null;
      recomputed?: Recomputed;
      seriesKeys?: CounterexampleEntry['seriesKeys'];
      hpQuantity?: CounterexampleEntry['hpQuantity'];
    }[];
  }[],
): ReportFigures {
  const closeness: Record<string, Figure | null> = {};
  const counterexamples: Record<string, Figure[]> = {};
  for (const c of claims) {
    closeness[c.id] = closenessFigure(
      `${c.id}--closeness`,
      c.kind,
      c.closeness,
      c.maxCloseness,
      c.tally.pass,
    );
    for (const cx of c.counterexamples)
      counterexamples[cx.name] = cx.stored
        ? counterexampleFigures(cx.name, cx.stored, cx.recomputed, cx)
        : [];
  }
  return { closeness, counterexamples };
}
