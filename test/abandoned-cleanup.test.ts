/**
 * A second Ctrl-C abandons the cleanup: what is left is reported as leaks, kept in the ledger under the
 * run's id, and `cleanup` deletes it later. Here every DELETE stalls, so the run's mappings cannot go.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../cli/run-command.ts';
import { Ledger } from '../engine/provision/ledger.ts';
import { runSuite } from '../engine/run.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';
import { main } from '../runner.ts';
import { startFaultProxy, type FaultPlan, type FaultProxy } from './helpers/fault-proxy.ts';
import { configFor, tempDir } from './helpers/run-helpers.ts';

let ref: ReferenceHandle;
let proxy: FaultProxy;
const plan: FaultPlan = { seed: 1, rate: 1, faults: ['stall'], exempt: (m) => m !== 'DELETE' };
const tmp = tempDir('abandoned');
beforeAll(async () => {
  ref = await startReference();
  proxy = await startFaultProxy(ref.url, plan);
});
afterAll(async () => {
  await proxy.close();
  await ref.close();
  tmp.remove();
});

describe('Ctrl-C twice while the deletes stall', () => {
  it('reports the mappings left, keeps them in the ledger, and cleanup deletes them later', async () => {
    const r = ref.resources;
    const ledgerDir = `${tmp.dir}/ledger`;
    const stop = new AbortController();
    const abandon = new AbortController();
    const logs: string[] = [];
    const config = configFor(['--endpoint', proxy.url, '--function-name', r.functionName, '--kinesis-stream-arn', r.kinesisStreamArn,
      '--dynamodb-stream-arn', r.dynamodbStreamArn, '--runs', '0', '--only', 'BatchSize.range', '--no-sdk', '--timeout', '60000', '--ledger', ledgerDir]);
    const started = Date.now();
    const running = runSuite({ ...config, signal: stop.signal, cleanupSignal: abandon.signal, log: (l) => {
      logs.push(l);
      // The first valid case's create went through and its delete stalls: first Ctrl-C, then the second.
      if (l.startsWith('sending')) setTimeout(() => { stop.abort(); setTimeout(() => abandon.abort(), 300); }, 700);
    } });
    const report = await running;
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(report.exitCode).toBe(3);
    expect(report.interrupted).toMatch(/^interrupted after \d+ of \d+ cases; \d+ resource\(s\) could not be deleted/);
    const left = report.leaks.filter((l) => l.kind === 'event-source-mapping' && !l.id.startsWith('('));
    expect(left.length).toBeGreaterThan(0);
    expect(ref.mappings()).toBeGreaterThanOrEqual(left.length);

    const entries = await new Ledger(ledgerDir).forRun(report.run.runId);
    expect(entries.map((e) => e.id).sort()).toEqual(left.map((l) => l.id).sort());

    // Later, with the target answering again: cleanup deletes what the ledger holds, and forgets it.
    plan.rate = 0;
    const lines: string[] = [];
    const io: Io = { out: (s) => lines.push(s), err: (s) => lines.push(s), isTty: false };
    const code = await main(['cleanup', '--endpoint', proxy.url, '--ledger', ledgerDir], io);
    expect(code, lines.join('\n')).toBe(0);
    expect(ref.mappings()).toBe(0);
    expect(await new Ledger(ledgerDir).forRun(report.run.runId)).toEqual([]);
  }, 30_000);
});
