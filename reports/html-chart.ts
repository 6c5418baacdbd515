/** An inline SVG stacked bar chart: verdict counts per rule group (the rule id's first segment). */
import type { Verdict } from '../properties/types.ts';
import { html } from './escape.ts';
import { VERDICT_COLOR } from './html-style.ts';
import { ruleGroup, total, VERDICT_ORDER, type Counts } from './text.ts';

const LABEL_W = 190;
const BAR_W = 520;
const ROW_H = 24;
const LEGEND_H = 30;

/** Groups in the order their first rule appears (listed rules first, then the cases'); counts come from the cases. */
export function groupCounts(rules: Array<{ rule: string }>, byGroup: Map<string, Counts>): Array<{ group: string; counts: Counts }> {
  const order = [...new Set([...rules.map((r) => ruleGroup(r.rule)), ...byGroup.keys()])];
  return order.map((group) => ({ group, counts: byGroup.get(group) ?? {} })).filter((g) => total(g.counts) > 0);
}

function segments(group: string, counts: Counts, y: number, scale: number): string {
  let x = LABEL_W;
  const parts: string[] = [];
  for (const v of VERDICT_ORDER) {
    const n = counts[v] ?? 0;
    if (n === 0) continue;
    const w = Math.max(2, n * scale);
    parts.push(`<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW_H - 8}" fill="${VERDICT_COLOR[v]}"><title>${html(`${group}: ${v} ${n}`)}</title></rect>`);
    x += w;
  }
  parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + ROW_H / 2 + 4}" font-size="12" fill="#3c4457">${total(counts)}</text>`);
  return parts.join('');
}

function legend(y: number): string {
  return VERDICT_ORDER.map((v: Verdict, i) => {
    const x = 10 + i * 105;
    return `<rect x="${x}" y="${y}" width="12" height="12" fill="${VERDICT_COLOR[v]}"/><text x="${x + 16}" y="${y + 11}" font-size="12" fill="#3c4457">${v}</text>`;
  }).join('');
}

/** The chart as an <svg> element sized to its rows; a note when there are no cases. */
export function verdictChart(groups: Array<{ group: string; counts: Counts }>): string {
  if (groups.length === 0) return '<p class="muted">No cases to chart.</p>';
  const max = Math.max(...groups.map((g) => total(g.counts)));
  const scale = BAR_W / max;
  const height = groups.length * ROW_H + LEGEND_H + 10;
  const width = Math.max(LABEL_W + BAR_W + 50, 10 + VERDICT_ORDER.length * 105);
  const rows = groups.map((g, i) => {
    const y = i * ROW_H;
    const label = `<text x="${LABEL_W - 8}" y="${y + ROW_H / 2 + 4}" font-size="12" text-anchor="end" fill="#1d2330">${html(g.group)}</text>`;
    return label + segments(g.group, g.counts, y, scale);
  });
  return `<svg class="chart" role="img" aria-label="Verdicts by rule group" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`
    + `<title>Verdicts by rule group</title>${rows.join('')}${legend(groups.length * ROW_H + 10)}</svg>`;
}
