/**
 * --record: every request the cases send (raw and through the SDK) and its answer, per case and in order.
 * Request headers are not kept; answers are redacted; the account id is masked on request.
 */
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { redactHeaders, redactText, type RawResult } from '../transport/index.ts';
import type { Wire } from '../wire.ts';
import { RECORDING_FORMAT, type RecordedExchange, type RecordingFile } from './format.ts';
import { currentCase } from './scope.ts';
import { hookedHandler } from './sdk-handler.ts';

type Put = (x: RecordedExchange) => void;

function flatHeaders(h: Record<string, string>, mask: (s: string) => string): string[] {
  return Object.entries(redactHeaders(h)).flatMap(([k, v]) => [k, mask(v)]);
}

export class TrafficRecorder {
  private readonly cases = new Map<string, Array<RecordedExchange | undefined>>();
  private readonly outside: Array<RecordedExchange | undefined> = [];
  /** The account id is masked only once it is known (after setup); mapping traffic starts after that. */
  mask: (s: string) => string = (s) => s;

  constructor(private readonly scope: string) {}

  /** Reserves the next position of the current case, so that the order is the order of sending. */
  private slot(): Put {
    const id = currentCase();
    let list = this.outside;
    if (id !== undefined) {
      list = this.cases.get(id) ?? [];
      this.cases.set(id, list);
    }
    const at = list.push(undefined) - 1;
    return (x) => { list[at] = x; };
  }

  private request(via: RecordedExchange['via'], method: string, path: string, body: string): RecordedExchange {
    return { via, scope: this.scope, method, path: this.mask(path), body: this.mask(body) };
  }

  wire(inner: Wire): Wire {
    return {
      endpoint: inner.endpoint,
      ...(inner.signal ? { signal: inner.signal } : {}),
      send: async (method, path, body, headers) => {
        const put = this.slot();
        const r = await inner.send(method, path, body, headers);
        put({ ...this.request('raw', method, path, body ?? ''), ...this.answer(r), attempts: r.attempts, retried: r.retried });
        return r;
      },
    };
  }

  private answer(r: RawResult): Partial<RecordedExchange> {
    if (r.kind !== 'response') return { failure: { kind: r.kind, message: this.mask(redactText(r.message)) } };
    return { status: r.status, response: this.mask(redactText(r.body)), rawHeaders: flatHeaders(r.headers, this.mask) };
  }

  sdkHandler(inner: NodeHttpHandler) {
    return hookedHandler(inner, {
      before: () => this.slot(),
      after: (token, req, res) => (token as Put)({
        ...this.request('sdk', req.method, req.path, req.body),
        status: res.status, response: this.mask(redactText(res.body)), rawHeaders: flatHeaders(res.headers, this.mask),
      }),
      failed: (token, req, error) => {
        const { name, message, code } = error as { name?: string; message?: string; code?: unknown };
        const failure = { kind: name === 'TimeoutError' ? 'timeout' as const : 'network' as const, message: this.mask(redactText(message ?? String(error))), ...(typeof code === 'string' ? { code } : {}) };
        (token as Put)({ ...this.request('sdk', req.method, req.path, req.body), failure });
      },
    });
  }

  /** What was recorded; a request that never got an answer (interrupted) is left out. */
  file(): RecordingFile {
    const done = (list: Array<RecordedExchange | undefined>) => list.filter((x): x is RecordedExchange => x !== undefined);
    const cases = Object.fromEntries([...this.cases].map(([id, list]) => [id, done(list)]));
    return { format: RECORDING_FORMAT, version: 1, cases, outside: done(this.outside) };
  }
}
