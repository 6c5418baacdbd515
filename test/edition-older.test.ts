/**
 * An older edition checked against AWS as it answers today (properties/edition/today.ts): the aws profile
 * widens only where today's model departs from the older one, so a faithful target of today passes every
 * edition, and a target that breaks a constraint both models share is still failed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEdition, loadIndex } from '../spec/editions/store.ts';
import { overlay } from '../spec/overlay/index.ts';
import { editionPlan } from '../properties/edition/index.ts';
import { overlayFor, todayArgs, todayAllowsAnswer } from '../properties/edition/today.ts';
import { judge } from '../properties/checks/judge.ts';
import { expect as oracle } from '../properties/oracle.ts';
import type { Case, Exchange } from '../properties/types.ts';
import { main } from '../runner.ts';
import { tempDir } from './helpers/run-helpers.ts';

const TODAY = loadEdition('aws');
const E2016 = loadEdition('aws-2016-12-01');
const E2019 = loadEdition('aws-2019-11-25');
const E2020 = loadEdition('aws-2020-12-15');

describe('kinds an older edition cannot express are left out of its plan', () => {
  it('2016 has no Topics or SelfManagedEventSource: no MSK, self-managed Kafka or MQ cases', () => {
    const kinds = Object.keys(overlayFor(E2016, overlay).kinds);
    expect(kinds).toEqual(expect.arrayContaining(['kinesis', 'dynamodb', 'sqs']));
    expect(kinds).not.toContain('msk');
    expect(kinds).not.toContain('self-managed-kafka');
    const plan = editionPlan(E2016, overlay, TODAY);
    expect(plan.cases.filter((c) => ['msk', 'self-managed-kafka'].includes(String(c.args.kind)))).toEqual([]);
  });
  it('today keeps every kind', () => {
    expect(overlayFor(TODAY, overlay)).toBe(overlay);
  });
});

describe('request cases of an older edition carry today\'s view of their member', () => {
  const plan = editionPlan(E2020, overlay, TODAY);
  it('an empty FunctionResponseTypes (2020: min 1, today: min 0) may be accepted under aws, not under seed', () => {
    const c = plan.cases.find((x) => x.rule === 'FunctionResponseTypes.size' && !x.valid && x.args.label === 'below-min') as Case;
    expect(c, 'the 2020 edition has a below-min case for FunctionResponseTypes').toBeDefined();
    expect(c.args.todayAllows).toBe(TODAY.name);
    expect(oracle(c, 'aws').outcomes).toContainEqual({ status: 202 });
    expect(oracle(c, 'seed').outcomes).not.toContainEqual({ status: 202 });
  });
  it('a value both models forbid stays invalid: no widening', () => {
    const both = plan.cases.filter((x) => !x.valid && x.rule === 'MaximumRetryAttempts.range');
    expect(both.length).toBeGreaterThan(0);
    const above = both.find((x) => x.args.label === 'above-max') as Case;
    expect(above.args.todayAllows).toBeUndefined();
    expect(oracle(above, 'aws').outcomes).not.toContainEqual({ status: 202 });
  });
  it('today\'s edition itself is never widened', () => {
    const body = { FunctionName: 'f', EventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s', StartingPosition: 'LATEST', FunctionResponseTypes: [] };
    expect(todayArgs(TODAY, TODAY, body, 'FunctionResponseTypes', false)).toEqual({});
    expect(todayArgs(E2020, TODAY, body, 'FunctionResponseTypes', false)).toEqual({ todayAllows: TODAY.name });
    expect(todayArgs(E2020, TODAY, { ...body, FunctionResponseTypes: ['NoSuchType'] }, 'FunctionResponseTypes', true)).toEqual({ todayRefuses: TODAY.name });
    // A member today's model lacks is unknown to AWS today (ignored or refused): either answer.
    expect(todayArgs(E2020, TODAY, { ...body, RetiredMember: 1 }, 'RetiredMember', false)).toEqual({ todayAllows: TODAY.name });
    expect(todayArgs(E2020, TODAY, { ...body, RetiredMember: 1 }, 'RetiredMember', true)).toEqual({ todayRefuses: TODAY.name });
  });
});

describe('a valid value of the older model that today\'s model forbids', () => {
  const plan = editionPlan(E2020, overlay, TODAY);
  const valid = plan.cases.find((x) => x.valid && x.args.kind === 'kinesis') as Case;
  const c = { ...valid, args: { ...valid.args, todayRefuses: TODAY.name } } as Case;
  const refusal = { sent: c.request.body, answer: { status: 400, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationException' }, body: '{"message":"1 validation error detected"}' } } as unknown as Exchange;
  it('may be refused under aws (an INFO note says why), not under seed', () => {
    const aws = judge(c, refusal, 'aws', E2020, TODAY);
    expect(aws.verdict).toBe('pass');
    expect(aws.notes?.map((n) => String(n.args.why))).toContainEqual(expect.stringContaining("today's model"));
    expect(judge(c, refusal, 'seed', E2020, TODAY).verdict).toBe('fail');
    expect(judge(valid, refusal, 'aws', E2020, TODAY).verdict).toBe('fail');
  });
});

describe('answers read by today\'s output shape under an older edition', () => {
  const plan = editionPlan(E2019, overlay, TODAY);
  const c = plan.cases.find((x) => x.valid && x.args.kind === 'kinesis') ?? plan.cases.find((x) => x.valid) as Case;
  const exchange = (extra: Record<string, unknown>): Exchange => {
    const sent = c.request.body as Record<string, unknown>;
    const body = {
      UUID: '11111111-2222-3333-4444-555555555555', BatchSize: 100, StartingPosition: sent.StartingPosition ?? 'LATEST',
      EventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/esm-conformance-stream',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:esm-conformance-fn', LastModified: 1796215505.892,
      LastProcessingResult: 'No records processed', State: 'Creating', StateTransitionReason: 'User action', ...extra,
    };
    return { sent, answer: { status: 202, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } } as unknown as Exchange;
  };
  it('MaximumRecordAgeInSeconds -1 (2019: min 60; today: min -1) is no failure under aws', () => {
    expect(todayAllowsAnswer(TODAY, { MaximumRecordAgeInSeconds: -1 }, '/MaximumRecordAgeInSeconds')).toBe(true);
    const j = judge(c, exchange({ MaximumRecordAgeInSeconds: -1 }), 'aws', E2019, TODAY);
    expect(j.failures.map((f) => f.rule)).not.toContain('response.MaximumRecordAgeInSeconds.range');
  });
  it('without today\'s edition the 2019 shape decides, and a value both shapes forbid is still failed', () => {
    const older = judge(c, exchange({ MaximumRecordAgeInSeconds: -1 }), 'aws', E2019);
    expect(older.failures.map((f) => f.rule)).toContain('response.MaximumRecordAgeInSeconds.range');
    const bad = judge(c, exchange({ MaximumRecordAgeInSeconds: -7 }), 'aws', E2019, TODAY);
    expect(bad.verdict).toBe('fail');
    expect(bad.failures.map((f) => f.rule)).toContain('response.MaximumRecordAgeInSeconds.range');
  });
});

describe('every botocore edition passes against the embedded reference (today\'s AWS)', () => {
  const tmp = tempDir('edition-older');
  const names = loadIndex().editions.map((e) => e.name).filter((n) => n !== 'seed');
  it.each(names)('%s', async (name) => {
    const lines: string[] = [];
    const code = await main(['--edition', name, '--runs', '3', '--no-color', '--sdk-pass', 'combined', '--out', `${tmp.dir}/${name}`],
      { out: (s) => lines.push(s), err: (s) => lines.push(s), isTty: false });
    expect(code, lines.join('\n').slice(-3000)).toBe(0);
  }, 60_000);
});

describe('a recording remembers its edition', () => {
  const tmp = tempDir('edition-recording');
  it('--edition seed recorded, replayed with no --edition: the seed edition again, same counts', async () => {
    const quiet = { out: () => undefined, err: () => undefined, isTty: false };
    const rec = `${tmp.dir}/recording`;
    expect(await main(['--edition', 'seed', '--only', 'BatchSize.*', '--record', rec, '--out', `${tmp.dir}/a`, '--format', 'json'], quiet)).toBe(0);
    const meta = JSON.parse(readFileSync(`${rec}/meta.json`, 'utf8')) as { edition: string; todayEdition: string };
    expect(meta.edition).toBe('seed');
    expect(meta.todayEdition).toBe(TODAY.name);
    expect(await main(['--replay', rec, '--out', `${tmp.dir}/b`, '--format', 'json'], quiet)).toBe(0);
    const [a, b] = ['a', 'b'].map((d) => JSON.parse(readFileSync(`${tmp.dir}/${d}/report.json`, 'utf8')) as { edition: { name: string }; counts: unknown });
    expect(b!.edition.name).toBe('seed');
    expect(b!.counts).toEqual(a!.counts);
  }, 60_000);
});
