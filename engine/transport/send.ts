/**
 * sendRaw: sends one request exactly as given, re-signed on every attempt, with
 * retries on 429, 5xx, network errors and timeouts. The last answer is returned as is.
 */
import { attemptOnce, type AttemptOutcome } from './attempt.ts';
import { abortableSleep, backoffDelay, parseRetryAfter } from './backoff.ts';
import { signRequest } from './sign.ts';
import type { RawRequest, RawResult, RetryPolicy, RetryRecord, SendOptions } from './types.ts';

export type { RawRequest, RawResult, SendOptions } from './types.ts';

const ABORTED_MESSAGE = 'aborted by the caller';

export async function sendRaw(req: RawRequest, opts: SendOptions): Promise<RawResult> {
  const started = performance.now();
  const body = typeof req.body === 'string' ? new TextEncoder().encode(req.body) : req.body;
  const maxAttempts = Math.max(1, Math.floor(opts.retry.maxAttempts));
  const retried: RetryRecord[] = [];
  const meta = (attempts: number) => ({ attempts, durationMs: Math.round(performance.now() - started), retried });
  for (let attempt = 1; ; attempt++) {
    if (opts.signal?.aborted) return { kind: 'aborted', message: ABORTED_MESSAGE, ...meta(attempt - 1) };
    const { headers } = await signRequest({ ...req, body }, opts);
    const wire = { endpoint: req.endpoint, method: req.method, path: req.path, headers, body };
    const release = await opts.gate?.pass(opts.priority, opts.signal);
    const outcome = await attemptOnce(wire, opts.timeoutMs, opts.signal).finally(release);
    if (outcome.kind === 'response' && outcome.status === 429) opts.gate?.throttled(parseRetryAfter(outcome.headers['retry-after']));
    const reason = retryReason(outcome);
    if (reason === undefined || attempt >= maxAttempts) return toResult(outcome, meta(attempt));
    const record = retryRecord(outcome, reason, attempt, opts.retry);
    retried.push(record);
    if ((await abortableSleep(record.waitedMs, opts.signal, opts.sleep)) === 'aborted') {
      return { kind: 'aborted', message: ABORTED_MESSAGE, ...meta(attempt) };
    }
  }
}

/** Why this outcome is worth another attempt, or undefined when it is final. */
function retryReason(outcome: AttemptOutcome): string | undefined {
  if (outcome.kind === 'response') {
    if (outcome.status === 429) return 'throttled (429)';
    if (outcome.status >= 500 && outcome.status <= 599) return `server error (${outcome.status})`;
    return undefined;
  }
  if (!outcome.retryable) return undefined;
  return outcome.kind === 'timeout' ? outcome.message : `network error: ${outcome.message}`;
}

function retryRecord(outcome: AttemptOutcome, reason: string, attempt: number, policy: RetryPolicy): RetryRecord {
  if (outcome.kind !== 'response') return { reason, waitedMs: backoffDelay(attempt, policy) };
  const requested = parseRetryAfter(outcome.headers['retry-after']);
  const waitedMs = requested ?? backoffDelay(attempt, policy);
  const why = requested === undefined ? reason : `${reason}; Retry-After ${outcome.headers['retry-after']}`;
  return { status: outcome.status, reason: why, waitedMs };
}

function toResult(outcome: AttemptOutcome, meta: { attempts: number; durationMs: number; retried: RetryRecord[] }): RawResult {
  if (outcome.kind === 'response') {
    const { status, headers, body } = outcome;
    return { kind: 'response', status, headers, body, ...meta };
  }
  return { kind: outcome.kind, message: outcome.message, ...meta };
}
