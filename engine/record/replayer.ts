/**
 * --replay: the cases run offline against a recording. Each request must be exactly (transport, method,
 * path, body) the next one its case recorded; it then goes out through the real transport and nock answers
 * it from the recording. Every other connection is refused (nock.disableNetConnect): a request that is not
 * in the recording is an error, never a network call.
 */
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { RawResult } from '../transport/index.ts';
import type { Wire } from '../wire.ts';
import type { RecordedExchange, RecordingFile } from './format.ts';
import { currentCase } from './scope.ts';
import { hookedHandler } from './sdk-handler.ts';

/** Replay only: names the recorded exchange a request must be answered with. Never sent to a target. */
export const REPLAY_HEADER = 'x-esm-replay';
const NOT_REPLAYED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

type Nock = typeof import('nock');

export class ReplayError extends Error {
  override name = 'ReplayError';
}

const tagOf = (caseId: string | undefined, n: number): string => `${caseId ?? '(outside)'}#${n}`;

/**
 * The recorded answer headers, except hop-by-hop ones; `Date` is answered with the time of the replay:
 * the SDK corrects its clock from an answer's Date and re-sends, so an old recorded Date would add
 * requests that are not in the recording.
 */
function replyHeaders(raw: string[] | undefined): Record<string, string | (() => string)> {
  const out: Record<string, string | (() => string)> = {};
  for (let i = 0; i + 1 < (raw ?? []).length; i += 2) {
    const [k, v] = [raw![i]!, raw![i + 1]!];
    if (NOT_REPLAYED.has(k.toLowerCase())) continue;
    out[k] = k.toLowerCase() === 'date' ? () => new Date().toUTCString() : v;
  }
  return out;
}

export class TrafficReplayer {
  private readonly taken = new Map<string, number>();
  private readonly problems = new Map<string, string>();
  private nock: Nock | undefined;

  constructor(private readonly rec: RecordingFile) {}

  async start(): Promise<void> {
    const nock = (await import('nock')).default;
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    this.nock = nock;
    for (const [id, list] of Object.entries(this.rec.cases)) list.forEach((x, n) => this.define(x, tagOf(id, n)));
    this.rec.outside.forEach((x, n) => this.define(x, tagOf(undefined, n)));
  }

  private define(x: RecordedExchange, tag: string): void {
    if (x.failure || x.status === undefined || !this.nock) return;
    this.nock(x.scope, { reqheaders: { [REPLAY_HEADER]: tag } })
      .intercept(x.path, x.method, x.body === '' ? undefined : x.body)
      .reply(x.status, x.response ?? '', replyHeaders(x.rawHeaders));
  }

  /** Removes the interceptors, allows the network again and restores node's http. */
  stop(): void {
    if (!this.nock) return;
    this.nock.cleanAll();
    this.nock.enableNetConnect();
    this.nock.restore();
    this.nock = undefined;
  }

  /** The first replay problem of a case: its result must be an error, whatever the answers were. */
  problem(caseId: string): string | undefined {
    return this.problems.get(caseId);
  }

  /** Recorded exchanges that no request asked for. */
  unused(): number {
    const lists: Array<[string, RecordedExchange[]]> = [...Object.entries(this.rec.cases), ['', this.rec.outside]];
    return lists.reduce((sum, [id, list]) => sum + Math.max(0, list.length - (this.taken.get(id) ?? 0)), 0);
  }

  /** The exchange the current case's next request must match exactly, or a ReplayError. */
  private take(via: RecordedExchange['via'], method: string, path: string, body: string): { x: RecordedExchange; tag: string } {
    const id = currentCase();
    const list = id === undefined ? this.rec.outside : (this.rec.cases[id] ?? []);
    const n = this.taken.get(id ?? '') ?? 0;
    this.taken.set(id ?? '', n + 1);
    const x = list[n];
    const where = `${id === undefined ? 'outside any case' : `case ${id}`}, request ${n + 1} (${via} ${method} ${path})`;
    let problem: string | undefined;
    if (!x) problem = `not in the recording (it holds ${list.length} request(s) here)`;
    else if (x.via !== via || x.method !== method || x.path !== path) problem = `the recording has ${x.via} ${x.method} ${x.path} here`;
    else if (x.body !== body) problem = 'the body differs from the recorded one';
    if (!x || problem) {
      const message = `replay: ${where}: ${problem}`;
      if (id !== undefined && !this.problems.has(id)) this.problems.set(id, message);
      throw new ReplayError(message);
    }
    return { x, tag: tagOf(id, n) };
  }

  wire(inner: Wire): Wire {
    return { endpoint: inner.endpoint, ...(inner.signal ? { signal: inner.signal } : {}), send: (method, path, body, headers) => this.sendRaw(inner, method, path, body, headers) };
  }

  private async sendRaw(inner: Wire, method: string, path: string, body?: string, headers?: Record<string, string>): Promise<RawResult> {
    let taken;
    try {
      taken = this.take('raw', method, path, body ?? '');
    } catch (e) {
      // Outside a case (the final clean-up) there is no case to blame: the request fails, and is listed as a leak.
      if (currentCase() !== undefined) throw e;
      return { kind: 'network', message: (e as Error).message, attempts: 0, durationMs: 0, retried: [] };
    }
    const { x, tag } = taken;
    const recorded = { attempts: x.attempts ?? 1, retried: x.retried ?? [] };
    if (x.failure) return { kind: x.failure.kind, message: x.failure.message, durationMs: 0, ...recorded };
    const r = await inner.send(method, path, body, { ...headers, [REPLAY_HEADER]: tag });
    if (r.kind === 'aborted') return r;
    if (r.kind !== 'response') throw new ReplayError(`replay: the recorded answer to ${method} ${path} could not be served: ${r.message}`);
    return { ...r, ...recorded };
  }

  sdkHandler(inner: NodeHttpHandler) {
    return hookedHandler(inner, {
      before: (req, headers) => {
        const { x, tag } = this.take('sdk', req.method, req.path, req.body);
        if (x.failure) {
          const error = Object.assign(new Error(x.failure.message), x.failure.code ? { code: x.failure.code } : {});
          if (x.failure.kind === 'timeout') error.name = 'TimeoutError';
          throw error;
        }
        headers[REPLAY_HEADER] = tag;
        return undefined;
      },
    });
  }
}
