/**
 * How the SDK pass's @aws-sdk/client-lambda retries: as the raw transport does (engine/transport/send.ts),
 * not with the SDK's default throttling backoff (a random wait of up to a second and more on the first
 * retry, which against a rate-limited target made every lane's first SDK create about a second late). An
 * answer with Retry-After waits exactly that (the run's gate also pauses every sender for it,
 * engine/sdk-combined.ts); one without waits the raw transport's full-jitter backoff. The SDK's decision of
 * what is retryable, its attempt limit and its retry quota are kept (StandardRetryStrategy inside).
 */
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken, StandardRetryBackoffStrategy, StandardRetryToken } from '@smithy/types';
import { backoffDelay } from './transport/backoff.ts';

/** The raw transport's policy (engine/wire.ts). */
export const SDK_BACKOFF = { baseDelayMs: 200, maxDelayMs: 5_000 };

/** No backoff of its own: the inner strategy then waits only for a Retry-After (at most 5 s past it). */
const NONE: StandardRetryBackoffStrategy = { computeNextBackoffDelay: () => 0, setDelayBase: () => undefined };

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RunRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';
  private readonly inner: StandardRetryStrategy;

  constructor(maxAttempts: number, private readonly random: () => number = Math.random) {
    this.inner = new StandardRetryStrategy({ maxAttempts, baseDelay: SDK_BACKOFF.baseDelayMs, backoff: NONE });
  }

  acquireInitialRetryToken(scope: string): Promise<RetryToken> {
    return this.inner.acquireInitialRetryToken(scope);
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const next = await this.inner.refreshRetryTokenForRetry(token as StandardRetryToken, info);
    if (!(info.retryAfterHint instanceof Date)) await pause(backoffDelay(next.getRetryCount(), SDK_BACKOFF, this.random));
    return next;
  }

  recordSuccess(token: RetryToken): void {
    this.inner.recordSuccess(token as StandardRetryToken);
  }
}

export function runRetryStrategy(maxAttempts: number, random?: () => number): RunRetryStrategy {
  return new RunRetryStrategy(maxAttempts, random);
}
