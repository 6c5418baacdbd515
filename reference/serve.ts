/** Starting the reference server on a given port, for running it on its own (main.ts, a CLI command). */
import { startReference, type ReferenceHandle } from './server.ts';

export interface ServeOptions {
  port: number;
  host?: string;
  region?: string;
  deviation?: string;
  /** --latency aws: AWS-like Creating/Deleting delays and request rate, delays times `scale`. */
  latency?: { scale: number };
}

export function serve(opts: ServeOptions): Promise<ReferenceHandle> {
  return startReference({ port: opts.port, host: opts.host, region: opts.region, deviation: opts.deviation, ...(opts.latency ? { latency: opts.latency } : {}) });
}

/** The one line announcing a running server: its URL, deviation and seeded resources. */
export function announcement(handle: ReferenceHandle, deviation?: string): string {
  const variant = deviation ? ` deviation=${deviation}` : '';
  return `reference listening on ${handle.url}${variant} resources=${JSON.stringify(handle.resources)}`;
}
