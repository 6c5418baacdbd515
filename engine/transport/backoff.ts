/**
 * Retry timing: exponential backoff with full jitter, Retry-After parsing,
 * and a sleep that an AbortSignal cuts short.
 */

/** Upper bound on a server-requested Retry-After wait. */
export const RETRY_AFTER_CAP_MS = 60_000;

/** Full-jitter backoff before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(
  attempt: number,
  policy: { baseDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(Math.max(0, policy.maxDelayMs), Math.max(0, policy.baseDelayMs) * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds requested by a Retry-After value (delta-seconds or an HTTP date),
 * clamped to [0, RETRY_AFTER_CAP_MS]; undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date) || !/[a-z]/i.test(trimmed)) return undefined;
    ms = date - now;
  }
  return Math.round(Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms)));
}

/**
 * Waits `ms` (through the injected `sleep` when given); resolves 'aborted' as soon as
 * `signal` fires, else 'slept'. The built-in timer is cleared on abort.
 */
export function abortableSleep(
  ms: number,
  signal: AbortSignal | undefined,
  sleep?: (ms: number) => Promise<void>,
): Promise<'slept' | 'aborted'> {
  if (signal?.aborted) return Promise.resolve('aborted');
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: 'slept' | 'aborted'): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = (): void => finish('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    if (sleep === undefined) {
      timer = setTimeout(() => finish('slept'), ms);
      return;
    }
    sleep(ms).then(
      () => finish('slept'),
      (err: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
