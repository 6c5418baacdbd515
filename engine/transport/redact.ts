/**
 * Redaction applied before anything reaches a report or a log.
 */

const MASK = '[REDACTED]';

/** Header names (lower case) that are dropped outright. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-amz-security-token',
  'x-amz-signature',
  'cookie',
  'set-cookie',
]);

/** A header value that carries a signature: the header is dropped. */
const SIGNATURE_IN_VALUE = /Signature=/i;

/** Drops credential-bearing headers and masks secrets inside the remaining values. */
export function redactHeaders(h: Record<string, string>): Record<string, string> {
  const kept: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(h)) {
    if (!SECRET_HEADERS.has(name.toLowerCase()) && !SIGNATURE_IN_VALUE.test(value)) kept.push([name, redactText(value)]);
  }
  return Object.fromEntries(kept);
}

const TEXT_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // Access-key ids: keep the 4-letter prefix so the key type stays visible.
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, `$1${MASK}`],
  // SigV4 signatures in headers and presigned query strings.
  [/(Signature=)[0-9a-fA-F]+/gi, `$1${MASK}`],
  // Security tokens and secret keys named as a query parameter, header line or JSON member.
  [
    /((?:X-Amz-Security-Token|SessionToken|Session_Token|SecretAccessKey|Secret_Access_Key)["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
    `$1${MASK}`,
  ],
  // STS session tokens appearing on their own (base64 of their fixed binary prefix).
  [/\b(?:IQoJb3JpZ2lu|FwoGZXIvYXdz)[A-Za-z0-9+/=%]{16,}/g, MASK],
];

/**
 * What every match of a TEXT_RULES pattern contains (case ignored, so more than the rules need): text
 * without any of these has nothing to mask, and is returned without running the rules one by one.
 */
const MAY_HOLD_SECRET = /AKIA|ASIA|Signature=|Token|Secret|IQoJb3JpZ2lu|FwoGZXIvYXdz/i;

/** Masks AWS access-key ids, Signature=<hex> values and security tokens in free text. */
export function redactText(s: string): string {
  if (!MAY_HOLD_SECRET.test(s)) return s;
  return TEXT_RULES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), s);
}
