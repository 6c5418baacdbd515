/**
 * Every AWS SDK call of the suite is bounded and abortable. The smithy NodeHttpHandler's requestTimeout
 * covers only the wait for the response headers and, without throwOnRequestTimeout, only warns; a body
 * that drips or stalls after the headers is not covered at all. GuardedHandler gives each attempt one
 * deadline over the whole exchange (connect, headers and body) and links the run's abort signal, so that
 * a stalled target costs at most `timeoutMs` per attempt and a Ctrl-C ends the call at once.
 */
import type { Readable } from 'node:stream';
import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import type { HttpHandlerOptions } from '@smithy/types';

type HandleArgs = Parameters<NodeHttpHandler['handle']>;
type HandleResult = Awaited<ReturnType<NodeHttpHandler['handle']>>;

/** The error of an attempt that met its deadline: named as the SDK's retry strategy knows a transient timeout. */
function timeoutError(ms: number): Error {
  return Object.assign(new Error(`no complete answer within ${ms} ms`), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}

/**
 * An answer Node's HTTP parser refused (garbage bytes, a broken status line) is retried like a reset, as the
 * raw transport does: the SDK's retry strategy knows no HPE_* code, and would fail at once.
 */
function retryableIfGarbled(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('HPE_') ? Object.assign(e as object, { $retryable: { throttling: false } }) : e;
}

export interface GuardOptions {
  /** Deadline of one attempt, connect to last body byte. */
  timeoutMs: number;
  /** The run's signal: when it fires, the attempt in flight is aborted (an AbortError, never retried). */
  signal?: AbortSignal;
  /**
   * Retry answers the HTTP parser refused. On for the calls to the target under test (a glitch between
   * answers); off for provisioning, where a peer that does not speak HTTP is told at once that it created nothing.
   */
  retryGarbled?: boolean;
}

export class GuardedHandler extends NodeHttpHandler {
  private readonly guard: GuardOptions;

  constructor(guard: GuardOptions, options: NodeHttpHandlerOptions = {}) {
    super({ connectionTimeout: Math.min(guard.timeoutMs, 10_000), ...options, requestTimeout: guard.timeoutMs, throwOnRequestTimeout: true });
    this.guard = guard;
  }

  override async handle(request: HandleArgs[0], options: HttpHandlerOptions = {}): Promise<HandleResult> {
    const ctrl = new AbortController();
    const { timeoutMs, signal } = this.guard;
    let timedOut = false;
    let body: Readable | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      body?.destroy(timeoutError(timeoutMs));
      ctrl.abort(timeoutError(timeoutMs));
    }, timeoutMs);
    const sources = [signal, options.abortSignal as AbortSignal | undefined].filter((s): s is AbortSignal => s !== undefined);
    const onAbort = (s: AbortSignal) => () => ctrl.abort(s.reason ?? new Error('aborted'));
    const listeners = sources.map((s) => [s, onAbort(s)] as const);
    const done = () => {
      clearTimeout(timer);
      for (const [s, l] of listeners) s.removeEventListener('abort', l);
    };
    for (const [s, l] of listeners) {
      if (s.aborted) l();
      else s.addEventListener('abort', l, { once: true });
    }
    try {
      const out = await super.handle(request, { ...options, abortSignal: ctrl.signal as never });
      const stream = out.response.body as Readable | undefined;
      if (stream && typeof stream.once === 'function' && !stream.readableEnded) {
        body = stream;
        ctrl.signal.addEventListener('abort', () => stream.destroy(timedOut ? timeoutError(timeoutMs) : new Error('aborted by the caller')), { once: true });
        stream.once('close', done);
      } else done();
      return out;
    } catch (e) {
      done();
      if (timedOut) throw timeoutError(timeoutMs);
      throw this.guard.retryGarbled ? retryableIfGarbled(e) : e;
    }
  }
}

/** The handler for an SDK client of the suite. */
export function guardedHandler(guard: GuardOptions, options: NodeHttpHandlerOptions = {}): GuardedHandler {
  return new GuardedHandler(guard, options);
}

interface Sends { send: (...args: never[]) => Promise<unknown> }

/**
 * Passes the run's signal to every command of the client as well (the SDK then also cuts its retry
 * delays short), unless a call gives its own.
 */
export function abortable<C extends Sends>(client: C, signal: AbortSignal | undefined): C {
  if (!signal) return client;
  const send = client.send.bind(client) as (command: unknown, options?: Record<string, unknown>) => Promise<unknown>;
  (client as unknown as { send: typeof send }).send = (command, options) => send(command, { abortSignal: signal, ...options });
  return client;
}
