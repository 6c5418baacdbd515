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

const CHROMIUM = '/usr/bin/chromium';
// Playwright refuses --user-data-dir in launch(); it gives every launch a fresh temporary profile itself.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const report = sampleReport();
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
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 20_000 });
  }, 30_000);

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
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('tr.case').count()).toBe(report.cases.length);
    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it('filters case rows by verdict without script', async () => {
    const { page } = await open('filter.html', renderHtml(report));
    await page.click('label[for="vf-fail"]');
    const visible = await page.locator('tr.case:visible').count();
    expect(visible).toBe(2);
    await page.click('label[for="vf-all"]');
    expect(await page.locator('tr.case:visible').count()).toBe(report.cases.length);
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

