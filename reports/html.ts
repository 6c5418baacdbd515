/**
 * The HTML writer: ONE self-contained file (inline CSS, inline SVG, one inline script, no external URL), made
 * for thousands of cases: a summary header, a bar chart of verdicts by rule group, the ranked failure groups,
 * a table of contents by rule group, search and filters (verdict, rule group, rule, level, kind of case),
 * then a section per rule (anchor rule-ID) with its cases collapsed (anchor = case id).
 */
import type { CaseResult, Report, RuleSummary } from '../engine/report-types.ts';
import { html } from './escape.ts';
import { countBadges, ruleSection } from './html-case.ts';
import { groupsSection, tocSection, toolbar } from './html-nav.ts';
import { REPORT_SCRIPT } from './html-script.ts';
import { failureGroups, groupOfCases } from './triage.ts';
import { verdictChart } from './html-chart.ts';
import { stylesheet } from './html-style.ts';
import { exitMeaning, parityMismatches, parityResultText, parityText, targetText, total } from './text.ts';

export interface HtmlOptions {
  /** Page title; defaults to suite, target and profile. */
  title?: string;
}

function summaryHeader(report: Report): string {
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
  const exit = `<div class="exit ${report.exitCode === 0 ? 'ok' : 'bad'}">${html(exitMeaning(report))}</div>`;
  const counts = `<div class="counts">${total(report.counts)} cases: ${countBadges(report.counts)}</div>`;
  return `<header><h1>CreateEventSourceMapping conformance</h1>${exit}${counts}<dl>${dl}</dl>${leaks(report)}</header>`;
}

/** The parity score and the parity rules that mismatched (one example each). */
function paritySection(report: Report): string {
  const bad = parityMismatches(report);
  const rows = bad.map((r) => {
    const example = report.cases.flatMap((c) => c.parity ?? []).find((p) => p.rule === r.rule && !p.ok);
    return `<tr><td><code>${html(r.rule)}</code></td><td>${r.checked - r.matched} of ${r.checked}${r.waived ? ` (${r.waived} waived)` : ''}</td><td>${html(r.description)}</td><td>${example ? html(parityResultText(example)) : ''}</td></tr>`;
  }).join('');
  const table = bad.length ? `<table><thead><tr><th>Parity rule</th><th>Mismatched</th><th>Recorded AWS value</th><th>Example</th></tr></thead><tbody>${rows}</tbody></table>` : '';
  return `<section class="parity" id="parity"><h2>Parity with AWS</h2><p>${html(parityText(report))}</p>${table}</section>`;
}

function leaks(report: Report): string {
  if (report.leaks.length === 0) return '';
  const items = report.leaks.map((l) => `<li>${html(`${l.kind} ${l.id}: ${l.error}`)}</li>`).join('');
  return `<p><strong>Resources left behind (${report.leaks.length}):</strong></p><ul>${items}</ul>`;
}


/** Rules in report order plus any rule that only the cases name. */
function sections(report: Report): string[] {
  const byRule = new Map<string, CaseResult[]>();
  for (const c of report.cases) byRule.set(c.rule, [...(byRule.get(c.rule) ?? []), c]);
  const listed = new Set(report.rules.map((r) => r.rule));
  const extra: RuleSummary[] = [...byRule.keys()].filter((id) => !listed.has(id)).map((id) => ({
    rule: id, level: byRule.get(id)?.[0]?.level ?? 'MUST', section: '', description: '(rule not in the report summary)', counts: {},
  }));
  const groupOf = groupOfCases(failureGroups(report));
  return [...report.rules, ...extra].map((rule) => ruleSection(report, rule, byRule.get(rule.rule) ?? [], groupOf));
}

/** Renders the complete HTML document. */
export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  const title = opts.title ?? `${report.suite.name}: ${report.target.label ?? report.target.endpoint} (${report.profile})`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(title)}</title>`,
    stylesheet(),
    '</head><body>',
    summaryHeader(report),
    paritySection(report),
    `<h2 class="chart-title">Verdicts by rule group</h2>${verdictChart(report)}`,
    groupsSection(report),
    tocSection(report),
    toolbar(report),
    `<main>\n${sections(report).join('\n')}\n</main>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
