/** Recomputing a report's derived fields (counts, rule summaries, exit code) after its cases changed. */
import type { CaseResult, Report, RuleSummary } from '../engine/report-types.ts';
import { exitCodeFor, ruleSummaries } from '../engine/summary.ts';
import { tally } from './text.ts';

export { exitCodeFor, ruleSummaries };

/** A copy of `report` holding `cases`, with counts, rule summaries and exit code recomputed. */
export function withCases(report: Report, cases: CaseResult[]): Report {
  const counts = tally(cases.map((c) => c.verdict));
  return {
    ...report,
    cases,
    counts,
    rules: ruleSummaries(cases),
    exitCode: exitCodeFor(report.exitCode, counts, report.leaks.length),
  };
}
