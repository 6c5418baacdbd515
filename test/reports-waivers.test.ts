import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseReport, ReportError } from '../reports/load.ts';
import { withCases } from '../reports/summary.ts';
import { applyWaivers, loadWaiverFile, parseWaiverFile, type WaiverFile } from '../reports/waivers.ts';
import { sampleReport } from './helpers/sample-report.ts';

const base = sampleReport();
/** The sample without the already-waived case and with the content-type case passing: two fails, one non-strict left. */
const report = withCases(base, base.cases
  .filter((c) => c.verdict !== 'expected-fail')
  .map((c) => (c.rule === 'response.content-type' ? { ...c, verdict: 'pass' as const, failures: [] } : c)));
const fails = report.cases.filter((c) => c.verdict === 'fail');
const NOW = new Date('2025-06-15T12:00:00Z');
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const LINK = 'https://github.com/example/emulator/issues/7';

function file(waivers: WaiverFile['waivers'], target = 'moto'): WaiverFile {
  return parseWaiverFile({ target, waivers });
}

describe('waiver files', () => {
  it('validates the example file and rejects bad ones with a ReportError', () => {
    const example = loadWaiverFile(here('../fixtures/waivers/example.json'));
    expect(example.target).toBe('moto');
    expect(() => parseWaiverFile({ target: 'moto', waivers: [{ rule: 'x', reason: 'r', link: 'not a url' }] })).toThrow(ReportError);
    expect(() => parseWaiverFile({ target: 'moto', waivers: [{ rule: 'x', reason: 'r', link: LINK, expires: '2025-13-45' }] })).toThrow(/expires/);
    expect(() => parseWaiverFile({ target: 'moto', waivers: [{ rule: 'x', reason: 'r', link: LINK, extra: 1 }] })).toThrow(ReportError);
    expect(() => loadWaiverFile(here('../fixtures/waivers/none.json'))).toThrow(ReportError);
    expect(JSON.parse(readFileSync(here('../reports/waivers.schema.json'), 'utf8')).$id).toBe('esm-conformance/waivers.schema.json');
  });
});

describe('applyWaivers', () => {
  const waivers = file(fails.map((c) => ({ rule: c.rule, case: c.caseId, reason: 'known deviation', link: LINK, expires: '2025-06-15' })));

  it('turns matching fails into expected-fail, sets the waiver, recomputes counts and exit code', () => {
    expect(report.exitCode).toBe(1);
    const out = applyWaivers(report, waivers, { target: 'moto', now: NOW });
    for (const c of fails) {
      const after = out.cases.find((x) => x.caseId === c.caseId)!;
      expect(after.verdict).toBe('expected-fail');
      expect(after.waiver).toEqual({ reason: 'known deviation', link: LINK, expires: '2025-06-15' });
    }
    expect(out.counts.fail ?? 0).toBe(0);
    expect(out.counts['expected-fail']).toBe(fails.length);
    expect(out.rules.find((r) => r.rule === 'BatchSize.range')?.counts).toEqual({ pass: 1, 'expected-fail': 1 });
    expect(out.exitCode).toBe(0);
    expect(() => parseReport(out)).not.toThrow();
    expect(report.cases.filter((c) => c.verdict === 'fail')).toHaveLength(fails.length);
  });

  it('does not apply after the expires date: the case stays fail with a waiver-expired record', () => {
    const out = applyWaivers(report, waivers, { target: 'moto', now: new Date('2025-06-16T00:00:01Z') });
    expect(out.exitCode).toBe(1);
    for (const c of fails) {
      const after = out.cases.find((x) => x.caseId === c.caseId)!;
      expect(after.verdict).toBe('fail');
      expect(after.waiver).toBeUndefined();
      expect(after.failures.at(-1)).toEqual({ code: 'waiver-expired', rule: c.rule, level: c.level, path: '', args: { expires: '2025-06-15', reason: 'known deviation', link: LINK }, verdict: 'fail' });
    }
    expect(() => parseReport(out)).not.toThrow();
  });

  it('has no effect for another target, another case id or another profile', () => {
    expect(applyWaivers(report, { ...waivers, target: 'localstack' }, { target: 'moto', now: NOW })).toEqual(report);
    const otherCase = file([{ rule: 'BatchSize.range', case: 'BatchSize.range~000000000000', reason: 'r', link: LINK }]);
    expect(applyWaivers(report, otherCase, { target: 'moto', now: NOW }).counts).toEqual(report.counts);
    const otherProfile = file([{ rule: 'BatchSize.range', profile: 'aws', reason: 'r', link: LINK }]);
    expect(applyWaivers(report, otherProfile, { target: 'moto', now: NOW }).counts).toEqual(report.counts);
  });

  it('waives non-strict, matches a failure rule, and keeps exit 3', () => {
    const nonStrict = report.cases.find((c) => c.verdict === 'non-strict')!;
    const byFailureRule = file([{ rule: nonStrict.failures[0]!.rule, reason: 'r', link: LINK }]);
    expect(applyWaivers(report, byFailureRule, { target: 'moto', now: NOW }).counts['non-strict'] ?? 0).toBe(0);
    const all = file(fails.map((c) => ({ rule: c.rule, reason: 'r', link: LINK })));
    expect(applyWaivers({ ...report, exitCode: 3 }, all, { target: 'moto', now: NOW }).exitCode).toBe(3);
  });

  it('does not let a waiver of one failure rule hide a failure of another rule', () => {
    const c = fails[0]!;
    const mixed = withCases(report, [{ ...c, rule: 'FunctionName.pattern', failures: [
      { ...c.failures[0]!, rule: 'error.code' },
      { ...c.failures[0]!, rule: 'error.body' },
    ] }]);
    const partial = file([{ rule: 'error.code', reason: 'r', link: LINK }]);
    expect(applyWaivers(mixed, partial, { target: 'moto', now: NOW }).cases[0]!.verdict).toBe('fail');
    const both = file([{ rule: 'error.code', reason: 'r', link: LINK }, { rule: 'error.body', reason: 'r', link: LINK }]);
    expect(applyWaivers(mixed, both, { target: 'moto', now: NOW }).cases[0]!.verdict).toBe('expected-fail');
  });
});
