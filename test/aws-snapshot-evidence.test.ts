/**
 * What LocalStack's AWS-validated snapshot tests recorded of AWS (spec/overlay provenance `aws-snapshot`)
 * never fails a faithful target, and where AWS's answer is not recorded a careful server's refusal passes:
 * each recorded answer below is judged as AWS gave it (placeholders of the recording filled in).
 */
import { describe, expect, it } from 'vitest';
import { editionPlan } from '../properties/edition/index.ts';
import { dependsOnTarget, mayBeRefused } from '../properties/edition/cases.ts';
import { EXAMPLE_RESOURCES, bindValue, ph } from '../properties/bind.ts';
import { fixedCases } from '../properties/plan.ts';
import { parityChecks } from '../properties/checks/parity.ts';
import { judge } from '../properties/checks/judge.ts';
import { loadEdition } from '../spec/editions/store.ts';
import { overlay } from '../spec/overlay/index.ts';
import type { Case, Resources } from '../properties/types.ts';

const AWS = loadEdition('aws');
const plan = editionPlan(AWS, overlay, AWS);
const R: Resources = {
  ...EXAMPLE_RESOURCES,
  sources: { ...EXAMPLE_RESOURCES.sources, msk: 'arn:aws:kafka:us-east-1:123456789012:cluster/c/11111111-2222-3333-4444-555555555555-1', mq: 'arn:aws:mq:us-east-1:123456789012:broker:b:b-1', 'self-managed-kafka': 'kafka:1000', 'sqs-fifo': 'arn:aws:sqs:us-east-1:123456789012:esm-conformance-queue.fifo' },
};
const byTitle = (title: string): Case => {
  const c = plan.cases.find((x) => x.title === title);
  if (!c) throw new Error(`no case titled ${title}`);
  return c;
};
const UUID = '6f1e2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const json = { 'content-type': 'application/json' };
const err = (code: string, message: string) => ({ status: 400, headers: { ...json, 'x-amzn-errortype': code }, body: JSON.stringify({ Type: 'User', message }) });

/** A stream create's answer as recorded (test_create_kinesis_event_source_mapping), with the sent members echoed. */
function kinesisAnswer(sent: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const body = {
    BatchSize: 100, BisectBatchOnFunctionError: false, DestinationConfig: { OnFailure: {} }, EventSourceArn: R.kinesisStreamArn,
    EventSourceMappingArn: `arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${UUID}`,
    FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${R.functionName}`, FunctionResponseTypes: [], LastModified: 1796215505.892,
    LastProcessingResult: 'No records processed', MaximumBatchingWindowInSeconds: 0, MaximumRecordAgeInSeconds: -1, MaximumRetryAttempts: -1,
    ParallelizationFactor: 1, StartingPosition: sent.StartingPosition, State: 'Creating', StateTransitionReason: 'User action', TumblingWindowInSeconds: 0, UUID, ...extra,
  };
  return { status: 202, headers: json, body: JSON.stringify(body) };
}

function judged(c: Case, answer: { status: number; headers: Record<string, string>; body: string }) {
  const sent = bindValue(c.request.body!, R);
  return judge(c, { answer, sent }, 'aws', AWS, AWS);
}

describe('self-managed Kafka, as AWS answered (test_create_event_source_self_managed, AWS-validated 2024-09-03)', () => {
  it('has no StartingPosition rule: AWS accepted a create without it', () => {
    expect(plan.cases.some((c) => c.rule === 'self-managed-kafka.StartingPosition.required')).toBe(false);
  });
  it('its minimal valid request sends one BASIC_AUTH access configuration, as the accepted ones did, and may be refused', () => {
    const c = byTitle('self-managed-kafka: a minimal valid request');
    const sent = bindValue(c.request.body!, R);
    expect(sent.SourceAccessConfigurations).toEqual([{ Type: 'BASIC_AUTH', URI: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:esm-conformance-kafka-auth' }]);
    expect(sent.StartingPosition).toBeUndefined();
    expect(c.args.mayBeRefused).toBe(true);
    // The recorded answer to the recorded request passes, as recorded (2024-09-03: before answers carried
    // EventSourceMappingArn) and with today's EventSourceMappingArn; so does a refusal (the secret may not exist).
    const recorded = {
      BatchSize: 100, FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${R.functionName}`, LastModified: 1796215505.892,
      LastProcessingResult: 'No records processed', SelfManagedEventSource: sent.SelfManagedEventSource,
      SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: UUID }, SourceAccessConfigurations: sent.SourceAccessConfigurations,
      StartingPosition: 'TRIM_HORIZON', State: 'Creating', StateTransitionReason: 'USER_INITIATED', Topics: sent.Topics, UUID,
    };
    expect(judged(c, { status: 202, headers: json, body: JSON.stringify(recorded) }).verdict).toBe('pass');
    const answer = { status: 202, headers: json, body: JSON.stringify({ ...recorded, EventSourceMappingArn: `arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${UUID}` }) };
    expect(judged(c, answer).verdict).toBe('pass');
    const refused = judged(c, err('InvalidParameterValueException', 'Secret not found'));
    expect(refused.verdict).toBe('pass');
    expect(refused.notes?.map((n) => n.code)).toContain('refused-by-target');
  });
  it('every valid case of the kind may be refused; an MSK create without StartingPosition may be accepted or refused', () => {
    const kafka = plan.cases.filter((c) => c.valid && c.args.kind === 'self-managed-kafka');
    expect(kafka.length).toBeGreaterThan(10);
    expect(kafka.filter((c) => c.args.mayBeRefused !== true).map((c) => c.title)).toEqual([]);
    const msk = byTitle('msk: StartingPosition missing');
    expect(judged(msk, kinesisAnswer({ StartingPosition: 'TRIM_HORIZON' })).verdict).not.toBe('fail');
    expect(judged(msk, err('InvalidParameterValueException', '1 validation error detected: Value null at \'startingPosition\' failed to satisfy constraint: Member must not be null.')).verdict).toBe('pass');
  });
});

describe('an SQS FIFO queue, as AWS answered (test_fifo_message_group_parallelism, AWS-validated 2025-11-25)', () => {
  it('has a minimal valid request of its own, on the FIFO queue, that must be accepted', () => {
    const c = byTitle('sqs-fifo: a minimal valid request');
    expect(c.valid).toBe(true);
    expect(c.args.mayBeRefused).toBeUndefined();
    expect(c.request.body!.EventSourceArn).toBe('{{SOURCE_SQS_FIFO}}');
    expect(judged(c, err('InvalidParameterValueException', 'FIFO queues are not supported')).verdict).toBe('fail');
  });
});

describe('DestinationConfig, as AWS answered (test_create_kinesis_event_source_mapping, AWS-validated 2025-11-25)', () => {
  it('an empty config or an empty Destination answered with AWS\'s canonical {"OnFailure":{}} passes', () => {
    for (const title of ['kinesis: DestinationConfig present', 'kinesis: DestinationConfig.OnFailure.Destination min']) {
      const c = byTitle(title);
      const j = judged(c, kinesisAnswer(bindValue(c.request.body!, R)));
      expect(j.failures.filter((f) => f.verdict === 'fail'), title).toEqual([]);
    }
  });
  it('a sent destination must come back: dropped, it fails response.DestinationConfig.echo', () => {
    const c = byTitle('kinesis: DestinationConfig.OnFailure.Destination present');
    // As the recorded request sent it: an SQS queue ARN (the recorded answer echoes it).
    const dest = 'arn:aws:sqs:us-east-1:123456789012:esm-conformance-dlq';
    const sent = { ...bindValue(c.request.body!, R), DestinationConfig: { OnFailure: { Destination: dest } } };
    const as = (answer: ReturnType<typeof kinesisAnswer>) => judge(c, { answer, sent }, 'aws', AWS, AWS);
    expect(as(kinesisAnswer(sent, { DestinationConfig: { OnFailure: { Destination: dest } } })).verdict).toBe('pass');
    const dropped = as(kinesisAnswer(sent));
    expect(dropped.failures.map((f) => [f.rule, f.code])).toContainEqual(['response.DestinationConfig.echo', 'destination-not-echoed']);
  });
  it('OnSuccess on a stream (the model: not supported in CreateEventSourceMapping) may be refused', () => {
    const cases = plan.cases.filter((c) => c.valid && c.title.startsWith('kinesis: DestinationConfig.OnSuccess'));
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.args.mayBeRefused, c.title).toBe(true);
      expect(judged(c, err('InvalidParameterValueException', 'Unsupported DestinationConfig parameter for given event source mapping type.')).verdict, c.title).toBe('pass');
    }
  });
  it('OnSuccess on a stream accepted and ignored passes; changed, it fails', () => {
    const c = byTitle('kinesis: DestinationConfig.OnSuccess present');
    const dest = 'arn:aws:sqs:us-east-1:123456789012:esm-conformance-destination';
    const sent = { ...bindValue(c.request.body!, R), DestinationConfig: { OnSuccess: { Destination: dest } } };
    const as = (answer: ReturnType<typeof kinesisAnswer>) => judge(c, { answer, sent }, 'aws', AWS, AWS);
    expect(as(kinesisAnswer(sent)).verdict).toBe('pass');
    expect(as(kinesisAnswer(sent, { DestinationConfig: { OnFailure: {}, OnSuccess: { Destination: dest } } })).verdict).toBe('pass');
    expect(as(kinesisAnswer(sent, { DestinationConfig: { OnFailure: {}, OnSuccess: { Destination: `${dest}-other` } } })).failures.map((f) => f.code)).toContain('destination-not-echoed');
  });
  it('the SQS OnSuccess refusal sends the recorded request\'s Destination (test_event_source_mapping_exceptions)', () => {
    const c = plan.cases.find((x) => x.rule === 'sqs.DestinationConfig.OnSuccess.refused')!;
    expect(bindValue(c.request.body!, R).DestinationConfig).toEqual({ OnSuccess: { Destination: 'arn:aws:sqs:us-east-1:123456789012:esm-conformance-destination' } });
  });
});

describe('valid values a careful server may refuse on their meaning (AWS\'s answer unrecorded)', () => {
  const may = (title: string) => byTitle(title).args.mayBeRefused === true;
  it('enum values the model documents for other kinds, lists of copies, structures with members left out, blank names', () => {
    expect(may('kinesis: MetricsConfig.Metrics.member enum KafkaMetrics')).toBe(true);
    expect(may('kinesis: MetricsConfig.Metrics.member enum ErrorCount')).toBe(true);
    expect(may('kinesis: MetricsConfig.Metrics max')).toBe(true);
    expect(may('msk: SourceAccessConfigurations max')).toBe(true);
    expect(may('msk: AmazonManagedKafkaEventSourceConfig.SchemaRegistryConfig present')).toBe(true);
    expect(may('documentdb: DocumentDBEventSourceConfig.CollectionName present')).toBe(true);
    expect(may('mq: Queues present')).toBe(true);
    // An empty configuration in effect: every member sent empty (AWS's answer to it is not recorded).
    expect(may('kinesis: MetricsConfig.Metrics min')).toBe(true);
    expect(may('kinesis: MetricsConfig.Metrics present')).toBe(true);
  });
  it('and not the values AWS is known to take, nor whole ones', () => {
    expect(may('kinesis: MetricsConfig.Metrics.member enum EventCount')).toBe(false);
    expect(may('sqs: ScalingConfig.MaximumConcurrency min')).toBe(false);
    expect(may('kinesis: MaximumRetryAttempts max')).toBe(false);
    expect(may('kinesis: FunctionResponseTypes.member enum ReportBatchItemFailures')).toBe(false);
    expect(may('sqs: a minimal valid request')).toBe(false);
  });
  it('random values: free tag keys, a minimum above its maximum, numbers the documentation says a kind refuses', () => {
    const refusable = (kind: string, member: string, v: unknown) => mayBeRefused(AWS, overlay, kind, { [member]: v }, [member], v);
    expect(refusable('kinesis', 'Tags', { team: 'conformance-1', 'a:b': 'x y' })).toBe(false);
    expect(refusable('kinesis', 'Tags', { '': 'x' })).toBe(true);
    expect(refusable('kinesis', 'Tags', { k: '\u{1FA9F}' })).toBe(true);
    expect(refusable('sqs', 'ProvisionedPollerConfig', { MinimumPollers: 5, MaximumPollers: 19 })).toBe(false);
    expect(refusable('sqs', 'ProvisionedPollerConfig', { MinimumPollers: 55, MaximumPollers: 19 })).toBe(true);
    // No create on MSK is recorded (overlay createRecorded: false): any valid value there may be refused.
    expect(refusable('msk', 'ProvisionedPollerConfig', { MinimumPollers: 5, MaximumPollers: 19, PollerGroupName: 'g' })).toBe(true);
    // On SQS: PollerGroupName is MSK's and Kafka's (model documentation), and fewer than 2 pollers are refused.
    expect(refusable('sqs', 'ProvisionedPollerConfig', { MinimumPollers: 5, MaximumPollers: 19, PollerGroupName: 'g' })).toBe(true);
    expect(refusable('kinesis', 'MaximumRecordAgeInSeconds', 30)).toBe(true);
    expect(refusable('kinesis', 'MaximumRecordAgeInSeconds', 60)).toBe(false);
    expect(refusable('kinesis', 'MaximumRecordAgeInSeconds', -1)).toBe(false);
  });
  it('a member that names a resource by its meaning (a URI, a SchemaRegistryURI, a Destination) may be refused whatever it holds; the target\'s own source may not', () => {
    const refusable = (kind: string, member: string, v: unknown) => mayBeRefused(AWS, overlay, kind, { [member]: v }, [member], v);
    expect(refusable('sqs', 'DestinationConfig', { OnFailure: { Destination: 'x' } })).toBe(true);
    expect(refusable('sqs', 'EventSourceArn', '{{SOURCE_SQS}}')).toBe(false);
    expect(refusable('kinesis', 'FunctionResponseTypes', ['ReportBatchItemFailures'])).toBe(false);
    expect(dependsOnTarget(overlay, ['SourceAccessConfigurations'], [{ Type: 'SASL_SCRAM_512_AUTH', URI: '*.v-/**/=-aaa' }])).toBe(true);
    expect(dependsOnTarget(overlay, ['AmazonManagedKafkaEventSourceConfig'], { SchemaRegistryConfig: { SchemaRegistryURI: '@' } })).toBe(true);
    expect(dependsOnTarget(overlay, ['AmazonManagedKafkaEventSourceConfig'], { ConsumerGroupId: 'g' })).toBe(false);
  });
  it('every valid case of a kind whose create AWS answered nowhere on record (MSK, MQ, DocumentDB) may be refused', () => {
    for (const kind of ['msk', 'mq', 'documentdb']) {
      expect(overlay.kinds[kind]?.createRecorded?.value, kind).toBe(false);
      const valid = plan.cases.filter((c) => c.valid && c.args.kind === kind);
      expect(valid.length, kind).toBeGreaterThan(0);
      expect(valid.filter((c) => c.args.mayBeRefused !== true).map((c) => c.title), kind).toEqual([]);
    }
    const minimal = byTitle('msk: a minimal valid request');
    const refused = judged(minimal, err('InvalidParameterValueException', 'any refusal: AWS\'s answer to an MSK create is not recorded'));
    expect(refused.verdict).toBe('pass');
    expect(refused.notes?.map((n) => n.code)).toContain('refused-by-target');
    // Kinds with a recorded create keep their minimal request strict.
    expect(byTitle('sqs: a minimal valid request').args.mayBeRefused).toBeUndefined();
  });
  it('ScalingConfig: a sent non-empty one must come back; an empty one (which removes it) need not', () => {
    const sqsAnswer = (extra: Record<string, unknown>) => ({ status: 202, headers: json, body: JSON.stringify({
      BatchSize: 10, EventSourceArn: R.sources!.sqs, EventSourceMappingArn: `arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${UUID}`,
      FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${R.functionName}`, FunctionResponseTypes: [], LastModified: 1796215505.892,
      MaximumBatchingWindowInSeconds: 0, State: 'Creating', StateTransitionReason: 'USER_INITIATED', UUID, ...extra }) });
    const full = byTitle('sqs: ScalingConfig.MaximumConcurrency min');
    expect(judged(full, sqsAnswer({ ScalingConfig: { MaximumConcurrency: 2 } })).verdict).toBe('pass');
    expect(judged(full, sqsAnswer({})).failures.map((f) => f.rule)).toContain('response.ScalingConfig.echo');
    expect(judged(byTitle('sqs: ScalingConfig present'), sqsAnswer({})).verdict).toBe('pass');
  });
});

describe('a DynamoDB stream, as AWS answered (test_lambda_integration_dynamodbstreams.py, AWS-validated 2025-11-25)', () => {
  const ddb = fixedCases().find((c) => c.valid && c.request.body?.EventSourceArn === ph('DYNAMODB_STREAM_ARN') && c.request.body.StartingPosition === 'TRIM_HORIZON'
    && Object.keys(c.request.body).length === 3);
  const sent = () => bindValue(ddb!.request.body!, R);
  /** test_deletion_event_source_mapping_with_dynamodb: create_event_source_mapping_result (FunctionName, EventSourceArn, TRIM_HORIZON sent). */
  const recorded = () => ({
    BatchSize: 100, BisectBatchOnFunctionError: false, DestinationConfig: { OnFailure: {} }, EventSourceArn: R.dynamodbStreamArn,
    EventSourceMappingArn: `arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${UUID}`,
    FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${R.functionName}`, FunctionResponseTypes: [], LastModified: 1796215505.892,
    LastProcessingResult: 'No records processed', MaximumBatchingWindowInSeconds: 0, MaximumRecordAgeInSeconds: -1, MaximumRetryAttempts: -1,
    ParallelizationFactor: 1, StartingPosition: 'TRIM_HORIZON', State: 'Creating', StateTransitionReason: 'User action', TumblingWindowInSeconds: 0, UUID,
  });

  it('the recorded create answer passes and matches every parity rule that applies', () => {
    expect(ddb, 'a fixed minimal DynamoDB case').toBeDefined();
    const answer = { status: 202, headers: json, body: JSON.stringify(recorded()) };
    expect(judged(ddb!, answer).verdict).toBe('pass');
    const parity = parityChecks(ddb!, { answer, sent: sent() }, undefined);
    expect(parity.filter((p) => p.ok).map((p) => p.rule)).toEqual(expect.arrayContaining([
      'parity.State.create', 'parity.StateTransitionReason.create', 'parity.LastProcessingResult.create', 'parity.default.ParallelizationFactor',
      'parity.default.DestinationConfig', 'parity.default.MaximumRetryAttempts', 'parity.EventSourceMappingArn.form',
    ]));
    expect(parity.filter((p) => !p.ok)).toEqual([]);
  });

  it('the recorded duplicate answer (test_duplicate_event_source_mappings) matches the stream duplicate message', () => {
    const dup = fixedCases().find((c) => c.rule === 'error.ResourceConflict.duplicate' && c.request.body?.EventSourceArn === ph('DYNAMODB_STREAM_ARN'));
    expect(dup, 'a DynamoDB duplicate case').toBeDefined();
    const s = bindValue(dup!.request.body!, R);
    const message = `The event source arn (" ${String(s.EventSourceArn)} ") and function (" ${String(s.FunctionName)} ") provided mapping already exists. Please update or delete the existing mapping with UUID ${UUID}`;
    const answer = { status: 409, headers: { ...json, 'x-amzn-errortype': 'ResourceConflictException' }, body: JSON.stringify({ Type: 'User', message }) };
    expect(judged(dup!, answer).verdict).toBe('pass');
    const parity = parityChecks(dup!, { answer, sent: s }, 'ResourceConflictException');
    expect(parity.find((p) => p.rule === 'parity.message.duplicate')?.ok).toBe(true);
    expect(parity.filter((p) => !p.ok)).toEqual([]);
  });
});
