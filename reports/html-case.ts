/** HTML for one rule section and its case rows: request, expected per profile, observed, failures, replay. */
import type { CaseResult, Report, RuleSummary } from '../engine/report-types.ts';
import { PROFILE_NAMES } from '../spec/index.ts';
import type { Verdict } from '../properties/types.ts';
import { html } from './escape.ts';
import { countsText, excerpt, failureText, outcomesText, provenanceText, total } from './text.ts';

/** Headers that must never be shown, even if a report carried them by mistake. */
const SECRET_HEADERS = new Set(['authorization', 'x-amz-security-token', 'x-amz-signature', 'cookie', 'set-cookie']);

export function badge(verdict: Verdict, text: string = verdict): string {
  return `<span class="badge b-${verdict}">${html(text)}</span>`;
}

export function countBadges(counts: RuleSummary['counts']): string {
  if (total(counts) === 0) return '<span class="muted">no cases</span>';
  return countsText(counts).split(', ').map((part) => badge(part.split(' ')[0] as Verdict, part)).join('');
}

function requestCell(c: CaseResult): string {
  const body = c.request.raw !== undefined ? c.request.raw : JSON.stringify(c.request.body ?? null, null, 1);
  const raw = c.request.raw !== undefined ? ' <span class="muted">(raw body)</span>' : '';
  return `<div class="muted">POST ${html(c.request.path)}${raw} · ${html(c.transport)} · ${html(c.scenario)}</div><pre>${html(excerpt(body, 2000))}</pre>`;
}

function expectedCell(report: Report, c: CaseResult): string {
  return PROFILE_NAMES.map((p) => {
    const e = c.expected[p];
    const mark = p === report.profile ? ' class="run-profile"' : '';
    const note = e.note ? `<div class="muted">${html(excerpt(e.note, 300))}</div>` : '';
    return `<div${mark}>${html(p)}: ${html(outcomesText(e.outcomes))}</div><div class="muted">${html(provenanceText(e))}</div>${note}`;
  }).join('');
}

function observedCell(c: CaseResult): string {
  const o = c.observed;
  const status = o.status === undefined ? 'no answer' : String(o.status);
  const code = o.errorCode ? ` ${html(o.errorCode)}` : '';
  const problem = o.problem ? `<div class="muted">${html(o.problem)}</div>` : '';
  const headers = Object.entries(o.headers).filter(([k]) => !SECRET_HEADERS.has(k.toLowerCase()))
    .map(([k, v]) => `${k}: ${v}`).join('\n');
  const sdk = c.sdk ? `<div class="muted">SDK ${c.sdk.ok ? 'parsed the answer' : 'failed'}${c.sdk.detail ? `: ${html(c.sdk.detail)}` : ''}</div>` : '';
  const tries = c.attempts > 1 ? `<div class="muted">${c.attempts} attempts</div>` : '';
  return `<div><strong>${html(status)}</strong>${code}</div>${problem}${sdk}${tries}`
    + (headers ? `<pre class="muted">${html(headers)}</pre>` : '') + `<pre>${html(excerpt(o.body, 1500))}</pre>`;
}

function failuresCell(c: CaseResult): string {
  const items = c.failures.map((f) => `<li>${html(failureText(f))}</li>`).join('');
  const list = items ? `<ul class="failures">${items}</ul>` : '<span class="muted">none</span>';
  const waiver = c.waiver
    ? `<div class="muted">waived: ${html(c.waiver.reason)} (${html(c.waiver.link)})${c.waiver.expires ? `, until ${html(c.waiver.expires)}` : ''}</div>`
    : '';
  return list + waiver;
}

function caseRow(report: Report, c: CaseResult): string {
  const origin = `${c.origin.source}${c.origin.seed !== undefined ? ` seed ${c.origin.seed}` : ''}${c.origin.path ? ` path ${c.origin.path}` : ''}`;
  return `<tr class="case v-${c.verdict}" id="${html(c.caseId)}">`
    + `<td>${badge(c.verdict)}</td>`
    + `<td>${html(c.title)}<div class="muted">${html(c.caseId)}</div><div class="muted">${html(origin)} · ${Math.round(c.durationMs)} ms</div></td>`
    + `<td>${requestCell(c)}</td><td>${expectedCell(report, c)}</td><td>${observedCell(c)}</td><td>${failuresCell(c)}</td>`
    + `<td><code class="replay">${html(c.reproduce.suite)}</code>${shrunkCell(c)}</td></tr>`;
}

function shrunkCell(c: CaseResult): string {
  if (!c.shrunk) return '';
  const body = c.shrunk.request.raw ?? JSON.stringify(c.shrunk.request.body ?? {});
  return `<div class="muted">shrunk (${c.shrunk.shrinks} shrinks, path ${html(c.shrunk.path)}):</div><code>${html(body)}</code>`
    + (c.shrunk.reproduce ? `<code class="replay">${html(c.shrunk.reproduce)}</code>` : '');
}

const TABLE_HEAD = '<colgroup><col class="c-verdict"><col class="c-case"><col><col><col><col><col class="c-replay"></colgroup>'
  + '<thead><tr><th>Verdict</th><th>Case</th><th>Request</th><th>Expected</th><th>Observed</th><th>Failures</th><th>Replay</th></tr></thead>';

/**
 * The verdicts of the cases listed under the rule, when they differ from the rule's own counts (a case can
 * fail another rule, such as response.status, while this rule held).
 */
function casesLine(cases: CaseResult[]): string {
  if (cases.length === 0) return '';
  const counts: RuleSummary['counts'] = {};
  for (const c of cases) counts[c.verdict] = (counts[c.verdict] ?? 0) + 1;
  return ` <span class="muted">· its cases (verdict of the whole case, failures of any rule):</span> ${countBadges(counts)}`;
}

/** One <section> per rule: heading, description, counts and the table of its cases. */
export function ruleSection(report: Report, rule: RuleSummary, cases: CaseResult[]): string {
  const head = `<h2>${html(rule.rule)}<span class="level">${html(rule.level)}</span></h2>`
    + `<p>${html(rule.description)} <span class="muted">${html(rule.section)}</span></p>`
    + `<div><span class="muted">this rule:</span> ${countBadges(rule.counts)}${casesLine(cases)}</div>`;
  if (cases.length === 0) return `<section class="rule">${head}</section>`;
  const rows = cases.map((c) => caseRow(report, c)).join('\n');
  return `<section class="rule">${head}<table>${TABLE_HEAD}<tbody>\n${rows}\n</tbody></table></section>`;
}
