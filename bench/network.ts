/**
 * The suite's request rate against the embedded reference versus a bare keep-alive loop that sends the same
 * number of requests to the same server at the same concurrency (unsigned POSTs that the server validates
 * and answers 404: a function it does not hold), in one process.
 */
import http from 'node:http';
import { runSuite } from '../engine/run.ts';
import { DEFAULT_SEED } from '../properties/plan.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';

export interface RateSample { requests: number; ms: number; perSecond: number }
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

/** Both, on one fresh reference each time, at one concurrency. */
export async function compareRates(runs: number, concurrency: number): Promise<{ suite: SuiteSample; bare: RateSample; ratio: number }> {
  const ref = await startReference();
  try {
    await bareRate(ref, 500, concurrency); // warm-up of both sides' code paths
    await suiteRate(ref, 5, concurrency);
    const suite = await suiteRate(ref, runs, concurrency);
    const bare = await bareRate(ref, suite.requests, concurrency);
    return { suite, bare, ratio: suite.perSecond / bare.perSecond };
  } finally {
    await ref.close();
  }
}
