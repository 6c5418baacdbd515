/**
 * The JUnit XML writer: one <testsuite> per rule, one <testcase> per case (classname = rule id,
 * name = title + case id). fail -> <failure>, error -> <error>, inconclusive and expected-fail ->
 * <skipped message>; pass, info and non-strict pass (non-strict and info say why in <system-out>, so a
 * SHOULD deviation does not break a CI gate that the exit code would not break either).
 */
import type { CaseResult, Report, RuleSummary } from '../engine/report-types.ts';
import { xmlAttr, xmlText } from './escape.ts';
import { exitMeaning, failureText, observedText, outcomesText, parityText, requestText } from './text.ts';

export interface JunitOptions {
  /** Name of the <testsuites> root; defaults to the suite name. */
  name?: string;
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values).map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join('');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function details(report: Report, c: CaseResult): string {
  const expected = c.expected[report.profile];
  return [
    `request: ${requestText(c.request)}`,
    `expected (${report.profile}): ${outcomesText(expected.outcomes)}`,
    `observed: ${observedText(c.observed)}`,
    ...c.failures.map((f) => `failure: ${failureText(f)}`),
    `replay: ${c.reproduce.suite}`,
  ].join('\n');
}

function verdictElement(report: Report, c: CaseResult): string {
  const first = c.failures[0];
  const message = first ? failureText(first) : `${c.verdict}: ${observedText(c.observed, 120)}`;
  switch (c.verdict) {
    case 'fail':
      return `<failure${attrs({ message, type: first?.code ?? 'fail' })}>${xmlText(details(report, c))}</failure>`;
    case 'error':
      return `<error${attrs({ message, type: first?.code ?? 'error' })}>${xmlText(details(report, c))}</error>`;
    case 'expected-fail':
      return `<skipped${attrs({ message: `expected-fail: ${c.waiver?.reason ?? message} ${c.waiver?.link ?? ''}`.trim() })}/>`;
    case 'inconclusive':
      return `<skipped${attrs({ message: `inconclusive: ${c.observed.problem ?? message}` })}/>`;
    case 'non-strict':
    case 'info':
      return `<system-out>${xmlText(`${c.verdict}\n${details(report, c)}`)}</system-out>`;
    case 'pass':
      return '';
  }
}

function testcase(report: Report, c: CaseResult): string {
  const head = `    <testcase${attrs({ classname: c.rule, name: `${c.title} [${c.caseId}]`, time: seconds(c.durationMs) })}`;
  const body = verdictElement(report, c);
  return body === '' ? `${head}/>` : `${head}>\n      ${body}\n    </testcase>`;
}

function properties(report: Report, rule: RuleSummary): string {
  const props: Record<string, string> = {
    profile: report.profile,
    edition: report.edition ? `${report.edition.name} sha256:${report.edition.sha256}` : report.modelVersion,
    target: report.target.label ?? report.target.endpoint,
    endpoint: report.target.endpoint,
    level: rule.level,
    section: rule.section,
    description: rule.description,
  };
  const items = Object.entries(props).map(([name, value]) => `      <property${attrs({ name, value })}/>`);
  return `    <properties>\n${items.join('\n')}\n    </properties>`;
}

function testsuite(report: Report, rule: RuleSummary, cases: CaseResult[]): string {
  const count = (...vs: string[]) => cases.filter((c) => vs.includes(c.verdict)).length;
  const time = cases.reduce((s, c) => s + c.durationMs, 0);
  const head = `  <testsuite${attrs({
    name: rule.rule, tests: cases.length, failures: count('fail'), errors: count('error'),
    skipped: count('inconclusive', 'expected-fail'), time: seconds(time), timestamp: report.run.startedAt,
  })}>`;
  return [head, properties(report, rule), ...cases.map((c) => testcase(report, c)), '  </testsuite>'].join('\n');
}

/** Rules in report order; a case whose rule has no summary still gets a suite. */
function suites(report: Report): Array<{ rule: RuleSummary; cases: CaseResult[] }> {
  const byRule = new Map<string, CaseResult[]>();
  for (const c of report.cases) byRule.set(c.rule, [...(byRule.get(c.rule) ?? []), c]);
  const known = report.rules.map((rule) => ({ rule, cases: byRule.get(rule.rule) ?? [] }));
  const listed = new Set(report.rules.map((r) => r.rule));
  const orphans = [...byRule].filter(([id]) => !listed.has(id)).map(([id, cases]) => ({
    rule: { rule: id, level: cases[0]?.level ?? 'MUST', section: '', description: '', counts: {} } as RuleSummary,
    cases,
  }));
  return [...known, ...orphans].filter((s) => s.cases.length > 0);
}

/** Every resource the run could not delete is a failed testcase of its own suite: a leak is a result. */
function leakSuite(report: Report): string[] {
  if (report.leaks.length === 0) return [];
  const cases = report.leaks.map((l) => `    <testcase${attrs({ classname: 'cleanup', name: `${l.kind} ${l.id}` })}>`
    + `<failure${attrs({ message: `left behind: ${l.error}`, type: 'leak' })}/></testcase>`);
  return [`  <testsuite${attrs({ name: 'cleanup', tests: report.leaks.length, failures: report.leaks.length })}>`, ...cases, '  </testsuite>'];
}

/**
 * Parity with AWS's recorded values: one testcase per parity rule that was checked. A mismatch is a
 * <failure> only under --strict-parity (where it decides the exit code); otherwise it is <system-out>.
 */
function strictParityMismatchRules(report: Report): number {
  return report.parity.rules.filter((r) => r.checked - r.matched - r.waived > 0).length;
}

function paritySuite(report: Report): string[] {
  const checked = report.parity.rules.filter((r) => r.checked > 0);
  if (checked.length === 0) return [];
  const strictFail = (r: Report['parity']['rules'][number]) => report.parity.strict && r.checked - r.matched - r.waived > 0;
  const cases = checked.map((r) => {
    const head = `    <testcase${attrs({ classname: 'parity', name: r.rule })}`;
    if (r.matched === r.checked) return `${head}/>`;
    const text = `${r.checked - r.matched} of ${r.checked} mismatched: ${r.description}`;
    return strictFail(r) ? `${head}><failure${attrs({ message: text, type: 'parity' })}/></testcase>` : `${head}><system-out>${xmlText(text)}</system-out></testcase>`;
  });
  const failures = checked.filter(strictFail).length;
  return [`  <testsuite${attrs({ name: 'parity', tests: checked.length, failures })}>`,
    `    <properties><property${attrs({ name: 'parity.score', value: `${report.parity.score}%` })}/><property${attrs({ name: 'parity.summary', value: parityText(report) })}/></properties>`,
    ...cases, '  </testsuite>'];
}

/** Renders the JUnit XML document. */
export function renderJunit(report: Report, opts: JunitOptions = {}): string {
  const count = (v: string) => report.cases.filter((c) => c.verdict === v).length;
  const root = `<testsuites${attrs({
    name: opts.name ?? `${report.suite.name} ${report.suite.version} (${report.profile})`,
    tests: report.cases.length + report.leaks.length + report.parity.rules.filter((r) => r.checked > 0).length, failures: count('fail') + report.leaks.length + (report.parity.strict ? strictParityMismatchRules(report) : 0), errors: count('error'),
    skipped: count('inconclusive') + count('expected-fail'), time: seconds(report.run.durationMs),
  })}>`;
  const comment = `<!-- ${exitMeaning(report).replace(/--/g, '- -')} -->`;
  const body = [...suites(report).map((s) => testsuite(report, s.rule, s.cases)), ...paritySuite(report), ...leakSuite(report)];
  return ['<?xml version="1.0" encoding="UTF-8"?>', comment, root, ...body, '</testsuites>', ''].join('\n');
}
