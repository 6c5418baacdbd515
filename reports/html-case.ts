/**
 * HTML for one rule section and its cases: each case a collapsed <details> (anchor = case id) whose summary
 * line says verdict, title, id, observed vs expected; expanded: request, expected per profile, observed
 * (pretty bodies, differences marked), failures, reproductions. data-* attributes feed the search and filters.
 */
import type { CaseResult, Report, RuleSummary } from '../engine/report-types.ts';
import { PROFILE_NAMES } from '../spec/index.ts';
import type { Verdict } from '../properties/types.ts';
import { html } from './escape.ts';
import { observedBody, requestBody, statusAllowed } from './html-body.ts';
import { countsText, excerpt, failureText, outcomesText, provenanceText, ruleGroup, total } from './text.ts';

/** Headers that must never be shown, even if a report carried them by mistake. */
const SECRET_HEADERS = new Set(['authorization', 'x-amz-security-token', 'x-amz-signature', 'cookie', 'set-cookie']);

export function badge(verdict: Verdict, text: string = verdict): string {
  return `<span class="badge b-${verdict}">${html(text)}</span>`;
}

export function countBadges(counts: RuleSummary['counts']): string {
  if (total(counts) === 0) return '<span class="muted">no cases</span>';
  return countsText(counts).split(', ').map((part) => badge(part.split(' ')[0] as Verdict, part)).join('');
}

export const ruleAnchor = (rule: string): string => `rule-${rule.replace(/[^\w.-]/g, '_')}`;

function requestCell(c: CaseResult): string {
  const raw = c.request.raw !== undefined ? ' <span class="muted">(raw body)</span>' : '';
  return `<h4>Request</h4><div class="muted">POST ${html(c.request.path)}${raw} · ${html(c.transport)} · ${html(c.scenario)}</div>${requestBody(c)}`;
}

function expectedCell(report: Pick<Report, 'profile'>, c: CaseResult): string {
  return '<h4>Expected</h4>' + PROFILE_NAMES.map((p) => {
    const e = c.expected[p];
    const mark = p === report.profile ? ' class="run-profile"' : '';
    const note = e.note ? `<div class="muted">${html(excerpt(e.note, 300))}</div>` : '';
    return `<div${mark}>${html(p)}: ${html(outcomesText(e.outcomes))}</div><div class="muted">${html(provenanceText(e))}</div>${note}`;
  }).join('');
}

function observedCell(report: Pick<Report, 'profile'>, c: CaseResult): string {
  const o = c.observed;
  const status = `${o.status === undefined ? 'no answer' : String(o.status)}${o.errorCode ? ` ${o.errorCode}` : ''}`;
  const cls = statusAllowed(report, c) ? '' : ' class="diff" title="not an expected outcome"';
  const problem = o.problem ? `<div class="muted">${html(o.problem)}</div>` : '';
  const headers = Object.entries(o.headers).filter(([k]) => !SECRET_HEADERS.has(k.toLowerCase())).map(([k, v]) => `${k}: ${v}`).join('\n');
  const sdk = c.sdk ? `<div class="muted">SDK ${c.sdk.ok ? 'parsed the answer' : 'failed'}${c.sdk.detail ? `: ${html(c.sdk.detail)}` : ''}</div>` : '';
  const tries = c.attempts > 1 ? `<div class="muted">${c.attempts} attempts</div>` : '';
  return `<h4>Observed</h4><div><strong${cls}>${html(status)}</strong></div>${problem}${sdk}${tries}`
    + (headers ? `<details class="headers"><summary class="muted">headers</summary><pre class="muted">${html(headers)}</pre></details>` : '') + observedBody(c);
}

function failuresCell(c: CaseResult): string {
  const items = c.failures.map((f) => `<li>${html(failureText(f))}</li>`).join('');
  const list = items ? `<ul class="failures">${items}</ul>` : '<span class="muted">none</span>';
  const waiver = c.waiver ? `<div class="muted">waived: ${html(c.waiver.reason)} (${html(c.waiver.link)})${c.waiver.expires ? `, until ${html(c.waiver.expires)}` : ''}</div>` : '';
  return `<h4>Failures</h4>${list}${waiver}`;
}

/** One labelled command of the Reproduce cell ('' when there is none). */
function replayLine(label: string, text: string | undefined): string {
  return text ? `<div class="muted">${label}</div><code class="replay">${html(text)}</code>` : '';
}

function reproduceCell(c: CaseResult): string {
  const r = c.reproduce;
  const shrunk = c.shrunk ? `<div class="muted">shrunk (${c.shrunk.shrinks} shrinks, path ${html(c.shrunk.path)}):</div><code>${html(c.shrunk.request.raw ?? JSON.stringify(c.shrunk.request.body ?? {}))}</code>${replayLine('replay shrunk', c.shrunk.reproduce)}` : '';
  return `<h4>Reproduce</h4>${replayLine('suite', r.suite)}${replayLine('first', r.setup)}${replayLine('curl', r.curl)}${replayLine('aws cli', r.awsCli)}${r.note ? `<div class="muted">${html(r.note)}</div>` : ''}${shrunk}`;
}

/** Lower-cased text the search box matches: id, title, rule, answer, failure codes. */
function searchText(c: CaseResult): string {
  return [c.caseId, c.title, c.rule, c.observed.status, c.observed.errorCode, ...c.failures.map((f) => `${f.rule} ${f.code}`)].filter((x) => x !== undefined).join(' ').toLowerCase();
}

export function caseRow(report: Pick<Report, 'profile'>, c: CaseResult, group?: string): string {
  const origin = `${c.origin.source}${c.origin.seed !== undefined ? ` seed ${c.origin.seed}` : ''}${c.origin.path ? ` path ${c.origin.path}` : ''}`;
  const observed = c.observed.status === undefined ? 'no answer' : `${c.observed.status}${c.observed.errorCode ? ` ${c.observed.errorCode}` : ''}`;
  const data = `data-v="${c.verdict}" data-g="${html(ruleGroup(c.rule))}" data-r="${html(c.rule)}" data-l="${c.level}" data-s="${html(c.origin.source)}" data-t="${html(searchText(c))}"${group ? ` data-grp="${html(group)}"` : ''}`;
  return `<details class="case v-${c.verdict}" id="${html(c.caseId)}" ${data}><summary>${badge(c.verdict)} <span class="title">${html(c.title)}</span> `
    + `<code class="cid">${html(c.caseId)}</code> <span class="muted">observed ${html(observed)}, expected ${html(outcomesText(c.expected[report.profile].outcomes))} · ${html(origin)}</span>`
    + ` <a class="anchor" href="#${html(c.caseId)}" title="link to this case">#</a></summary>`
    + `<div class="grid">${[requestCell(c), expectedCell(report, c), observedCell(report, c), failuresCell(c), reproduceCell(c)].map((cell) => `<div class="cell">${cell}</div>`).join('')}</div></details>`;
}

/**
 * The opening of a rule's <section>: heading (anchor rule-ID), description and counts. Its cases follow,
 * each on a line of its own, then a line `</section>` (an empty line before it when there are none).
 */
export function ruleSectionHead(rule: RuleSummary): string {
  const head = `<h2><a href="#${ruleAnchor(rule.rule)}">${html(rule.rule)}</a><span class="level">${html(rule.level)}</span></h2>`
    + `<p>${html(rule.description)} <span class="muted">${html(rule.section)}</span></p>`
    + `<div><span class="muted">this rule:</span> ${countBadges(rule.counts)}</div>`;
  return `<section class="rule" id="${ruleAnchor(rule.rule)}" data-g="${html(ruleGroup(rule.rule))}">${head}`;
}
