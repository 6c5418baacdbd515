/**
 * The Markdown writer, sized for a GitHub Actions job summary ($GITHUB_STEP_SUMMARY, limit 1 MiB; we aim
 * far lower): a counts table, the failing rules each with its first failing case and replay command, the
 * SHOULD deviations in one table. Blocks that would pass `maxBytes` are left out with a note.
 */
import type { CaseResult, Report, RuleSummary } from '../engine/report-types.ts';
import { html, mdCell, mdCode, mdFence } from './escape.ts';
import { FailureGroupTally, type GroupDigest } from './triage.ts';
import { exitHeadline, WaiverTally } from './exit-line.ts';
import { quietly, sinkFor, StringSink, writeThrough, type CaseWriter, type ReportSummary, type TextSink } from './stream.ts';
import {
  editionText, excerpt, exitMeaning, failureText, observedText, outcomesText, parityMismatches, parityText, provenanceText, requestText,
  targetText, total, VERDICT_ORDER,
} from './text.ts';

export interface MarkdownOptions {
  /** Budget in UTF-8 bytes; default 60 000. */
  maxBytes?: number;
}

const DEFAULT_MAX = 60_000;
const NOTE_RESERVE = 400;

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function head(report: ReportSummary, waivers: WaiverTally): string {
  const counts = VERDICT_ORDER.map((v) => `| ${v} | ${report.counts[v] ?? 0} |`);
  return [
    `## CreateEventSourceMapping conformance: ${exitHeadline(report)}`,
    '',
    `**${mdCell(exitMeaning(report, waivers))}**`,
    '',
    `Target: ${mdCell(targetText(report))} · Profile: \`${report.profile}\` · Model: ${mdCell(editionText(report))} · `
      + `Suite: ${mdCell(`${report.suite.name} ${report.suite.version}`)} · Run: ${mdCell(report.run.runId)} (seed ${report.run.seed})`,
    '',
    '| Verdict | Cases |',
    '|---|---:|',
    ...counts,
    `| **total** | **${total(report.counts)}** |`,
    '',
    `**${mdCell(parityText(report))}**`,
    '',
    ...parityTable(report),
    ...(report.leaks.length ? [`**Left behind on the target (${report.leaks.length}):** ${report.leaks.map((l) => mdCell(`${l.kind} ${l.id}`)).join(', ')}`, ''] : []),
  ].join('\n');
}

/** The parity rules that mismatched, one row each. */
function parityTable(report: ReportSummary): string[] {
  const bad = parityMismatches(report);
  if (bad.length === 0) return [];
  const rows = bad.map((r) => `| ${mdCode(r.rule)} | ${r.checked - r.matched} of ${r.checked}${r.waived ? ` (${r.waived} waived)` : ''} | ${mdCell(r.description)} |`);
  return ['| Parity rule | Mismatched | Recorded AWS value |', '|---|---:|---|', ...rows, ''];
}

/**
 * The first case that fails each rule itself: a failure record of the rule with verdict fail (a case of
 * another rule can break it, and a case listed under the rule can fail only another rule), else the first
 * case of the rule that fails with no failure record. Gathered case by case.
 */
class FirstFailing {
  private readonly byFailure = new Map<string, CaseResult>();
  private readonly bare = new Map<string, CaseResult>();

  add(c: CaseResult): void {
    for (const f of c.failures) if (f.verdict === 'fail' && !this.byFailure.has(f.rule)) this.byFailure.set(f.rule, c);
    if (c.verdict === 'fail' && c.failures.length === 0 && !this.bare.has(c.rule)) this.bare.set(c.rule, c);
  }

  of(rule: string): CaseResult | undefined {
    return this.byFailure.get(rule) ?? this.bare.get(rule);
  }
}

/** The ten largest failure groups (reports/triage.ts), ranked as in the console: what to fix first. */
function groupsTable(groups: GroupDigest[]): string {
  if (groups.length === 0) return '';
  const rows = groups.slice(0, 10).map((g, i) => `| ${i + 1} | ${g.verdict} | ${g.level} | ${mdCode(g.rule)} ${mdCell(g.code)} | ${g.size} | ${mdCell(`${g.expected} → ${g.observed}`)} | ${mdCode(g.cases[0]!.caseId)} |`);
  const more = groups.length > 10 ? [`${groups.length - 10} more group(s) in report.html.`, ''] : [];
  return [`### Failure groups (${groups.length}, ranked: fix the first first)`, '', '| # | Verdict | Level | Rule and code | Cases | Expected → observed | Example |', '|---:|---|---|---|---:|---|---|', ...rows, '', ...more].join('\n');
}

function failingTable(first: FirstFailing, failing: RuleSummary[]): string {
  const rows = failing.map((r) => {
    const c = first.of(r.rule);
    return `| ${mdCode(r.rule)} | ${r.level} | ${r.counts.fail ?? 0} | ${c ? mdCell(c.title) : ''} |`;
  });
  return [`### Failing rules (${failing.length})`, '', '| Rule | Level | Fail | First failing case |', '|---|---|---:|---|', ...rows, ''].join('\n');
}

/** The details of one failing rule's first failing case. */
function ruleBlock(report: ReportSummary, rule: RuleSummary, c: CaseResult | undefined): string {
  if (!c) return '';
  const e = c.expected[report.profile];
  return [
    `<details><summary><code>${html(rule.rule)}</code> (${rule.level}): ${html(excerpt(c.title, 200))}</summary>`,
    '',
    `- case: ${mdCode(c.caseId)}`,
    `- request: ${mdCode(excerpt(requestText(c.request), 1000))}`,
    `- expected (${report.profile}): ${mdCode(outcomesText(e.outcomes))} from ${mdCell(provenanceText(e))}`,
    `- observed: ${mdCode(observedText(c.observed, 500))}`,
    ...c.failures.slice(0, 5).map((f) => `- failure: ${mdCode(excerpt(failureText(f), 500))}`),
    '',
    mdFence(c.reproduce.suite, 'sh'),
    '</details>',
    '',
  ].join('\n');
}

function deviationsTable(report: ReportSummary): string {
  const rules = report.rules.filter((r) => (r.counts['non-strict'] ?? 0) > 0);
  if (rules.length === 0) return '';
  const rows = rules.map((r) => `| ${mdCode(r.rule)} | ${r.level} | ${r.counts['non-strict'] ?? 0} | ${mdCell(r.description)} |`);
  return [`### SHOULD deviations (${rules.length} rules)`, '', '| Rule | Level | Non-strict | Description |', '|---|---|---:|---|', ...rows, ''].join('\n');
}

/** Appends blocks in order while they fit; returns the text and how many did not. */
function fit(start: string, blocks: string[], budget: number): { text: string; omitted: number } {
  let text = start;
  let used = bytes(text);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] ?? '';
    if (used + bytes(block) + 1 > budget) return { text, omitted: blocks.length - i };
    text += `\n${block}`;
    used += bytes(block) + 1;
  }
  return { text, omitted: 0 };
}

/**
 * summary.md written from its cases' tallies: nothing per case is written, so a case is only counted into
 * the failure groups, the waiver notes and the first failing case of each rule; `finish` writes the file.
 */
export class MarkdownWriter implements CaseWriter {
  private readonly groups: FailureGroupTally;
  private readonly first = new FirstFailing();
  private readonly waivers = new WaiverTally();
  private readonly out: TextSink;

  constructor(out: string | TextSink, head: Pick<Report, 'profile'>, private readonly opts: MarkdownOptions = {}) {
    this.out = sinkFor(out);
    this.groups = new FailureGroupTally(head.profile, 1);
  }

  add(c: CaseResult): void {
    this.groups.add(c);
    this.first.add(c);
    this.waivers.add(c);
  }

  abort(): void {
    quietly(() => this.out.close());
  }

  finish(report: ReportSummary): void {
    try {
      this.out.write(this.render(report));
    } finally {
      this.out.close();
    }
  }

  private render(report: ReportSummary): string {
    const max = this.opts.maxBytes ?? DEFAULT_MAX;
    const failing = report.rules.filter((r) => (r.counts.fail ?? 0) > 0);
    const blocks = [
      groupsTable(this.groups.ranked()),
      failing.length > 0 ? failingTable(this.first, failing) : '### No failing rules\n\n',
      ...failing.map((r) => ruleBlock(report, r, this.first.of(r.rule))),
      deviationsTable(report),
    ].filter((b) => b !== '');
    const { text, omitted } = fit(head(report, this.waivers), blocks, max - NOTE_RESERVE);
    if (omitted === 0) return text;
    return `${text}\n> **Truncated:** ${omitted} more section(s) left out to stay under ${max} bytes; see report.html or junit.xml for every case.\n`;
  }
}

/** Renders the job-summary Markdown (the writer into a string). */
export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const out = new StringSink();
  writeThrough(new MarkdownWriter(out, report, opts), report);
  return out.text();
}
