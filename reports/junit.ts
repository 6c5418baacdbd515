/**
 * The JUnit XML writer: one <testsuite> per rule, one <testcase> per case (classname = rule id,
 * name = title + case id). fail -> <failure>, error -> <error>, inconclusive and expected-fail ->
 * <skipped message>; pass, info and non-strict pass (non-strict and info say why in <system-out>, so a
 * SHOULD deviation does not break a CI gate that the exit code would not break either).
 */
import type { CaseResult, Report, RuleSummary } from '../engine/report-types.ts';
import type { Verdict } from '../properties/types.ts';
import type { ProfileName } from '../spec/index.ts';
import { xmlAttr, xmlText } from './escape.ts';
import { WaiverTally } from './exit-line.ts';
import {
  allOf, caseSpool, CaseRules, quietly, sinkFor, StringSink, writeThrough, type CaseSpool, type CaseWriter, type Holding, type ReportSummary, type RuleTally, type TextSink,
} from './stream.ts';
import { exitMeaning, failureText, observedText, outcomesText, parityText, requestText, total, type Counts } from './text.ts';

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

function details(profile: ProfileName, c: CaseResult): string {
  const expected = c.expected[profile];
  return [
    `request: ${requestText(c.request)}`,
    `expected (${profile}): ${outcomesText(expected.outcomes)}`,
    `observed: ${observedText(c.observed)}`,
    ...c.failures.map((f) => `failure: ${failureText(f)}`),
    `replay: ${c.reproduce.suite}`,
    ...(c.shrunk ? [`shrunk: ${requestText(c.shrunk.request)} (${c.shrunk.shrinks} shrinks, still ${c.shrunk.code} under ${c.shrunk.rule}; path ${c.shrunk.path})`] : []),
    ...(c.shrunk?.reproduce ? [`replay shrunk: ${c.shrunk.reproduce}`] : []),
  ].join('\n');
}

function verdictElement(profile: ProfileName, c: CaseResult): string {
  const first = c.failures[0];
  const message = first ? failureText(first) : `${c.verdict}: ${observedText(c.observed, 120)}`;
  switch (c.verdict) {
    case 'fail':
      return `<failure${attrs({ message, type: first?.code ?? 'fail' })}>${xmlText(details(profile, c))}</failure>`;
    case 'error':
      return `<error${attrs({ message, type: first?.code ?? 'error' })}>${xmlText(details(profile, c))}</error>`;
    case 'expected-fail':
      return `<skipped${attrs({ message: `expected-fail: ${c.waiver?.reason ?? message} ${c.waiver?.link ?? ''}`.trim() })}/>`;
    case 'inconclusive':
      return `<skipped${attrs({ message: `inconclusive: ${c.observed.problem ?? message}` })}/>`;
    case 'non-strict':
    case 'info':
      return `<system-out>${xmlText(`${c.verdict}\n${details(profile, c)}`)}</system-out>`;
    case 'pass':
      return '';
  }
}

function testcase(profile: ProfileName, c: CaseResult): string {
  const head = `    <testcase${attrs({ classname: c.rule, name: `${c.title} [${c.caseId}]`, time: seconds(c.durationMs) })}`;
  const body = verdictElement(profile, c);
  return body === '' ? `${head}/>` : `${head}>\n      ${body}\n    </testcase>`;
}

function properties(report: ReportSummary, rule: RuleSummary): string {
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

/** A rule's <testsuite> open tag and properties, from its cases' tally. */
function testsuiteHead(report: ReportSummary, rule: RuleSummary, t: RuleTally): string {
  const n = (...vs: Verdict[]) => vs.reduce((sum, v) => sum + (t.counts[v] ?? 0), 0);
  const head = `  <testsuite${attrs({
    name: rule.rule, tests: t.cases, failures: n('fail'), errors: n('error'),
    skipped: n('inconclusive', 'expected-fail'), time: seconds(t.ms), timestamp: report.run.startedAt,
  })}>`;
  return `${head}\n${properties(report, rule)}`;
}

/** Every resource the run could not delete is a failed testcase of its own suite: a leak is a result. */
function leakSuite(report: ReportSummary): string[] {
  if (report.leaks.length === 0) return [];
  const cases = report.leaks.map((l) => `    <testcase${attrs({ classname: 'cleanup', name: `${l.kind} ${l.id}` })}>`
    + `<failure${attrs({ message: `left behind: ${l.error}`, type: 'leak' })}/></testcase>`);
  return [`  <testsuite${attrs({ name: 'cleanup', tests: report.leaks.length, failures: report.leaks.length })}>`, ...cases, '  </testsuite>'];
}

/**
 * Parity with AWS's recorded values: one testcase per parity rule that was checked. A mismatch is a
 * <failure> only under --strict-parity (where it decides the exit code); otherwise it is <system-out>.
 */
function strictParityMismatchRules(report: ReportSummary): number {
  return report.parity.rules.filter((r) => r.checked - r.matched - r.waived > 0).length;
}

function paritySuite(report: ReportSummary): string[] {
  const checked = report.parity.rules.filter((r) => r.checked > 0);
  if (checked.length === 0) return [];
  const strictFail = (r: ReportSummary['parity']['rules'][number]) => report.parity.strict && r.checked - r.matched - r.waived > 0;
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

/**
 * junit.xml written case by case: each <testcase> is rendered as its case is added and kept (held or
 * spooled) until its rule's <testsuite>, which `finish` writes rule by rule after the root's totals.
 */
export class JunitWriter implements CaseWriter {
  private readonly rules = new CaseRules();
  private readonly verdicts: Counts = {};
  private readonly waivers = new WaiverTally();
  private readonly spool: CaseSpool;
  private readonly out: TextSink;

  constructor(out: string | TextSink, head: Pick<Report, 'profile'>, private readonly opts: JunitOptions = {}, holding: Holding = 'spooled') {
    this.out = sinkFor(out);
    this.spool = caseSpool(holding, out, (c: CaseResult) => `\n${testcase(head.profile, c)}`);
  }

  add(c: CaseResult): void {
    this.rules.add(c);
    this.verdicts[c.verdict] = (this.verdicts[c.verdict] ?? 0) + 1;
    this.waivers.add(c);
    this.spool.put(c.rule, c);
  }

  abort(): void {
    quietly(() => this.spool.close());
    quietly(() => this.out.close());
  }

  finish(report: ReportSummary): void {
    try {
      this.out.write(`${['<?xml version="1.0" encoding="UTF-8"?>', this.comment(report), this.root(report)].join('\n')}\n`);
      for (const { rule, tally } of this.suites(report)) {
        this.out.write(testsuiteHead(report, rule, tally));
        this.spool.drain(rule.rule, this.out);
        this.out.write('\n  </testsuite>\n');
      }
      for (const line of [...paritySuite(report), ...leakSuite(report), '</testsuites>']) this.out.write(`${line}\n`);
    } finally {
      allOf([() => this.spool.close(), () => this.out.close()]);
    }
  }

  private comment(report: ReportSummary): string {
    return `<!-- ${exitMeaning(report, this.waivers).replace(/--/g, '- -')} -->`;
  }

  private root(report: ReportSummary): string {
    const count = (v: Verdict) => this.verdicts[v] ?? 0;
    const cases = total(this.verdicts);
    return `<testsuites${attrs({
      name: this.opts.name ?? `${report.suite.name} ${report.suite.version} (${report.profile})`,
      tests: cases + report.leaks.length + report.parity.rules.filter((r) => r.checked > 0).length, failures: count('fail') + report.leaks.length + (report.parity.strict ? strictParityMismatchRules(report) : 0), errors: count('error'),
      skipped: count('inconclusive') + count('expected-fail'), time: seconds(report.run.durationMs),
    })}>`;
  }

  /** Rules in report order, then the rules only the cases name; a rule without cases has no suite. */
  private suites(report: ReportSummary): Array<{ rule: RuleSummary; tally: RuleTally }> {
    const known = report.rules.map((rule) => ({ rule, tally: this.rules.byRule.get(rule.rule) }));
    const orphans = this.rules.unlisted(report.rules).map(([id, tally]) => ({
      rule: { rule: id, level: tally.level, section: '', description: '', counts: {} } as RuleSummary, tally,
    }));
    return [...known, ...orphans].filter((s): s is { rule: RuleSummary; tally: RuleTally } => s.tally !== undefined);
  }
}

/** Renders the JUnit XML document (the streamed writer into a string). */
export function renderJunit(report: Report, opts: JunitOptions = {}): string {
  const out = new StringSink();
  writeThrough(new JunitWriter(out, report, opts, 'held'), report);
  return out.text();
}
