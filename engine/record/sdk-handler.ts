/**
 * A request handler for @aws-sdk/client-lambda that hands every HTTP attempt to a hook before (and after)
 * the real NodeHttpHandler: the recorder reads the exchange, the replayer checks it against the recording.
 */
import { Readable } from 'node:stream';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpHandlerOptions, HttpRequest, HttpResponse } from '@smithy/types';

export interface SdkRequestInfo { method: string; path: string; body: string }
export interface SdkResponseInfo { status: number; headers: Record<string, string>; body: string }

export interface SdkHooks {
  /** Before sending; may add headers; throws to refuse the request. Returns what `after` receives. */
  before(req: SdkRequestInfo, headers: Record<string, string>): unknown;
  after?(token: unknown, req: SdkRequestInfo, res: SdkResponseInfo): void;
  /** The attempt got no answer (network error, timeout). */
  failed?(token: unknown, req: SdkRequestInfo, error: unknown): void;
}

function pathOf(req: HttpRequest): string {
  const query = Object.entries(req.query ?? {}).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((x) => (x === null ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(x)}`)),
  );
  return query.length ? `${req.path}?${query.join('&')}` : req.path;
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // TextDecoder, not Buffer.from: the SDK's JSON body adapter warns when its string methods (valueOf) are used.
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  throw new Error('a streaming request body cannot be recorded or replayed');
}

async function readAll(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Wraps `inner`; the result is passed to the LambdaClient as its requestHandler. */
export function hookedHandler(inner: NodeHttpHandler, hooks: SdkHooks) {
  return {
    metadata: inner.metadata,
    async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
      const info = { method: request.method, path: pathOf(request), body: bodyText(request.body) };
      const token = hooks.before(info, request.headers);
      let response: HttpResponse;
      try {
        ({ response } = await inner.handle(request as never, options));
      } catch (error) {
        hooks.failed?.(token, info, error);
        throw error;
      }
      if (!hooks.after) return { response };
      const bytes = await readAll(response.body);
      hooks.after(token, info, { status: response.statusCode, headers: { ...response.headers }, body: bytes.toString('utf8') });
      response.body = Readable.from(bytes, { objectMode: false });
      return { response };
    },
    updateHttpClientConfig: (key: never, value: never) => inner.updateHttpClientConfig(key, value),
    httpHandlerConfigs: () => inner.httpHandlerConfigs(),
    destroy: () => inner.destroy(),
  };
}
