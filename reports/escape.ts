/** Escaping for the markup writers. Every string from a report passes through one of these. */

/**
 * Characters XML 1.0 forbids even as character references (C0 controls except tab, LF, CR; lone
 * surrogates; U+FFFE and U+FFFF). They are shown as a visible `\uXXXX` instead.
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text content of an XML element. */
export function xmlText(text: string): string {
  return text
    .replace(XML_FORBIDDEN, visible)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An XML attribute value (double-quoted); tab, LF and CR kept as references so they survive normalisation. */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** What html() replaces: the five markup characters, the controls XML forbids and the C1 controls (U+007F-U+009F). */
const HTML_SPECIAL = new RegExp(`[&<>"'\\u007f-\\u009f]|${XML_FORBIDDEN.source}`, 'g');
const HTML_ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML text or attribute value. Controls that HTML forbids are shown visibly too. One pass over the text. */
export function html(text: string): string {
  return text.replace(HTML_SPECIAL, (c) => HTML_ENTITY[c] ?? visible(c));
}

/** Markdown inline text (also a table cell): no raw HTML, no emphasis or links, no pipes or line breaks. */
export function mdCell(text: string): string {
  return text
    .replace(XML_FORBIDDEN, visible)
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n|\r/g, ' ');
}

/** A Markdown code span (outside tables): text shown verbatim, on one line. */
export function mdCode(text: string): string {
  const flat = text.replace(XML_FORBIDDEN, visible).replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run inside the text. */
export function mdFence(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(XML_FORBIDDEN, visible)}\n${fence}`;
}
