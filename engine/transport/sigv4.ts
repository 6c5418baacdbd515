/**
 * SigV4 (AWS4-HMAC-SHA256) of one request over node:crypto, synchronous. It canonicalises exactly as
 * @smithy/signature-v4 does (test/sigv4.test.ts holds the two equal over every case of a plan), at a
 * fraction of its cost: the suite signs every attempt, and the signer must not be what limits a run.
 */
import crypto, { createHash, createHmac } from 'node:crypto';
import type { AwsCredentialIdentity, QueryParameterBag } from '@smithy/types';

export interface SignInput {
  method: string;
  path: string;
  query: QueryParameterBag;
  /** Headers to sign (host included); authorization, x-amz-date and date are dropped, as the signer does. */
  headers: Record<string, string>;
  body: Uint8Array;
  region: string;
  service: string;
  credentials: AwsCredentialIdentity;
  date?: Date;
}

const UNSIGNABLE = new Set(['authorization', 'cache-control', 'connection', 'expect', 'from', 'keep-alive', 'max-forwards', 'pragma',
  'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'x-amzn-trace-id']);
const GENERATED = new Set(['authorization', 'x-amz-date', 'date']);

const escapeUri = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** One-shot hashing (crypto.hash, Node 20.12+) where there is one: no Hash object per call. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array | string, encoding: 'hex') => string }).hash;
const sha256Hex = (data: Uint8Array | string): string => (oneShot ? oneShot('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex'));

/** The path with empty and `.` segments dropped, `..` resolved, then URI-escaped ('/' kept). */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const s of path.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segments.pop();
    else segments.push(s);
  }
  const normal = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normal).replace(/%2F/g, '/');
}

function canonicalQuery(query: QueryParameterBag): string {
  const parts: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(query)) {
    if (key.toLowerCase() === 'x-amz-signature') continue;
    const k = escapeUri(key);
    if (typeof value === 'string') parts.push([k, `${k}=${escapeUri(value)}`]);
    else if (Array.isArray(value)) parts.push([k, value.map((v) => `${k}=${escapeUri(v)}`).sort().join('&')]);
  }
  return parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((p) => p[1]).filter(Boolean).join('&');
}

function canonicalHeaders(headers: Record<string, string>): Array<[string, string]> {
  const out = new Map<string, string>();
  for (const name of Object.keys(headers).sort()) {
    const value = headers[name];
    const lower = name.toLowerCase();
    if (value == null || UNSIGNABLE.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) continue;
    out.set(lower, value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, ''));
  }
  return [...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A given x-amz-content-sha256 header is the payload hash, as the signer takes it. */
function payloadHash(headers: Record<string, string>, body: Uint8Array): string {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'x-amz-content-sha256') return v;
  return sha256Hex(body);
}

const keys = new Map<string, Buffer>();

function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${secret}\n${day}\n${region}\n${service}`;
  let key = keys.get(id);
  if (!key) {
    const kDate = createHmac('sha256', `AWS4${secret}`).update(day).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    key = createHmac('sha256', kService).update('aws4_request').digest();
    if (keys.size > 50) keys.clear();
    keys.set(id, key);
  }
  return key;
}

let lastSecond = NaN;
let lastAmzDate = '';

/** 20261202T134500Z: the ISO time to the second without separators (the last one kept: most calls share a second). */
function amzDate(d: Date): string {
  const second = Math.floor(d.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastAmzDate = d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  }
  return lastAmzDate;
}

/** The request's headers as signed: the input's (minus generated ones) plus x-amz-date, the token, authorization. */
export function sigv4(input: SignInput): Record<string, string> {
  const longDate = amzDate(input.date ?? new Date());
  const day = longDate.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) if (!GENERATED.has(k.toLowerCase())) headers[k] = v;
  headers['x-amz-date'] = longDate;
  if (input.credentials.sessionToken) headers['x-amz-security-token'] = input.credentials.sessionToken;
  const canonical = canonicalHeaders(headers);
  const signedNames = canonical.map(([k]) => k).join(';');
  const request = [input.method, canonicalPath(input.path), canonicalQuery(input.query),
    canonical.map(([k, v]) => `${k}:${v}`).join('\n'), '', signedNames, payloadHash(headers, input.body)].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${sha256Hex(request)}`;
  const signature = createHmac('sha256', signingKey(input.credentials.secretAccessKey, day, input.region, input.service)).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedNames}, Signature=${signature}`;
  return headers;
}
