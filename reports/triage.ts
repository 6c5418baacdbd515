/**
 * Failure groups for triage: the fail and non-strict cases grouped by signature (the deciding failure's
 * rule and code, the expected outcomes and the observed status and error code), each with its count and
 * one example; ranked for "fix these first": fail before non-strict, MUST before SHOULD, then by cases.
 * Shared by the console, the HTML report and the Markdown summary.
 */
import { createHash } from 'node:crypto';
import type { Failure } from '../properties/types.ts';
import type { CaseResult, Report } from '../engine/report-types.ts';
import type { ProfileName } from '../spec/index.ts';
import { isProblem, outcomesText, problemCases } from './text.ts';

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

/** Ranks groups of the given sizes: fail before non-strict, MUST before SHOULD, larger first, then by signature. */
function byRank<T extends Pick<FailureGroup, 'verdict' | 'level' | 'signature'>>(size: (g: T) => number): (a: T, b: T) => number {
  const rank = (g: T) => [g.verdict === 'fail' ? 0 : 1, g.level === 'MUST' ? 0 : 1, -size(g)];
  return (a, b) => {
    const [x, y] = [rank(a), rank(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0;
  };
}

type GroupKey = Omit<FailureGroup, 'cases'>;

/** The group a problem case joins under the run's profile (its verdict and level if it is the first). */
function groupKey(c: CaseResult, profile: ProfileName): GroupKey {
  const f = decidingFailure(c);
  const rule = f?.rule ?? c.rule;
  const code = f?.code ?? 'failed';
  const expected = outcomesText(c.expected[profile].outcomes);
  const observed = observedShape(c);
  const signature = `${rule} ${code} expected ${expected} -> observed ${observed}`;
  return { signature, rule, code, verdict: c.verdict as FailureGroup['verdict'], level: f?.level ?? c.level, expected, observed };
}

/** The problem cases of a report in ranked groups (the first group is the first thing to fix). */
export function failureGroups(report: Report): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const c of problemCases(report)) {
    const key = groupKey(c, report.profile);
    const g = groups.get(key.signature) ?? { ...key, cases: [] };
    g.cases.push(c);
    groups.set(key.signature, g);
  }
  return [...groups.values()].sort(byRank((g) => g.cases.length));
}

/** A failure group as the HTML and Markdown summaries show it: its size and its first cases, not every case. */
export interface GroupDigest extends GroupKey {
  size: number;
  anchor: string;
  /** The first `keep` cases' ids and titles, in report order. */
  cases: Array<Pick<CaseResult, 'caseId' | 'title'>>;
}

/** Failure groups gathered case by case, keeping the first `keep` cases of each. */
export class FailureGroupTally {
  private readonly groups = new Map<string, GroupDigest>();

  constructor(private readonly profile: ProfileName, private readonly keep = 200) {}

  /** Adds a case; returns the anchor of the group a problem case joins. */
  add(c: CaseResult): string | undefined {
    if (!isProblem(c.verdict)) return undefined;
    const key = groupKey(c, this.profile);
    let g = this.groups.get(key.signature);
    if (!g) {
      g = { ...key, size: 0, anchor: groupAnchor(key), cases: [] };
      this.groups.set(key.signature, g);
    }
    g.size += 1;
    if (g.cases.length < this.keep) g.cases.push({ caseId: c.caseId, title: c.title });
    return g.anchor;
  }

  /** The groups, ranked as failureGroups ranks them. */
  ranked(): GroupDigest[] {
    return [...this.groups.values()].sort(byRank((g) => g.size));
  }
}

/** A stable anchor id for a group (for links in the HTML report): its rule and a digest of its signature. */
export function groupAnchor(g: Pick<FailureGroup, 'rule' | 'signature'>): string {
  return `group-${g.rule.replace(/[^\w.-]/g, '_')}-${createHash('sha256').update(g.signature).digest('hex').slice(0, 10)}`;
}
