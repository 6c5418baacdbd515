/**
 * The suite's request rate against the embedded reference versus bare keep-alive loops at the same
 * concurrency and request count, in one process:
 * - `bareRate`: the same number of one cheap request (an unsigned POST the server validates and answers
 *   404: a function it does not hold), as the issue first measured;
 * - `sameRequestsRate`: the suite's own requests, recorded by the reference during a run and sent again
 *   in order, unsigned, to a fresh reference (a created mapping's UUID mapped to the new one's), so that
 *   the server does the same work and only the client differs. This is the ratio the goal is judged by:
 *   against the cheap request the server's own share of the suite's heavier requests counts as the suite's.
 */
import http from 'node:http';
import { setMaxListeners } from 'node:events';
import { runSuite } from '../engine/run.ts';
import { DEFAULT_SEED } from '../properties/plan.ts';
import { startReference, type ReferenceHandle, type ReferenceOptions } from '../reference/server.ts';
import type { ReceivedRequest } from '../reference/create.ts';
import { sendRaw } from '../engine/transport/index.ts';
import { model } from '../spec/index.ts';

export interface RateSample { requests: number; ms: number; perSecond: number }
/** `differed`: requests whose status was not the one the run met (0: the server did the run's work again). */
export interface ReplaySample extends RateSample { differed: number }
export interface SuiteSample extends RateSample { cases: number; sendingMs: number; sendingPerSecond: number }

const rateOf = (requests: number, ms: number): RateSample => ({ requests, ms, perSecond: (requests / ms) * 1000 });

/** A full run (the SDK pass off: it is another client's speed) against `ref`; its requests and time. */
export async function suiteRate(ref: ReferenceHandle, runs: number, concurrency: number): Promise<SuiteSample> {
  const { functionArn: _a, functionNames, ...r } = ref.resources;
  const before = ref.requests();
  ref.markRequests();
  const t = performance.now();
  const report = await runSuite({
    endpoint: ref.url, region: r.region, profile: 'aws', seed: DEFAULT_SEED, runs, only: [], skip: [], caseIds: [], concurrency,
    timeoutMs: 10_000, maxAttempts: 1, given: { ...r, functionNames }, provision: false, allowRealAws: false, sdk: false, shrink: false,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, command: 'bench',
  });
  const ms = performance.now() - t;
  const w = ref.requestWindow();
  const requests = ref.requests() - before;
  // The sending phase: from the first request of the run to its last (the plan and the report records are item 2's).
  const sendingMs = w.last - w.first;
  return { ...rateOf(requests, ms), cases: report.cases.length, sendingMs, sendingPerSecond: (requests / sendingMs) * 1000 };
}

/** `requests` bare POSTs over keep-alive connections, `concurrency` at a time. */
export async function bareRate(ref: ReferenceHandle, requests: number, concurrency: number): Promise<RateSample> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(ref.url);
  const body = JSON.stringify({ FunctionName: 'no-such-function', EventSourceArn: ref.resources.kinesisStreamArn, StartingPosition: 'LATEST' });
  const one = () => new Promise<void>((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, method: 'POST', path: '/2015-03-31/event-source-mappings', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end(body);
  });
  let left = requests;
  const t = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (left > 0) {
      left -= 1;
      await one();
    }
  }));
  const ms = performance.now() - t;
  agent.destroy();
  return rateOf(requests, ms);
}

/** All three, on one fresh reference each time, at one concurrency; `recorded`: the run's own requests. */
export async function compareRates(runs: number, concurrency: number, recorded: ReceivedRequest[], target: Pick<ReferenceOptions, 'serviceMs'> = {}): Promise<{ suite: SuiteSample; bare: RateSample; same: ReplaySample; transport: ReplaySample; ratio: number; sameRatio: number }> {
  const ref = await startReference(target);
  try {
    // Warm-up, untimed: each loop once in full, so that every measured loop runs on code the JIT has
    // compiled (a cold replay measured at half its warm rate and flattered the ratio).
    await bareRate(ref, 500, concurrency);
    await suiteRate(ref, runs, concurrency);
    await sameRequestsRate(recorded, concurrency, 'bare', target);
    await sameRequestsRate(recorded, concurrency, 'transport', target);
    const suite = await suiteRate(ref, runs, concurrency);
    const bare = await bareRate(ref, suite.requests, concurrency);
    const same = await sameRequestsRate(recorded, concurrency, 'bare', target);
    const transport = await sameRequestsRate(recorded, concurrency, 'transport', target);
    return { suite, bare, same, transport, ratio: suite.perSecond / bare.perSecond, sameRatio: suite.perSecond / same.perSecond };
  } finally {
    await ref.close();
  }
}

/**
 * The suite against a slower target: a reference that handles every request `serviceMs` after it arrives
 * (reference/server.ts `serviceMs`), beside the run's own requests replayed bare against the same kind of
 * target. Both loops are already warm (section 1 ran them), so each is measured once. As the target's
 * service time grows, the client's own time per request (its CPU, and the event-loop turns in which an
 * answer waits while other answers are judged) weighs less and the ratio tends to 1.
 */
export async function slowTargetRates(runs: number, concurrency: number, recorded: ReceivedRequest[], serviceMs: number): Promise<{ suite: SuiteSample; same: ReplaySample; ratio: number }> {
  const ref = await startReference({ serviceMs });
  try {
    const suite = await suiteRate(ref, runs, concurrency);
    const same = await sameRequestsRate(recorded, concurrency, 'bare', { serviceMs });
    return { suite, same, ratio: suite.perSecond / same.perSecond };
  } finally {
    await ref.close();
  }
}

/** The requests a run sends, as the reference received them (one run, SDK pass off). */
export async function recordSuiteRequests(runs: number, concurrency: number): Promise<ReceivedRequest[]> {
  const seen: ReceivedRequest[] = [];
  const ref = await startReference({ onRequest: (r) => seen.push(r) });
  try {
    await suiteRate(ref, runs, concurrency);
    return seen;
  } finally {
    await ref.close();
  }
}

const UUID_IN_PATH = /\/event-source-mappings\/([0-9a-f-]{36})(?=$|[/?])/;

/**
 * `recorded` sent again, `concurrency` at a time, to a fresh reference: in order, and a request that names
 * a mapping waits for the create that made it and names the new UUID. `via`: `bare` (node:http over
 * keep-alive, unsigned: the goal's baseline) or `transport` (the suite's own sender, engine/transport:
 * SigV4 over the final bytes, a per-attempt timeout, the run's abort signal; no judging, no records), the
 * floor of what any run of the suite costs per request.
 */
export async function sameRequestsRate(recorded: ReceivedRequest[], concurrency: number, via: 'bare' | 'transport' = 'bare', target: Pick<ReferenceOptions, 'serviceMs'> = {}): Promise<ReplaySample> {
  const ref = await startReference(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(ref.url);
  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // every request in flight listens to it, as in a run
  const createdBy = new Map<string, number>();
  recorded.forEach((r, i) => { if (r.uuid && r.method === 'POST' && !createdBy.has(r.uuid)) createdBy.set(r.uuid, i); });
  const done: Array<Promise<void>> = [];
  const resolvers: Array<() => void> = [];
  for (let i = 0; i < recorded.length; i += 1) done.push(new Promise<void>((r) => { resolvers[i] = r; }));
  const renamed = new Map<string, string>();
  let differed = 0;
  const uuidOf = (body: string): string | undefined => /"UUID":"([0-9a-f-]{36})"/.exec(body)?.[1];
  const bare = (r: ReceivedRequest, path: string, wantUuid: boolean): Promise<string | undefined> => new Promise((resolve, reject) => {
    const headers = { ...r.headers, 'content-length': Buffer.byteLength(r.body) };
    const req = http.request({ agent, host: url.hostname, port: url.port, method: r.method, path, headers }, (res) => {
      if (res.statusCode !== r.status) differed += 1;
      if (!wantUuid) {
        res.resume();
        res.on('end', () => resolve(undefined));
        return;
      }
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve(uuidOf(body)));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${r.method} ${path} within 10 s`)));
    req.on('error', reject);
    req.end(r.body);
  });
  const transport = async (r: ReceivedRequest, path: string): Promise<string | undefined> => {
    const headers: Record<string, string> = r.headers['content-type'] ? { 'content-type': r.headers['content-type'] } : {};
    const res = await sendRaw({ endpoint: url, method: r.method, path, headers, body: r.body }, {
      region: ref.resources.region, service: model.operation.signingService, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      timeoutMs: 10_000, retry: { maxAttempts: 1, baseDelayMs: 200, maxDelayMs: 5000 }, signal: abort.signal,
    });
    if (res.kind !== 'response') throw new Error(`no answer to ${r.method} ${path}: ${res.message}`);
    if (res.status !== r.status) differed += 1;
    return uuidOf(res.body);
  };
  const one = async (i: number): Promise<void> => {
    const r = recorded[i]!;
    let path = r.path;
    const named = UUID_IN_PATH.exec(path)?.[1];
    const maker = named === undefined ? undefined : createdBy.get(named);
    if (named !== undefined && maker !== undefined && maker < i) {
      await done[maker];
      path = path.replace(named, renamed.get(named) ?? named);
    }
    const wantUuid = r.method === 'POST' && r.uuid !== undefined && createdBy.get(r.uuid) === i;
    const uuid = via === 'bare' ? await bare(r, path, wantUuid) : await transport(r, path);
    if (wantUuid && uuid) renamed.set(r.uuid!, uuid);
    resolvers[i]!();
  };
  let next = 0;
  const t = performance.now();
  try {
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < recorded.length) await one(next++);
    }));
    return { ...rateOf(recorded.length, performance.now() - t), differed };
  } finally {
    abort.abort();
    agent.destroy();
    await ref.close();
  }
}
