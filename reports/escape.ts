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

/** The controls html() shows visibly: those XML forbids and the C1 controls (U+007F-U+009F). */
const HTML_CONTROLS = new RegExp(`[\\u007f-\\u009f]|${XML_FORBIDDEN.source}`, 'g');
/** Any character that html() may change (a surrogate only when it is lone, which the replace then checks). */
const HTML_MAYBE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/;
const HTML_MAYBE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/;

/**
 * HTML text or attribute value. Controls that HTML forbids are shown visibly too. Text with nothing to
 * change is returned as it is, and each replace runs only when its character is there (the `&` first,
 * so that no entity is escaped twice).
 */
export function html(text: string): string {
  if (!HTML_MAYBE.test(text)) return text;
  let s = HTML_MAYBE_CONTROL.test(text) ? text.replace(HTML_CONTROLS, visible) : text;
  if (s.includes('&')) s = s.replace(/&/g, '&amp;');
  if (s.includes('<')) s = s.replace(/</g, '&lt;');
  if (s.includes('>')) s = s.replace(/>/g, '&gt;');
  if (s.includes('"')) s = s.replace(/"/g, '&quot;');
  if (s.includes("'")) s = s.replace(/'/g, '&#39;');
  return s;
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
