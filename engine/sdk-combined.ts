/**
 * The combined SDK pass, for slow targets (real AWS: each create holds its lane for a settle-delete cycle):
 * the valid case is created once, by @aws-sdk/client-lambda, and a middleware between the SDK's
 * deserializer and its HTTP handler captures the exact bytes of the request it sent and of the answer it
 * got. The answer is judged as the raw transport's would be, and the SDK's parsed output proves that a real
 * client reads it; one create instead of two. Every attempt passes the run's gate (concurrency, rate).
 */
import { Readable } from 'node:stream';
import { CreateEventSourceMappingCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { HttpResponse } from '@smithy/types';
import type { Gate, RawResult } from './transport/index.ts';
import { parseRetryAfter } from './transport/backoff.ts';
import { sdkOutcome, toSdkInput, type SdkOutcome } from './sdk-check.ts';

export interface Captured { requestBody: string; status: number; headers: Record<string, string>; body: string }

async function readAll(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function textOf(body: unknown): string {
  if (typeof body === 'string') return body;
  return body instanceof Uint8Array ? new TextDecoder().decode(body) : '';
}

/** A create command whose attempts pass `gate` and whose last exchange lands in `captured`. */
function capturingCreate(input: Record<string, unknown>, path: string, gate: Gate | undefined, captured: { last?: Captured }): CreateEventSourceMappingCommand {
  const command = new CreateEventSourceMappingCommand(toSdkInput(input) as never);
  // The case's own path (the seed's form has a trailing '/', the SDK's has none): set before signing.
  const onPath = (next: (a: unknown) => Promise<unknown>) => async (args: unknown) => {
    const request = (args as { request?: { path?: string } }).request;
    if (request) request.path = path;
    return next(args);
  };
  command.middlewareStack.add(onPath as never, { step: 'build', name: 'esmCasePathMiddleware' } as never);
  const capture = (next: (a: unknown) => Promise<{ response: HttpResponse }>) => async (args: unknown) => {
    const release = await gate?.pass(0);
    let result: { response: HttpResponse };
    try {
      result = await next(args);
    } finally {
      release?.();
    }
    const res = result.response;
    const bytes = await readAll(res.body);
    res.body = Readable.from(bytes, { objectMode: false });
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    if (res.statusCode === 429) gate?.throttled(parseRetryAfter(headers['retry-after']));
    captured.last = { requestBody: textOf((args as { request?: { body?: unknown } }).request?.body), status: res.statusCode, headers, body: bytes.toString('utf8') };
    return result;
  };
  command.middlewareStack.addRelativeTo(capture as never, { relation: 'after', toMiddleware: 'deserializerMiddleware', name: 'esmCaptureMiddleware' } as never);
  return command;
}

export interface CombinedResult { raw: RawResult; sdk: SdkOutcome; sentBody?: unknown }

/** Creates the mapping through the SDK; `raw` is the captured last answer (or what went wrong), `sdk` the client's verdict. */
export async function sdkCombinedCreate(client: LambdaClient, path: string, body: Record<string, unknown>, gate: Gate | undefined, track: (uuid: string) => void): Promise<CombinedResult> {
  const started = performance.now();
  const captured: { last?: Captured } = {};
  const sdk = await sdkOutcome(() => client.send(capturingCreate(body, path, gate, captured)), body, track);
  const meta = { attempts: sdk.attempts ?? 1, durationMs: Math.round(performance.now() - started), retried: [] };
  const last = captured.last;
  if (!last) return { raw: { kind: 'network', message: sdk.detail ?? 'no answer', ...meta }, sdk };
  let sentBody: unknown;
  try { sentBody = JSON.parse(last.requestBody); } catch { sentBody = undefined; }
  return { raw: { kind: 'response', status: last.status, headers: last.headers, body: last.body, ...meta }, sdk, sentBody };
}
