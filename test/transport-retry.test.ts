import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { sendRaw } from '../engine/transport/send.ts';
import { abortableSleep, backoffDelay, parseRetryAfter, RETRY_AFTER_CAP_MS } from '../engine/transport/backoff.ts';
import type { RawRequest, SendOptions } from '../engine/transport/types.ts';

const ORIGIN = 'http://lambda.test:9000';
const PATH = '/2015-03-31/event-source-mappings/';
const REQ: RawRequest = { endpoint: new URL(ORIGIN), method: 'POST', path: PATH, headers: {}, body: '{}' };

function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

function opts(maxAttempts: number, extra: Partial<SendOptions> = {}): SendOptions {
  return {
    region: 'us-east-1',
    service: 'lambda',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    timeoutMs: 1_000,
    retry: { maxAttempts, baseDelayMs: 100, maxDelayMs: 400 },
    ...extra,
  };
}

async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('transport retries, timeouts and aborts', () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('retries a 503 and returns the following success, signing every attempt', async () => {
    const auths: string[] = [];
    const record = (status: number, body: string) =>
      function (this: { req: { headers: Record<string, unknown> } }): [number, string] {
        auths.push(String(this.req.headers.authorization));
        return [status, body];
      };
    nock(ORIGIN).post(PATH).reply(record(503, 'busy'));
    nock(ORIGIN).post(PATH).reply(record(200, '{"ok":true}'));
    const { waits, sleep } = recordingSleep();
    const res = await sendRaw(REQ, opts(3, { sleep }));
    expect(res).toMatchObject({ kind: 'response', status: 200, attempts: 2, body: '{"ok":true}' });
    expect(res.retried).toEqual([{ status: 503, reason: 'server error (503)', waitedMs: waits[0] }]);
    expect(waits[0]).toBeGreaterThanOrEqual(0);
    expect(waits[0]).toBeLessThan(100);
    expect(auths).toHaveLength(2);
    for (const auth of auths) expect(auth).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
  });

  it('waits exactly what Retry-After asks on a 429', async () => {
    nock(ORIGIN).post(PATH).reply(429, 'slow down', { 'Retry-After': '1' });
    nock(ORIGIN).post(PATH).reply(200, 'ok');
    const { waits, sleep } = recordingSleep();
    const res = await sendRaw(REQ, opts(2, { sleep }));
    expect(waits).toEqual([1000]);
    expect(res).toMatchObject({ kind: 'response', status: 200, attempts: 2 });
    expect(res.retried[0]).toMatchObject({ status: 429, waitedMs: 1000 });
  });

  it('returns the last 429 as is after maxAttempts', async () => {
    nock(ORIGIN).post(PATH).times(3).reply(429, '{"message":"Rate exceeded"}', { 'X-Amzn-ErrorType': 'TooManyRequestsException' });
    const { waits, sleep } = recordingSleep();
    const res = await sendRaw(REQ, opts(3, { sleep }));
    expect(res).toMatchObject({ kind: 'response', status: 429, attempts: 3, body: '{"message":"Rate exceeded"}' });
    if (res.kind === 'response') expect(res.headers['x-amzn-errortype']).toBe('TooManyRequestsException');
    expect(waits).toHaveLength(2);
    expect(nock.isDone()).toBe(true);
  });

  it('does not retry a 4xx other than 429', async () => {
    nock(ORIGIN).post(PATH).reply(400, '{"__type":"InvalidParameterValueException"}');
    const res = await sendRaw(REQ, opts(3, { sleep: recordingSleep().sleep }));
    expect(res).toMatchObject({ kind: 'response', status: 400, attempts: 1, retried: [] });
  });

  it('gives kind timeout when the server hangs past timeoutMs', async () => {
    nock(ORIGIN).post(PATH).times(2).delay(3_000).reply(200, 'late');
    const { waits, sleep } = recordingSleep();
    const res = await sendRaw(REQ, opts(2, { timeoutMs: 50, sleep }));
    expect(res).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(res.durationMs).toBeLessThan(1_500);
    expect(res.retried).toHaveLength(1);
    expect(waits).toHaveLength(1);
  });

  it('gives kind network with a one-line message for a refused port, without throwing', async () => {
    nock.enableNetConnect('127.0.0.1');
    const port = await refusedPort();
    const { sleep } = recordingSleep();
    const res = await sendRaw({ ...REQ, endpoint: new URL(`http://127.0.0.1:${port}`) }, opts(2, { sleep }));
    expect(res.kind).toBe('network');
    if (res.kind !== 'network') return;
    expect(res.message).toContain('ECONNREFUSED');
    expect(res.message).not.toContain('\n');
    expect(res.attempts).toBe(2);
  });

  it('aborts a hanging request promptly via the signal', async () => {
    nock(ORIGIN).post(PATH).delay(3_000).reply(200, 'late');
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 30);
    const res = await sendRaw(REQ, opts(3, { timeoutMs: 5_000, signal: ctrl.signal }));
    expect(res).toMatchObject({ kind: 'aborted', attempts: 1 });
    expect(res.durationMs).toBeLessThan(1_000);
  });

  it('aborts during a backoff sleep, and does nothing when already aborted', async () => {
    nock(ORIGIN).post(PATH).reply(503, '', { 'Retry-After': '30' });
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 30);
    const res = await sendRaw(REQ, opts(3, { signal: ctrl.signal }));
    expect(res).toMatchObject({ kind: 'aborted', attempts: 1 });
    expect(res.retried).toEqual([{ status: 503, reason: 'server error (503); Retry-After 30', waitedMs: 30_000 }]);
    expect(res.durationMs).toBeLessThan(1_000);
    const again = await sendRaw(REQ, opts(3, { signal: ctrl.signal }));
    expect(again).toMatchObject({ kind: 'aborted', attempts: 0 });
  });
});

describe('transport backoff helpers', () => {
  it('parses Retry-After seconds and HTTP dates, clamped to [0, cap]', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('86400', now)).toBe(RETRY_AFTER_CAP_MS);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('uses full jitter under an exponential ceiling capped at maxDelayMs', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(0);
    expect(backoffDelay(1, policy, () => 0.5)).toBe(50);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
    expect(backoffDelay(10, policy, () => 0.999)).toBe(999);
  });

  it('abortableSleep stops on abort even with an injected sleep that never ends', async () => {
    const ctrl = new AbortController();
    const pending = abortableSleep(10, ctrl.signal, () => new Promise<void>(() => undefined));
    ctrl.abort();
    expect(await pending).toBe('aborted');
  });
});
