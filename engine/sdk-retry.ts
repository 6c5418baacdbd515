/**
 * How the run's @aws-sdk/client-lambda retries: as the raw transport does, not with the SDK's default
 * throttling backoff (a random wait of up to a second and more on the first retry, which against a
 * rate-limited target made every lane's first SDK create about a second late). A throttled attempt waits
 * its Retry-After (the run's gate also pauses every sender for it, engine/sdk-combined.ts) or a short
 * full-jitter backoff; any other retryable error the raw transport's backoff. The SDK's retry quota and
 * its decision of what is retryable are kept (StandardRetryStrategy).
 */
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { StandardRetryBackoffStrategy } from '@smithy/types';
import { backoffDelay } from './transport/backoff.ts';

/** The raw transport's policy (engine/wire.ts) for errors other than throttling. */
export const SDK_BACKOFF = { baseDelayMs: 200, maxDelayMs: 5_000 };
/** After a throttle: short, since Retry-After (taken when longer) and the gate's adaptive rate do the pacing. */
export const SDK_THROTTLE_BACKOFF = { baseDelayMs: 50, maxDelayMs: 2_000 };

/** StandardRetryStrategy sets the base (its own for throttles, ours otherwise) right before each computation. */
class RunBackoff implements StandardRetryBackoffStrategy {
  private throttled = false;
  constructor(private readonly random: () => number = Math.random) {}
  setDelayBase(delay: number): void {
    this.throttled = delay !== SDK_BACKOFF.baseDelayMs;
  }
  computeNextBackoffDelay(retries: number): number {
    return backoffDelay(retries + 1, this.throttled ? SDK_THROTTLE_BACKOFF : SDK_BACKOFF, this.random);
  }
}

export function runRetryStrategy(maxAttempts: number, random?: () => number): StandardRetryStrategy {
  return new StandardRetryStrategy({ maxAttempts, baseDelay: SDK_BACKOFF.baseDelayMs, backoff: new RunBackoff(random) });
}
