import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateReport, type ReportResult } from '../reportCommand.js';

/** Debian's Chromium; .ci/run installs it (playwright's own browser download cannot work here). */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const SCREENSHOT = '/tmp/report.png';
const SKIP_MESSAGE = `SKIPPED the browser test of the HTML report: ${CHROMIUM} is absent (install it with: apt-get install -y chromium)`;
// Said on stderr too: the default reporter shows a skipped file without its describe's name.
if (!hasChromium) console.warn(SKIP_MESSAGE);

// Claims that hold and claims with saved counterexamples, so that both kinds of chart appear.
const CLAIMS = [
  'thm1.kron-descending',
  'thm1.literal-hv',
  'thm1.kron-ascending',
  'eq3.literal-sum',
];

describe.skipIf(!hasChromium)(
  hasChromium ? 'the HTML report in headless Chromium' : SKIP_MESSAGE,
  () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bptt-report-browser-'));
    const requests: string[] = [];
    const errors: string[] = [];
    let report: ReportResult;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      // A copy of the store: a search that finds a new counterexample must not write into the repo.
      const repoStore = fileURLToPath(new URL('../../../counterexamples/', import.meta.url));
      const store = path.join(tmp, 'store');
      fs.mkdirSync(store);
      for (const f of fs.readdirSync(repoStore).filter((f) => f.endsWith('.json')))
        fs.copyFileSync(path.join(repoStore, f), path.join(store, f));
      report = await generateReport({
        out: path.join(tmp, 'report'),
        store,
        runs: 30,
        claim: CLAIMS,
      });

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
