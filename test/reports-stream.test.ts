/**
 * The streamed writers: junit.xml, report.html and summary.md written case by case (cases spooled to a
 * temporary file until their rule's turn) are byte for byte what the string renderers return, which are
 * in turn the bytes the writers made before they were streamed (test/golden/, from
 * helpers/golden-reports.ts; after a deliberate format change: npx vitest run test/reports-stream -u).
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_CONFIG, executed } from '../bench/in-process.ts';
import { buildReport, caseResult } from '../engine/report-build.ts';
import type { Report } from '../engine/report-types.ts';
import { runSuite } from '../engine/run.ts';
import { buildPlan } from '../properties/plan.ts';
import { HtmlWriter, renderHtml } from '../reports/html.ts';
import { JunitWriter, renderJunit } from '../reports/junit.ts';
import { loadReport } from '../reports/load.ts';
import { MarkdownWriter, renderMarkdown } from '../reports/markdown.ts';
import { writeThrough } from '../reports/stream.ts';
import { tally } from '../reports/text.ts';
import { reportHead, ReportStreams, REPORT_FILES, writeReports } from '../reports/write.ts';
import { goldenReports } from './helpers/golden-reports.ts';
import { configFor, tempDir } from './helpers/run-helpers.ts';
import { sampleReport } from './helpers/sample-report.ts';

const tmp = tempDir('reports-stream');
afterAll(() => tmp.remove());
const read = (...p: string[]) => readFileSync(join(...p), 'utf8');
let dirs = 0;
const freshDir = () => join(tmp.dir, String((dirs += 1)));

/** Byte-for-byte equality, reported as the first place the texts part (a case here can be 100 kB long). */
function expectSame(actual: string, expected: string): void {
  if (actual === expected) return;
  let i = 0;
  while (actual[i] === expected[i]) i += 1;
  expect.fail(`texts differ at ${i} (lengths ${actual.length}, ${expected.length}): ${JSON.stringify(actual.slice(Math.max(0, i - 60), i + 60))} vs ${JSON.stringify(expected.slice(Math.max(0, i - 60), i + 60))}`);
}

describe('the string renderers write what the writers wrote before they were streamed', () => {
  for (const [name, report] of Object.entries(goldenReports())) {
    it(`${name}: junit.xml, report.html, summary.md`, async () => {
      await expect(renderJunit(report)).toMatchFileSnapshot(`golden/${name}.junit.xml`);
      await expect(renderHtml(report)).toMatchFileSnapshot(`golden/${name}.report.html`);
      await expect(renderMarkdown(report)).toMatchFileSnapshot(`golden/${name}.summary.md`);
    });
  }
});

/** A report of the generated plan, judged against one synthetic answer (bench/in-process.ts). */
function inProcessReport(runs: number): Report {
  const endpoint = new URL('http://127.0.0.1:9');
  const cases = buildPlan({ runs }).map((c) => caseResult(c, executed(c), BENCH_CONFIG, endpoint));
  return buildReport(cases, BENCH_CONFIG, { runId: 'stream-test', startedAt: new Date(), target: { endpoint: endpoint.origin, kind: 'embedded', region: 'us-east-1' }, leaks: [] });
}

/** The sample's cases many times over, the rules interleaved, one title far longer than a spool segment (multi-byte). */
function bigReport(n: number): Report {
  const base = sampleReport();
  const cases = Array.from({ length: n }, (_, i) => {
    const c = base.cases[i % base.cases.length]!;
    const title = i === 7 ? `${'é✓ '.repeat(30_000)}#${i}` : `${c.title} #${i}`;
    return { ...c, caseId: `${c.rule}~${i.toString(16).padStart(12, '0')}`, title };
  });
  return { ...base, cases, counts: tally(cases.map((c) => c.verdict)) };
}

describe('streamed to a file, case by case, equals the string renderers', () => {
  const reports: Record<string, () => Report> = {
    ...Object.fromEntries(Object.entries(goldenReports()).map(([k, r]) => [k, () => r])),
    'in-process plan (runs 20)': () => inProcessReport(20),
    'big (3,000 cases, spilled to the spool in segments)': () => bigReport(3000),
  };
  let deviating: Report;
  beforeAll(async () => {
    // A real run: the embedded reference answering 200 for 202, parity strict.
    deviating = await runSuite(configFor(['--runs', '1', '--deviation', 'status-200', '--strict-parity', '--no-shrink']));
  });
  reports['run against the status-200 deviation'] = () => deviating;

  for (const [name, make] of Object.entries(reports)) {
    it(`${name}: each writer, and the spool file is gone afterwards`, () => {
      const report = make();
      const dir = freshDir();
      mkdirSync(dir);
      const out = (f: string) => join(dir, f);
      writeThrough(new JunitWriter(out('junit.xml'), report), report);
      writeThrough(new HtmlWriter(out('report.html'), report), report);
      writeThrough(new MarkdownWriter(out('summary.md'), report), report);
      expectSame(read(dir, 'junit.xml'), renderJunit(report));
      expectSame(read(dir, 'report.html'), renderHtml(report));
      expectSame(read(dir, 'summary.md'), renderMarkdown(report));
      expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.html', 'summary.md']);
    });
  }

  it('writeReports writes every format through the streamed writers with the same bytes', () => {
    const report = bigReport(500);
    const dir = freshDir();
    const written = writeReports(report, dir, ['json', 'junit', 'html', 'markdown']);
    expectSame(read(written.paths.json!), `${JSON.stringify(report, null, 2)}\n`);
    expectSame(read(written.paths.junit!), renderJunit(report));
    expectSame(read(written.paths.html!), renderHtml(report));
    expectSame(read(written.paths.markdown!), renderMarkdown(report));
  });
});

describe('ReportStreams: the four files from cases as they are made', () => {
  /** A small real report and the four streamed writers opened on a fresh folder, no case added yet. */
  const openStreams = () => {
    const report = inProcessReport(5);
    const { cases, ...summary } = report;
    const dir = freshDir();
    return { report, cases, summary, dir, streams: new ReportStreams(dir, ['json', 'junit', 'html', 'markdown'], reportHead(report)) };
  };

  it('takes the members known before the cases first and the rest at finish; report.json loads back as the report', () => {
    const { report, cases, summary, dir, streams } = openStreams();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(2); // junit's and html's spools
    for (const c of cases) streams.add(c);
    streams.finish(summary);
    expect(streams.paths).toEqual(Object.fromEntries(Object.entries(REPORT_FILES).map(([f, file]) => [f, join(dir, file)])));
    expect(loadReport(join(dir, 'report.json'))).toEqual(report);
    expectSame(read(dir, 'junit.xml'), renderJunit(report));
    expectSame(read(dir, 'report.html'), renderHtml(report));
    expectSame(read(dir, 'summary.md'), renderMarkdown(report));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a writer that fails mid-run leaves no file behind: every writer closed, spools and half files removed', () => {
    const { cases, dir, streams } = openStreams();
    streams.add(cases[0]!);
    // A case the JUnit writer cannot render (no expectation for the profile) makes add throw.
    const broken = { ...cases[1]!, expected: {} } as unknown as (typeof cases)[number];
    expect(() => { for (let i = 0; i < 2000; i += 1) streams.add(broken); }).toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a writer that fails at finish: the others still finish and close; only the failed one\'s file is removed', () => {
    const { cases, summary, dir, streams } = openStreams();
    for (const c of cases) streams.add(c);
    expect(() => streams.finish({ ...summary, rules: null } as unknown as typeof summary)).toThrow();
    // report.json needs no rule summaries and finishes whole; the three writers that do fail and leave nothing.
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(JSON.parse(read(dir, 'report.json')).cases).toHaveLength(cases.length);
  });
});
