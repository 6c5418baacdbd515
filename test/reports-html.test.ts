/**
 * The HTML report in headless Chromium (/usr/bin/chromium, Debian package `chromium`): no console errors,
 * no request but the page itself, counts visible, filter works, screenshot written.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCertificateHtml, buildCertificate } from '../reports/certificate.ts';
import { compareReports, renderCompareHtml } from '../reports/compare.ts';
import { renderHtml } from '../reports/html.ts';
import { sampleReport, TRICKY_TITLE } from './helpers/sample-report.ts';
import type { Report } from '../engine/report-types.ts';
import { tally } from '../reports/text.ts';
import { failureGroups } from '../reports/triage.ts';

const CHROMIUM = '/usr/bin/chromium';
// Playwright refuses --user-data-dir in launch(); it gives every launch a fresh temporary profile itself.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const report = sampleReport();

/** A report of n cases: the sample's cases repeated with their own ids, titles and kinds of source. */
function thousands(n: number): Report {
  const sources = ['fixed', 'boundary', 'random'] as const;
  const cases = Array.from({ length: n }, (_, i) => {
    const c = report.cases[i % report.cases.length]!;
    const id = `${c.rule}~${i.toString(16).padStart(12, '0')}`;
    return { ...c, caseId: id, title: `${c.title} #${i}`, origin: { ...c.origin, source: sources[i % 3]! } };
  });
  return { ...report, cases, counts: tally(cases.map((c) => c.verdict)) };
}
const dir = mkdtempSync(join(tmpdir(), 'reports-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let browser: Browser;

interface Loaded { page: Page; errors: string[]; requests: string[] }

async function open(name: string, html: string): Promise<Loaded> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests: requests.filter((r) => r !== url) };
}

// .ci/run installs Chromium; in CI a missing browser is a failure, not a skip.
const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI;
if (skipBrowser) console.warn(`${CHROMIUM} missing: HTML browser tests skipped (apt-get install -y chromium)`);

describe.skipIf(skipBrowser)('HTML report in headless Chromium', () => {
  beforeAll(async () => {
    // A loaded 2-core machine (the whole suite in parallel forks) was seen to take over 20 s to start Chromium.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 90_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error and no network request, shows the summary counts', async () => {
    const { page, errors, requests } = await open('report.html', renderHtml(report));
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const text = await page.innerText('body');
    expect(text).toContain('11 cases');
    expect(text).toContain('fail 2');
    expect(text).toContain('pass 3');
    expect(text).toContain('exit 1: not conformant (2 case(s) failed)');
    expect(text).toContain(TRICKY_TITLE.replace('\u0001', '\\u0001'));
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(5);
    expect(await page.locator('script[src]').count()).toBe(0); // one inline script, nothing fetched
    expect(await page.locator('details.case').count()).toBe(report.cases.length);
    // Pretty bodies with the difference marked: the member under test in the request, the unexpected status.
    expect(await page.locator('details.case.v-fail pre.body mark').count()).toBeGreaterThan(0);
    expect(await page.locator('details.case.v-fail strong.diff').count()).toBeGreaterThan(0);
    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it('filters cases by verdict', async () => {
    const { page } = await open('filter.html', renderHtml(report));
    await page.selectOption('#f-verdict', 'fail');
    expect(await page.locator('details.case:visible').count()).toBe(2);
    await page.selectOption('#f-verdict', '');
    expect(await page.locator('details.case:visible').count()).toBe(report.cases.length);
    await page.close();
  });

  it('a 5,000-case report loads, searches, filters, opens a case by its anchor, and takes a screenshot', async () => {
    const big = thousands(5000);
    const { page, errors, requests } = await open('big.html', renderHtml(big));
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('details.case').count()).toBe(5000);
    expect(await page.innerText('#shown')).toBe('5000 of 5000 cases');
    const target = big.cases[4321]!;
    await page.fill('#q', target.caseId);
    await page.waitForFunction((id) => document.getElementById('shown')?.textContent === '1 of 5000 cases' && !document.getElementById(id)?.hidden, target.caseId);
    await page.fill('#q', '');
    await page.selectOption('#f-verdict', 'fail');
    const fails = big.cases.filter((c) => c.verdict === 'fail').length;
    await page.waitForFunction((n) => document.getElementById('shown')?.textContent === `${n} of 5000 cases`, fails);
    await page.selectOption('#f-source', 'random');
    const randomFails = big.cases.filter((c) => c.verdict === 'fail' && c.origin.source === 'random').length;
    expect(await page.innerText('#shown')).toBe(`${randomFails} of 5000 cases`);
    expect(await page.locator('details.case:visible').count()).toBe(randomFails);
    await page.selectOption('#f-verdict', '');
    await page.selectOption('#f-source', '');
    await page.goto(`${page.url().split('#')[0]}#${encodeURIComponent(target.caseId)}`);
    expect(await page.locator(`[id="${target.caseId}"]`).getAttribute('open')).not.toBeNull();
    expect(await page.locator('#groups li').count()).toBeGreaterThan(0);
    const first = failureGroups(big)[0]!;
    await page.locator('#groups li').first().locator('summary').click(); // open it, then its button
    await page.locator('button.show-group').first().click();
    expect(await page.innerText('#shown')).toBe(`${first.cases.length} of 5000 cases (one failure group)`);
    expect(await page.locator('details.case:visible').count()).toBe(first.cases.length);
    expect(await page.locator('nav.toc details.toc-group').count()).toBeGreaterThan(1);
    const shot = join(dir, 'big.png');
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();
  }, 120_000);

  it('compare.html shows disagreements only by default, and every case on request', async () => {
    const other = sampleReport({ profile: 'aws' });
    other.cases = other.cases.map((c, i) => (i === 0 ? { ...c, verdict: c.verdict === 'pass' ? 'fail' : 'pass' } : c));
    const matrix = compareReports([{ label: 'a', report }, { label: 'b', report: other }]);
    const { page } = await open('compare-differ.html', renderCompareHtml(matrix));
    const differing = matrix.rows.filter((r) => new Set(r.cells).size > 1).length;
    expect(differing).toBeGreaterThan(0);
    expect(await page.locator('tbody tr:visible').count()).toBe(differing);
    await page.uncheck('#only-differ');
    expect(await page.locator('tbody tr:visible').count()).toBe(matrix.rows.length);
    await page.close();
  });

  it('renders the compare and certificate pages self-contained', async () => {
    const matrix = compareReports([{ label: 'moto', report }, { label: 'embedded', report: sampleReport({ profile: 'aws' }) }]);
    const cert = buildCertificate(report, { suiteVersion: '0.1.0', now: new Date('2025-01-02T00:00:00Z') });
    for (const [name, html] of [['compare.html', renderCompareHtml(matrix)], ['cert.html', renderCertificateHtml(cert)]] as const) {
      const { page, errors, requests } = await open(name, html);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect((await page.innerText('body')).length).toBeGreaterThan(100);
      await page.close();
    }
  });
});

