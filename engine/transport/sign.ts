/**
 * SigV4 signing of one raw request over its exact body bytes (engine/transport/sigv4.ts).
 */
import type { AwsCredentialIdentity, QueryParameterBag } from '@smithy/types';
import { sigv4 } from './sigv4.ts';
import type { CredentialSource, RawRequest, SigningOptions } from './types.ts';

/** Headers the signer removes from its input; kept (unsigned) so the request goes out as given. */
const SIGNER_DROPPED = ['date'];

export async function signRequest(
  req: RawRequest,
  opts: SigningOptions,
): Promise<{ headers: Record<string, string> }> {
  const credentials = await resolveCredentials(opts.credentials);
  const replaced = ['host', ...(credentials.sessionToken ? ['x-amz-security-token'] : [])];
  const headers = omitHeaders(req.headers, replaced);
  headers.host = req.endpoint.host;
  const { path, query } = splitTarget(req.path);
  const body = typeof req.body === 'string' ? new TextEncoder().encode(req.body) : req.body;
  const signed = sigv4({ method: req.method, path, query, headers, body, region: opts.region, service: opts.service, credentials });
  return { headers: { ...pickHeaders(req.headers, SIGNER_DROPPED), ...signed } };
}

async function resolveCredentials(source: CredentialSource): Promise<AwsCredentialIdentity> {
  return typeof source === 'function' ? source() : source;
}

function omitHeaders(h: Record<string, string>, lowerNames: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(h).filter(([k]) => !lowerNames.includes(k.toLowerCase())));
}

function pickHeaders(h: Record<string, string>, lowerNames: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(h).filter(([k]) => lowerNames.includes(k.toLowerCase())));
}

/** Splits a request target into the path and decoded query the signer canonicalises. */
export function splitTarget(target: string): { path: string; query: QueryParameterBag } {
  const at = target.indexOf('?');
  if (at < 0) return { path: target, query: {} };
  const query: Record<string, string | string[]> = {};
  for (const pair of target.slice(at + 1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(pair.slice(eq + 1));
    const prev = query[key];
    query[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return { path: target.slice(0, at), query };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
