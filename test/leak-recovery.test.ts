/**
 * A create that times out but succeeds on the target leaves a mapping the first answer never named: the
 * retried create's 409 names it, and the sweep of the given streams at the end finds anything else.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReference, type ReferenceHandle } from '../reference/server.ts';
import { runSuite } from '../engine/run.ts';
import { configFor } from './helpers/run-helpers.ts';
import { fixedCases } from '../properties/plan.ts';

let ref: ReferenceHandle;
let proxy: http.Server;
let proxyUrl: string;
let slowOnce = 0;

/** How the proxy answers one forwarded request: pass the target's answer on, late, or replace it. */
type Answer = (req: http.IncomingMessage, body: string, upstream: http.IncomingMessage, res: http.ServerResponse) => void;

const passOn = (upstream: http.IncomingMessage, res: http.ServerResponse): void => {
  res.writeHead(upstream.statusCode ?? 500, upstream.headers);
  upstream.pipe(res);
};

/** A proxy that forwards every request to the reference (so the target always acts) and lets `answer` reply. */
async function forwardingProxy(answer: Answer): Promise<{ server: http.Server; url: string }> {
  const target = new URL(ref.url);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const fwd = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => answer(req, body, up, res));
      fwd.end(Buffer.concat(chunks));
    });
  });
  server.on('clientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stop(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
}

beforeAll(async () => {
  ref = await startReference();
  // The first create with BatchSize 10000 gets its answer only after the client gave up.
  ({ server: proxy, url: proxyUrl } = await forwardingProxy((req, body, up, res) => {
    const slow = req.method === 'POST' && body.includes('"BatchSize":10000') && slowOnce++ === 0;
    if (slow) setTimeout(() => passOn(up, res), 1500); else passOn(up, res);
  }));
});
afterAll(async () => {
  await stop(proxy);
  await ref.close();
});

describe('a create that timed out but succeeded', () => {
  it('is found and deleted: nothing stays on the target, no leak, the case is inconclusive', async () => {
    const r = ref.resources;
    const logs: string[] = [];
    const report = await runSuite(configFor([
      '--endpoint', proxyUrl, '--function-name', r.functionName, '--function-version', r.version, '--function-alias', r.alias,
      '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn,
      '--only', 'BatchSize.range', '--runs', '0', '--timeout', '700', '--no-sdk',
    ], { log: (l) => logs.push(l) }));
    // The retried create's 409 named the mapping and the case deleted it: the final sweep found nothing.
    expect(logs.filter((l) => l.startsWith('cleanup: deleted'))).toEqual([]);
    expect(slowOnce).toBeGreaterThan(0);
    const max = report.cases.find((c) => c.valid && c.request.body?.BatchSize === 10000)!;
    expect(max.verdict).toBe('inconclusive');
    expect(max.observed.status).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 1600)); // the slow answer has arrived at the proxy by now
    expect(ref.mappings()).toBe(0);
    expect(report.leaks).toEqual([]);
  });

  it('with one attempt (no retry, no 409 to name it) the final sweep finds and deletes the mapping', async () => {
    slowOnce = 0;
    const r = ref.resources;
    const logs: string[] = [];
    const report = await runSuite(configFor([
      '--endpoint', proxyUrl, '--function-name', r.functionName, '--function-version', r.version, '--function-alias', r.alias,
      '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn,
      '--only', 'BatchSize.range', '--runs', '0', '--timeout', '700', '--max-attempts', '1', '--no-sdk',
    ], { log: (l) => logs.push(l) }));
    const max = report.cases.find((c) => c.valid && c.request.body?.BatchSize === 10000)!;
    expect(max.verdict).toBe('inconclusive');
    expect(max.observed.problem).toMatch(/timeout/);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(logs).toContainEqual(expect.stringMatching(/^cleanup: deleted 1 mapping\(s\) of the run/));
    expect(ref.mappings()).toBe(0);
    expect(report.leaks).toEqual([]);
  });
});

describe('mappings the run did not make', () => {
  it('a mapping of the function with another qualifier on a given stream stops the run at setup, and survives it', async () => {
    const r = ref.resources;
    const mine = await fetch(`${ref.url}/2015-03-31/event-source-mappings`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ FunctionName: `${r.functionName}:${r.alias}`, EventSourceArn: r.kinesisStreamArn, StartingPosition: 'LATEST' }),
    });
    const uuid = ((await mine.json()) as { UUID: string }).UUID;
    try {
      await expect(runSuite(configFor([
        '--endpoint', ref.url, '--function-name', r.functionName, '--function-version', r.version, '--function-alias', r.alias,
        '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn, '--runs', '0', '--no-sdk',
      ]))).rejects.toThrow(new RegExp(`already has 1 mapping\\(s\\) on the given streams: ${uuid}`));
      expect((await fetch(`${ref.url}/2015-03-31/event-source-mappings/${uuid}`)).status).toBe(200);
    } finally {
      await fetch(`${ref.url}/2015-03-31/event-source-mappings/${uuid}`, { method: 'DELETE' });
    }
  });
});

describe('the SDK pass retried into a 409', () => {
  let sdkProxy: http.Server;
  let sdkUrl: string;
  let failedOnce = 0;
  beforeAll(async () => {
    // The SDK's first create reaches the target (the mapping is made) but its answer is a 503: the SDK retries and meets a 409.
    ({ server: sdkProxy, url: sdkUrl } = await forwardingProxy((req, body, up, res) => {
      const fromSdk = /aws-sdk-js/.test(String(req.headers['user-agent'] ?? ''));
      if (!(req.method === 'POST' && fromSdk && body.includes('"BatchSize":1,') && failedOnce++ === 0)) return passOn(up, res);
      up.resume();
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"message":"busy"}');
    }));
  });
  afterAll(() => stop(sdkProxy));

  it('is inconclusive, not a fail, and the mapping the first attempt made is deleted before the next case', async () => {
    const r = ref.resources;
    const report = await runSuite(configFor([
      '--endpoint', sdkUrl, '--function-name', r.functionName, '--function-version', r.version, '--function-alias', r.alias,
      '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn,
      '--only', 'BatchSize.range', '--runs', '0',
    ]));
    expect(failedOnce).toBeGreaterThan(0);
    const min = report.cases.find((c) => c.valid && c.request.body?.BatchSize === 1)!;
    expect(min.verdict, JSON.stringify(min.failures)).toBe('inconclusive');
    expect(min.sdk?.detail).toMatch(/ResourceConflictException \(HTTP 409\)/);
    expect(report.counts.fail ?? 0).toBe(0);
    expect(ref.mappings()).toBe(0);
    expect(report.leaks).toEqual([]);
  });
});

describe('the SDK pass meets a conflict or a refusal the raw request did not', () => {
  let conflictProxy: http.Server;
  let conflictUrl: string;
  let conflicted = 0;
  let refusingProxy: http.Server;
  let refusingUrl: string;
  const fromSdk = (req: http.IncomingMessage) => /aws-sdk-js/.test(String(req.headers['user-agent'] ?? ''));
  beforeAll(async () => {
    // The SDK's create of BatchSize 1 is made twice on the target: the SDK gets the second answer, a 409 on its
    // first attempt naming the mapping the first made (a target whose duplicate check is behind its reads).
    ({ server: conflictProxy, url: conflictUrl } = await forwardingProxy((req, body, up, res) => {
      if (!(req.method === 'POST' && fromSdk(req) && body.includes('"BatchSize":1,') && conflicted++ === 0)) return passOn(up, res);
      up.resume();
      const target = new URL(ref.url);
      http.request({ host: target.hostname, port: target.port, method: 'POST', path: req.url, headers: req.headers }, (again) => passOn(again, res)).end(body);
    }));
    // Every SDK create is refused (400, a parseable error) and never reaches the target; raw requests pass.
    const target = new URL(ref.url);
    refusingProxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'POST' && fromSdk(req)) {
          res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidParameterValueException' });
          res.end('{"Type":"User","message":"refused"}');
          return;
        }
        http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => passOn(up, res)).end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((r) => refusingProxy.listen(0, '127.0.0.1', () => r()));
    refusingUrl = `http://127.0.0.1:${(refusingProxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await stop(conflictProxy);
    await stop(refusingProxy);
  });
  const given = (endpoint: string) => {
    const r = ref.resources;
    return ['--endpoint', endpoint, '--function-name', r.functionName, '--function-version', r.version, '--function-alias', r.alias,
      '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn, '--runs', '0', '--sdk-pass', 'separate'];
  };

  it('a 409 on the SDK\'s first attempt is state, not the client\'s reading: inconclusive, and the mapping it names is deleted', async () => {
    const report = await runSuite(configFor([...given(conflictUrl), '--only', 'BatchSize.range']));
    expect(conflicted).toBeGreaterThan(0);
    const min = report.cases.find((c) => c.valid && c.request.body?.BatchSize === 1)!;
    expect(min.verdict, JSON.stringify(min.failures)).toBe('inconclusive');
    expect(min.sdk?.detail).toMatch(/ResourceConflictException \(HTTP 409\).*still held a mapping/);
    expect(report.counts.fail ?? 0).toBe(0);
    expect(ref.mappings()).toBe(0);
    expect(report.leaks).toEqual([]);
  });

  it('an SDK refusal fails a case the target must accept, and is an INFO note on one it may refuse', async () => {
    const report = await runSuite(configFor([...given(refusingUrl), '--only', 'FunctionName.pattern']));
    const valid = report.cases.filter((c) => c.valid && c.observed.status === 202);
    const mayIds = new Set(fixedCases().filter((c) => c.args.mayBeRefused === true).map((c) => c.id));
    const may = valid.filter((c) => mayIds.has(c.caseId));
    const must = valid.filter((c) => !mayIds.has(c.caseId));
    expect(may.length).toBeGreaterThan(0);
    expect(must.length).toBeGreaterThan(0);
    for (const c of may) {
      expect(c.verdict, c.title).toBe('pass');
      expect(c.notes?.map((n) => n.code), c.title).toContain('sdk-refused-may-be');
    }
    for (const c of must) expect([c.title, c.failures.map((f) => f.code)]).toEqual([c.title, ['sdk-rejected-or-unparsed']]);
    expect(ref.mappings()).toBe(0);
  });
});

describe('a target whose reads lag its creates', () => {
  let lagging: http.Server;
  let laggingUrl: string;
  const seen = new Set<string>();
  beforeAll(async () => {
    // The first read of each mapping answers 404, as a read that does not see the create yet would.
    ({ server: lagging, url: laggingUrl } = await forwardingProxy((req, _body, up, res) => {
      const first = req.method === 'GET' && /event-source-mappings\/[0-9a-f-]{36}$/.test(req.url ?? '') && !seen.has(req.url!);
      if (!first) return passOn(up, res);
      seen.add(req.url!);
      up.resume();
      res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
      res.end('{"Type":"User","Message":"The resource you requested does not exist."}');
    }));
  });
  afterAll(async () => { await stop(lagging); });

  it('one mapping that never reads back fails its own case only: the others are still given their waits', async () => {
    const never = new Set<string>();
    const lagOnce = new Set<string>();
    const { server, url } = await forwardingProxy((req, _body, up, res) => {
      const m = /event-source-mappings\/([0-9a-f-]{36})$/.exec(req.url ?? '');
      if (req.method !== 'GET' || !m) return passOn(up, res);
      if (never.size === 0) never.add(m[1]!);
      const lag = never.has(m[1]!) || !lagOnce.has(m[1]!);
      lagOnce.add(m[1]!);
      if (!lag) return passOn(up, res);
      up.resume();
      res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
      res.end('{"Type":"User","Message":"The resource you requested does not exist."}');
    });
    try {
      const r = ref.resources;
      const report = await runSuite(configFor([
        '--endpoint', url, '--function-name', r.functionName, '--function-version', r.version, '--function-alias', r.alias,
        '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn,
        '--only', 'BatchSize.range', '--runs', '0', '--no-sdk', '--lanes', '1',
      ]));
      const valid = report.cases.filter((c) => c.valid);
      const failed = valid.filter((c) => c.failures.some((f) => f.code === 'readback-failed'));
      expect(failed).toHaveLength(1);
      expect(valid.filter((c) => c.verdict === 'pass').length).toBe(valid.length - 1);
    } finally {
      await stop(server);
    }
    expect(ref.mappings()).toBe(0);
  });

  it('is read again after a wait: a 404 right after the create is no fail', async () => {
    const r = ref.resources;
    const report = await runSuite(configFor([
      '--endpoint', laggingUrl, '--function-name', r.functionName, '--function-version', r.version, '--function-alias', r.alias,
      '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn,
      '--only', 'BatchSize.range', '--runs', '0', '--no-sdk',
    ]));
    expect(seen.size).toBeGreaterThan(0);
    const valid = report.cases.filter((c) => c.valid);
    expect(valid.length).toBeGreaterThan(0);
    expect(valid.map((c) => [c.title, c.verdict])).toEqual(valid.map((c) => [c.title, 'pass']));
    expect(ref.mappings()).toBe(0);
  });
});

describe('a 409 that names a mapping the run made for another case', () => {
  let colliding: http.Server;
  let collidingUrl: string;
  let made: string | undefined;
  let collided = 0;
  beforeAll(async () => {
    // Creates pass through; the UUID of the first accepted one is kept. The invalid BatchSize 0 request waits
    // until a mapping exists and is answered 409 naming it, as a target that had accepted another case's
    // request on the same pair at the same time would answer.
    ({ server: colliding, url: collidingUrl } = await forwardingProxy((req, body, up, res) => {
      if (req.method === 'POST' && /"BatchSize":0[,}]/.test(body)) {
        up.resume();
        const answer = () => {
          if (made === undefined) return void setTimeout(answer, 20);
          collided += 1;
          res.writeHead(409, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceConflictException' });
          res.end(JSON.stringify({ Type: 'User', message: `The event source arn (" x ") and function (" f ") provided mapping already exists. Please update or delete the existing mapping with UUID ${made}` }));
        };
        return answer();
      }
      if (req.method !== 'POST') return passOn(up, res);
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (up.statusCode === 202) made ??= (JSON.parse(text) as { UUID: string }).UUID;
        res.writeHead(up.statusCode ?? 500, up.headers);
        res.end(text);
      });
    }));
  });
  afterAll(async () => { await stop(colliding); });

  it('is not judged against the request that met it: inconclusive, with a note', async () => {
    const r = ref.resources;
    const report = await runSuite(configFor([
      '--endpoint', collidingUrl, '--function-name', r.functionNames.slice(0, 3).join(','), '--function-version', r.version, '--function-alias', r.alias,
      '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn,
      '--only', 'BatchSize.range', '--runs', '0', '--no-sdk',
    ]));
    expect(collided).toBeGreaterThan(0);
    const zero = report.cases.filter((c) => c.request.body?.BatchSize === 0);
    expect(zero.length).toBeGreaterThan(0);
    for (const c of zero) {
      expect(c.verdict, JSON.stringify(c.failures)).toBe('inconclusive');
      expect(c.notes?.map((n) => n.code)).toContain('collided-with-run-mapping');
    }
    expect(report.counts.fail ?? 0).toBe(0);
    expect(ref.mappings()).toBe(0);
  });
});
