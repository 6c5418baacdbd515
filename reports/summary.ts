/** Recomputing a report's derived fields (counts, rule summaries, exit code) after its cases changed. */
import type { CaseResult, Report, RuleSummary } from '../engine/report-types.ts';
import { hasRule, ruleById } from '../spec/index.ts';
import { tally, type Counts } from './text.ts';

/** 0 if no case fails, else 1; a 2 or 3 (usage error, setup failed) is about the run, not verdicts: kept. */
export function exitCodeFor(previous: number, counts: Counts): number {
  if (previous === 2 || previous === 3) return previous;
  return (counts.fail ?? 0) > 0 ? 1 : 0;
}

function summaryFor(id: string, cases: CaseResult[]): RuleSummary {
  if (hasRule(id)) {
    const r = ruleById(id);
    return { rule: id, level: r.level, section: r.section, description: r.description, counts: {} };
  }
  return { rule: id, level: cases[0]?.level ?? 'MUST', section: '', description: '', counts: {} };
}

/** Rule summaries in their old order (new rules appended), each with counts tallied from `cases`. */
export function ruleSummaries(previous: RuleSummary[], cases: CaseResult[]): RuleSummary[] {
  const listed = new Set(previous.map((r) => r.rule));
  const added = [...new Set(cases.map((c) => c.rule))].filter((id) => !listed.has(id))
    .map((id) => summaryFor(id, cases.filter((c) => c.rule === id)));
  return [...previous, ...added].map((r) => ({
    ...r,
    counts: tally(cases.filter((c) => c.rule === r.rule).map((c) => c.verdict)),
  }));
}

/** A copy of `report` holding `cases`, with counts, rule summaries and exit code recomputed. */
export function withCases(report: Report, cases: CaseResult[]): Report {
  const counts = tally(cases.map((c) => c.verdict));
  return {
    ...report,
    cases,
    counts,
    rules: ruleSummaries(report.rules, cases),
    exitCode: exitCodeFor(report.exitCode, counts),
  };
}
