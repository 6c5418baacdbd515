/** Text renderings of a ReportDiff for the console and for a Markdown job summary. */
import type { DiffEntry, ReportDiff } from './diff.ts';
import { mdCell, mdCode } from './escape.ts';
import { terminalSafe } from './console.ts';

type Section = { title: string; entries: DiffEntry[] };

/** `changed` minus the moves already listed as new failures or fixes. */
function otherChanges(diff: ReportDiff): DiffEntry[] {
  const shown = new Set([...diff.newFailures, ...diff.fixed].map((e) => e.caseId));
  return diff.changed.filter((e) => !shown.has(e.caseId));
}

function sections(diff: ReportDiff): Section[] {
  return [
    { title: 'New failures', entries: diff.newFailures },
    { title: 'Fixed', entries: diff.fixed },
    { title: 'Other verdict changes', entries: otherChanges(diff) },
    { title: 'Added cases', entries: diff.added },
    { title: 'Removed cases', entries: diff.removed },
  ];
}

function move(e: DiffEntry): string {
  return `${e.before ?? '(absent)'} -> ${e.after ?? '(absent)'}`;
}

function consoleText(diff: ReportDiff): string {
  const lines = diff.notes.map((n) => `note: ${n}`);
  for (const s of sections(diff)) {
    lines.push(`${s.title} (${s.entries.length})`);
    for (const e of s.entries) lines.push(`  ${move(e).padEnd(28)} ${e.rule}  ${terminalSafe(e.title)}  [${e.caseId}]`);
  }
  lines.push(summaryLine(diff));
  return `${lines.join('\n')}\n`;
}

function markdownText(diff: ReportDiff): string {
  const out = ['## Baseline diff', '', summaryLine(diff), ''];
  for (const n of diff.notes) out.push(`> ${mdCell(n)}`, '');
  for (const s of sections(diff)) {
    if (s.entries.length === 0) continue;
    out.push(`### ${s.title} (${s.entries.length})`, '', '| Change | Rule | Case | Id |', '|---|---|---|---|');
    for (const e of s.entries) out.push(`| ${move(e)} | ${mdCode(e.rule)} | ${mdCell(e.title)} | ${mdCode(e.caseId)} |`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function summaryLine(diff: ReportDiff): string {
  return `${diff.newFailures.length} new failure(s), ${diff.fixed.length} fixed, ${diff.changed.length} verdict change(s), `
    + `${diff.added.length} added, ${diff.removed.length} removed; ${diff.currentFailures} case(s) fail now`;
}

export function renderDiff(diff: ReportDiff, format: 'console' | 'markdown'): string {
  return format === 'console' ? consoleText(diff) : markdownText(diff);
}
