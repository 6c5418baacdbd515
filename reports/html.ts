/**
 * The HTML writer: ONE self-contained file (inline CSS, inline SVG, one inline script, no external URL), made
 * for thousands of cases: a summary header, a bar chart of verdicts by rule group, the ranked failure groups,
 * a table of contents by rule group, search and filters (verdict, rule group, rule, level, kind of case),
 * then a section per rule (anchor rule-ID) with its cases collapsed (anchor = case id).
 */
import type { CaseResult, Report, RuleSummary } from '../engine/report-types.ts';
import type { ParityResult } from '../properties/types.ts';
import { html } from './escape.ts';
import { WaiverTally } from './exit-line.ts';
import { caseRow, countBadges, ruleSectionHead } from './html-case.ts';
import { groupsSection, tocSection, toolbar } from './html-nav.ts';
import { REPORT_SCRIPT } from './html-script.ts';
import { FailureGroupTally } from './triage.ts';
import { groupCounts, verdictChart } from './html-chart.ts';
import { stylesheet } from './html-style.ts';
import {
  allOf, caseSpool, CaseRules, quietly, sinkFor, StringSink, writeThrough, type CaseSpool, type CaseWriter, type Holding, type ReportSummary, type TextSink,
} from './stream.ts';
import { exitMeaning, parityMismatches, parityResultText, parityText, ruleGroup, targetText, total, type Counts } from './text.ts';

export interface HtmlOptions {
  /** Page title; defaults to suite, target and profile. */
  title?: string;
}

function summaryHeader(report: ReportSummary, waivers: WaiverTally): string {
  const r = report.run;
  const facts: Array<[string, string]> = [
    ['Target', targetText(report)],
    ['Profile', report.profile],
    ['Suite', `${report.suite.name} ${report.suite.version} (report schema ${report.schemaVersion})`],
    ['Model', report.edition ? `edition ${report.edition.name}, sha256 ${report.edition.sha256} (${report.edition.source})` : report.modelVersion],
    ['Run', `${r.runId}, seed ${r.seed}, runs ${r.runs}`],
    ['Started', `${r.startedAt} (${Math.round(r.durationMs)} ms)`],
    ['Command', r.command],
  ];
  if (r.only.length > 0) facts.push(['Only', r.only.join(', ')]);
  if (r.skip.length > 0) facts.push(['Skip', r.skip.join(', ')]);
  const dl = facts.map(([k, v]) => `<dt>${html(k)}</dt><dd>${html(v)}</dd>`).join('');
  const exit = `<div class="exit ${report.exitCode === 0 ? 'ok' : 'bad'}">${html(exitMeaning(report, waivers))}</div>`;
  const counts = `<div class="counts">${total(report.counts)} cases: ${countBadges(report.counts)}</div>`;
  return `<header><h1>CreateEventSourceMapping conformance</h1>${exit}${counts}<dl>${dl}</dl>${leaks(report)}</header>`;
}

/** The parity score and the parity rules that mismatched (one example each: the first mismatch of the rule). */
function paritySection(report: ReportSummary, examples: Map<string, ParityResult>): string {
  const bad = parityMismatches(report);
  const rows = bad.map((r) => {
    const example = examples.get(r.rule);
    return `<tr><td><code>${html(r.rule)}</code></td><td>${r.checked - r.matched} of ${r.checked}${r.waived ? ` (${r.waived} waived)` : ''}</td><td>${html(r.description)}</td><td>${example ? html(parityResultText(example)) : ''}</td></tr>`;
  }).join('');
  const table = bad.length ? `<table><thead><tr><th>Parity rule</th><th>Mismatched</th><th>Recorded AWS value</th><th>Example</th></tr></thead><tbody>${rows}</tbody></table>` : '';
  return `<section class="parity" id="parity"><h2>Parity with AWS</h2><p>${html(parityText(report))}</p>${table}</section>`;
}

function leaks(report: ReportSummary): string {
  if (report.leaks.length === 0) return '';
  const items = report.leaks.map((l) => `<li>${html(`${l.kind} ${l.id}: ${l.error}`)}</li>`).join('');
  return `<p><strong>Resources left behind (${report.leaks.length}):</strong></p><ul>${items}</ul>`;
}


/** What the page's header, chart, contents and filters need from the cases, gathered as they are added. */
class CaseFacts {
  readonly rules = new CaseRules();
  readonly groups = new Map<string, Counts>();
  readonly verdicts: Counts = {};
  readonly levels = new Set<string>();
  readonly sources = new Set<string>();
  readonly parityExamples = new Map<string, ParityResult>();
  readonly waivers = new WaiverTally();

  add(c: CaseResult): void {
    this.rules.add(c);
    const g = ruleGroup(c.rule);
    const counts = this.groups.get(g) ?? {};
    counts[c.verdict] = (counts[c.verdict] ?? 0) + 1;
    this.groups.set(g, counts);
    this.verdicts[c.verdict] = (this.verdicts[c.verdict] ?? 0) + 1;
    this.levels.add(c.level);
    this.sources.add(c.origin.source);
    for (const p of c.parity ?? []) if (!p.ok && !this.parityExamples.has(p.rule)) this.parityExamples.set(p.rule, p);
    this.waivers.add(c);
  }
}

interface Row { c: CaseResult; group: string | undefined }

/**
 * report.html written case by case: each case's <details> is rendered as it is added and kept (held or
 * spooled) until its rule's <section>; `finish` writes the header, chart, groups, contents and filters from
 * the summary and the tallies, then the sections rule by rule, then the script.
 */
export class HtmlWriter implements CaseWriter {
  private readonly facts = new CaseFacts();
  private readonly failureGroups: FailureGroupTally;
  private readonly spool: CaseSpool<Row>;
  private readonly out: TextSink;

  constructor(out: string | TextSink, head: Pick<Report, 'profile'>, private readonly opts: HtmlOptions = {}, holding: Holding = 'spooled') {
    this.out = sinkFor(out);
    this.failureGroups = new FailureGroupTally(head.profile);
    this.spool = caseSpool(holding, out, (r: Row) => `\n${caseRow(head, r.c, r.group)}`);
  }

  add(c: CaseResult): void {
    this.facts.add(c);
    this.spool.put(c.rule, { c, group: this.failureGroups.add(c) });
  }

  abort(): void {
    quietly(() => this.spool.close());
    quietly(() => this.out.close());
  }

  finish(report: ReportSummary): void {
    try {
      this.out.write(`${this.top(report).join('\n')}\n<main>\n`);
      this.sections(report);
      this.out.write(`\n</main>\n<script>${REPORT_SCRIPT}</script>\n</body></html>\n`);
    } finally {
      allOf([() => this.spool.close(), () => this.out.close()]);
    }
  }

  /** Everything before <main>, one part a line. */
  private top(report: ReportSummary): string[] {
    const f = this.facts;
    const title = this.opts.title ?? `${report.suite.name}: ${report.target.label ?? report.target.endpoint} (${report.profile})`;
    return [
      '<!DOCTYPE html>',
      '<html lang="en"><head><meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${html(title)}</title>`,
      stylesheet(),
      '</head><body>',
      summaryHeader(report, f.waivers),
      paritySection(report, f.parityExamples),
      `<h2 class="chart-title">Verdicts by rule group</h2>${verdictChart(groupCounts(report.rules, f.groups))}`,
      groupsSection(this.failureGroups.ranked()),
      tocSection(report.rules, f.rules.byRule),
      toolbar({ verdicts: f.verdicts, groups: f.groups.keys(), rules: f.rules.byRule.keys(), levels: f.levels, sources: f.sources }),
    ];
  }

  /** A section per rule in report order, then per rule only the cases name; each with its cases. */
  private sections(report: ReportSummary): void {
    const extra: RuleSummary[] = this.facts.rules.unlisted(report.rules).map(([id, t]) => ({
      rule: id, level: t.level, section: '', description: '(rule not in the report summary)', counts: {},
    }));
    [...report.rules, ...extra].forEach((rule, i) => {
      this.out.write(`${i > 0 ? '\n' : ''}${ruleSectionHead(rule)}`);
      this.spool.drain(rule.rule, this.out);
      this.out.write(this.facts.rules.byRule.has(rule.rule) ? '\n</section>' : '\n\n</section>');
    });
  }
}

/** Renders the complete HTML document (the streamed writer into a string). */
export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  const out = new StringSink();
  writeThrough(new HtmlWriter(out, report, opts, 'held'), report);
  return out.text();
}
