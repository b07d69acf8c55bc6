import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReportLine } from '../engine/ledgerLine.js';
import { loadClaims } from '../engine/registry.js';
import type { ClaimReport } from '../engine/runner.js';
import { defaultStoreDir, unclaimedFiles } from '../engine/store.js';
import { readBoundedText } from '../model/boundedRead.js';
import { CliError, EXIT } from './exitCodes.js';
import { ledgerRunOptions, ledgerStore, resolveSeed, type SearchFlags } from './flags.js';
import { MAX_INPUT_BYTES, MAX_INPUT_TEXT } from './readCase.js';
import { type Figure, type ReportFigures, reportFigures } from './report/plots.js';
import { renderHtml } from './report/renderHtml.js';
import { FIGURES_DIR, renderMarkdown } from './report/renderMarkdown.js';
import { ledgerReport, type ReportData, readVerifyJson } from './report/reportData.js';
import { notSavedNotes, selectClaims, storeErrors } from './verifyCommand.js';

/** Options of `report`, as commander parses them. */
export interface ReportOptions extends Omit<SearchFlags, 'json'> {
  out?: string;
  claim?: string[];
  jsonInput?: string;
  store?: string;
  save?: boolean;
}

/** What `report` wrote. */
export interface ReportResult {
  readonly dir: string;
  readonly html: string;
  readonly markdown: string;
  /** The SVG files written next to REPORT.md. */
  readonly figures: string[];
  readonly data: ReportData;
  /** Wall time of the ledger run and of the rendering, in ms. */
  readonly ms: { readonly ledger: number; readonly render: number };
  /** The engine's reports of a ledger run (none for --json-input). */
  readonly reports: ClaimReport[];
  /** The store's files that no claim replays (whole-ledger runs only), as verify finds them. */
  readonly stray: string[];
  /** Why the report could not be written (read-only --out, …), or null when it was. */
  readonly writeError: string | null;
}

/** The repository's reports/ folder (git-ignored), the default --out. */
export function defaultReportDir(): string {
  return fileURLToPath(new URL('../../reports/', import.meta.url));
}

/** Writes a file through a temp file and a rename, so a reader never sees half a report. */
function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** The list of the charts a report wrote into figures/: the next report removes those it does not write again. */
export const FIGURES_MANIFEST = '.bptt-report-figures.json';

/** Every chart of a report, in the order the report shows them (the closeness chart, then each counterexample's). */
function figureList(figs: ReportFigures): Figure[] {
  return [...Object.values(figs.closeness), ...Object.values(figs.counterexamples).flat()].filter(
    (f): f is Figure => f !== null,
  );
}

/**
 * The chart files the previous report in `figDir` wrote, from its manifest: only plain `*.svg`
 * base names (a manifest edited to name `../x` or a user's other file type is ignored), none if
 * there is no readable manifest. The user's own files are never in it.
 */
function previousFigures(figDir: string): string[] {
  let raw: unknown;
  try {
    const file = path.join(figDir, FIGURES_MANIFEST);
    raw = JSON.parse(readBoundedText(file, MAX_INPUT_BYTES, MAX_INPUT_TEXT));
  } catch {
    // No manifest (a first report), or one that is not ours to trust: remove nothing.
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (n): n is string => typeof n === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*\.svg$/.test(n),
  );
}

/** Checks --out before the ledger runs, so that a wrong path fails at once, not after minutes. */
function checkOutputDir(dir: string): void {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
    throw new CliError(
      `--out: ${dir} is a file, not a folder`,
      EXIT.usage,
      'pass a folder, e.g. --out reports',
    );
  }
}

/** Makes the output folder (and its figures/), saying so when it is new; a failure throws the fs error. */
function outputDir(dir: string, log: (line: string) => void): void {
  const abs = path.resolve(dir);
  checkOutputDir(abs);
  const isNew = !fs.existsSync(abs);
  fs.mkdirSync(path.join(abs, FIGURES_DIR), { recursive: true });
  if (isNew) log(`--out: created ${dir}`);
}

/**
 * Runs the ledger (or reads a `verify --json` file), renders the charts, and writes index.html,
 * REPORT.md and figures/*.svg into the output folder. Progress goes to `log` (stderr).
 */
export async function generateReport(
  opts: ReportOptions,
  log: (line: string) => void = () => {},
): Promise<ReportResult> {
  if (opts.jsonInput !== undefined) {
    // The verdicts come from the file; a flag that would change them is a mistake, not a no-op.
    for (const [flag, v] of [
      ['--seed', opts.seed],
      ['--runs', opts.runs],
      ['--activation', opts.activation],
    ] as const) {
      if (v !== undefined)
        throw new CliError(
          `${flag}: has no effect with --json-input (the verdicts come from the file)`,
          EXIT.usage,
          `drop ${flag}, or drop --json-input to run the ledger`,
        );
    }
  }
  const seed = resolveSeed(opts.seed);
  const storeDir = ledgerStore(opts.store, defaultStoreDir());
  const outArg = opts.out ?? defaultReportDir();
  checkOutputDir(outArg);
  const all = await loadClaims();
  const stray =
    opts.claim === undefined
      ? unclaimedFiles(
          storeDir,
          all.map((c) => c.id),
        )
      : [];

  const t0 = performance.now();
  const reports: ClaimReport[] = [];
  let data: ReportData;
  if (opts.jsonInput !== undefined) {
    data = readVerifyJson(opts.jsonInput, all, storeDir);
    if (opts.claim?.length) {
      const known = new Set(data.claims.map((c) => c.id));
      for (const id of opts.claim)
        if (!known.has(id))
          throw new CliError(
            `--claim: ${JSON.stringify(id)} is not in ${opts.jsonInput}`,
            EXIT.usage,
            `its claims: ${[...known].join(', ')}`,
          );
      data = { ...data, claims: data.claims.filter((c) => opts.claim?.includes(c.id)) };
    }
  } else {
    const claims = selectClaims(all, opts.claim);
    data = ledgerReport(claims, ledgerRunOptions(opts, seed, storeDir), {
      before: (i, n, claim) => {
        if (!opts.quiet) log(`[${i + 1}/${n}] ${claim.id} …`);
      },
      after: (_i, _n, _claim, report, ms) => {
        reports.push(report);
        if (!opts.quiet) log(formatReportLine(report, ` · ${(ms / 1000).toFixed(1)} s`));
        if (!opts.quiet) for (const note of notSavedNotes(report)) log(note);
      },
    });
  }
  const t1 = performance.now();
  if (!opts.quiet) log(`rendering the report of ${data.claims.length} claims …`);
  const figs = reportFigures(data.claims);
  const drawn = figureList(figs);
  if (!opts.quiet)
    log(`writing the report: ${data.claims.length} claims, ${drawn.length} charts …`);
  const html = renderHtml(data, figs);
  const markdown = renderMarkdown(data, figs);
  const dir = path.resolve(outArg);
  const htmlFile = path.join(dir, 'index.html');
  const mdFile = path.join(dir, 'REPORT.md');
  const figures: string[] = [];
  let writeError: string | null = null;
  try {
    outputDir(outArg, log);
    const figDir = path.join(dir, FIGURES_DIR);
    for (const f of drawn) {
      const file = path.join(figDir, `${f.slug}.svg`);
      writeAtomic(file, `${f.svg}\n`);
      figures.push(file);
    }
    writeAtomic(htmlFile, html);
    writeAtomic(mdFile, markdown);
    // Only once the new report is complete: the charts a previous report wrote and this one did not.
    const names = figures.map((f) => path.basename(f));
    for (const stale of previousFigures(figDir)) {
      if (!names.includes(stale)) fs.rmSync(path.join(figDir, stale), { force: true });
    }
    writeAtomic(path.join(figDir, FIGURES_MANIFEST), `${JSON.stringify(names, null, 1)}\n`);
  } catch (e) {
    // The verdicts are computed: a folder that cannot be written must not lose them.
    if (typeof (e as NodeJS.ErrnoException).code !== 'string') throw e;
    writeError = `could not write the report to ${outArg}: ${(e as Error).message}`;
  }
  return {
    dir,
    html: htmlFile,
    markdown: mdFile,
    figures,
    data,
    ms: { ledger: t1 - t0, render: performance.now() - t1 },
    reports,
    stray,
    writeError,
  };
}

/**
 * The `report` command: writes the report, prints where, then the store's errors as verify does.
 * Exits 4 if a counterexample or the report could not be saved, 2 if a file no claim replays or a
 * malformed counterexample file was found, 1 if a verdict drifted or a counterexample does not
 * reproduce as stored.
 */
export async function reportAction(opts: ReportOptions): Promise<void> {
  const r = await generateReport(opts, (l) => console.error(l));
  const drifted = r.data.claims.filter((c) => !c.ok).length;
  const cxs = r.data.claims.flatMap((c) => c.counterexamples);
  // Bad input: unreadable, or refused before any computation (outside its domain or budget).
  const malformed = cxs.filter((cx) => cx.stored === null || cx.invalid);
  const notReproduced = cxs.filter(
    (cx) => cx.reproduces === false && cx.stored !== null && !cx.invalid,
  );
  if (!opts.quiet) {
    console.error(
      `ledger ${(r.ms.ledger / 1000).toFixed(1)} s · rendering ${(r.ms.render / 1000).toFixed(1)} s · ${r.figures.length} charts`,
    );
  }
  if (r.writeError === null) {
    console.log(r.html);
    console.log(r.markdown);
  }
  console.log(
    `${r.data.claims.length} claims: ${r.data.claims.length - drifted} as expected, ${drifted} drifted`,
  );
  for (const cx of notReproduced) console.error(`error: ${cx.replayMessage ?? cx.name}`);
  for (const cx of malformed) console.error(`error: ${cx.error ?? cx.replayMessage ?? cx.name}`);
  const errors = storeErrors(r.reports, r.stray);
  const lines = [...(r.writeError ? [`error: ${r.writeError}`] : []), ...(errors?.lines ?? [])];
  for (const l of lines) console.error(l);
  process.exitCode =
    r.writeError !== null
      ? EXIT.unsaved
      : (errors?.code ??
        (malformed.length ? EXIT.usage : drifted || notReproduced.length ? EXIT.finding : EXIT.ok));
}
