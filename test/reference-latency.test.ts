/**
 * The reference's latency mode (--latency aws; off by default): Creating then Enabled, Delete refused while
 * Creating (ResourceInUseException), Deleting then gone, a per-account rate answered 429 with Retry-After
 * and a Reason (aws-observed.md: recorded behaviours; the durations and the rate are assumptions).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { call, COLLECTION, create, deleteMapping, errorCode, getMapping } from '../reference/client.ts';
import { AWS_LATENCY, Latency } from '../reference/latency.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';

let ref: ReferenceHandle | undefined;
afterEach(async () => { await ref?.close(); ref = undefined; });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Latency (clock injected)', () => {
  it('scales the delays and the rate, and walks Creating -> Enabled -> Deleting -> gone', () => {
    let now = 0;
    const l = new Latency(0.5, AWS_LATENCY, () => now);
    expect(l.profile).toEqual({ settleMs: AWS_LATENCY.settleMs / 2, deleteMs: AWS_LATENCY.deleteMs / 2, ratePerSecond: AWS_LATENCY.ratePerSecond * 2, burst: AWS_LATENCY.burst });
    l.created('u', 'Enabled');
    expect(l.state('u')).toBe('Creating');
    expect(() => l.deleting('u')).toThrow(/Creating/);
    now = l.profile.settleMs;
    expect(l.state('u')).toBe('Enabled');
    l.deleting('u');
    expect(l.state('u')).toBe('Deleting');
    now += l.profile.deleteMs;
    expect(l.state('u')).toBe('gone');
  });

  it('admits a burst, then throttles with the wait until the next token', () => {
    let now = 0;
    const l = new Latency(1, { settleMs: 0, deleteMs: 0, ratePerSecond: 10, burst: 2 }, () => now);
    l.admit();
    l.admit();
    expect(() => l.admit()).toThrow(expect.objectContaining({ code: 'TooManyRequestsException', status: 429, retryAfterSeconds: 0.1 }));
    now = 100;
    l.admit();
    expect(l.throttled).toBe(1);
  });
});

describe('the reference server with --latency aws', () => {
  const body = (fn: string, arn: string) => ({ FunctionName: fn, EventSourceArn: arn, StartingPosition: 'LATEST' });

  it('is off by default: a mapping is deleted at once and nothing is throttled', async () => {
    ref = await startReference();
    const m = (await create(ref.url, body(ref.resources.functionName, ref.resources.kinesisStreamArn))).json!;
    expect((await deleteMapping(ref.url, String(m.UUID))).status).toBe(202);
    expect((await getMapping(ref.url, String(m.UUID))).status).toBe(404);
    const answers = await Promise.all(Array.from({ length: 60 }, () => call(ref!.url, 'GET', COLLECTION)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(ref.throttled()).toBe(0);
  });

  it('settles, refuses an early delete, deletes slowly, and a Deleting mapping still holds its pair (409)', async () => {
    ref = await startReference({ latency: { scale: 0.05 } }); // settle 400 ms, delete 600 ms
    const r = ref.resources;
    const m = (await create(ref.url, body(r.functionName, r.kinesisStreamArn))).json!;
    expect(m.State).toBe('Creating');
    const early = await deleteMapping(ref.url, String(m.UUID));
    expect(early.status).toBe(400);
    expect(errorCode(early)).toBe('ResourceInUseException');
    await pause(450);
    expect((await getMapping(ref.url, String(m.UUID))).json?.State).toBe('Enabled');
    const del = await deleteMapping(ref.url, String(m.UUID));
    expect([del.status, del.json?.State]).toEqual([202, 'Deleting']);
    expect((await getMapping(ref.url, String(m.UUID))).json?.State).toBe('Deleting');
    expect((await create(ref.url, body(r.functionName, r.kinesisStreamArn))).status).toBe(409);
    expect((await create(ref.url, body(r.functionNames[1]!, r.kinesisStreamArn))).status).toBe(202);
    await pause(700);
    expect((await getMapping(ref.url, String(m.UUID))).status).toBe(404);
  });

  it('answers 429 TooManyRequestsException with Retry-After and a Reason above its rate', async () => {
    ref = await startReference({ latency: { scale: 1 } }); // 15 per second, a burst of 15
    const answers = await Promise.all(Array.from({ length: 40 }, () => call(ref!.url, 'GET', COLLECTION)));
    const throttled = answers.filter((a) => a.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    const t = throttled[0]!;
    expect(errorCode(t)).toBe('TooManyRequestsException');
    expect(Number(t.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(t.json).toMatchObject({ Type: 'User', message: 'Rate exceeded', Reason: 'CallerRateLimitExceeded' });
    expect(ref.throttled()).toBe(throttled.length);
  });
});
