/**
 * Today's request rules on the embedded reference: per-kind refusals and limits with their recorded errors
 * (spec/overlay/overlay.json `errors`, word for word from aws-observed.md "Today's members and event-source
 * kinds"), answers inside the overlay's acceptable sets where AWS's is unrecorded (`unrecorded`), and model
 * violations of today's members at any depth as 400 ValidationException in AWS's recorded message format
 * (nested paths as dotted lowerCamel segments: inferred, reference/shape-validate.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, errorCode, type RawAnswer } from '../reference/client.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';
import { awsModel } from '../spec/index.ts';
import { overlay } from '../spec/overlay/index.ts';
import { fullRequest, sourceMembers, TODAY } from './helpers/today-requests.ts';

let ref: ReferenceHandle;
beforeAll(async () => { ref = await startReference(); });
afterAll(async () => { await ref.close(); });

const IPV = 'InvalidParameterValueException';
const answerOf = (a: RawAnswer) => ({ status: a.status, code: errorCode(a), message: a.json?.message ?? a.json?.Message });
const recorded = (id: string) => {
  const e = overlay.errors[id]!;
  return { status: e.status, code: e.code, message: e.message };
};
/** The overlay's acceptable answers `id`: the status and one of the codes. */
function expectAcceptable(a: RawAnswer, id: string): void {
  const ok = overlay.unrecorded[id]!.accept.some((x) => (x.status === '4xx' ? a.status >= 400 && a.status < 500 : a.status === x.status)
    && (x.codes === undefined || x.codes.includes(errorCode(a) ?? '')));
  expect(ok, `${a.status} ${a.text} within unrecorded.${id}`).toBe(true);
}
const fn = () => ref.resources.functionName;
/** One model violation in AWS's recorded format (aws-observed.md: the maximumBatchingWindowInSeconds example). */
const one = (value: string, path: string, text: string) => ({ status: 400, code: 'ValidationException',
  message: `1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: ${text}` });
const req = (kindId: string, extra: Record<string, unknown> = {}, variant?: string) =>
  ({ FunctionName: fn(), ...sourceMembers(kindId, ref.resources, variant), ...extra });
const stream = (extra: Record<string, unknown> = {}) => req('kinesis', { StartingPosition: 'LATEST', ...extra });

describe('per-kind rules with recorded errors', () => {
  it('DestinationConfig comes back in AWS\'s canonical form: the parts with a destination, and OnFailure always', async () => {
    const dest = ref.resources.sources!.sqs!;
    for (const [sent, want] of [
      [{}, { OnFailure: {} }],
      [{ OnFailure: { Destination: '' } }, { OnFailure: {} }],
      [{ OnFailure: { Destination: dest } }, { OnFailure: { Destination: dest } }],
    ] as const) {
      const a = await create(ref.url, { ...req('kinesis'), StartingPosition: 'LATEST', DestinationConfig: sent });
      expect(a.status, a.text).toBe(202);
      expect(a.json!.DestinationConfig, JSON.stringify(sent)).toEqual(want);
      await fetch(new URL(`/2015-03-31/event-source-mappings/${String(a.json!.UUID)}`, ref.url), { method: 'DELETE' });
    }
  });
  it('SQS: DestinationConfig.OnSuccess is refused with the recorded message', async () => {
    const a = await create(ref.url, req('sqs', { DestinationConfig: { OnSuccess: { Destination: ref.resources.sources!.sqs } } }));
    expect(answerOf(a)).toEqual(recorded('sqs-destination-config-unsupported'));
  });
  it('SQS standard queue: BatchSize > 10 needs MaximumBatchingWindowInSeconds >= 1', async () => {
    expect(answerOf(await create(ref.url, req('sqs', { BatchSize: 11 })))).toEqual(recorded('sqs-batching-window-needed'));
    expect(answerOf(await create(ref.url, req('sqs', { BatchSize: 11, MaximumBatchingWindowInSeconds: 0 })))).toEqual(recorded('sqs-batching-window-needed'));
    const ok = await create(ref.url, req('sqs', { BatchSize: 11, MaximumBatchingWindowInSeconds: 1 }));
    expect(ok.status).toBe(202);
    expect(ok.json).toMatchObject({ BatchSize: 11, MaximumBatchingWindowInSeconds: 1 });
  });
  it('SQS FIFO queue: BatchSize at most 10, even with a batching window', async () => {
    expectAcceptable(await create(ref.url, req('sqs', { BatchSize: 11, MaximumBatchingWindowInSeconds: 5 }, 'fifo')), 'sqs-fifo-batch-size');
    expect((await create(ref.url, req('sqs', { BatchSize: 10 }, 'fifo'))).status).toBe(202);
  });
  it('SQS: a queue that does not exist, and a second mapping of the same function (recorded messages)', async () => {
    const missing = ref.resources.sources!.sqs!.replace('esm-conformance-queue', 'no-such-queue');
    expect(answerOf(await create(ref.url, req('sqs', { EventSourceArn: missing })))).toEqual(recorded('sqs-queue-not-found'));
    const name = `${fn()}:${ref.resources.alias}`;
    const first = await create(ref.url, req('sqs', { FunctionName: name }));
    expect(first.status).toBe(202);
    const again = answerOf(await create(ref.url, req('sqs', { FunctionName: name })));
    const arn = ref.resources.sources!.sqs!;
    expect(again).toEqual({ status: 409, code: 'ResourceConflictException', message: overlay.errors['duplicate-sqs-mapping']!.template!
      .replace('{sent.EventSourceArn}', arn).replace('{sent.FunctionName}', name).replace('{UUID}', String(first.json!.UUID)) });
  });
  it('self-managed Kafka without SourceAccessConfigurations: the recorded message', async () => {
    const body = fullRequest('self-managed-kafka', ref.resources);
    delete body.SourceAccessConfigurations;
    expect(answerOf(await create(ref.url, body))).toEqual(recorded('kafka-source-access-missing'));
  });
  it('self-managed Kafka: the same function and topic on a cluster sharing a server is a duplicate, another topic is not (AWS-validated snapshot test_create_event_source_self_managed)', async () => {
    const server = ref.resources.sources!['self-managed-kafka']!;
    const body = (topic: string, servers: string[]) => ({ ...fullRequest('self-managed-kafka', ref.resources), Topics: [topic], SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: servers } } });
    const first = await create(ref.url, body('duplicates', [server]));
    expect(first.status, first.text).toBe(202);
    const functionArn = String(first.json!.FunctionArn);
    const message = (servers: string) => `An event source mapping with event source ("${servers}"), function ("${functionArn}"), topics ("duplicates") already exists. Please update or delete the existing mapping with UUID ${String(first.json!.UUID)}`;
    expect(answerOf(await create(ref.url, body('duplicates', [server])))).toEqual({ status: 409, code: 'ResourceConflictException', message: message(server) });
    expect(answerOf(await create(ref.url, body('duplicates', [server, 'other.example.com:9092'])))).toEqual({ status: 409, code: 'ResourceConflictException', message: message(`${server},other.example.com:9092`) });
    expect((await create(ref.url, body('duplicates-2', [server]))).status).toBe(202);
  });
  it('self-managed Kafka without StartingPosition: accepted, TRIM_HORIZON (recorded in a LocalStack AWS-validated snapshot)', async () => {
    const body = fullRequest('self-managed-kafka', ref.resources);
    delete body.StartingPosition;
    delete body.StartingPositionTimestamp;
    const a = await create(ref.url, body);
    expect(a.status, a.text).toBe(202);
    expect(a.json!.StartingPosition).toBe('TRIM_HORIZON');
  });
  it('required members per kind: StartingPosition for streams (recorded), Topics for MSK and Kafka, Queues for MQ', async () => {
    expect(answerOf(await create(ref.url, req('kinesis')))).toEqual(recorded('starting-position-missing'));
    expect(answerOf(await create(ref.url, req('dynamodb')))).toEqual(recorded('starting-position-missing'));
    for (const [kindId, member] of [['msk', 'Topics'], ['msk', 'StartingPosition'], ['self-managed-kafka', 'Topics'], ['mq', 'Queues']] as const) {
      const body = fullRequest(kindId, ref.resources);
      delete body[member];
      const a = await create(ref.url, body);
      expectAcceptable(a, 'missing-kind-member');
      expect(String(answerOf(a).message), `${kindId} ${member}`).toContain(member.charAt(0).toLowerCase() + member.slice(1));
    }
  });
  it('members not for the kind answer within the overlay\'s acceptable answers', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['sqs', { ParallelizationFactor: 2 }], ['sqs', { StartingPosition: 'LATEST' }], ['sqs', { DestinationConfig: { OnFailure: {} } }],
      ['kinesis', { StartingPosition: 'LATEST', ScalingConfig: { MaximumConcurrency: 5 } }], ['kinesis', { StartingPosition: 'LATEST', Topics: ['t'] }],
      ['mq', { Queues: ['q'], FunctionResponseTypes: [] }], ['documentdb', { Queues: ['q'] }], ['dynamodb', { StartingPosition: 'LATEST', StartingPositionTimestamp: 1700000000 }],
    ];
    const before = ref.mappings();
    for (const [kindId, extra] of cases) {
      const a = await create(ref.url, req(kindId, extra));
      expectAcceptable(a, 'not-for-kind');
      expect(a.status, `${kindId} ${JSON.stringify(extra)}`).toBe(400); // this server's choice: refused, no mapping made
    }
    expect(ref.mappings()).toBe(before);
  });
  it('AT_TIMESTAMP: allowed for Kinesis, MSK, self-managed Kafka and DocumentDB; DynamoDB refused (recorded)', async () => {
    const at = { StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: 1700000000 };
    const dynamo = ref.resources.dynamodbStreamArn;
    expect(answerOf(await create(ref.url, req('dynamodb', at)))).toEqual({ status: 400, code: IPV, message: `Unsupported starting position for arn type: ${dynamo}` });
    // DocumentDB's requests name the database they read (overlay: DocumentDBEventSourceConfig, maybe required).
    const docdb = { DocumentDBEventSourceConfig: { DatabaseName: 'esm-conformance-db' } };
    expect(answerOf(await create(ref.url, req('documentdb', { ...docdb, StartingPosition: 'AT_TIMESTAMP' })))).toEqual(recorded('timestamp-missing'));
    expect((await create(ref.url, req('documentdb', { ...docdb, ...at }))).status).toBe(202);
  });
  it('other kinds: a source that is not seeded is not found; an ARN of no kind is unrecognised', async () => {
    const msk = ref.resources.sources!.msk!.replace('esm-conformance-cluster', 'other');
    const body = { ...fullRequest('msk', ref.resources), EventSourceArn: msk };
    const a = await create(ref.url, body);
    expect(answerOf(a)).toMatchObject({ status: 400, code: IPV });
    const kafka = fullRequest('self-managed-kafka', ref.resources);
    kafka.SelfManagedEventSource = { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['other.example.com:9092'] } };
    expect(answerOf(await create(ref.url, kafka))).toMatchObject({ status: 400, code: IPV });
    // No ARN and no KAFKA_BOOTSTRAP_SERVERS: recorded. (An empty Endpoints map breaks its model size first.)
    expect(answerOf(await create(ref.url, { FunctionName: fn(), SelfManagedEventSource: {} }))).toEqual(recorded('unrecognised-event-source'));
    expect(answerOf(await create(ref.url, { FunctionName: fn(), SelfManagedEventSource: { Endpoints: {} } })))
      .toEqual(one('{}', 'selfManagedEventSource.endpoints', 'Member must have length greater than or equal to 1'));
  });
});

describe('filter criteria (recorded)', () => {
  it('a pattern that is not a filter: 400 IPVE "Invalid filter pattern definition."', async () => {
    for (const pattern of ['null', 'simple string', '{"eventSource":[]}']) {
      const a = await create(ref.url, req('sqs', { FilterCriteria: { Filters: [{ Pattern: pattern }] } }));
      expect(answerOf(a), pattern).toEqual(recorded('invalid-filter-pattern'));
    }
  });
  it('Filters: [] is accepted and no FilterCriteria comes back; a non-empty one is echoed', async () => {
    const empty = await create(ref.url, stream({ FilterCriteria: { Filters: [] } }));
    expect(empty.status).toBe(202);
    expect(empty.json!.FilterCriteria).toBeUndefined();
    const filters = { Filters: [{ Pattern: '{"data":{"n":[{"numeric":[">",0]}]}}' }] };
    const sent = await create(ref.url, stream({ FunctionName: `${fn()}:$LATEST`, FilterCriteria: filters }));
    expect(sent.status, sent.text).toBe(202);
    expect(sent.json!.FilterCriteria).toEqual(filters);
  });
});

describe('model violations of today\'s members: 400 ValidationException in AWS\'s format', () => {
  it('a top-level range (the recorded example)', async () => {
    expect(answerOf(await create(ref.url, stream({ MaximumBatchingWindowInSeconds: 301 }))))
      .toEqual(one('301', 'maximumBatchingWindowInSeconds', 'Member must have value less than or equal to 300'));
  });
  it('nested members name their dotted lowerCamel path', async () => {
    const long = `arn:aws:sqs:us-east-1:123456789012:${'q'.repeat(320)}`;
    expect(answerOf(await create(ref.url, stream({ DestinationConfig: { OnFailure: { Destination: long } } }))))
      .toEqual(one(long, 'destinationConfig.onFailure.destination', 'Member must have length less than or equal to 350'));
    expect(answerOf(await create(ref.url, req('sqs', { ScalingConfig: { MaximumConcurrency: 1 } }))))
      .toEqual(one('1', 'scalingConfig.maximumConcurrency', 'Member must have value greater than or equal to 2'));
    expect(answerOf(await create(ref.url, stream({ MetricsConfig: { Metrics: ['Nope'] } }))))
      .toEqual(one('Nope', 'metricsConfig.metrics.1.member', 'Member must satisfy enum value set: [EventCount, ErrorCount, KafkaMetrics]'));
  });
  it('list sizes, code points and full patterns at depth', async () => {
    const kafka = fullRequest('msk', ref.resources);
    expect(answerOf(await create(ref.url, { ...kafka, Topics: ['a1', 'b2'] }))).toEqual(one('[a1, b2]', 'topics', 'Member must have length less than or equal to 1'));
    const astral = '😀'.repeat(200); // 200 code points (400 UTF-16 units) is within ConsumerGroupId's 200, but the pattern refuses it
    const a = answerOf(await create(ref.url, { ...kafka, AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: astral } }));
    expect(a.message).toContain("at 'amazonManagedKafkaEventSourceConfig.consumerGroupId' failed to satisfy constraint: Member must satisfy regular expression pattern");
    expect(a.message).not.toContain('length');
    // Matches only unanchored (the pattern's empty alternative): refused, the pattern is matched in full.
    const unanchored = answerOf(await create(ref.url, stream({ ParallelizationFactor: 2, KMSKeyArn: 'x arn:aws:kms:k' })));
    expect(unanchored).toMatchObject({ status: 400, code: 'ValidationException' });
    expect(unanchored.message).toContain("Value 'x arn:aws:kms:k' at 'kMSKeyArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ");
  });
  it('several violations are answered at once, seed members first', async () => {
    const a = answerOf(await create(ref.url, stream({ BatchSize: 0, TumblingWindowInSeconds: 901 })));
    expect(a.message).toMatch(/^2 validation errors detected: Value '0' at 'batchSize'.*; Value '901' at 'tumblingWindowInSeconds'/);
  });
  it('wrong JSON types at any depth, and unknown members at any depth, are refused (400 IPVE, as today)', async () => {
    for (const extra of [{ DestinationConfig: 'x' }, { ScalingConfig: { MaximumConcurrency: '5' } }, { Tags: { a: 1 } }, { FunctionResponseTypes: 'ReportBatchItemFailures' }]) {
      expect(answerOf(await create(ref.url, stream(extra))), JSON.stringify(extra)).toMatchObject({ status: 400, code: IPV });
    }
    expect(answerOf(await create(ref.url, stream({ DestinationConfig: { OnFailure: { Nope: 1 } } })))).toMatchObject({ status: 400, code: IPV });
    expect(answerOf(await create(ref.url, stream({ NoSuchMember: 1 })))).toMatchObject({ status: 400, code: IPV });
  });
});

describe('the seed page\'s members are validated with today\'s edition\'s constraints', () => {
  it('spec/aws-model.json (which validate.ts and the deviations\' hooks use for them) equals the aws edition\'s shapes', () => {
    const shapes = TODAY.shapes;
    const input = shapes[TODAY.operations.CreateEventSourceMapping!.input] as { required: string[]; members: Record<string, { shape: string }> };
    expect(awsModel.requiredMembers).toEqual(input.required);
    for (const [member, c] of Object.entries(awsModel.members)) {
      const s = shapes[input.members[member]!.shape] as unknown as Record<string, unknown>;
      const fromShape = { minimum: s.min, maximum: s.max, minLength: s.minLength, maxLength: s.maxLength, pattern: s.pattern, enum: s.enum };
      const kept = Object.fromEntries(Object.entries(c).filter(([k]) => k in fromShape));
      expect(kept, member).toEqual(Object.fromEntries(Object.entries(fromShape).filter(([, v]) => v !== undefined)));
    }
  });
});
