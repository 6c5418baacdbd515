/** Reading an answer: its JSON body and its error code (header first, then body, as botocore and SDK v3 do). */
import type { ObservedAnswer } from '../types.ts';

type Parsed = { ok: true; value: unknown } | { ok: false };

// The judge reads one answer's body in several checks (error code, error shape, members, parity): the last
// two bodies parsed (an answer and its read-back) are kept, so that each is parsed once per case.
let lastText: string | undefined;
let lastParsed: Parsed = { ok: false };
let prevText: string | undefined;
let prevParsed: Parsed = { ok: false };

/** A body as JSON. The value may be shared with other readers of the same text: read it, never change it. */
export function parseJson(text: string): Parsed {
  if (text === lastText) return lastParsed;
  if (text === prevText) return prevParsed;
  let parsed: Parsed;
  try {
    parsed = { ok: true, value: JSON.parse(text) };
  } catch {
    parsed = { ok: false };
  }
  prevText = lastText;
  prevParsed = lastParsed;
  lastText = text;
  lastParsed = parsed;
  return parsed;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `aws.lambda#ResourceNotFoundException:http://...` -> `ResourceNotFoundException`. */
export function sanitizeCode(raw: string): string {
  const colon = raw.indexOf(':');
  const noUrl = colon < 0 ? raw : raw.slice(0, colon);
  const noNs = noUrl.includes('#') ? noUrl.slice(noUrl.lastIndexOf('#') + 1) : noUrl;
  return noNs.trim();
}

export function headerCode(a: ObservedAnswer): string | undefined {
  const h = a.headers['x-amzn-errortype'];
  return h ? sanitizeCode(h) : undefined;
}

export function bodyCode(a: ObservedAnswer): string | undefined {
  const p = parseJson(a.body);
  if (!p.ok || !isObject(p.value)) return undefined;
  for (const key of ['code', 'Code', '__type']) {
    const v = p.value[key];
    if (typeof v === 'string' && v) return sanitizeCode(v);
  }
  return undefined;
}

export function errorCode(a: ObservedAnswer): string | undefined {
  return headerCode(a) ?? bodyCode(a);
}
