/** The triage parts of the console report: failure groups with one example each, and "fix these first". */
import type { Report } from '../engine/report-types.ts';
import { excerpt, provenanceText, requestText } from './text.ts';
import type { FailureGroup } from './triage.ts';

export type Paint = (style: 'pass' | 'fail' | 'non-strict' | 'bold' | 'dim', text: string) => string;
type Safe = (s: string) => string;

/** An excerpt on one line: a multi-line body (an HTML error page) must not break the layout. */
const short = (s: string, max: number): string => excerpt(s.replace(/\s+/g, ' ').trim(), max);

export function groupTitle(g: FailureGroup, n: number, paint: Paint): string {
  const label = paint(g.verdict, g.verdict === 'fail' ? 'FAIL' : 'NON-STRICT');
  return `${String(n).padStart(3)}. ${label} ${g.level} ${g.rule} ${g.code}: ${g.cases.length} case${g.cases.length === 1 ? '' : 's'}`;
}

/** One line: for the groups past --max-failures, and for --quiet. */
export function groupLine(g: FailureGroup, n: number, paint: Paint, safe: Safe): string {
  return `${groupTitle(g, n, paint)} (expected ${safe(g.expected)}, observed ${safe(g.observed)})`;
}

/** A group in full: what was expected and why, what came back, one example and how to replay it. */
export function groupBlock(report: Report, g: FailureGroup, n: number, paint: Paint, safe: Safe): string[] {
  const c = g.cases[0]!;
  const e = c.expected[report.profile];
  const others = g.cases.length > 1 ? paint('dim', ` (and ${g.cases.length - 1} more like it)`) : '';
  return [
    groupTitle(g, n, paint),
    `       expected (${report.profile}) ${safe(g.expected)}  ${paint('dim', safe(short(provenanceText(e), 110)))}`,
    `       observed ${safe(g.observed)}${c.observed.body ? ` ${safe(short(c.observed.body, 90))}` : ''}`,
    `       e.g. ${safe(c.title)} [${c.caseId}]${others}: ${safe(short(requestText(c.request), 120))}`,
    `       replay: ${paint('dim', safe(c.reproduce.suite))}`,
    '',
  ];
}

interface RuleTotal { rule: string; level: string; verdict: string; cases: number; groups: number }

/** Per rule over its groups, ranked: fail before non-strict, MUST before SHOULD, then cases affected. */
export function fixFirst(groups: FailureGroup[], max = 5): RuleTotal[] {
  const byRule = new Map<string, RuleTotal>();
  for (const g of groups) {
    const t = byRule.get(g.rule) ?? { rule: g.rule, level: g.level, verdict: g.verdict, cases: 0, groups: 0 };
    t.cases += g.cases.length;
    t.groups += 1;
    if (g.verdict === 'fail') t.verdict = 'fail';
    if (g.level === 'MUST') t.level = 'MUST';
    byRule.set(g.rule, t);
  }
  const key = (t: RuleTotal) => [t.verdict === 'fail' ? 0 : 1, t.level === 'MUST' ? 0 : 1, -t.cases];
  return [...byRule.values()].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return a.rule < b.rule ? -1 : 1;
  }).slice(0, max);
}

export function fixFirstLines(groups: FailureGroup[], paint: Paint): string[] {
  if (groups.length === 0) return [];
  const top = fixFirst(groups);
  return [
    paint('bold', 'Fix these first (fail before non-strict, MUST before SHOULD, then by cases affected):'),
    ...top.map((t, i) => `${String(i + 1).padStart(3)}. ${t.rule} (${t.level} ${t.verdict}): ${t.cases} case${t.cases === 1 ? '' : 's'}${t.groups > 1 ? ` in ${t.groups} groups` : ''}`),
    '',
  ];
}
