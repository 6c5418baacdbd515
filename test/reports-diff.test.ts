import { describe, expect, it } from 'vitest';
import type { Report } from '../engine/report-types.ts';
import { ABSENT, compareReports, disagreements, renderCompareMarkdown } from '../reports/compare.ts';
import { diffExitCode, diffReports, renderDiff } from '../reports/diff.ts';
import { withCases } from '../reports/summary.ts';
import { makeCase, sampleReport } from './helpers/sample-report.ts';

const baseline = sampleReport();
const passing = baseline.cases.find((c) => c.title === 'BatchSize 0 is below the minimum')!;
const failing = baseline.cases.find((c) => c.title === 'BatchSize 10001 is above the maximum')!;
const extra = makeCase({ rule: 'EventSourceArn.required', title: 'EventSourceArn missing', verdict: 'fail', failures: [{ code: 'accepted-invalid', args: { got: 202 } }] });

/** The baseline with two verdicts flipped (pass -> fail, fail -> pass) and one case added. */
function current(): Report {
  const cases = baseline.cases.map((c) => {
    if (c.caseId === passing.caseId) return { ...c, verdict: 'fail' as const };
    if (c.caseId === failing.caseId) return { ...c, verdict: 'pass' as const, failures: [] };
    return c;
  });
  return withCases(baseline, [...cases, extra]);
}

describe('diffReports', () => {
  const diff = diffReports(baseline, current());

  it('names exactly the changed cases', () => {
    expect(diff.changed.map((e) => [e.caseId, e.before, e.after])).toEqual([
      [passing.caseId, 'pass', 'fail'],
      [failing.caseId, 'fail', 'pass'],
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    expect(diff.added.map((e) => e.caseId)).toEqual([extra.caseId]);
    expect(diff.removed).toEqual([]);
    expect(diff.fixed.map((e) => e.caseId)).toEqual([failing.caseId]);
    expect(diff.newFailures.map((e) => e.caseId).sort()).toEqual([passing.caseId, extra.caseId].sort());
    expect(diff.notes).toEqual([]);
  });

  it('reports removed cases and context differences', () => {
    const reverse = diffReports({ ...current(), profile: 'aws' }, baseline);
    expect(reverse.removed.map((e) => e.caseId)).toEqual([extra.caseId]);
    expect(reverse.notes).toEqual(['profile differs: aws (baseline) vs seed (current)']);
  });

  it('gives exit codes per mode', () => {
    expect(diffExitCode(diff, 'new-failures')).toBe(1);
    expect(diffExitCode(diff, 'any-fail')).toBe(1);
    const same = diffReports(baseline, baseline);
    expect(same.changed).toEqual([]);
    expect(diffExitCode(same, 'new-failures')).toBe(0);
    expect(diffExitCode(same, 'any-fail')).toBe(1);
  });

  it('renders for console and Markdown', () => {
    const text = renderDiff(diff, 'console');
    expect(text).toContain('New failures (2)');
    expect(text).toContain(`pass -> fail`);
    expect(text).toContain(passing.caseId);
    const md = renderDiff(diff, 'markdown');
    expect(md).toContain('### Fixed (1)');
    expect(md).toContain(`\`${failing.caseId}\``);
  });
});

describe('compareReports', () => {
  const other = withCases(baseline, baseline.cases.filter((c) => c.caseId !== passing.caseId).map((c) =>
    c.caseId === failing.caseId ? { ...c, verdict: 'pass' as const } : c));
  const matrix = compareReports([
    { label: 'moto', report: baseline },
    { label: 'localstack', report: other },
    { label: 'extra', report: withCases(baseline, [extra]) },
  ]);

  it('has one row per case id across runs, sorted by rule then id, and a column per target', () => {
    expect(matrix.columns.map((c) => c.label)).toEqual(['moto', 'localstack', 'extra']);
    expect(matrix.rows).toHaveLength(baseline.cases.length + 1);
    const keys = matrix.rows.map((r) => `${r.rule}\u0000${r.caseId}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('fills cells with the verdict or an em dash', () => {
    const row = (id: string) => matrix.rows.find((r) => r.caseId === id)!.cells;
    expect(row(passing.caseId)).toEqual(['pass', ABSENT, ABSENT]);
    expect(row(failing.caseId)).toEqual(['fail', 'pass', ABSENT]);
    expect(row(extra.caseId)).toEqual([ABSENT, ABSENT, 'fail']);
    expect(disagreements(matrix)).toHaveLength(matrix.rows.length);
  });

  it('renders a Markdown matrix', () => {
    const md = renderCompareMarkdown(matrix);
    expect(md).toContain('| Rule | Case | moto | localstack | extra |');
    expect(md).toContain('| fail | pass | —');
  });
});
