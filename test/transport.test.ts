import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { sendRaw } from '../engine/transport/send.ts';
import { signRequest } from '../engine/transport/sign.ts';
import type { RawRequest, SendOptions } from '../engine/transport/types.ts';

const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const PATH = '/2015-03-31/event-source-mappings/';

interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** nock hands over utf8 text, or hex when the bytes are not utf8-representable. */
  body: string;
}

function opts(extra: Partial<SendOptions> = {}): SendOptions {
  return {
    region: 'us-east-1',
    service: 'lambda',
    credentials: CREDS,
    timeoutMs: 2_000,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    ...extra,
  };
}

function capture(origin: string, path = PATH): Received[] {
  const seen: Received[] = [];
  nock(origin)
    .post(path)
    .reply(function (uri, body) {
      const headers = Object.fromEntries(Object.entries(this.req.headers).map(([k, v]) => [k, String(v)]));
      seen.push({ method: this.req.method ?? '', path: uri, headers, body: String(body) });
      return [201, '{"UUID":"x"}', { 'Content-Type': 'application/json' }];
    });
  return seen;
}

function parseAuthorization(auth: string): { credential: string; signedHeaders: string[]; signature: string } {
  const m = /^AWS4-HMAC-SHA256 Credential=(\S+), SignedHeaders=(\S+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) throw new Error(`unexpected Authorization: ${auth}`);
  return { credential: m[1] ?? '', signedHeaders: (m[2] ?? '').split(';'), signature: m[3] ?? '' };
}

/** Re-signs what the server received, using only received data, and returns the Authorization it yields. */
async function resign(r: Received, endpoint: URL, bytes: Uint8Array, creds = CREDS): Promise<string> {
  const { signedHeaders } = parseAuthorization(r.headers.authorization ?? '');
  const headers = Object.fromEntries(signedHeaders.map((n) => [n, r.headers[n] ?? '']));
  const amzDate = r.headers['x-amz-date'] ?? '';
  const iso = amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z');
  const signer = new SignatureV4({ service: 'lambda', region: 'us-east-1', credentials: creds, sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(
    { method: r.method, protocol: endpoint.protocol, hostname: endpoint.hostname, path: r.path, query: {}, headers, body: bytes },
    { signingDate: new Date(iso) },
  );
  return signed.headers.authorization ?? '';
}

function request(endpoint: string, body: Uint8Array | string, headers: Record<string, string> = {}): RawRequest {
  return { endpoint: new URL(endpoint), method: 'POST', path: PATH, headers, body };
}

describe('transport signing and wire bytes', () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('signs with the lambda credential scope, host and x-amz-date', async () => {
    const seen = capture('http://lambda.test:9000');
    const res = await sendRaw(request('http://lambda.test:9000', '{"FunctionName":"f"}', { 'Content-Type': 'application/json' }), opts());
    expect(res).toMatchObject({ kind: 'response', status: 201, attempts: 1, body: '{"UUID":"x"}' });
    const got = seen[0];
    expect(got?.headers.host).toBe('lambda.test:9000');
    const auth = parseAuthorization(got?.headers.authorization ?? '');
    const day = (got?.headers['x-amz-date'] ?? '').slice(0, 8);
    expect(day).toMatch(/^\d{8}$/);
    expect(auth.credential).toBe(`AKIDEXAMPLE/${day}/us-east-1/lambda/aws4_request`);
    expect(auth.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'content-type']));
    expect(auth.signedHeaders).not.toContain('x-amz-content-sha256');
  });

  it('produces a signature that verifies over the received bytes (text, non-ASCII)', async () => {
    const endpoint = 'https://lambda.us-east-1.amazonaws.com';
    const seen = capture(endpoint);
    const body = 'name=Zoë & 東京 — not JSON {';
    await sendRaw(request(endpoint, body, { 'Content-Type': 'text/plain; charset=utf-8' }), opts());
    const got = seen[0];
    if (!got) throw new Error('nothing received');
    expect(got.headers.host).toBe('lambda.us-east-1.amazonaws.com');
    expect(got.body).toBe(body);
    const bytes = new Uint8Array(Buffer.from(got.body, 'utf8'));
    expect(got.headers['content-length']).toBe(String(bytes.byteLength));
    expect(await resign(got, new URL(endpoint), bytes)).toBe(got.headers.authorization);
  });

  it('sends a binary (non-UTF-8) body byte-for-byte and signs those bytes', async () => {
    const endpoint = 'http://lambda.test:9000';
    const seen = capture(endpoint);
    const sent = new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0x22, 0xc3, 0x28, 0x80]);
    await sendRaw(request(endpoint, sent, { 'Content-Type': 'application/octet-stream' }), opts());
    const got = seen[0];
    if (!got) throw new Error('nothing received');
    expect(got.body).toBe(Buffer.from(sent).toString('hex'));
    const bytes = new Uint8Array(Buffer.from(got.body, 'hex'));
    expect(await resign(got, new URL(endpoint), bytes)).toBe(got.headers.authorization);
  });

  it('sends the path verbatim, keeps caller headers, and signs a session token', async () => {
    const endpoint = 'http://lambda.test:9000';
    const path = '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af/x';
    const seen = capture(endpoint, path);
    const creds = { ...CREDS, sessionToken: 'TOKEN/with+chars=' };
    const req = { ...request(endpoint, ''), path, headers: { 'X-Custom': '  spaced  value ', Host: 'ignored.example' } };
    await sendRaw(req, opts({ credentials: async () => creds }));
    const got = seen[0];
    if (!got) throw new Error('nothing received');
    expect(got.path).toBe(path);
    expect(got.headers.host).toBe('lambda.test:9000');
    // Surrounding whitespace is optional whitespace in HTTP and the parser drops it; the inside survives.
    expect(got.headers['x-custom']).toBe('spaced  value');
    expect(got.headers['x-amz-security-token']).toBe('TOKEN/with+chars=');
    expect(parseAuthorization(got.headers.authorization ?? '').signedHeaders).toContain('x-amz-security-token');
    expect(await resign(got, new URL(endpoint), new Uint8Array(), creds)).toBe(got.headers.authorization);
  });

  it('signRequest uses a fresh date on every call and signs the query string', async () => {
    const req = { ...request('http://lambda.test', 'a'), path: `${PATH}?Marker=a%2Fb&MaxItems=2` };
    const first = await signRequest(req, opts());
    expect(first.headers.host).toBe('lambda.test');
    const other = await signRequest({ ...req, path: `${PATH}?Marker=a%2Fc&MaxItems=2` }, opts());
    expect(first.headers.authorization).not.toBe(other.headers.authorization);
  });
});
