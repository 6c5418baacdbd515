import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { renderConsole } from '../reports/console.ts';
import { renderJunit } from '../reports/junit.ts';
import { loadReport } from '../reports/load.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { writeReports } from '../reports/write.ts';
import { rules } from '../spec/index.ts';
import { makeCase, sampleReport, TRICKY_TITLE } from './helpers/sample-report.ts';

const report = sampleReport();
const fails = report.cases.filter((c) => c.verdict === 'fail');

describe('console writer (--verbose: every rule and every failing case in full)', () => {
  const text = renderConsole(report, { mode: 'verbose' });

  it('summarises every rule with its level and counts', () => {
    expect(text).toMatch(/MUST\s+BatchSize\.range\s+pass 1, fail 1/);
    expect(text).toMatch(/SHOULD\s+response\.content-type\s+non-strict 1/);
  });

  it('details each fail and non-strict case: request, expected, observed, failures, replay', () => {
    for (const c of report.cases.filter((x) => x.verdict === 'fail' || x.verdict === 'non-strict')) {
      expect(text).toContain(`[${c.caseId}]`);
      expect(text).toContain(c.reproduce.suite);
    }
    expect(text).toContain('"BatchSize":10001');
    expect(text).toContain('expected: (seed) 400 InvalidParameterValueException');
    expect(text).toContain('failure:  fail status-mismatch [BatchSize.range MUST]: expected=400 InvalidParameterValueException, got=202');
  });

  it('ends with totals and the exit meaning; colours only on request; controls neutralised', () => {
    expect(text).toContain('Totals: 11 cases: pass 3, fail 2, non-strict 2, info 1, inconclusive 1, expected-fail 1, error 1');
    expect(text).toContain('exit 1: not conformant (2 case(s) failed)');
    expect(text).not.toMatch(/\u001b\[/);
    expect(renderConsole(report, { color: true })).toMatch(/\u001b\[31mFAIL\u001b\[0m/);
    expect(text).not.toMatch(/[\u0000-\u0008]/);
    expect(text).toContain('\\u0001 control');
  });
});

describe('JUnit writer', () => {
  const xml = renderJunit(report);
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml);
  const suites = parsed.testsuites.testsuite as Array<Record<string, any>>;
  const testcases = suites.flatMap((s) => s.testcase as Array<Record<string, any>>);

  it('is well-formed XML 1.0 with no forbidden control characters', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('has one testsuite per rule with cases and one testcase per case', () => {
    expect(suites.map((s) => s['@_name'])).toEqual([...new Set(report.cases.map((c) => c.rule))]);
    expect(testcases).toHaveLength(report.cases.length);
    expect(Number(parsed.testsuites['@_tests'])).toBe(report.cases.length);
    for (const s of suites) expect(Number(s['@_tests'])).toBe(s.testcase.length);
  });

  it('counts failures as the fails, errors as errors, skipped as inconclusive + expected-fail', () => {
    expect(Number(parsed.testsuites['@_failures'])).toBe(fails.length);
    expect(testcases.filter((t) => t.failure !== undefined)).toHaveLength(fails.length);
    expect(suites.reduce((n, s) => n + Number(s['@_failures']), 0)).toBe(fails.length);
    expect(Number(parsed.testsuites['@_errors'])).toBe(1);
    expect(testcases.filter((t) => t.skipped !== undefined)).toHaveLength(2);
    const failing = testcases.find((t) => t['@_name'].startsWith('BatchSize 10001'));
    expect(failing?.failure['@_type']).toBe('status-mismatch');
    expect(failing?.failure['@_message']).toContain('got=202');
  });

  it('uses the rule id as classname, title + case id as name, and carries profile/target properties', () => {
    const c = report.cases[1]!;
    const t = testcases.find((x) => x['@_name'] === `${c.title} [${c.caseId}]`);
    expect(t?.['@_classname']).toBe(c.rule);
    const props = suites[0]!.properties.property as Array<Record<string, string>>;
    expect(props.find((p) => p['@_name'] === 'profile')?.['@_value']).toBe('seed');
    expect(props.find((p) => p['@_name'] === 'target')?.['@_value']).toBe('moto');
  });

  it('escapes <&"\' so they survive parsing, and shows the control char visibly', () => {
    const tricky = report.cases.find((c) => c.title === TRICKY_TITLE)!;
    const expected = `${TRICKY_TITLE.replace('\u0001', '\\u0001')} [${tricky.caseId}]`;
    expect(testcases.map((t) => t['@_name'])).toContain(expected);
  });
});

describe('Markdown writer', () => {
  const md = renderMarkdown(report);

  it('names as a rule\'s first failing case one that fails that rule, not one of its cases that fails another', () => {
    const other = makeCase({ rule: 'BatchSize.range', title: 'fails only response.status', verdict: 'fail', status: 201, failures: [{ code: 'wrong-success-status', args: {}, rule: 'response.status' }] });
    const own = makeCase({ rule: 'BatchSize.range', title: 'fails BatchSize.range itself', verdict: 'fail', status: 202, failures: [{ code: 'status-mismatch', args: {} }] });
    const text = renderMarkdown(sampleReport({ cases: [other, own] }));
    const row = text.split('\n').find((l) => l.startsWith('| `BatchSize.range` |'));
    expect(row).toContain('fails BatchSize.range itself');
    expect(text).toMatch(/### Failure groups/);
  });

  it('has the counts table and the failing rules with their first failing case and replay', () => {
    expect(md).toContain('| Verdict | Cases |');
    expect(md).toContain('| fail | 2 |');
    expect(md).toContain('| **total** | **11** |');
    expect(md).toContain('### Failing rules (2)');
    for (const c of fails) expect(md).toContain(c.reproduce.suite);
    expect(md).not.toContain('<script>');
  });

  it('stays under its byte budget and says so when it truncates', () => {
    const big = 'x'.repeat(5000);
    const many = sampleReport({ cases: rules.map((r) => makeCase({ rule: r.id, title: `${r.id} ${big}`, verdict: 'fail', body: { FunctionName: big }, failures: [{ code: 'status-mismatch', args: { got: big } }] })) });
    const full = renderMarkdown(many);
    expect(Buffer.byteLength(full)).toBeLessThan(60_000);
    expect(full).toContain('Truncated');
    const small = renderMarkdown(report, { maxBytes: 1500 });
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(1500);
    expect(small).toContain('Truncated');
    expect(small).toContain('| fail | 2 |');
  });
});

const writeBase = mkdtempSync(join(tmpdir(), 'reports-write-'));
afterAll(() => rmSync(writeBase, { recursive: true, force: true }));

describe('writeReports', () => {
  it('writes the file formats into a new directory and returns the console text', () => {
    const out = join(writeBase, 'nested', 'out');
    const written = writeReports(report, out, ['json', 'junit', 'html', 'markdown', 'console']);
    expect(Object.keys(written.paths).sort()).toEqual(['html', 'json', 'junit', 'markdown']);
    expect(written.paths.junit).toBe(join(out, 'junit.xml'));
    for (const p of Object.values(written.paths)) expect(existsSync(p)).toBe(true);
    expect(loadReport(join(out, 'report.json'))).toEqual(report);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('| Verdict | Cases |');
    expect(written.console).toContain('Totals: 11 cases');
    expect(existsSync(join(out, 'console.txt'))).toBe(false);
  });
});
