/** Renders an edition diff (spec/editions/diff.ts) as text, Markdown or JSON, and the list of editions. */
import type { EditionChange, EditionDiff } from '../spec/editions/diff.ts';
import type { EditionIndex } from '../spec/editions/types.ts';

export type EditionDiffFormat = 'text' | 'markdown' | 'json';

const show = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : typeof v === 'string' ? v : JSON.stringify(v));

/** One change in words: `maxLength 1 -> 2`, `member added (structure)`, `enum +X -Y`. */
export function describeChange(c: EditionChange): string {
  switch (c.kind) {
    case 'operation-added': return 'operation added';
    case 'operation-removed': return 'operation removed';
    case 'member-added': return `member added (${show(c.to)})`;
    case 'member-removed': return `member removed (${show(c.from)})`;
    case 'error-added': return `error added${c.to !== undefined ? ` (status ${show(c.to)})` : ''}`;
    case 'error-removed': return 'error removed';
    case 'type-changed': return `type ${show(c.from)} -> ${show(c.to)}`;
    default:
      if (c.added || c.removed) {
        return `${c.constraint} ${[...(c.added ?? []).map((v) => `+${v}`), ...(c.removed ?? []).map((v) => `-${v}`)].join(' ')}`;
      }
      return `${c.constraint} ${show(c.from)} -> ${show(c.to)}`;
  }
}

const escapeCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (v: unknown): string => `\`${escapeCell(show(v))}\``;

/** As describeChange, with values as code spans (patterns hold `*`, `_` and `|`). */
function markdownChange(c: EditionChange): string {
  if (c.kind !== 'constraint-changed' && c.kind !== 'binding-changed' && c.kind !== 'error-status-changed' && c.kind !== 'type-changed') return escapeCell(describeChange(c));
  if (c.added || c.removed) return `${c.constraint} ${[...(c.added ?? []).map((v) => `+${code(v)}`), ...(c.removed ?? []).map((v) => `-${code(v)}`)].join(' ')}`;
  return `${c.constraint ?? 'type'} ${code(c.from)} -> ${code(c.to)}`;
}

export function renderEditionDiff(diff: EditionDiff, format: EditionDiffFormat): string {
  if (format === 'json') return JSON.stringify(diff, null, 2);
  const title = `editions diff ${diff.a.name} -> ${diff.b.name}: ${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}`;
  if (format === 'markdown') {
    const rows = diff.changes.map((c) => `| \`${escapeCell(c.path)}\` | ${markdownChange(c)} |`);
    return [`## ${title}`, '', '| path | change |', '|---|---|', ...rows].join('\n');
  }
  const width = Math.min(72, Math.max(0, ...diff.changes.map((c) => c.path.length)));
  return [title, ...diff.changes.map((c) => `  ${c.path.padEnd(width)}  ${describeChange(c)}`)].join('\n');
}

export function renderEditionList(index: EditionIndex): string {
  const aliasesOf = (name: string): string[] => Object.entries(index.aliases).filter(([, v]) => v === name).map(([k]) => k);
  return index.editions.map((e) => {
    const aliases = aliasesOf(e.name);
    return [
      `${e.name}${aliases.length ? ` (${aliases.join(', ')})` : ''}`,
      `  origin ${e.origin}${e.modelDate ? `, model ${e.modelDate}` : ''}${e.botocoreVersion ? `, botocore ${e.botocoreVersion}` : ''}`,
      `  source sha256 ${e.sourceSha256}`,
      `  file ${e.file} sha256 ${e.sha256}`,
    ].join('\n');
  }).join('\n');
}
