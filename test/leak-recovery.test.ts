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
