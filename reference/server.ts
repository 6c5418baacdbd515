/**
 * An embedded, in-memory server of Lambda's event-source-mapping API that answers as real AWS does
 * (aws-observed.md), or with one named deviation from it (deviations.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hooksFor } from './deviation-hooks.ts';
import { DEFAULT_ACCOUNT, DEFAULT_REGION, seedResources, type ReferenceResources } from './resources.ts';
import { handler } from './router.ts';
import { MappingStore } from './store.ts';
import { Latency } from './latency.ts';
import type { ReceivedRequest } from './create.ts';

export type { ReferenceResources } from './resources.ts';
export { DEVIATIONS, DEVIATION_NAMES, type DeviationInfo, type DeviationName } from './deviations.ts';

export interface ReferenceOptions {
  port?: number;
  host?: string;
  region?: string;
  account?: string;
  /** A name from DEVIATIONS; absent: the faithful server. */
  deviation?: string;
  /** AWS-like latency (reference/latency.ts), its delays times `scale`; absent: every answer at once, no rate limit. */
  latency?: { scale: number };
  /**
   * A fixed service time: every request is handled this many milliseconds after it arrives (the event loop
   * stays free meanwhile), as a target on another machine answers after its own latency. Absent: at once.
   */
  serviceMs?: number;
  /** Called with every request answered (not throttled), with its status and the UUID the answer named. */
  onRequest?: (r: ReceivedRequest) => void;
}

export interface ReferenceHandle {
  url: string;
  port: number;
  resources: ReferenceResources;
  close(): Promise<void>;
  /** How many mappings the server holds now. */
  mappings(): number;
  /** How many requests the server has received. */
  requests(): number;
  /** How many requests it answered 429 (latency mode). */
  throttled(): number;
  /** When (performance.now()) the first request after the last markRequests() and the last request arrived. */
  requestWindow(): { first: number; last: number };
  markRequests(): void;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closer(server: Server): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };
}

export async function startReference(opts: ReferenceOptions = {}): Promise<ReferenceHandle> {
  const hooks = hooksFor(opts.deviation);
  const host = opts.host ?? '127.0.0.1';
  const resources = seedResources(opts.region ?? DEFAULT_REGION, opts.account ?? DEFAULT_ACCOUNT);
  const store = new MappingStore();
  const latency = opts.latency ? new Latency(opts.latency.scale) : undefined;
  const handle = handler({ resources, hooks, store, ...(latency ? { latency } : {}), ...(opts.onRequest ? { onRequest: opts.onRequest } : {}) });
  const delay = opts.serviceMs;
  const server = createServer(delay && delay > 0 ? (req, res) => { setTimeout(handle, delay, req, res); } : handle);
  let requests = 0;
  let mark = { count: 0, first: 0, last: 0 };
  server.on('request', () => {
    requests += 1;
    mark.last = performance.now();
    if (requests === mark.count + 1) mark.first = mark.last;
  });
  const port = await listen(server, opts.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    resources,
    close: closer(server),
    mappings: () => store.size,
    requests: () => requests,
    throttled: () => latency?.throttled ?? 0,
    requestWindow: () => ({ first: mark.first, last: mark.last }),
    markRequests: () => { mark = { count: requests, first: 0, last: 0 }; },
  };
}
