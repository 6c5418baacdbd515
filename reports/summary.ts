/** Recomputing a report's derived fields (counts, rule summaries, exit code) after its cases changed. */
import type { CaseResult, Report, RuleSummary } from '../engine/report-types.ts';
import { exitCodeOf, incompleteReason, paritySummary, ruleSummaries } from '../engine/summary.ts';
import { tally } from './text.ts';

export { exitCodeOf, ruleSummaries };

/** A copy of `report` holding `cases`, with counts, rule summaries, completeness and exit code recomputed. */
export function withCases(report: Report, cases: CaseResult[]): Report {
  const counts = tally(cases.map((c) => c.verdict));
  const { incomplete: _previous, ...rest } = report;
  const incomplete = incompleteReason(cases);
  const parity = paritySummary(cases, report.parity.strict);
  return {
    ...rest,
    cases,
    counts,
    rules: ruleSummaries(cases),
    parity,
    ...(incomplete ? { incomplete } : {}),
    // A 2, or a 3 for another reason than incompleteness, is about the run, not its verdicts: kept.
    exitCode: report.exitCode === 2 || (report.exitCode === 3 && (!report.incomplete || report.interrupted)) ? report.exitCode : exitCodeOf(counts, report.leaks.length, incomplete, parity),
  };
}
