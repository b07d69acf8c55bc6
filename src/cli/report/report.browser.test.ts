import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TOLERANCES } from '../../engine/contract/tolerances.js';
import { generateReport, type ReportResult } from '../reportCommand.js';

/** Debian's Chromium; .ci/run installs it (playwright's own browser download cannot work here). */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const SCREENSHOT = '/tmp/report.png';
const SKIP_MESSAGE = `SKIPPED the browser test of the HTML report: ${CHROMIUM} is absent (install it with: apt-get install -y chromium)`;
// Said on stderr too: the default reporter shows a skipped file without its describe's name.
if (!hasChromium) console.warn(SKIP_MESSAGE);

// Claims that hold and claims with saved counterexamples, so that both kinds of chart appear;
// thm2.spectral-radius has its 60-digit value at another t than its float64 witness, and
// thm4.smallest-singular-value runs at equality with its bound.
const CLAIMS = [
  'thm1.kron-descending',
  'thm1.literal-hv',
  'thm1.kron-ascending',
  'eq3.literal-sum',
  'thm2.spectral-radius',
  'thm4.smallest-singular-value',
];
/** A claim of the previous report in the same folder, whose chart the new report must remove. */
const PREVIOUS = 'eq3.total';

describe.skipIf(!hasChromium)(
  hasChromium ? 'the HTML report in headless Chromium' : SKIP_MESSAGE,
  () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-report-browser-'));
    const requests: string[] = [];
    const errors: string[] = [];
    let report: ReportResult;
    const log: string[] = [];
    let staleFigures: string[] = [];
    const userFiles = ['mine.svg', 'notes.txt'];
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      // A copy of the store: a search that finds a new counterexample must not write into the repo.
      const repoStore = fileURLToPath(new URL('../../../counterexamples/', import.meta.url));
      const store = path.join(tmp, 'store');
      fs.mkdirSync(store);
      for (const f of fs.readdirSync(repoStore).filter((f) => f.endsWith('.json')))
        fs.copyFileSync(path.join(repoStore, f), path.join(store, f));
      // A previous report in the same folder, then the user's own files beside its charts.
      const out = path.join(tmp, 'report');
      const previous = await generateReport({ out, store, runs: 5, claim: [PREVIOUS] });
      staleFigures = previous.figures;
      for (const f of userFiles) fs.writeFileSync(path.join(out, 'figures', f), 'mine');
      report = await generateReport({ out, store, runs: 30, claim: CLAIMS }, (l) => log.push(l));

      // A fresh profile each run (playwright takes it as userDataDir, not as --user-data-dir).
      context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 1200, height: 1600 },
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      page = context.pages()[0] ?? (await context.newPage());
      context.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(pathToFileURL(report.html).href, { waitUntil: 'load' });
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    test('every claim has a visible section with its statement and verdicts', async () => {
      expect(await page.locator('section.claim').count()).toBe(CLAIMS.length);
      for (const id of CLAIMS) {
        const s = page.locator(`section[data-claim="${id}"]`);
        expect(await s.isVisible(), id).toBe(true);
        expect(await s.locator('blockquote.statement').isVisible(), id).toBe(true);
        expect(await s.locator('.verdicts').textContent(), id).toMatch(
          /expected (holds|refuted|open)\s*observed (holds|refuted|open)/,
        );
      }
    });

    test('every chart is an inline SVG that is visible and drawn', async () => {
      const svgs = page.locator('figure.plot > svg');
      expect(report.figures.length).toBeGreaterThanOrEqual(CLAIMS.length);
      expect(await svgs.count()).toBe(report.figures.length);
      for (let i = 0; i < report.figures.length; i++) {
        const svg = svgs.nth(i);
        expect(await svg.isVisible()).toBe(true);
        const box = await svg.boundingBox();
        expect(box?.width).toBeGreaterThan(300);
        expect(box?.height).toBeGreaterThan(80);
        expect(await svg.locator('path, rect').count()).toBeGreaterThan(0);
      }
      // The counterexamples of the refuted claims each have their plot.
      for (const id of ['thm1.literal-hv', 'thm1.kron-ascending', 'eq3.literal-sum']) {
        const cx = page.locator(`section[data-claim="${id}"] article.counterexample`);
        expect(await cx.count(), id).toBeGreaterThan(0);
        expect(await cx.first().locator('figure.plot > svg').isVisible(), id).toBe(true);
      }
    });

    test('the chart count said first is the one drawn and written', async () => {
      const said = log.filter((l) => /\bcharts?\b/.test(l));
      expect(said.length).toBeGreaterThan(0);
      const first = said[0].match(/(\d+) charts?/);
      expect(first, said[0]).not.toBeNull();
      const drawn = await page.locator('figure.plot > svg').count();
      expect(Number(first?.[1])).toBe(drawn);
      expect(report.figures.length).toBe(drawn);
    });

    test("report --out removes its own stale charts and keeps the user's files", () => {
      expect(staleFigures.length).toBeGreaterThan(0);
      for (const f of staleFigures) expect(report.figures).not.toContain(f);
      for (const f of staleFigures) expect(fs.existsSync(f), f).toBe(false);
      for (const f of userFiles)
        expect(fs.existsSync(path.join(report.dir, 'figures', f)), f).toBe(true);
      for (const f of report.figures) expect(fs.existsSync(f), f).toBe(true);
    });

    test('the float64 and 60-digit witnesses are each labelled with their t, and the same quantity is shown at the 60-digit t', async () => {
      const cx = report.data.claims
        .find((c) => c.id === 'thm2.spectral-radius')
        // the leaky_relu cycle: its 60-digit value sits at the cycle, its float64 witness at the horizon
        ?.counterexamples.find(
          (x) => x.hpQuantity !== undefined && x.name === 'thm2.spectral-radius--e862b4a5a9.json',
        );
      expect(cx, 'a thm2.spectral-radius counterexample').toBeDefined();
      const article = page.locator(`article[data-counterexample="${cx?.name}"]`);
      const f64 = article.locator('h5.witness-f64');
      const hp = article.locator('h5.witness-hp');
      const same = article.locator('p.same-t');
      for (const h of [f64, hp, same]) {
        const t = await h.getAttribute('data-t');
        expect(t).toMatch(/^\d+$/);
        expect(await h.textContent()).toContain(`t = ${t}`);
      }
      // The same t, the same quantity: the float64 value there agrees with the 60-digit one.
      expect(await same.getAttribute('data-t')).toBe(await hp.getAttribute('data-t'));
      expect(await same.getAttribute('data-t')).toBe(String(cx?.hpQuantity?.t));
      expect(await same.textContent()).toContain(cx?.hpQuantity?.symbol);
      const exact = Number(cx?.recomputed?.hp?.actual[0][0]);
      const float = Number(await same.getAttribute('data-float64'));
      expect(Math.abs(float - exact)).toBeLessThanOrEqual(
        TOLERANCES.float64Exact.rtol * Math.abs(exact),
      );
      // The horizon witness keeps its own t, which differs here.
      expect(await f64.getAttribute('data-t')).not.toBe(await hp.getAttribute('data-t'));
    });

    test("legends name the paper's symbols, and lines that coincide stay visible", async () => {
      let charts = 0;
      for (const c of report.data.claims) {
        for (const cx of c.counterexamples) {
          const series = cx.recomputed?.series;
          if (!series || !cx.seriesKeys || Object.keys(series).length === 0) continue;
          const fig = page.locator(`article[data-counterexample="${cx.name}"] figure.plot`).first();
          const legend = (await fig.locator('g[aria-description="legend"] text').allTextContents())
            // The glyph drawn before the label: ━━ a line, ╌╌ a bound, ○ a point.
            .map((s) => s.replace(/^\s*(━━|╌╌|○)\s*/, ''));
          for (const key of Object.keys(series)) {
            expect(legend, `${cx.name}: ${key}`).toContain(cx.seriesKeys[key].symbol);
            expect(legend, cx.name).not.toContain(key);
          }
          const lines = fig.locator('g[aria-label="line"]');
          const widths: number[] = [];
          for (let i = 0; i < (await lines.count()); i++) {
            const g = lines.nth(i);
            if ((await g.getAttribute('stroke-dasharray')) === null)
              widths.push(Number(await g.getAttribute('stroke-width')));
          }
          // Each observed line is drawn narrower than the one under it.
          for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThan(widths[i - 1]);
          charts++;
        }
      }
      expect(charts).toBeGreaterThan(0);
    });

    test('a run at equality is drawn on the bound, not past it', async () => {
      const s = report.data.claims.find((c) => c.id === 'thm4.smallest-singular-value');
      expect(
        s?.closeness?.some((v) => v >= 1),
        'a run at equality',
      ).toBe(true);
      const svg = page.locator(`figure[data-figure="${s?.id}--closeness"] > svg`);
      const bound = await svg
        .locator('g[aria-label="rule"][stroke="#d62728"] line')
        .evaluate((l) => l.getBoundingClientRect().left);
      const rights = await svg
        .locator('g[aria-label="rect"] rect')
        .evaluateAll((rs) =>
          rs
            .filter((r) => r.getBoundingClientRect().height > 0)
            .map((r) => r.getBoundingClientRect().right),
        );
      expect(rights.length).toBeGreaterThan(0);
      const right = Math.max(...rights);
      // The equality bar ends at the line (within its 1 px inset and a pixel of rounding).
      expect(right).toBeLessThanOrEqual(bound + 0.5);
      expect(right).toBeGreaterThanOrEqual(bound - 2.5);
    });

    test('the counts of passes agree in the text, the table and the closeness caption', async () => {
      let checked = 0;
      for (const c of report.data.claims) {
        const section = page.locator(`section[data-claim="${c.id}"]`);
        const caption = section.locator(`figure[data-figure="${c.id}--closeness"] figcaption`);
        if ((await caption.count()) === 0) continue;
        const n = Number((await caption.textContent())?.match(/(\d+) passing runs?/)?.[1]);
        const tableRow = await section
          .locator('table tr', { has: page.locator('td', { hasText: /^pass$/ }) })
          .first()
          .locator('td')
          .nth(1)
          .textContent();
        const evidence = (await section.locator('p.muted').allTextContents()).join(' ');
        expect(n, c.id).toBe(c.tally.pass);
        expect(Number(tableRow), c.id).toBe(n);
        expect(evidence, c.id).toContain(`${n} pass`);
        checked++;
      }
      expect(checked).toBeGreaterThan(1);
    });

    test('the summary links jump to the sections', async () => {
      await page.click(`a[href="#claim-${CLAIMS[1]}"]`);
      expect(new URL(page.url()).hash).toBe(`#claim-${CLAIMS[1]}`);
      await page.evaluate('window.scrollTo(0, 0)');
    });

    test('the page makes no network request and logs no error', async () => {
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
      expect(errors).toEqual([]);
      expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    });
  },
);
