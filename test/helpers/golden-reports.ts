/**
 * Fixed reports whose junit.xml, report.html and summary.md are kept in test/golden/ as the writers made
 * them before they were streamed (test/reports-stream.test.ts holds the writers to those bytes). `edges`
 * has what the plain sample lacks: an expired waiver, parity mismatches under --strict-parity, a leak,
 * an incomplete run and rules the summary does not list.
 */
import type { CaseResult, Report } from '../../engine/report-types.ts';
import { paritySummary, tally } from '../../engine/summary.ts';
import { makeCase, sampleCases, sampleReport } from './sample-report.ts';

function edgeCases(): CaseResult[] {
  const parity = (ok: boolean, got: string) => ({ rule: 'parity.State.create', ok, path: '/State', expected: 'Creating', got });
  return [
    ...sampleCases(),
    makeCase({ rule: 'BatchSize.range', title: 'BatchSize 20000 (waiver expired)', verdict: 'fail', status: 202, failures: [{ code: 'waiver-expired', args: { expires: '2020-01-01' } }] }),
    makeCase({ rule: 'response.State.enum', title: 'State after create', verdict: 'pass', valid: true, extra: { parity: [parity(true, 'Creating')] } }),
    makeCase({ rule: 'response.State.enum', title: 'State after create, again', verdict: 'pass', valid: true, extra: { parity: [parity(false, 'Enabled')] } }),
    makeCase({ rule: 'response.State.enum', title: 'State after create, waived', verdict: 'pass', valid: true, extra: { parity: [{ ...parity(false, 'Active'), waived: true }] } }),
  ];
}

export function goldenReports(): Record<string, Report> {
  const cases = edgeCases();
  const counts = tally(cases.map((c) => c.verdict));
  const edges = sampleReport({
    cases, counts, rules: sampleReport({ cases }).rules.slice(3), parity: paritySummary(cases, true),
    incomplete: '1 of 3 valid requests could not be judged', leaks: [{ kind: 'event-source-mapping', id: 'a-b--c', error: 'HTTP 500 <busy>' }], exitCode: 1,
  });
  return { sample: sampleReport(), empty: sampleReport({ cases: [] }), edges };
}
