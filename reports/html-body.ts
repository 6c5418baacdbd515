/**
 * Bodies for the HTML report: JSON pretty-printed, and the lines that differ from the expectation marked:
 * in the request the member the case's rule is about, in the answer the members a failure names (its
 * path) and the status or error code when no expected outcome allows it.
 */
import type { CaseResult, Report } from '../engine/report-types.ts';
import { html } from './escape.ts';
import { excerpt } from './text.ts';

/** Pretty JSON when the text parses as JSON, else the text itself. */
export function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The top-level members a list of JSON-pointer-like paths names (`/BatchSize`, `/DestinationConfig/OnFailure`). */
function topMembers(paths: string[]): Set<string> {
  return new Set(paths.map((p) => p.split('/').filter(Boolean)[0]).filter((m): m is string => m !== undefined));
}

/**
 * A top-level member's line of pretty JSON (2-space indent) at the start of the text or after a line feed,
 * its name in group 1. Only "\n" ends a line, as in `text.split('\n')` (a JSON string may hold U+2028).
 */
const MEMBER_LINE = /(?<=^|\n) {2}"((?:[^"\\\n]|\\.)*)":/g;

/**
 * Escaped lines, each top-level member line (2-space indent) in `marked` wrapped in <mark>. The lines
 * between marked ones are escaped together (escaping leaves line feeds as they are).
 */
export function markedBlock(text: string, marked: Set<string>, max = 4000): string {
  const shown = excerpt(text, max);
  if (marked.size === 0) return html(shown);
  let out = '';
  let from = 0;
  for (const m of shown.matchAll(MEMBER_LINE)) {
    if (!marked.has(m[1]!)) continue;
    const end = shown.indexOf('\n', m.index);
    const lineEnd = end === -1 ? shown.length : end;
    out += `${html(shown.slice(from, m.index))}<mark title="differs from the expectation">${html(shown.slice(m.index, lineEnd))}</mark>`;
    from = lineEnd;
  }
  return from === 0 ? html(shown) : out + html(shown.slice(from));
}

export function requestBody(c: CaseResult): string {
  if (c.request.raw !== undefined) return `<pre class="body">${html(excerpt(c.request.raw, 2000))}</pre>`;
  const member = c.rule.split('.')[0] ?? '';
  return `<pre class="body">${markedBlock(JSON.stringify(c.request.body ?? null, null, 2), new Set([member]), 2000)}</pre>`;
}

/** Whether the observed status and error code are among the run profile's expected outcomes. */
export function statusAllowed(report: Pick<Report, 'profile'>, c: CaseResult): boolean {
  const outcomes = c.expected[report.profile].outcomes;
  if (outcomes.length === 0 || c.observed.status === undefined) return true;
  return outcomes.some((o) => {
    const status = typeof o.status === 'number' ? o.status === c.observed.status : String(o.status).replace(/x/g, '') === String(c.observed.status).slice(0, 1);
    return status && (!o.codes || o.codes.length === 0 || o.codes.includes(c.observed.errorCode ?? ''));
  });
}

export function observedBody(c: CaseResult): string {
  const paths = c.failures.map((f) => f.path.replace(/^\/response/, '')).filter((p) => p !== '');
  // A member the answer lacks cannot be marked in it: it is listed under the body, marked.
  const missing = c.failures.filter((f) => f.args.missing === true && f.path !== '').map((f) => f.path.slice(1));
  const absent = missing.map((m) => `\n<mark title="missing from the answer">(missing) ${html(JSON.stringify(m))}</mark>`).join('');
  return `<pre class="body">${markedBlock(pretty(c.observed.body), topMembers(paths), 3000)}${absent}</pre>`;
}
