/**
 * Derived fields of a report: counts, per-rule summaries and the exit code. One definition, used by the
 * engine when it builds a report and by reports/ when waivers change verdicts.
 *
 * A rule's counts tally the cases whose own rule it is (with the verdict of the failures that name that
 * rule: a valid case whose answer only lacks a UUID passed its own rule), plus, for cases of other rules,
 * the worst verdict of the failures that name it (a valid BatchSize case whose answer lacks a UUID counts
 * against response.UUID.type too), and a pass for each rule the answer was checked against without failure. Every rule of the registry is listed, in registry order.
 */
import { parityRules, rules } from '../spec/index.ts';
import { worst } from '../properties/checks/failure.ts';
import type { Verdict } from '../properties/types.ts';
import type { CaseResult, ParityRuleSummary, ParitySummary, RuleSummary } from './report-types.ts';

export type Counts = Partial<Record<Verdict, number>>;

export function tally(verdicts: Iterable<Verdict>): Counts {
  const counts: Counts = {};
  for (const v of verdicts) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** The verdicts one case gives the rules (its own, the ones its failures name, the ones it was checked against), into `by`. */
export function addCaseVerdicts(by: Map<string, Verdict[]>, c: CaseResult): void {
  const ownVerdict = c.verdict === 'expected-fail' || c.verdict === 'error' || c.verdict === 'inconclusive' || c.failures.length === 0
    ? c.verdict
    : worst([...c.failures.filter((f) => f.rule === c.rule).map((f) => f.verdict), 'pass']);
  pushVerdict(by, c.rule, ownVerdict);
  const others = new Map<string, Verdict[]>();
  for (const f of c.failures) if (f.rule !== c.rule) pushVerdict(others, f.rule, f.verdict);
  for (const [rule, vs] of others) pushVerdict(by, rule, c.verdict === 'expected-fail' ? 'expected-fail' : worst(vs));
  for (const rule of c.checked ?? []) if (rule !== c.rule && !others.has(rule)) pushVerdict(by, rule, c.verdict === 'inconclusive' ? 'inconclusive' : 'pass');
}

/** Appends a verdict to a rule's list in `by`. */
function pushVerdict(by: Map<string, Verdict[]>, rule: string, v: Verdict): void {
  const list = by.get(rule);
  if (list) list.push(v);
  else by.set(rule, [v]);
}

/** The verdicts each rule collects from the cases. */
export function verdictsByRule(cases: Iterable<CaseResult>): Map<string, Verdict[]> {
  const by = new Map<string, Verdict[]>();
  for (const c of cases) addCaseVerdicts(by, c);
  return by;
}

export function ruleSummaries(cases: CaseResult[]): RuleSummary[] {
  return summariesOf(verdictsByRule(cases));
}

/** Every rule of the registry (in its order) with its counts, then any rule not in it. */
export function summariesOf(by: Map<string, Verdict[]>): RuleSummary[] {
  const known = new Set(rules.map((r) => r.id));
  const listed = rules.map((r) => ({ rule: r.id, level: r.level, section: r.section, description: r.description, counts: tally(by.get(r.id) ?? []) }));
  const unknown = [...by.keys()].filter((id) => !known.has(id)).map((id) => ({ rule: id, level: 'MUST' as const, section: '', description: '(not in the registry)', counts: tally(by.get(id) ?? []) }));
  return [...listed, ...unknown];
}

/**
 * The parity score of a run: every parity check of every case (a case whose answer was not judged has
 * none), per parity rule in spec/parity.json order. Parity rules no case checked are listed with 0.
 */
export function paritySummary(cases: Iterable<CaseResult>, strict: boolean): ParitySummary {
  const by = parityTallies();
  for (const c of cases) addParityChecks(by, c);
  return paritySummaryOf(by, strict);
}

/** Every parity rule with nothing checked yet, in spec/parity.json order. */
export function parityTallies(): Map<string, ParityRuleSummary> {
  return new Map(parityRules.map((r) => [r.id, { rule: r.id, description: r.description, checked: 0, matched: 0, waived: 0 }]));
}

/** One case's parity checks, into `by` (a rule not in spec/parity.json is not scored). */
export function addParityChecks(by: Map<string, ParityRuleSummary>, c: CaseResult): void {
  for (const p of c.parity ?? []) {
    const s = by.get(p.rule);
    if (!s) continue;
    s.checked += 1;
    if (p.ok) s.matched += 1;
    else if (p.waived) s.waived += 1;
  }
}

/** The parity score of the tallies. */
export function paritySummaryOf(by: Map<string, ParityRuleSummary>, strict: boolean): ParitySummary {
  const list = [...by.values()];
  const checked = list.reduce((n, s) => n + s.checked, 0);
  const matched = list.reduce((n, s) => n + s.matched, 0);
  const score = checked === 0 ? 100 : Math.floor((matched / checked) * 1000) / 10;
  return { checked, matched, score, strict, rules: list };
}

/** Parity mismatches that count against the exit code: none unless --strict-parity; waived ones never. */
export function strictParityMismatches(p: ParitySummary | undefined): number {
  if (!p?.strict) return 0;
  return p.rules.reduce((n, s) => n + (s.checked - s.matched - s.waived), 0);
}

/**
 * The exit code of a run from its verdicts: 1 if any case fails (or, with --strict-parity, a parity
 * check mismatched); else 3 if the run is incomplete (it cannot vouch for the target); else 1 if it
 * left a resource behind; else 0. An `error` verdict (the suite's own fault) is shown in the reports
 * and certificates but does not make the target fail.
 */
export function exitCodeOf(counts: Counts, leaks: number, incomplete: string | undefined, parity?: ParitySummary): number {
  if ((counts.fail ?? 0) > 0 || strictParityMismatches(parity) > 0) return 1;
  if (incomplete) return 3;
  return leaks > 0 ? 1 : 0;
}

/**
 * A run that ran but cannot vouch for the target: no valid request could be judged, or more than half of
 * the cases could not (inconclusive or error). Undefined when the run is complete enough.
 */
/** A case the target had no resource for (no second function, no queue of that kind): not run, not unjudged. */
export function notRun(c: CaseResult): boolean {
  return c.verdict === 'inconclusive' && c.observed.status === undefined && (c.observed.problem ?? '').startsWith('not run:');
}

export function incompleteReason(all: CaseResult[]): string | undefined {
  const cases = all.filter((c) => !notRun(c));
  const unjudged = (c: CaseResult) => c.verdict === 'inconclusive' || c.verdict === 'error';
  const valid = cases.filter((c) => c.valid);
  const n = cases.filter(unjudged).length;
  if (valid.length > 0 && valid.every(unjudged)) return `none of the ${valid.length} valid requests could be judged (inconclusive or error): the target could not be shown to accept anything`;
  if (cases.length > 0 && n * 2 > cases.length) return `${n} of ${cases.length} cases could not be judged (inconclusive or error)`;
  return undefined;
}
