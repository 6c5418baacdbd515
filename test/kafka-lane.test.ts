/**
 * A self-managed Kafka source has no ARN to list its mappings by. When a create's answer is lost on its
 * lane, the lane still clears its (function, cluster) pair before the next case (every mapping listed,
 * matched by function and bootstrap server), the cases go on being sent, and nothing is left behind.
 * And a target that refuses every Kafka create (as AWS does when the secret does not exist) leaves the Kafka
 * duplicate case inconclusive, never failed: its first mapping was never made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../engine/run.ts';
import type { Report } from '../engine/report-types.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';
import { startFaultProxy } from './helpers/fault-proxy.ts';
import { configFor, describeCases } from './helpers/run-helpers.ts';

let ref: ReferenceHandle;
let report: Report;
let injected: Record<string, number>;
/** The creates the reference accepted (it made the mapping) whose answers were lost. */
let lostAccepted = 0;
const logs: string[] = [];
beforeAll(async () => {
  ref = await startReference();
  // Half of the Kafka creates reach the reference, which makes the mapping, and their answer is cut mid-body.
  const proxy = await startFaultProxy(ref.url, { seed: 7, rate: 0.5, faults: ['reset-mid-body'], exempt: (method, _path, body) => method !== 'POST' || !body.includes('SelfManagedEventSource') });
  const r = ref.resources;
  try {
    const argv = ['--endpoint', proxy.url, '--function-name', r.functionName, '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn,
      '--source', `self-managed-kafka=${r.sources!['self-managed-kafka']}`, '--only', 'self-managed-kafka*,SelfManagedKafkaEventSourceConfig*,EventSourceArn.kind', '--runs', '1', '--timeout', '1000', '--max-attempts', '1', '--no-shrink', '--no-sdk'];
    report = await runSuite(configFor(argv, { log: (line) => logs.push(line) }));
    injected = { ...proxy.injected };
    lostAccepted = proxy.answeredUpstream[202] ?? 0;
  } finally {
    await proxy.close();
  }
}, 120_000);
afterAll(async () => {
  await ref.close();
});

describe('a self-managed Kafka lane whose creates lose their answers', () => {
  it('lost some answers of creates that made a mapping', () => {
    expect(injected['reset-mid-body'] ?? 0).toBeGreaterThan(1);
    expect(lostAccepted).toBeGreaterThan(1);
    expect(report.cases.filter((c) => c.verdict === 'inconclusive').length).toBeGreaterThan(0);
  });

  it('clears the pair before the next create: no case meets the leftover (the reference refuses a duplicate as AWS does, 409)', () => {
    const conflicts = report.cases.filter((c) => c.observed.status === 409);
    expect(conflicts, describeCases(conflicts)).toEqual([]);
    // Only the lane's last case can leave a mapping for the final sweep; the lane cleared the others.
    const swept = logs.map((l) => /^cleanup: deleted (\d+) mapping/.exec(l)?.[1]).filter(Boolean).map(Number);
    expect(swept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
  });

  it('clears the pair and sends every later case: none is held back, none fails', () => {
    const held = report.cases.filter((c) => /could not make sure/.test(c.observed.problem ?? ''));
    expect(held, describeCases(held)).toEqual([]);
    const failed = report.cases.filter((c) => c.verdict === 'fail');
    expect(failed, describeCases(failed)).toEqual([]);
    expect(report.cases.filter((c) => c.verdict === 'pass').length).toBeGreaterThan(5);
  });

  it('leaves no mapping on the target and reports no leak', () => {
    expect(ref.mappings()).toBe(0);
    expect(report.leaks).toEqual([]);
  });
});

describe('a target that refuses every self-managed Kafka create (a secret that does not exist)', () => {
  it('leaves the Kafka duplicate inconclusive with what the first create was answered, and judges nothing of it', async () => {
    const proxy = await startFaultProxy(ref.url, { seed: 1, rate: 1, faults: ['refuse-400'], exempt: (method, _path, body) => method !== 'POST' || !body.includes('SelfManagedEventSource') });
    const r = ref.resources;
    try {
      const argv = ['--endpoint', proxy.url, '--function-name', r.functionName, '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn,
        '--source', `self-managed-kafka=${r.sources!['self-managed-kafka']}`, '--only', 'error.ResourceConflict.duplicate', '--runs', '0', '--max-attempts', '1', '--no-shrink', '--no-sdk'];
      const dups = (await runSuite(configFor(argv))).cases;
      const kafka = dups.find((c) => c.title === 'self-managed-kafka: the same function and source mapped twice')!;
      expect(kafka.verdict).toBe('inconclusive');
      expect(kafka.failures).toEqual([]);
      expect(kafka.parity ?? []).toEqual([]);
      expect(kafka.notes).toEqual([expect.objectContaining({ code: 'set-up-create-not-made', verdict: 'info', args: { answered: 'HTTP 400 InvalidParameterValueException' } })]);
      // The streams' duplicates, whose creates the target makes, are judged as ever.
      expect(dups.filter((c) => /stream mapped twice$/.test(c.title)).map((c) => c.verdict)).toEqual(['pass', 'pass']);
      expect(ref.mappings()).toBe(0);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
