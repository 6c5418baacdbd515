/**
 * A fault-injecting HTTP proxy for the robustness tests: it forwards each request to an upstream target
 * (the embedded reference) and, for a chosen share of requests, answers with a fault instead. Which
 * request meets which fault is decided from a fixed seed and the request itself (method, path with each
 * mapping's UUID replaced by the request that created it, body, and how many times that request was seen),
 * never from arrival order: the same run gets the same faults whatever the concurrency.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const TRANSIENT_FAULTS = [
  'reset-before-headers', 'reset-after-headers', 'reset-mid-body', 'stall', 'drip', 'truncate', 'garbage',
  'status-500', 'status-502', 'status-503', 'status-504', 'status-429',
] as const;
/** Faults that answer the same way every time: the target is wrong, and the suite must say so. */
export const DETERMINISTIC_FAULTS = ['invalid-json-202'] as const;
/** A refusal a faithful target may give (as AWS does to a secret that does not exist): 400 InvalidParameterValueException. */
export const REFUSAL_FAULTS = ['refuse-400'] as const;
export type Fault = (typeof TRANSIENT_FAULTS)[number] | (typeof DETERMINISTIC_FAULTS)[number] | (typeof REFUSAL_FAULTS)[number];

export interface FaultPlan {
  seed: number;
  /** Share of requests (0..1) that meet a fault. */
  rate: number;
  /** The faults to choose from (uniformly, by the same hash). */
  faults: readonly Fault[];
  /** Requests that never meet a fault (for example the setup look-ups). */
  exempt?: (method: string, path: string, body: string) => boolean;
}

export interface FaultProxy {
  url: string;
  /** Faults injected so far, by kind. */
  injected: Record<string, number>;
  /** Requests the upstream answered before a fault was injected into its answer, by the upstream's status. */
  answeredUpstream: Record<string, number>;
  /** Requests seen. */
  requests: number;
  close(): Promise<void>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function unit(...parts: string[]): number {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

function errorBody(status: number): { headers: Record<string, string>; body: string } {
  const type = status === 429 ? 'TooManyRequestsException' : 'ServiceException';
  return { headers: { 'content-type': 'application/json', 'x-amzn-errortype': type }, body: JSON.stringify({ Type: 'Service', message: `injected ${status}` }) };
}

export async function startFaultProxy(upstreamUrl: string, plan: FaultPlan): Promise<FaultProxy> {
  const upstream = new URL(upstreamUrl);
  const seen = new Map<string, number>();
  const creators = new Map<string, string>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const state: FaultProxy = { url: '', injected: {}, answeredUpstream: {}, requests: 0, close: async () => undefined };

  const keyOf = (method: string, path: string, body: string) =>
    `${method} ${path.replace(UUID, (u) => creators.get(u.toLowerCase()) ?? 'unknown')} ${body}`;
  const choose = (method: string, path: string, key: string, body: string): Fault | undefined => {
    if (plan.exempt?.(method, path, body)) return undefined;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (unit(String(plan.seed), 'rate', key, String(n)) >= plan.rate) return undefined;
    return plan.faults[Math.floor(unit(String(plan.seed), 'kind', key, String(n)) * plan.faults.length)];
  };
  const later = (ms: number, f: () => void) => {
    const t = setTimeout(() => { timers.delete(t); f(); }, ms);
    timers.add(t);
  };

  const forward = (req: http.IncomingMessage, body: Buffer, key: string, reply: (status: number, headers: http.IncomingHttpHeaders, body: Buffer) => void, lost: () => void) => {
    const fwd = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const out = Buffer.concat(chunks);
        const uuid = /"UUID"\s*:\s*"([^"]+)"/.exec(out.toString())?.[1];
        if (req.method === 'POST' && uuid) creators.set(uuid.toLowerCase(), key);
        reply(up.statusCode ?? 502, up.headers, out);
      });
    });
    fwd.on('error', lost);
    fwd.end(body);
  };

  const inject = (fault: Fault, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, key: string) => {
    const socket = req.socket;
    state.injected[fault] = (state.injected[fault] ?? 0) + 1;
    if (fault === 'reset-before-headers') { socket.destroy(); return; }
    if (fault === 'stall') return; // the socket stays open and silent until the client gives up
    if (fault === 'garbage') { socket.end(Buffer.from('\u0000\u00ffSSH-2.0-OpenSSH_9.6\r\n\u0016\u0003\u0001garbage', 'latin1')); return; }
    if (fault === 'refuse-400') {
      const body = JSON.stringify({ Type: 'User', message: 'injected: the secret does not exist' });
      res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidParameterValueException', 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
      return;
    }
    if (fault.startsWith('status-')) {
      const status = Number(fault.slice('status-'.length));
      const e = errorBody(status);
      res.writeHead(status, { ...e.headers, 'content-length': String(Buffer.byteLength(e.body)) });
      res.end(e.body);
      return;
    }
    forward(req, body, key, (status, headers, out) => {
      state.answeredUpstream[status] = (state.answeredUpstream[status] ?? 0) + 1;
      const h = { ...headers, 'content-length': String(out.length) };
      delete h['transfer-encoding'];
      if (fault === 'invalid-json-202') {
        const bad = status === 202 ? Buffer.from('{"UUID": "not closed') : out;
        res.writeHead(status, { ...h, 'content-length': String(bad.length) });
        res.end(bad);
        return;
      }
      res.writeHead(status, h);
      res.flushHeaders();
      if (fault === 'reset-after-headers') { later(5, () => socket.destroy()); return; }
      const half = out.subarray(0, Math.floor(out.length / 2));
      if (fault === 'reset-mid-body') { res.write(half); later(5, () => socket.destroy()); return; }
      if (fault === 'truncate') { res.write(half); later(5, () => socket.end()); return; }
      // drip: one byte every 100 ms, far slower than any answer should take
      let i = 0;
      const drip = () => {
        if (socket.destroyed) return;
        if (i >= out.length) { res.end(); return; }
        res.write(out.subarray(i, i + 1));
        i += 1;
        later(100, drip);
      };
      drip();
    }, () => socket.destroy());
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests += 1;
      const body = Buffer.concat(chunks);
      const key = keyOf(req.method ?? 'GET', req.url ?? '/', body.toString());
      const fault = choose(req.method ?? 'GET', req.url ?? '/', key, body.toString());
      if (fault) { inject(fault, req, res, body, key); return; }
      forward(req, body, key, (status, headers, out) => {
        const h = { ...headers, 'content-length': String(out.length) };
        delete h['transfer-encoding'];
        res.writeHead(status, h);
        res.end(out);
      }, () => req.socket.destroy());
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  server.on('clientError', (_e, s) => s.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = async () => {
    for (const t of timers) clearTimeout(t);
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return state;
}
