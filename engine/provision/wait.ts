import { isRetryable } from './aws-errors.ts';

export interface PollOptions {
  intervalMs: number;
  timeoutMs: number;
}

export const DEFAULT_POLL: PollOptions = { intervalMs: 1_000, timeoutMs: 120_000 };

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Calls `probe` every interval until it returns a value; fails after the timeout. */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  poll: PollOptions,
  signal?: AbortSignal,
): Promise<T> {
  const deadline = Date.now() + poll.timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() + poll.intervalMs > deadline) {
      throw new Error(`timed out after ${poll.timeoutMs} ms waiting for ${what}`);
    }
    await sleep(poll.intervalMs, signal);
  }
}

/**
 * Runs `action`, retrying with exponential backoff (interval, 2x, 4x ..., at most 10 s apart) while
 * `shouldRetry` accepts the error and the timeout allows; the last error is rethrown.
 */
export async function retryWhile<T>(
  action: () => Promise<T>,
  shouldRetry: (error: unknown) => boolean,
  poll: PollOptions,
  signal?: AbortSignal,
): Promise<T> {
  const deadline = Date.now() + poll.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await action();
    } catch (error) {
      const delay = Math.min(poll.intervalMs * 2 ** attempt, 10_000);
      if (!shouldRetry(error) || signal?.aborted || Date.now() + delay > deadline) throw error;
      await sleep(delay, signal);
    }
  }
}

export function retryTransient<T>(action: () => Promise<T>, poll: PollOptions, signal?: AbortSignal): Promise<T> {
  return retryWhile(action, isRetryable, poll, signal);
}
