/**
 * One HTTP exchange over node:http / node:https with a per-request timeout and an
 * optional caller abort. Never rejects: every failure becomes an outcome value.
 */
import http from 'node:http';
import https from 'node:https';

export interface WireRequest {
  endpoint: URL;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

export type AttemptOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'timeout' | 'network' | 'aborted'; message: string; retryable: boolean };

/** Node's own refusals to put the request on the wire: retrying cannot help. */
const LOCAL_ERROR_CODES = new Set([
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_UNESCAPED_CHARACTERS',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_PROTOCOL',
]);

export function attemptOnce(wire: WireRequest, timeoutMs: number, signal?: AbortSignal): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    let cause: 'timeout' | 'aborted' | undefined;
    let req: http.ClientRequest | undefined;
    let done = false;
    const stop = (why: 'timeout' | 'aborted'): void => {
      cause ??= why;
      req?.destroy(new Error(why === 'timeout' ? 'timed out' : 'aborted'));
    };
    const timer = Number.isFinite(timeoutMs) ? setTimeout(() => stop('timeout'), Math.max(0, timeoutMs)) : undefined;
    const onAbort = (): void => stop('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (outcome: AttemptOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const fail = (err: unknown): void => settle(failureOutcome(cause, err, timeoutMs));
    if (signal?.aborted) {
      cause = 'aborted';
      fail(signal.reason);
      return;
    }
    try {
      const mod = wire.endpoint.protocol === 'https:' ? https : http;
      req = mod.request(requestOptions(wire), (res) => collect(res, settle, fail));
      req.on('error', fail);
      req.end(wire.body);
    } catch (err) {
      fail(err);
    }
  });
}

function requestOptions(wire: WireRequest): http.RequestOptions {
  const { endpoint } = wire;
  const headers = { ...wire.headers };
  const hasFraming = Object.keys(headers).some((k) => ['content-length', 'transfer-encoding'].includes(k.toLowerCase()));
  if (!hasFraming) headers['content-length'] = String(wire.body.byteLength);
  return {
    protocol: endpoint.protocol,
    hostname: endpoint.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: endpoint.port === '' ? undefined : Number(endpoint.port),
    method: wire.method,
    path: wire.path,
    headers,
  };
}

function collect(
  res: http.IncomingMessage,
  settle: (o: AttemptOutcome) => void,
  fail: (err: unknown) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('error', fail);
  res.on('close', () => {
    if (!res.complete) fail(new Error('connection closed before the response was complete'));
  });
  res.on('end', () =>
    settle({
      kind: 'response',
      status: res.statusCode ?? 0,
      headers: flattenHeaders(res.headers),
      body: Buffer.concat(chunks).toString('utf8'),
    }),
  );
}

function flattenHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function failureOutcome(cause: 'timeout' | 'aborted' | undefined, err: unknown, timeoutMs: number): AttemptOutcome {
  if (cause === 'timeout') {
    return { kind: 'timeout', message: `no complete response within ${timeoutMs} ms`, retryable: true };
  }
  if (cause === 'aborted') return { kind: 'aborted', message: 'aborted by the caller', retryable: false };
  const code = errorCode(err);
  if (code !== undefined && LOCAL_ERROR_CODES.has(code)) {
    return { kind: 'network', message: `request not sent: ${describeError(err)}`, retryable: false };
  }
  return { kind: 'network', message: describeError(err), retryable: true };
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A one-line description; AggregateErrors (happy-eyeballs connects) list their parts. */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    return [...new Set(err.errors.map(describeError))].join('; ');
  }
  const code = errorCode(err);
  const message = err instanceof Error ? err.message || code || err.name : String(err);
  const text = code !== undefined && !message.includes(code) ? `${code}: ${message}` : message;
  return text.replace(/\s+/g, ' ').trim();
}
