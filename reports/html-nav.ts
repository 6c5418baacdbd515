/** The navigation of the HTML report: failure groups, a table of contents by rule group, the search and filter bar. */
import type { RuleSummary } from '../engine/report-types.ts';
import { VERDICTS } from '../properties/types.ts';
import { html } from './escape.ts';
import { badge, countBadges, ruleAnchor } from './html-case.ts';
import { addCounts } from './stream.ts';
import { ruleGroup, total, type Counts } from './text.ts';
import type { GroupDigest } from './triage.ts';

/** The same ranked groups as the console: count, expected vs observed, an example and the first 200 cases as links. */
export function groupsSection(groups: GroupDigest[]): string {
  if (groups.length === 0) return '<section class="groups" id="groups"><h2>Failure groups</h2><p>No fail or non-strict cases.</p></section>';
  const items = groups.map((g, i) => {
    const links = g.cases.slice(0, 200).map((c) => `<a href="#${html(c.caseId)}">${html(c.caseId)}</a>`).join(' ');
    const more = g.size > 200 ? ` <span class="muted">and ${g.size - 200} more (search ${html(g.rule)})</span>` : '';
    return `<li id="${html(g.anchor)}"><details><summary>${i + 1}. ${badge(g.verdict)} <strong>${html(g.level)} ${html(g.rule)}</strong> ${html(g.code)}: `
      + `${g.size} case${g.size === 1 ? '' : 's'} <span class="muted">expected ${html(g.expected)}, observed ${html(g.observed)}; e.g. </span>`
      + `<a href="#${html(g.cases[0]!.caseId)}">${html(g.cases[0]!.title)}</a> <button type="button" class="show-group" data-grp="${html(g.anchor)}">show these</button>`
      + `</summary><div class="links">${links}${more}</div></details></li>`;
  });
  return `<section class="groups" id="groups"><h2>Failure groups (${groups.length}, ranked: fix the first first)</h2><ol>${items.join('')}</ol></section>`;
}

/** Rule groups (BatchSize, FunctionName, error, response...) with their rules and their cases' counts, as links. */
export function tocSection(rules: RuleSummary[], caseCounts: Map<string, { counts: Counts }>): string {
  const byGroup = new Map<string, Array<{ rule: string; counts: Counts }>>();
  for (const r of rules) {
    const g = ruleGroup(r.rule);
    byGroup.set(g, [...(byGroup.get(g) ?? []), { rule: r.rule, counts: caseCounts.get(r.rule)?.counts ?? {} }]);
  }
  const groups = [...byGroup].map(([g, list]) => {
    const all = list.reduce((sum: Counts, r) => addCounts(sum, r.counts), {});
    const items = list.map((r) => `<li><a href="#${ruleAnchor(r.rule)}">${html(r.rule)}</a> ${countBadges(r.counts)}</li>`).join('');
    return `<details class="toc-group"${(all.fail ?? 0) > 0 ? ' open' : ''}><summary><strong>${html(g)}</strong> ${countBadges(all)}</summary><ul>${items}</ul></details>`;
  });
  return `<nav class="toc" id="toc" aria-label="Rules by group"><h2>Contents by rule group</h2>${groups.join('')}</nav>`;
}

function select(id: string, label: string, values: string[]): string {
  const options = values.map((v) => `<option value="${html(v)}">${html(v)}</option>`).join('');
  return `<label>${html(label)} <select id="${id}"><option value="">all</option>${options}</select></label>`;
}

/** What the filters offer: the verdicts, rule groups, rules, levels and kinds of case the cases have. */
export interface FilterValues {
  verdicts: Counts;
  groups: Iterable<string>;
  rules: Iterable<string>;
  levels: Iterable<string>;
  sources: Iterable<string>;
}

/** Search box and filters; the script in html-script.ts applies them. */
export function toolbar(values: FilterValues): string {
  const present = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
  const verdicts = VERDICTS.filter((v) => (values.verdicts[v] ?? 0) > 0);
  const cases = total(values.verdicts);
  return '<div class="toolbar" role="search">'
    + '<input id="q" type="search" placeholder="search: case id, title, rule, status, error code, failure code" aria-label="search cases">'
    + select('f-verdict', 'verdict', [...verdicts])
    + select('f-group', 'rule group', present(values.groups))
    + select('f-rule', 'rule', present(values.rules))
    + select('f-level', 'level', present(values.levels))
    + select('f-source', 'kind of case', present(values.sources))
    + `<button id="expand" type="button">expand shown</button><button id="collapse" type="button">collapse all</button>`
    + `<span id="shown" class="muted">${cases} of ${cases} cases</span></div>`;
}
