/** A minimal fetch client for the reference server's routes, as its tests and quick checks use it. */
import { model } from '../spec/index.ts';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: Record<string, unknown> | undefined;
}

/** A well-formed SigV4 header whose signature is never checked: the server accepts any. */
export const FAKE_SIGV4 = 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/lambda/aws4_request, '
  + `SignedHeaders=content-type;host;x-amz-date, Signature=${'0'.repeat(64)}`;

export const CREATE_PATHS = model.operation.paths;
export const COLLECTION = (CREATE_PATHS[0] ?? '').replace(/\/+$/, '');

function parsed(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Sends one request; `body` is sent as is when a string, else as JSON. */
export async function call(baseUrl: string, method: string, path: string, body?: unknown, signed = true): Promise<RawAnswer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-amz-json-1.1' };
  if (signed) headers.Authorization = FAKE_SIGV4;
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: parsed(text) };
}

/** CreateEventSourceMapping on the first of model.operation.paths unless another path is given. */
export function create(baseUrl: string, body: unknown, path = CREATE_PATHS[0] ?? COLLECTION): Promise<RawAnswer> {
  return call(baseUrl, 'POST', path, body);
}

export function getMapping(baseUrl: string, uuid: string): Promise<RawAnswer> {
  return call(baseUrl, 'GET', `${COLLECTION}/${encodeURIComponent(uuid)}`);
}

export function deleteMapping(baseUrl: string, uuid: string): Promise<RawAnswer> {
  return call(baseUrl, 'DELETE', `${COLLECTION}/${encodeURIComponent(uuid)}`);
}

/** The error code of an answer: X-Amzn-ErrorType first, then the body's `__type`, as AWS clients read it. */
export function errorCode(a: RawAnswer): string | undefined {
  const header = a.headers.get('x-amzn-errortype');
  if (header) return header.split(':')[0];
  const type = a.json?.__type;
  return typeof type === 'string' ? type.split('#').pop() : undefined;
}

/** The error message, under `message` or `Message`. */
export function errorMessage(a: RawAnswer): string | undefined {
  const m = a.json?.message ?? a.json?.Message;
  return typeof m === 'string' ? m : undefined;
}
