/**
 * Comparing several targets: a case-by-target matrix. Rows are the union of case ids (sorted by rule,
 * then id); columns are the given labels in order; a cell is the case's verdict there or '—' if that run
 * did not have the case.
 */
import type { Report } from '../engine/report-types.ts';
import type { Verdict } from '../properties/types.ts';
import { html, mdCell, mdCode } from './escape.ts';
import { VERDICT_COLOR } from './html-style.ts';
import { tally, countsText, type Counts } from './text.ts';

export const ABSENT = '—';
export type CompareCell = Verdict | typeof ABSENT;

export interface CompareRow {
  caseId: string;
  rule: string;
  title: string;
  cells: CompareCell[];
}

export interface CompareMatrix {
  columns: Array<{ label: string; profile: string; endpoint: string; counts: Counts }>;
  rows: CompareRow[];
}

function rowOrder(a: CompareRow, b: CompareRow): number {
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
}

export function compareReports(reports: Array<{ label: string; report: Report }>): CompareMatrix {
  const verdicts = reports.map(({ report }) => new Map(report.cases.map((c) => [c.caseId, c.verdict])));
  const seen = new Map<string, { rule: string; title: string }>();
  for (const { report } of reports) {
    for (const c of report.cases) if (!seen.has(c.caseId)) seen.set(c.caseId, { rule: c.rule, title: c.title });
  }
  const rows = [...seen].map(([caseId, { rule, title }]) => ({
    caseId, rule, title, cells: verdicts.map((m): CompareCell => m.get(caseId) ?? ABSENT),
  }));
  const columns = reports.map(({ label, report }) => ({
    label, profile: report.profile, endpoint: report.target.endpoint, counts: tally(report.cases.map((c) => c.verdict)),
  }));
  return { columns, rows: rows.sort(rowOrder) };
}

/** Rows whose cells are not all the same verdict: where the targets disagree. */
export function disagreements(matrix: CompareMatrix): CompareRow[] {
  return matrix.rows.filter((r) => new Set(r.cells).size > 1);
}

export function renderCompareMarkdown(matrix: CompareMatrix): string {
  const head = `| Rule | Case | ${matrix.columns.map((c) => mdCell(c.label)).join(' | ')} |`;
  const rule = `|---|---|${matrix.columns.map(() => '---').join('|')}|`;
  const totals = `| **counts** | | ${matrix.columns.map((c) => mdCell(countsText(c.counts))).join(' | ')} |`;
  const rows = matrix.rows.map((r) => `| ${mdCode(r.rule)} | ${mdCell(r.title)} | ${r.cells.join(' | ')} |`);
  const summary = `${matrix.rows.length} case(s), ${disagreements(matrix).length} where the targets disagree.`;
  return ['## Targets compared', '', summary, '', head, rule, totals, ...rows, ''].join('\n');
}

const COMPARE_CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:16px 24px;color:#1d2330}
table{border-collapse:collapse}th,td{border:1px solid #dde1e8;padding:3px 8px;text-align:left;vertical-align:top}
td.v{color:#fff;font-weight:600;font-size:12px;text-align:center;vertical-align:middle}td.absent{color:#8a93a6;text-align:center}
tr.differ td.case{background:#fff7e0}.muted{color:#6b7386;font-size:12px}code{font:12px ui-monospace,Menlo,monospace}
.toggle{margin:8px 0;display:inline-block;padding:4px 10px;border:1px solid #c3c9d5;border-radius:12px;cursor:pointer}
body:has(#only-differ:checked) tbody tr:not(.differ){display:none}a.anchor{color:#8a93a6;text-decoration:none}`;

function cellHtml(cell: CompareCell): string {
  return cell === ABSENT ? `<td class="absent">${ABSENT}</td>` : `<td class="v" style="background:${VERDICT_COLOR[cell]}">${html(cell)}</td>`;
}

export function renderCompareHtml(matrix: CompareMatrix): string {
  const heads = matrix.columns.map((c) => `<th>${html(c.label)}<div class="muted">${html(`${c.profile} · ${c.endpoint}`)}</div><div class="muted">${html(countsText(c.counts))}</div></th>`);
  const rows = matrix.rows.map((r) => {
    const differ = new Set(r.cells).size > 1 ? ' class="differ"' : '';
    return `<tr${differ} id="${html(r.caseId)}"><td><code>${html(r.rule)}</code></td><td class="case">${html(r.title)}<div class="muted">${html(r.caseId)} <a class="anchor" href="#${html(r.caseId)}">#</a></div></td>${r.cells.map(cellHtml).join('')}</tr>`;
  });
  return ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8"><title>Targets compared</title>', `<style>${COMPARE_CSS}</style></head><body>`,
    `<h1>Targets compared</h1><p>${matrix.rows.length} case(s), ${disagreements(matrix).length} where the targets disagree (highlighted).</p>`,
    `<label class="toggle"><input type="checkbox" id="only-differ"${disagreements(matrix).length ? ' checked' : ''}> disagreements only (${disagreements(matrix).length})</label>`,
    `<table><thead><tr><th>Rule</th><th>Case</th>${heads.join('')}</tr></thead><tbody>`, ...rows, '</tbody></table></body></html>', ''].join('\n');
}
