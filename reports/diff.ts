/**
 * Baseline diff: what changed between two runs, matched on the engine's stable case ids.
 *
 * A "failure" here is verdict `fail` only, the verdict that makes the exit code 1. `error` (the runner's
 * own fault), `inconclusive`, `non-strict` and `expected-fail` are not failures; moves between them show
 * up in `changed`.
 * - newFailures: `fail` now, and not `fail` in the baseline (or absent from it: a new case that fails).
 * - fixed: `fail` in the baseline and present now with another verdict (a removed case is not "fixed").
 * - changed: every verdict change of a case present in both (a superset of the moves in newFailures/fixed).
 * - added / removed: cases only in the current run / only in the baseline.
 */
import type { CaseResult, Report } from '../engine/report-types.ts';
import type { Verdict } from '../properties/types.ts';

export interface DiffEntry {
  caseId: string;
  rule: string;
  title: string;
  before?: Verdict;
  after?: Verdict;
}

export interface ReportDiff {
  newFailures: DiffEntry[];
  fixed: DiffEntry[];
  changed: DiffEntry[];
  added: DiffEntry[];
  removed: DiffEntry[];
  /** How many cases fail in the current run (for the 'any-fail' exit mode). */
  currentFailures: number;
  /** Differences of context that make the comparison less meaningful (profile, target, model, suite). */
  notes: string[];
}

export type DiffExitMode = 'any-fail' | 'new-failures';

function entry(c: CaseResult, before?: Verdict, after?: Verdict): DiffEntry {
  return { caseId: c.caseId, rule: c.rule, title: c.title, ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

function byRuleThenId(a: DiffEntry, b: DiffEntry): number {
  return a.rule === b.rule ? (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0) : a.rule < b.rule ? -1 : 1;
}

function contextNotes(baseline: Report, current: Report): string[] {
  const pairs: Array<[string, string, string]> = [
    ['profile', baseline.profile, current.profile],
    ['target', baseline.target.label ?? baseline.target.endpoint, current.target.label ?? current.target.endpoint],
    ['model version', baseline.modelVersion, current.modelVersion],
    ['suite version', baseline.suite.version, current.suite.version],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([what, a, b]) => `${what} differs: ${a} (baseline) vs ${b} (current)`);
}

/** Compares two reports case by case. Every list is sorted by rule, then case id. */
export function diffReports(baseline: Report, current: Report): ReportDiff {
  const before = new Map(baseline.cases.map((c) => [c.caseId, c]));
  const after = new Map(current.cases.map((c) => [c.caseId, c]));
  const d: ReportDiff = { newFailures: [], fixed: [], changed: [], added: [], removed: [], currentFailures: 0, notes: contextNotes(baseline, current) };
  for (const c of current.cases) {
    const old = before.get(c.caseId);
    if (c.verdict === 'fail') d.currentFailures++;
    if (!old) d.added.push(entry(c, undefined, c.verdict));
    if (c.verdict === 'fail' && old?.verdict !== 'fail') d.newFailures.push(entry(c, old?.verdict, c.verdict));
    if (!old || old.verdict === c.verdict) continue;
    d.changed.push(entry(c, old.verdict, c.verdict));
    if (old.verdict === 'fail') d.fixed.push(entry(c, old.verdict, c.verdict));
  }
  for (const c of baseline.cases) if (!after.has(c.caseId)) d.removed.push(entry(c, c.verdict, undefined));
  for (const list of [d.newFailures, d.fixed, d.changed, d.added, d.removed]) list.sort(byRuleThenId);
  return d;
}

/** 'new-failures': 1 only if some case newly fails. 'any-fail': 1 if any case fails in the current run. */
export function diffExitCode(diff: ReportDiff, mode: DiffExitMode): number {
  if (mode === 'new-failures') return diff.newFailures.length > 0 ? 1 : 0;
  return diff.currentFailures > 0 ? 1 : 0;
}

export { renderDiff } from './diff-render.ts';
