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

beforeAll(async () => {
  ref = await startReference();
  const target = new URL(ref.url);
  // Forwards everything; the first create with BatchSize 10000 gets its answer only after the client gave up.
  proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const slow = req.method === 'POST' && body.includes('"BatchSize":10000') && slowOnce++ === 0;
      const fwd = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
        const send = () => { res.writeHead(r.statusCode ?? 500, r.headers); r.pipe(res); };
        if (slow) setTimeout(send, 1500); else send();
      });
      fwd.end(Buffer.concat(chunks));
    });
  });
  proxy.on('clientError', () => undefined);
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((r) => proxy.close(() => r()));
  await ref.close();
});

describe('a create that timed out but succeeded', () => {
  it('is found and deleted: nothing stays on the target, no leak, the case is inconclusive', async () => {
    const r = ref.resources;
    const report = await runSuite(configFor([
      '--endpoint', proxyUrl, '--function-name', r.functionName, '--function-version', r.version, '--function-alias', r.alias,
      '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn,
      '--only', 'BatchSize.range', '--runs', '0', '--timeout', '700', '--no-sdk',
    ]));
    expect(slowOnce).toBeGreaterThan(0);
    const max = report.cases.find((c) => c.valid && c.request.body?.BatchSize === 10000)!;
    expect(max.verdict).toBe('inconclusive');
    expect(max.observed.status).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 1600)); // the slow answer has arrived at the proxy by now
    expect(ref.mappings()).toBe(0);
    expect(report.leaks).toEqual([]);
  });
});
