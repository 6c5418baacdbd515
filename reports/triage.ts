/**
 * Failure groups for triage: the fail and non-strict cases grouped by signature (the deciding failure's
 * rule and code, the expected outcomes and the observed status and error code), each with its count and
 * one example; ranked for "fix these first": fail before non-strict, MUST before SHOULD, then by cases.
 * Shared by the console, the HTML report and the Markdown summary.
 */
import { createHash } from 'node:crypto';
import type { Failure } from '../properties/types.ts';
import type { CaseResult, Report } from '../engine/report-types.ts';
import { outcomesText, problemCases } from './text.ts';

export interface FailureGroup {
  /** Stable across runs of the same behaviour: `rule code expected -> observed`. */
  signature: string;
  rule: string;
  code: string;
  verdict: 'fail' | 'non-strict';
  level: Failure['level'];
  expected: string;
  observed: string;
  cases: CaseResult[];
}

/** The failure that decided a case: the first whose verdict is the case's, else the first one. */
export function decidingFailure(c: CaseResult): Failure | undefined {
  return c.failures.find((f) => f.verdict === c.verdict) ?? c.failures[0];
}

export function observedShape(c: CaseResult): string {
  if (c.observed.status === undefined) return 'no answer';
  return `${c.observed.status}${c.observed.errorCode ? ` ${c.observed.errorCode}` : ''}`;
}

function rank(g: FailureGroup): number[] {
  return [g.verdict === 'fail' ? 0 : 1, g.level === 'MUST' ? 0 : 1, -g.cases.length];
}

function compareRanks(a: FailureGroup, b: FailureGroup): number {
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0;
}

/** The problem cases of a report in ranked groups (the first group is the first thing to fix). */
export function failureGroups(report: Report): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const c of problemCases(report)) {
    const f = decidingFailure(c);
    const rule = f?.rule ?? c.rule;
    const code = f?.code ?? 'failed';
    const expected = outcomesText(c.expected[report.profile].outcomes);
    const observed = observedShape(c);
    const signature = `${rule} ${code} expected ${expected} -> observed ${observed}`;
    const g = groups.get(signature) ?? {
      signature, rule, code, verdict: c.verdict as FailureGroup['verdict'], level: f?.level ?? c.level, expected, observed, cases: [],
    };
    g.cases.push(c);
    groups.set(signature, g);
  }
  return [...groups.values()].sort(compareRanks);
}

/** A stable anchor id for a group (for links in the HTML report): its rule and a digest of its signature. */
export function groupAnchor(g: FailureGroup): string {
  return `group-${g.rule.replace(/[^\w.-]/g, '_')}-${createHash('sha256').update(g.signature).digest('hex').slice(0, 10)}`;
}

/** caseId -> the anchor of its failure group. */
export function groupOfCases(groups: FailureGroup[]): Map<string, string> {
  return new Map(groups.flatMap((g) => g.cases.map((c) => [c.caseId, groupAnchor(g)] as const)));
}
