/**
 * Robustness against a misbehaving target: a fault-injecting proxy (test/helpers/fault-proxy.ts) stands
 * between the suite and its embedded reference. Transient faults (resets before and after the headers and
 * mid-body, a target that never answers, a slow drip, truncated bodies, garbage bytes, 5xx and 429 storms)
 * in 30% of the requests, with a fixed seed, must never produce a fail: every verdict is the clean run's,
 * or inconclusive. A deterministic bad answer (invalid JSON on every 202) fails under its own rule only.
 * Nothing is left on the target, the report is schema-valid, and the verdicts do not depend on the order
 * in which concurrent answers arrive.
 */
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import reportSchema from '../engine/report.schema.json' with { type: 'json' };
import { runSuite } from '../engine/run.ts';
import type { Report } from '../engine/report-types.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';
import { DETERMINISTIC_FAULTS, startFaultProxy, TRANSIENT_FAULTS, type FaultPlan } from './helpers/fault-proxy.ts';
import { configFor, describeCases } from './helpers/run-helpers.ts';

const validateReport = new Ajv({ strict: false, validateFormats: false }).compile(reportSchema);
const SEED = 20151231;

let ref: ReferenceHandle;
/** The same run with no fault: the verdicts each faulty run is held against (whatever the reference's own). */
let clean: Report;
beforeAll(async () => {
  ref = await startReference();
  clean = (await runThrough(undefined)).report;
}, 150_000);
afterAll(async () => {
  await ref.close();
});

/** The setup's function look-ups are spared: a setup that fails is exit 3, tested elsewhere. */
const exempt: FaultPlan['exempt'] = (_m, path) => path.includes('/functions/');

async function runThrough(plan: FaultPlan | undefined, extra: string[] = []): Promise<{ report: Report; injected: Record<string, number> }> {
  const proxy = plan ? await startFaultProxy(ref.url, plan) : undefined;
  const r = ref.resources;
  try {
    const argv = ['--endpoint', proxy?.url ?? ref.url, '--function-name', r.functionName, '--kinesis-stream-arn', r.kinesisStreamArn,
      '--dynamodb-stream-arn', r.dynamodbStreamArn, '--runs', '1', '--timeout', '1000', '--no-shrink', '--edition', 'seed', ...extra];
    const report = await runSuite(configFor(argv));
    return { report, injected: { ...proxy?.injected } };
  } finally {
    await proxy?.close();
  }
}

const verdicts = (report: Report) => Object.fromEntries(report.cases.map((c) => [c.caseId, c.verdict]));

describe('transient faults in 30% of the requests (fixed seed)', () => {
  let faulty: Report;
  let injected: Record<string, number>;
  beforeAll(async () => {
    ({ report: faulty, injected } = await runThrough({ seed: SEED, rate: 0.3, faults: TRANSIENT_FAULTS, exempt }));
  }, 150_000);

  it('injected every kind of transient fault', () => {
    for (const f of TRANSIENT_FAULTS) expect(injected[f] ?? 0, f).toBeGreaterThan(0);
  });

  it('charges none of them to the target: each verdict is the clean run\'s, or inconclusive', () => {
    const wrong = faulty.cases.filter((c) => c.verdict !== 'inconclusive' && c.verdict !== verdicts(clean)[c.caseId]);
    expect(wrong, describeCases(wrong)).toEqual([]);
    expect(faulty.cases.filter((c) => c.verdict === 'fail' && verdicts(clean)[c.caseId] !== 'fail')).toEqual([]);
    expect(faulty.counts.error ?? 0).toBe(clean.counts.error ?? 0);
    expect(faulty.cases.filter((c) => c.verdict === 'pass').length).toBeGreaterThan(clean.cases.filter((c) => c.verdict === 'pass').length / 2);
  });

  it('leaves nothing on the target, reports no leak, and writes a schema-valid report', () => {
    expect(ref.mappings()).toBe(0);
    expect(faulty.leaks).toEqual([]);
    expect(validateReport(JSON.parse(JSON.stringify(faulty))), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it('gives the same verdicts whatever the order in which concurrent answers arrive', async () => {
    const fewer = (await runThrough({ seed: SEED, rate: 0.3, faults: TRANSIENT_FAULTS, exempt }, ['--concurrency', '2'])).report;
    expect(verdicts(fewer)).toEqual(verdicts(faulty));
  }, 150_000);
});

describe('a deterministic bad answer: invalid JSON on every 202', () => {
  it('fails exactly the accepted creates, under the JSON-body rule only, and still cleans up', async () => {
    const { report } = await runThrough({ seed: SEED, rate: 1, faults: DETERMINISTIC_FAULTS, exempt });
    // The cases the clean run passes: each accepted create now fails, under the JSON-body rule only.
    const passing = new Set(clean.cases.filter((c) => c.verdict === 'pass').map((c) => c.caseId));
    const failed = report.cases.filter((c) => c.verdict === 'fail' && passing.has(c.caseId));
    expect(failed.length).toBeGreaterThan(10);
    const rules = new Set(failed.flatMap((c) => c.failures.filter((f) => f.verdict === 'fail').map((f) => f.rule)));
    expect([...rules], JSON.stringify(failed.filter((c) => c.failures.some((f) => f.rule !== 'response.body.json')).slice(0, 2).map((c) => [c.caseId, c.failures]))).toEqual(['response.body.json']);
    expect(failed.every((c) => c.observed.status === 202)).toBe(true);
    const others = report.cases.filter((c) => passing.has(c.caseId) && c.observed.status !== 202 && !['pass', 'inconclusive'].includes(c.verdict));
    expect(others, describeCases(others)).toEqual([]);
    expect(ref.mappings()).toBe(0);
    expect(report.leaks).toEqual([]);
  }, 30_000);
});

describe('a 500 on an invalid request', () => {
  it('is a finding when it repeats on every send of the larger budget, and the report states that rule', async () => {
    const report = await runSuite(configFor(['--deviation', 'event-source-arn-required-500', '--only', 'EventSourceArn.required', '--runs', '0', '--no-shrink', '--no-sdk']));
    const found = report.cases.flatMap((c) => c.failures).filter((f) => f.code === 'server-error-on-invalid-input');
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f.args.confirmed).toMatch(/^a 500 counts only when it repeats: every one of 9 attempts \(3 sends\) answered 500$/);
  }, 30_000);

  it('is not a finding when a 500 storm passes: the first answer that is not a 500 is judged', async () => {
    // 60% of the requests meet an injected 500: without the larger budget about a fifth of the invalid cases would fail.
    const { report } = await runThrough({ seed: SEED, rate: 0.6, faults: ['status-500'], exempt }, ['--only', 'EventSourceArn.*,BatchSize.range', '--no-sdk']);
    expect(report.counts.fail ?? 0, describeCases(report.cases.filter((c) => c.verdict === 'fail'))).toBe(0);
  }, 30_000);
});
