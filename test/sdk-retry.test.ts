/**
 * The run's SDK client retries as the raw transport does (engine/sdk-retry.ts): a throttled attempt waits
 * its Retry-After or a short backoff, not the SDK's default throttling backoff; other errors the raw
 * transport's backoff; the SDK's own decision of what is retryable and its attempt limit are kept.
 */
import { describe, expect, it } from 'vitest';
import { runRetryStrategy, SDK_BACKOFF, SDK_THROTTLE_BACKOFF } from '../engine/sdk-retry.ts';

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

describe('runRetryStrategy', () => {
  it('a throttle without Retry-After waits at most the short throttle backoff', async () => {
    const s = runRetryStrategy(3, () => 1);
    const token = await s.acquireInitialRetryToken('lambda');
    const ms = await timed(() => s.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' }));
    expect(ms).toBeGreaterThanOrEqual(SDK_THROTTLE_BACKOFF.baseDelayMs - 5);
    expect(ms).toBeLessThan(SDK_THROTTLE_BACKOFF.baseDelayMs + 150);
  });

  it('a throttle with Retry-After waits for it', async () => {
    const s = runRetryStrategy(3, () => 0);
    const token = await s.acquireInitialRetryToken('lambda');
    const ms = await timed(() => s.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', retryAfterHint: new Date(Date.now() + 120) }));
    expect(ms).toBeGreaterThanOrEqual(100);
    expect(ms).toBeLessThan(400);
  });

  it('a transient error takes the raw transport\'s backoff; the attempt limit holds', async () => {
    const s = runRetryStrategy(2, () => 1);
    const token = await s.acquireInitialRetryToken('lambda');
    let next = token;
    const ms = await timed(async () => { next = await s.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT' }); });
    expect(ms).toBeGreaterThanOrEqual(SDK_BACKOFF.baseDelayMs - 5);
    expect(ms).toBeLessThan(SDK_BACKOFF.baseDelayMs + 250);
    await expect(s.refreshRetryTokenForRetry(next, { errorType: 'TRANSIENT' })).rejects.toThrow(/No retry token/);
  });

  it('a client error is not retried', async () => {
    const s = runRetryStrategy(3, () => 0);
    const token = await s.acquireInitialRetryToken('lambda');
    await expect(s.refreshRetryTokenForRetry(token, { errorType: 'CLIENT_ERROR' })).rejects.toThrow(/No retry token/);
  });
});
