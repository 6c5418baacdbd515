/** Routes of the Lambda 2015-03-31 event-source-mapping API, dispatched to the operations. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { model } from '../spec/index.ts';
import { ApiError, SERVICE, UNKNOWN_OPERATION } from './errors.ts';
import { createMapping, type Answer, type Context } from './create.ts';
import { sendAnswer, sendError, sendThrottled, readBody } from './http.ts';
import { advanceStates, deleteMapping, getMapping, listMappings, updateMapping } from './operations.ts';
import { ThrottledError } from './latency.ts';
import { routeFunctions } from './functions.ts';

/** `/2015-03-31/event-source-mappings`, the collection path without its trailing slash. */
const BASE = (model.operation.paths[0] ?? '').replace(/\/+$/, '');

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function route(req: IncomingMessage, url: URL, raw: string, ctx: Context): Answer {
  const method = req.method ?? '';
  const path = url.pathname;
  if (method === model.operation.method && ctx.hooks.createPaths(model.operation.paths).includes(path)) {
    return createMapping(raw, ctx);
  }
  if (method === 'GET' && (path === BASE || path === `${BASE}/`)) return listMappings(url.searchParams, ctx);
  const functionRead = routeFunctions(method, path, ctx);
  if (functionRead) return functionRead;
  const uuid = path.startsWith(`${BASE}/`) ? decoded(path.slice(BASE.length + 1)) : '';
  if (uuid !== '' && !uuid.includes('/')) {
    if (method === 'GET') return getMapping(uuid, ctx);
    if (method === 'PUT') return updateMapping(uuid, raw, ctx);
    if (method === 'DELETE') return deleteMapping(uuid, ctx);
  }
  throw new ApiError(UNKNOWN_OPERATION, `No operation is routed on ${method} ${path}`);
}

/** The request handler; signatures are accepted unverified, and unsigned requests too. */
export function handler(ctx: Context) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let raw = '';
    let answered = false;
    const seen = (status: number, body?: unknown): void => {
      const uuid = (body as { UUID?: unknown } | undefined)?.UUID;
      ctx.onRequest?.({ method: req.method ?? '', path: req.url ?? '/', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: raw, status, ...(typeof uuid === 'string' ? { uuid } : {}) });
    };
    try {
      raw = await readBody(req);
      ctx.latency?.admit();
      advanceStates(ctx);
      const answer = route(req, new URL(req.url ?? '/', 'http://reference.invalid'), raw, ctx);
      if (ctx.onRequest) seen(answer.status, answer.body);
      answered = true;
      sendAnswer(res, answer.status, answer.body);
    } catch (err) {
      if (err instanceof ThrottledError) return sendThrottled(res, err, ctx.hooks);
      const apiError = err instanceof ApiError ? err : new ApiError(SERVICE, `Internal error: ${String(err)}`);
      if (ctx.onRequest && !answered) seen(apiError.status);
      sendError(res, apiError, ctx.hooks);
    }
  };
}
