/** Signed raw requests to the target: create, read back, delete. The only place that sends bytes for cases. */
import { sendRaw, type RawResult } from './transport/index.ts';
import type { RunConfig } from './config.ts';
import { model } from '../spec/index.ts';

export interface Wire {
  endpoint: URL;
  /** The run's abort signal, for the waits between sends. */
  signal?: AbortSignal;
  /** `headers`: extra request headers (the replay uses one to name the recorded exchange). */
  send(method: string, path: string, body?: string, headers?: Record<string, string>): Promise<RawResult>;
}

const COLLECTION = (model.operation.paths.find((p) => !p.endsWith('/')) ?? '/2015-03-31/event-source-mappings');

/**
 * `config.gate`: the run's shared gate (concurrency and rate); `priority`: lower is served first (lanes 0);
 * `observe`: sees every result (engine/target-health.ts).
 */
export function makeWire(endpoint: URL, config: RunConfig, priority?: number, observe?: (r: RawResult) => void): Wire {
  const gate = config.gate;
  return {
    endpoint,
    ...(config.signal ? { signal: config.signal } : {}),
    async send(method, path, body, extra) {
      const headers: Record<string, string> = { ...(body === undefined ? {} : { 'content-type': model.operation.contentType }), ...extra };
      const r = await sendRaw({ endpoint, method, path, headers, body: body ?? '' }, {
        region: config.region,
        service: model.operation.signingService,
        credentials: config.credentials,
        timeoutMs: config.timeoutMs,
        retry: { maxAttempts: config.maxAttempts, baseDelayMs: 200, maxDelayMs: 5000 },
        ...(config.signal ? { signal: config.signal } : {}),
        ...(gate ? { gate } : {}),
        ...(priority === undefined ? {} : { priority }),
      });
      observe?.(r);
      return r;
    },
  };
}

/** The collection path of the operation (no trailing slash). */
export function collectionPath(): string {
  return COLLECTION;
}

/** An answer that says nothing definite about the request: none at all, throttled, or a server error. */
export function transientAnswer(r: RawResult): boolean {
  return r.kind !== 'response' || r.status === 429 || r.status >= 500;
}

export function mappingPath(uuid: string): string {
  return `${COLLECTION}/${encodeURIComponent(uuid)}`;
}

/** The UUID of a 2xx create answer, if it has one. */
export function createdUuid(r: RawResult): string | undefined {
  if (r.kind !== 'response' || r.status < 200 || r.status >= 300) return undefined;
  try {
    const body = JSON.parse(r.body) as { UUID?: unknown };
    return typeof body.UUID === 'string' && body.UUID ? body.UUID : undefined;
  } catch {
    return undefined;
  }
}
