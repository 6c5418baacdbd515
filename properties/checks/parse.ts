/** Reading an answer: its JSON body and its error code (header first, then body, as botocore and SDK v3 do). */
import type { ObservedAnswer } from '../types.ts';

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `aws.lambda#ResourceNotFoundException:http://...` -> `ResourceNotFoundException`. */
export function sanitizeCode(raw: string): string {
  const noUrl = raw.split(':')[0] ?? raw;
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
