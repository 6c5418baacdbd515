/**
 * A target that goes away in the middle of a run (the emulator dies: every connection refused) stops the
 * run's sending: the run says so, exits 3, and does not spend its remaining cases on it; what it created and
 * could not delete is kept in the ledger. Resets and 5xx of a live target never count.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReference, type ReferenceHandle } from '../reference/server.ts';
import { runSuite } from '../engine/run.ts';
import { LOST_AFTER, TargetHealth, mentionsSilent } from '../engine/target-health.ts';
import { neverConnected } from '../engine/provision/aws-errors.ts';
import { Ledger } from '../engine/provision/ledger.ts';
import { configFor, tempDir } from './helpers/run-helpers.ts';

const tmp = tempDir('target-lost');
let ref: ReferenceHandle;
beforeAll(async () => { ref = await startReference(); });
afterAll(async () => { await ref.close(); tmp.remove(); });

/**
 * A proxy to the reference that stops listening (and drops its connections) right after it has passed on
 * the `after`-th accepted create: that mapping exists on the reference, and the run can no longer delete it.
 */
async function dyingProxy(after: number): Promise<{ url: string; created: () => number }> {
  const target = new URL(ref.url);
  const sockets = new Set<Socket>();
  let created = 0;
  let dead = false;
  const server = http.createServer((req, res) => {
    if (dead) return void req.socket.destroy();
    const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (u) => {
      res.writeHead(u.statusCode ?? 500, u.headers);
      u.pipe(res);
      if (req.method === 'POST' && u.statusCode === 202 && ++created === after) {
        dead = true;
        u.on('end', () => {
          server.close();
          for (const s of sockets) s.destroy();
        });
      }
    });
    req.pipe(up);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, created: () => created };
}

describe('TargetHealth', () => {
  const refused = { kind: 'network' as const, message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9', attempts: 3, durationMs: 1, retried: [] };
  it('declares the target gone after LOST_AFTER refused connections in a row, once', () => {
    const why: string[] = [];
    const h = new TargetHealth((w) => why.push(w));
    for (let i = 0; i < LOST_AFTER - 1; i += 1) h.observe(refused);
    expect(h.lost).toBeUndefined();
    h.observe(refused);
    h.observe(refused);
    expect(why).toHaveLength(1);
    expect(h.lost).toMatch(/ECONNREFUSED/);
    // A host name that no longer resolves is as silent; the one list serves the provisioning errors too.
    expect(mentionsSilent('getaddrinfo ENOTFOUND emulator.internal')).toBe(true);
    expect(mentionsSilent('ECONNRESET: socket hang up')).toBe(false);
    expect(neverConnected(Object.assign(new Error('connect EHOSTUNREACH'), { code: 'EHOSTUNREACH' }))).toBe(true);
    expect(neverConnected(Object.assign(new Error('self signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }))).toBe(false);
  });
  it('any answer in between starts the count again; resets and timeouts never count', () => {
    const h = new TargetHealth(() => undefined);
    for (let i = 0; i < LOST_AFTER * 3; i += 1) {
      h.observe(i % (LOST_AFTER - 1) === 0 ? { kind: 'response', status: 503, headers: {}, body: '', attempts: 1, durationMs: 1, retried: [] } : refused);
      h.observe({ kind: 'network', message: 'ECONNRESET: socket hang up', attempts: 3, durationMs: 1, retried: [] });
      h.observe({ kind: 'timeout', message: 'no complete response within 10 ms', attempts: 3, durationMs: 1, retried: [] });
    }
    expect(h.lost).toBeUndefined();
  });
});

describe('a run whose target goes away', () => {
  it('stops sending, says the target stopped answering, exits 3, and keeps what it could not delete in the ledger', async () => {
    const proxy = await dyingProxy(3);
    const r = ref.resources;
    const logs: string[] = [];
    const report = await runSuite(configFor([
      '--endpoint', proxy.url, '--function-name', r.functionName, '--function-version', r.version, '--function-alias', r.alias,
      '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn, '--no-sdk', '--max-attempts', '1',
      '--ledger', `${tmp.dir}/ledger`,
    ], { log: (l) => logs.push(l) }));
    expect(report.interrupted).toMatch(/^the target stopped answering: \d+ of \d+ cases got an answer \(12 requests in a row could not connect/);
    expect(report.exitCode).toBe(3);
    expect(logs).toContainEqual(expect.stringMatching(/^the target stopped answering: /));
    // Far fewer cases than the plan were sent: the run did not spend them on a dead target.
    const answered = report.cases.filter((c) => c.observed.status !== undefined).length;
    expect(report.interrupted).toContain(`: ${answered} of `);
    const planned = Number(/of (\d+) cases/.exec(report.interrupted ?? '')?.[1]);
    expect(answered).toBeLessThan(planned - 100);
    // The third create went through and its mapping could not be deleted: a leak, named by its UUID, in the
    // ledger for `cleanup`, and still on the reference.
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const named = report.leaks.filter((l) => l.kind === 'event-source-mapping' && uuid.test(l.id)).map((l) => l.id).sort();
    expect(named.length).toBeGreaterThan(0);
    const kept = await new Ledger(`${tmp.dir}/ledger`).forRun(report.run.runId);
    expect(kept.map((e) => e.id).sort()).toEqual(named);
    // Every mapping left on the reference is named by its UUID, or (a create whose answer was cut off with the
    // connection) its source is named as one the run could not list any more.
    const listed = (await (await fetch(`${ref.url}/2015-03-31/event-source-mappings`)).json()) as { EventSourceMappings: Array<{ UUID: string; EventSourceArn: string }> };
    for (const id of named) expect(listed.EventSourceMappings.map((m) => m.UUID)).toContain(id);
    const unlisted = new Set(report.leaks.filter((l) => l.id.startsWith('(any on ')).map((l) => l.id.slice('(any on '.length, -1)));
    for (const m of listed.EventSourceMappings) expect(named.includes(m.UUID) || unlisted.has(m.EventSourceArn), `${m.UUID} on ${m.EventSourceArn}`).toBe(true);
    for (const m of listed.EventSourceMappings) await fetch(`${ref.url}/2015-03-31/event-source-mappings/${m.UUID}`, { method: 'DELETE' });
  }, 60_000);
});
