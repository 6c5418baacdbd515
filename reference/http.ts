/** Writing answers the way Lambda's rest-json protocol does, and reading request bodies. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { model } from '../spec/index.ts';
import type { ApiError } from './errors.ts';
import type { Hooks } from './hooks.ts';

const JSON_TYPE = model.operation.contentType;

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': JSON_TYPE,
    'Content-Length': String(Buffer.byteLength(text)),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  res.end(text);
}

export function sendAnswer(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, {}, body);
}

/**
 * `X-Amzn-ErrorType: <Code>` and `{"Type":"User","message":"..."}`, with `message` or `Message` as
 * spec/aws-model.json errorMessageKey says for the code (no `__type`, as real Lambda).
 */
export function sendError(res: ServerResponse, err: ApiError, hooks: Hooks): void {
  const body: Record<string, unknown> = { ...(hooks.errorType ? { Type: 'User' } : {}), [hooks.errorMessageKey(err.code)]: hooks.errorText(err.code, err.message) };
  if (hooks.errorCodeInHeader) {
    send(res, err.status, { 'X-Amzn-ErrorType': err.code }, body);
  } else {
    send(res, err.status, {}, { __type: err.code, ...body });
  }
}

/** 429 TooManyRequestsException as Lambda sends it: a Retry-After header and a Reason member (aws-observed.md). */
export function sendThrottled(res: ServerResponse, err: ApiError & { retryAfterSeconds: number }, hooks: Hooks): void {
  const body = { Type: 'User', [hooks.errorMessageKey(err.code)]: err.message, Reason: 'CallerRateLimitExceeded' };
  send(res, err.status, { 'X-Amzn-ErrorType': err.code, 'Retry-After': String(Number(err.retryAfterSeconds.toFixed(3))) }, body);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
