/** botocore documentation (HTML fragments) as short plain text: tags dropped, entities decoded, first sentence. */
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&nbsp;': ' ' };

export const DOC_MAX = 300;

export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|amp|quot|#39|apos|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first sentence of the plain text, at most DOC_MAX characters (cut at a word with an ellipsis). */
export function shortDoc(html: string | undefined): string | undefined {
  if (html === undefined) return undefined;
  const text = plainText(html);
  if (!text) return undefined;
  const end = text.search(/[.!?](\s|$)/);
  const sentence = end >= 0 ? text.slice(0, end + 1) : text;
  if (sentence.length <= DOC_MAX) return sentence;
  const cut = sentence.slice(0, DOC_MAX - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), DOC_MAX / 2))}…`;
}
