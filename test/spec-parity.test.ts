/**
 * spec/parity.json (AWS's recorded values as parity rules) and the rule that an unknown never fails:
 * the data passes its meta-schema (which is not vacuous), every parity rule names evidence that is in
 * aws-observed.md, and the checks (properties/checks/parity.ts) flag each recorded value when a target
 * changes it, and nothing when it does not.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { awsModel, hasRule, parityRules, PROFILE_NAMES, profiles, type Outcome } from '../spec/index.ts';
import { parityChecks } from '../properties/checks/parity.ts';
import { judge } from '../properties/checks/judge.ts';
import { buildPlan } from '../properties/plan.ts';
import { editionPlan } from '../properties/edition/index.ts';
import { loadEdition } from '../spec/editions/store.ts';
import { overlay } from '../spec/overlay/index.ts';
import { EXAMPLE_RESOURCES, bindValue } from '../properties/bind.ts';
import type { Case, Exchange } from '../properties/types.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OBSERVED_PATH = path.resolve(REPO, '..', 'shared', 'aws-observed.md');
const readJson = (rel: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(REPO, rel), 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ strict: false, allErrors: true }).compile(readJson('spec/parity.schema.json'));
const PLAN = buildPlan({ seed: 42, runs: 2 });
/** Today's edition: its generated rules and the cases of its plan (the seed page's and the edition's). */
const AWS_EDITION = loadEdition('aws');
const AWS_PLAN_OF = editionPlan(AWS_EDITION, overlay, AWS_EDITION);
const AWS_PLAN = buildPlan({ seed: 42, runs: 2, edition: AWS_PLAN_OF });
const AWS_RULES = new Set(AWS_PLAN_OF.rules.map((r) => r.id));

describe('spec/parity.json', () => {
  it('passes parity.schema.json', () => {
    expect(validate(readJson('spec/parity.json')), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['an inferred evidence (parity is only for recorded or reported values)', (p: any) => { p.rules[0].provenance.evidence = 'inferred'; }],
    ['an id outside parity.*', (p: any) => { p.rules[0].id = 'State.create'; }],
    ['an unknown key', (p: any) => { p.rules[0].expected = 'Creating'; }],
    ['a missing provenance', (p: any) => { delete p.rules[0].provenance; }],
  ])('the schema rejects %s', (_what, mutate) => {
    const broken = readJson('spec/parity.json');
    mutate(broken);
    expect(validate(broken)).toBe(false);
  });

  it('ids are unique and never a conformance rule id; forRule and breaks name registered rules', () => {
    const ids = parityRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of parityRules) {
      expect(hasRule(r.id), r.id).toBe(false);
      if (r.forRule !== undefined) expect(hasRule(r.forRule) || AWS_RULES.has(r.forRule) || r.forRule === r.id, r.id).toBe(true);
      for (const b of r.breaks ?? []) expect(hasRule(b), `${r.id}: ${b}`).toBe(true);
      const placeholders = [...(r.message ?? r.template ?? '').matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      for (const p of placeholders) expect(/^(UUID|FUNCTION_ARN|partition|region|account|(sent|answer)(\.[A-Z]\w+)+)$/.test(p), `${r.id}: {${p}}`).toBe(true);
    }
  });

  it('the stream values agree with the reference\'s recorded create defaults (spec/aws-model.json), so the two cannot drift', () => {
    for (const r of parityRules.filter((x) => x.member && x.byKind?.kinesis !== undefined)) {
      expect(awsModel.createResponseDefaults[r.member!], r.id).toEqual(r.byKind!.kinesis);
    }
    expect(parityRules.find((r) => r.id === 'parity.State.create')?.value).toBe(awsModel.createResponseDefaults.State);
  });

  it('every check-order parity rule has a case in the plan, and every message rule names a rule that has cases', () => {
    for (const r of parityRules.filter((x) => x.forRule !== undefined)) {
      const cases = AWS_PLAN.filter((c) => c.args.order === r.forRule || (c.args.order === undefined && c.rule === r.forRule) || (r.forRule === 'error.ResourceConflict.duplicate' && c.scenario === 'duplicate'));
      expect(cases.length, r.id).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!existsSync(OBSERVED_PATH))('parity evidence points into aws-observed.md', () => {
  it('the heading of every parity provenance occurs in the file', () => {
    const text = readFileSync(OBSERVED_PATH, 'utf8').replace(/[`*]/g, '');
    for (const r of parityRules.filter((x) => x.provenance.source === 'aws-observed')) expect(text.includes(r.provenance.ref.split(':')[0]!.replace(/ \((recorded|reported)\)$/, '').trim()), r.id).toBe(true);
    // AWS's answers recorded by LocalStack's AWS-validated snapshot tests: repository at a commit, file::class::test, validation date.
    for (const r of parityRules.filter((x) => x.provenance.source === 'aws-snapshot')) expect(r.provenance.ref, r.id).toMatch(/^localstack\/localstack@[0-9a-f]{12} tests\/aws\/[\w/]+\.py::\w+::test_\w+ \(AWS-validated \d{4}-\d{2}-\d{2}\)$/);
  });
});

describe('an unknown never fails a target', () => {
  const anyReject = (os: Outcome[]) => os.some((o) => o.status === '4xx' && o.codes === undefined);
  it.each(PROFILE_NAMES)('%s: every expectation of evidence unknown accepts any 4xx with a parseable code, in every variant', (name) => {
    const unknown = Object.entries(profiles[name].expectations).filter(([, e]) => e.provenance.evidence === 'unknown');
    for (const [rule, e] of unknown) {
      expect(anyReject(e.outcome ?? []), rule).toBe(true);
      for (const [variant, os] of Object.entries(e.variantOutcomes ?? {})) expect(anyReject(os), `${rule} ${variant}`).toBe(true);
    }
  });

  it('an undefined member: both ignored (202) and rejected (any 4xx with a code) pass, each with its INFO note', () => {
    const c = PLAN.find((x) => x.rule === 'request.unknown-member' && x.args.member === 'UnknownMember')!;
    const sent = bindValue(c.request.body!, EXAMPLE_RESOURCES);
    const ignored = judge(c, { answer: { status: 202, headers: { 'content-type': 'application/json' }, body: '{}' }, sent }, 'aws');
    expect(ignored.verdict).toBe('pass');
    expect(ignored.notes?.map((n) => [n.code, n.verdict])).toEqual([['unknown-member-ignored', 'info']]);
    for (const code of ['SerializationException', 'ValidationException', 'InvalidParameterValueException', 'UnrecognizedClientException']) {
      const rejected = judge(c, { answer: { status: 400, headers: { 'x-amzn-errortype': code }, body: '{"message":"no"}' }, sent }, 'aws');
      expect(rejected.verdict, code).toBe('pass');
      expect(rejected.notes?.map((n) => n.code)).toEqual(['unknown-member-rejected']);
    }
    const echoed = judge(c, { answer: { status: 202, headers: {}, body: JSON.stringify({ UnknownMember: 'x' }) }, sent }, 'aws');
    expect(echoed.verdict).not.toBe('fail');
    expect(echoed.notes?.map((n) => n.code)).toEqual(['unknown-member-echoed']);
    // A 4xx without any error code is not a parseable error: that still fails.
    expect(judge(c, { answer: { status: 400, headers: {}, body: 'nope' }, sent }, 'aws').verdict).toBe('fail');
  });
});

/** A faithful create answer for a valid case, as AWS was recorded answering it. */
function faithfulCreate(c: Case): Exchange {
  const sent = bindValue(c.request.body!, EXAMPLE_RESOURCES);
  const uuid = '0f6c1a4e-4b1e-4c3a-9a55-3f1b2d6e7a90';
  const body = {
    ...awsModel.createResponseDefaults, UUID: uuid, BatchSize: 100, EventSourceArn: sent.EventSourceArn,
    FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${EXAMPLE_RESOURCES.functionName}`, LastModified: 1569284520.333,
    EventSourceMappingArn: `arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${uuid}`, StartingPosition: sent.StartingPosition,
  };
  return { answer: { status: 202, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, sent };
}

function withBody(ex: Exchange, change: (b: Record<string, unknown>) => void): Exchange {
  const b = JSON.parse(ex.answer.body) as Record<string, unknown>;
  change(b);
  return { ...ex, answer: { ...ex.answer, body: JSON.stringify(b) } };
}

const mismatched = (c: Case, ex: Exchange, code?: string) => parityChecks(c, ex, code).filter((p) => !p.ok).map((p) => p.rule).sort();

describe('parity checks of a create answer', () => {
  const c = PLAN.find((x) => x.valid && x.rule === 'Enabled.default' && x.request.body?.Enabled === undefined)!;

  it('a faithful answer matches every success parity rule', () => {
    const results = parityChecks(c, faithfulCreate(c), undefined);
    expect(results.filter((p) => !p.ok)).toEqual([]);
    const forKinesis = (r: (typeof parityRules)[number]) => (r.kinds === undefined || r.kinds.includes('kinesis')) && (r.byKind === undefined || 'kinesis' in r.byKind);
    expect(new Set(results.map((p) => p.rule))).toEqual(new Set(parityRules.filter((r) => r.on === 'success' && forKinesis(r)).map((r) => r.id)));
  });

  it.each([
    ['parity.State.create', (b: Record<string, unknown>) => { b.State = 'Enabled'; }],
    ['parity.StateTransitionReason.create', (b: Record<string, unknown>) => { b.StateTransitionReason = 'User initiated'; }],
    ['parity.LastProcessingResult.create', (b: Record<string, unknown>) => { b.LastProcessingResult = 'OK'; }],
    ['parity.UUID.form', (b: Record<string, unknown>) => { b.UUID = 'abc'; b.EventSourceMappingArn = 'arn:aws:lambda:us-east-1:123456789012:event-source-mapping:abc'; }],
    ['parity.EventSourceMappingArn.form', (b: Record<string, unknown>) => { b.EventSourceMappingArn = 'arn:aws:lambda:us-east-1:123456789012:event-source-mapping:0f6c1a4e-4b1e-4c3a-9a55-000000000000'; }],
    ['parity.StartingPosition.echo', (b: Record<string, unknown>) => { delete b.StartingPosition; }],
    ['parity.response.never-returned', (b: Record<string, unknown>) => { b.Tags = {}; }],
    ['parity.default.ParallelizationFactor', (b: Record<string, unknown>) => { b.ParallelizationFactor = 2; }],
    ['parity.default.DestinationConfig', (b: Record<string, unknown>) => { b.DestinationConfig = {}; }],
    ['parity.default.FunctionResponseTypes', (b: Record<string, unknown>) => { delete b.FunctionResponseTypes; }],
  ])('a changed value is reported under %s only', (rule, change) => {
    expect(mismatched(c, withBody(faithfulCreate(c), change))).toEqual([rule]);
  });

  it('with Enabled false the recorded State is Disabled', () => {
    const off = PLAN.find((x) => x.valid && x.request.body?.Enabled === false)!;
    const ex = faithfulCreate(off);
    expect(mismatched(off, ex)).toEqual(['parity.State.create']);
    expect(mismatched(off, withBody(ex, (b) => { b.State = 'Disabled'; }))).toEqual([]);
  });
});

describe('parity of a self-managed Kafka create (test_create_event_source_self_managed, AWS-validated 2024-09-03)', () => {
  const uuid = '7d1c2b3a-0e4f-4a5b-8c6d-9e0f1a2b3c4d';
  const sent = {
    FunctionName: 'fn', Topics: ['topic'], SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['kafka:1000'] } },
    SourceAccessConfigurations: [{ Type: 'BASIC_AUTH', URI: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s' }],
  };
  // The recorded answer: the consumer group is the mapping's own UUID.
  const answer = (over: Record<string, unknown> = {}) => ({
    BatchSize: 100, FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn', LastModified: 1725397109.5, LastProcessingResult: 'No records processed',
    SelfManagedEventSource: sent.SelfManagedEventSource, SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: uuid }, SourceAccessConfigurations: sent.SourceAccessConfigurations,
    StartingPosition: 'TRIM_HORIZON', State: 'Creating', StateTransitionReason: 'USER_INITIATED', Topics: ['topic'], UUID: uuid,
    EventSourceMappingArn: `arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${uuid}`, ...over,
  });
  const c = { ...PLAN.find((x) => x.valid)!, valid: true };
  const ex = (body: Record<string, unknown>, request: Record<string, unknown> = sent): Exchange => ({ answer: { status: 202, headers: {}, body: JSON.stringify(body) }, sent: request });
  const rule = (body: Record<string, unknown>, request?: Record<string, unknown>) => parityChecks(c, ex(body, request), undefined).find((p) => p.rule === 'parity.default.ConsumerGroupId');

  it('the recorded answer matches; another consumer group, or none, is reported at its path', () => {
    expect(rule(answer())).toMatchObject({ ok: true, path: '/SelfManagedKafkaEventSourceConfig/ConsumerGroupId' });
    expect(rule(answer({ SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: 'lambda-consumers' } }))).toMatchObject({ ok: false, got: 'lambda-consumers' });
    expect(rule(answer({ SelfManagedKafkaEventSourceConfig: undefined }))).toMatchObject({ ok: false, got: null });
    expect(mismatched(c, ex(answer()))).toEqual([]);
  });

  it('is not checked when the request sent the configuration, nor for another kind', () => {
    expect(rule(answer({ SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: 'random_id' } }), { ...sent, SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: 'random_id' } })).toBeUndefined();
    const sqs = { FunctionName: 'fn', EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:q' };
    expect(rule(answer(), sqs)).toBeUndefined();
  });
});

describe('parity checks of an error answer', () => {
  const error = (status: number, code: string, body: Record<string, unknown>): Exchange['answer'] => ({ status, headers: { 'x-amzn-errortype': code }, body: JSON.stringify(body) });

  it('the recorded duplicate message matches whatever the target\'s UUID, and names the ARN and the function as sent', () => {
    const dup = PLAN.find((x) => x.scenario === 'duplicate' && x.args.order === undefined)!;
    const sent = bindValue(dup.request.body!, EXAMPLE_RESOURCES);
    const text = `The event source arn (" ${String(sent.EventSourceArn)} ") and function (" ${String(sent.FunctionName)} ") provided mapping already exists. Please update or delete the existing mapping with UUID 9d2a1f7e-1111-4c3a-9a55-3f1b2d6e7a90`;
    const ok: Exchange = { answer: error(409, 'ResourceConflictException', { Type: 'User', message: text }), sent };
    expect(mismatched(dup, ok, 'ResourceConflictException')).toEqual([]);
    const other: Exchange = { answer: error(409, 'ResourceConflictException', { Type: 'User', message: text.replace('already exists', 'exists') }), sent };
    expect(mismatched(dup, other, 'ResourceConflictException')).toEqual(['parity.message.duplicate']);
    // The template is read whole: {UUID} only as a UUID, the sent values only as sent, nothing after the end.
    for (const changed of [text.replace(/[0-9a-f-]{36}$/, 'not-a-uuid'), `${text}.`, text.replace(String(sent.FunctionName), `${String(sent.FunctionName)}x`), text.slice(0, -1)]) {
      const ex: Exchange = { answer: error(409, 'ResourceConflictException', { Type: 'User', message: changed }), sent };
      expect(mismatched(dup, ex, 'ResourceConflictException')).toEqual(['parity.message.duplicate']);
    }
  });

  it('a duplicate on an SQS queue or a self-managed Kafka cluster is held to that kind\'s recorded message, not the stream\'s', () => {
    const dup = PLAN.find((x) => x.scenario === 'duplicate' && x.args.order === undefined)!;
    const uuid = '9d2a1f7e-1111-4c3a-9a55-3f1b2d6e7a90';
    const queue = { FunctionName: 'fn', EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:q' };
    const sqsText = `An event source mapping with SQS arn (" ${queue.EventSourceArn} ") and function (" fn ") already exists. Please update or delete the existing mapping with UUID ${uuid}`;
    const on = (sent: Record<string, unknown>, message: string): Exchange => ({ answer: error(409, 'ResourceConflictException', { Type: 'User', message }), sent });
    expect(mismatched(dup, on(queue, sqsText), 'ResourceConflictException')).toEqual([]);
    const streamText = `The event source arn (" ${queue.EventSourceArn} ") and function (" fn ") provided mapping already exists. Please update or delete the existing mapping with UUID ${uuid}`;
    expect(mismatched(dup, on(queue, streamText), 'ResourceConflictException')).toEqual(['parity.message.duplicate-sqs']);
    // As AWS answered in the snapshot: the servers as sent (joined by commas), the function as its ARN, the topics.
    const kafka = { FunctionName: 'fn', Topics: ['topic'], SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['kafka:1000', 'kafka:2000'] } } };
    const kafkaText = (servers: string, fn: string) => `An event source mapping with event source ("${servers}"), function ("${fn}"), topics ("topic") already exists. Please update or delete the existing mapping with UUID ${uuid}`;
    expect(mismatched(dup, on(kafka, kafkaText('kafka:1000,kafka:2000', 'arn:aws:lambda:us-east-1:111111111111:function:fn')), 'ResourceConflictException')).toEqual([]);
    expect(mismatched(dup, on(kafka, kafkaText('kafka:1000', 'arn:aws:lambda:us-east-1:111111111111:function:fn')), 'ResourceConflictException')).toEqual(['parity.message.duplicate-kafka']);
    expect(mismatched(dup, on(kafka, kafkaText('kafka:1000,kafka:2000', 'fn')), 'ResourceConflictException')).toEqual(['parity.message.duplicate-kafka']);
    // {FUNCTION_ARN}: the ARN of the function the request named, not any ARN.
    for (const other of ['arn:aws:lambda:us-east-1:111111111111:function:fn-2', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:fn']) {
      expect(mismatched(dup, on(kafka, kafkaText('kafka:1000,kafka:2000', other)), 'ResourceConflictException'), other).toEqual(['parity.message.duplicate-kafka']);
    }
    expect(mismatched(dup, on(kafka, kafkaText('kafka:1000,kafka:2000', 'arn:aws-cn:lambda:cn-north-1:111111111111:function:fn:live')), 'ResourceConflictException')).toEqual([]);
  });

  it('Type and the message key per code', () => {
    const missing = PLAN.find((x) => x.rule === 'error.ResourceNotFound.function' && x.args.order === undefined)!;
    const sent = bindValue(missing.request.body!, EXAMPLE_RESOURCES);
    const ex = (body: Record<string, unknown>): Exchange => ({ answer: error(400, 'InvalidParameterValueException', body), sent });
    expect(mismatched(missing, ex({ Type: 'User', message: 'Function does not exist' }), 'InvalidParameterValueException')).toEqual([]);
    expect(mismatched(missing, ex({ message: 'Function does not exist' }), 'InvalidParameterValueException')).toEqual(['parity.error.Type']);
    expect(mismatched(missing, ex({ Type: 'User', Message: 'Function does not exist' }), 'InvalidParameterValueException')).toEqual(['parity.error.message-key']);
    expect(mismatched(missing, ex({ Type: 'User', message: 'Function not found' }), 'InvalidParameterValueException')).toEqual(['parity.message.function-missing']);
  });

  it('a transient answer (429, 502-504) is not checked for parity', () => {
    const missing = PLAN.find((x) => x.rule === 'error.ResourceNotFound.function')!;
    for (const status of [429, 502, 503, 504]) expect(parityChecks(missing, { answer: error(status, 'TooManyRequestsException', {}) }, 'TooManyRequestsException')).toEqual([]);
  });
});
