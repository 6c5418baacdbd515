/** The navigation of the HTML report: failure groups, a table of contents by rule group, the search and filter bar. */
import type { CaseResult, Report } from '../engine/report-types.ts';
import { VERDICTS } from '../properties/types.ts';
import { html } from './escape.ts';
import { badge, countBadges, ruleAnchor } from './html-case.ts';
import { ruleGroup, tally } from './text.ts';
import { failureGroups, groupAnchor } from './triage.ts';

/** The same ranked groups as the console: count, expected vs observed, an example and every case as links. */
export function groupsSection(report: Report): string {
  const groups = failureGroups(report);
  if (groups.length === 0) return '<section class="groups" id="groups"><h2>Failure groups</h2><p>No fail or non-strict cases.</p></section>';
  const items = groups.map((g, i) => {
    const links = g.cases.slice(0, 200).map((c) => `<a href="#${html(c.caseId)}">${html(c.caseId)}</a>`).join(' ');
    const more = g.cases.length > 200 ? ` <span class="muted">and ${g.cases.length - 200} more (search ${html(g.rule)})</span>` : '';
    return `<li id="${html(groupAnchor(g))}"><details><summary>${i + 1}. ${badge(g.verdict)} <strong>${html(g.level)} ${html(g.rule)}</strong> ${html(g.code)}: `
      + `${g.cases.length} case${g.cases.length === 1 ? '' : 's'} <span class="muted">expected ${html(g.expected)}, observed ${html(g.observed)}; e.g. </span>`
      + `<a href="#${html(g.cases[0]!.caseId)}">${html(g.cases[0]!.title)}</a> <button type="button" class="show-group" data-grp="${html(groupAnchor(g))}">show these</button>`
      + `</summary><div class="links">${links}${more}</div></details></li>`;
  });
  return `<section class="groups" id="groups"><h2>Failure groups (${groups.length}, ranked: fix the first first)</h2><ol>${items.join('')}</ol></section>`;
}

/** Rule groups (BatchSize, FunctionName, error, response...) with their rules and counts, as links. */
export function tocSection(report: Report): string {
  const byGroup = new Map<string, Array<{ rule: string; cases: CaseResult[] }>>();
  const byRule = new Map<string, CaseResult[]>();
  for (const c of report.cases) byRule.set(c.rule, [...(byRule.get(c.rule) ?? []), c]);
  for (const r of report.rules) {
    const g = ruleGroup(r.rule);
    byGroup.set(g, [...(byGroup.get(g) ?? []), { rule: r.rule, cases: byRule.get(r.rule) ?? [] }]);
  }
  const groups = [...byGroup].map(([g, rules]) => {
    const all = rules.flatMap((r) => r.cases);
    const items = rules.map((r) => `<li><a href="#${ruleAnchor(r.rule)}">${html(r.rule)}</a> ${countBadges(tally(r.cases.map((c) => c.verdict)))}</li>`).join('');
    return `<details class="toc-group"${all.some((c) => c.verdict === 'fail') ? ' open' : ''}><summary><strong>${html(g)}</strong> ${countBadges(tally(all.map((c) => c.verdict)))}</summary><ul>${items}</ul></details>`;
  });
  return `<nav class="toc" id="toc" aria-label="Rules by group"><h2>Contents by rule group</h2>${groups.join('')}</nav>`;
}

function select(id: string, label: string, values: string[]): string {
  const options = values.map((v) => `<option value="${html(v)}">${html(v)}</option>`).join('');
  return `<label>${html(label)} <select id="${id}"><option value="">all</option>${options}</select></label>`;
}

/** Search box and filters; the script in html-script.ts applies them. */
export function toolbar(report: Report): string {
  const present = <T extends string>(xs: T[]): T[] => [...new Set(xs)].sort();
  const verdicts = VERDICTS.filter((v) => report.cases.some((c) => c.verdict === v));
  return '<div class="toolbar" role="search">'
    + '<input id="q" type="search" placeholder="search: case id, title, rule, status, error code, failure code" aria-label="search cases">'
    + select('f-verdict', 'verdict', [...verdicts])
    + select('f-group', 'rule group', present(report.cases.map((c) => ruleGroup(c.rule))))
    + select('f-rule', 'rule', present(report.cases.map((c) => c.rule)))
    + select('f-level', 'level', present(report.cases.map((c) => c.level)))
    + select('f-source', 'kind of case', present(report.cases.map((c) => c.origin.source)))
    + `<button id="expand" type="button">expand shown</button><button id="collapse" type="button">collapse all</button>`
    + `<span id="shown" class="muted">${report.cases.length} of ${report.cases.length} cases</span></div>`;
}
