/**
 * The SDK pass's client retries as the raw transport does (engine/sdk-retry.ts): an answer with Retry-After
 * waits exactly that, one without the raw transport's full-jitter backoff, never the SDK's default
 * throttling backoff; the SDK's own decision of what is retryable and its attempt limit are kept.
 */
import { describe, expect, it } from 'vitest';
import { runRetryStrategy, SDK_BACKOFF } from '../engine/sdk-retry.ts';

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await f();
  return { ms: performance.now() - t, value };
}

describe('runRetryStrategy', () => {
  it('a throttle without Retry-After waits the raw transport\'s backoff (its ceiling with random = 1)', async () => {
    const s = runRetryStrategy(3, () => 1);
    const token = await s.acquireInitialRetryToken('lambda');
    const { ms } = await timed(() => s.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' }));
    expect(ms).toBeGreaterThanOrEqual(SDK_BACKOFF.baseDelayMs - 5);
    expect(ms).toBeLessThan(SDK_BACKOFF.baseDelayMs + 600);
  });

  it('a throttle with a short Retry-After waits for it and no more (the SDK\'s default would wait up to a second)', async () => {
    const s = runRetryStrategy(3, () => 1);
    const token = await s.acquireInitialRetryToken('lambda');
    // random = 1: a backoff added on top of the hint would make this at least 200 ms.
    const { ms } = await timed(() => s.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', retryAfterHint: new Date(Date.now() + 20) }));
    expect(ms).toBeGreaterThanOrEqual(15);
    expect(ms).toBeLessThan(SDK_BACKOFF.baseDelayMs);
  });

  it('a transient error takes the raw transport\'s backoff; the attempt limit holds', async () => {
    const s = runRetryStrategy(2, () => 1);
    const token = await s.acquireInitialRetryToken('lambda');
    const { ms, value: next } = await timed(() => s.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT' }));
    expect(ms).toBeGreaterThanOrEqual(SDK_BACKOFF.baseDelayMs - 5);
    expect(ms).toBeLessThan(SDK_BACKOFF.baseDelayMs + 600);
    await expect(s.refreshRetryTokenForRetry(next, { errorType: 'TRANSIENT' })).rejects.toThrow(/No retry token/);
  });

  it('a client error is not retried', async () => {
    const s = runRetryStrategy(3, () => 0);
    const token = await s.acquireInitialRetryToken('lambda');
    await expect(s.refreshRetryTokenForRetry(token, { errorType: 'CLIENT_ERROR' })).rejects.toThrow(/No retry token/);
  });
});
