/**
 * `serve` as a local mock for code written against today's SDK: @aws-sdk/client-lambda's
 * CreateEventSourceMappingCommand with many of today's members, against the embedded reference, parses the
 * answer; a refusal reaches the caller as the SDK's typed exception with the recorded message.
 */
import { CreateEventSourceMappingCommand, type CreateEventSourceMappingCommandInput, DeleteEventSourceMappingCommand, GetEventSourceMappingCommand, InvalidParameterValueException, LambdaClient } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReference, type ReferenceHandle } from '../reference/server.ts';
import { overlay } from '../spec/overlay/index.ts';

let ref: ReferenceHandle;
let client: LambdaClient;
beforeAll(async () => {
  ref = await startReference();
  client = new LambdaClient({
    endpoint: ref.url, region: ref.resources.region, maxAttempts: 1,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: new NodeHttpHandler({ requestTimeout: 5000 }),
  });
});
afterAll(async () => { client.destroy(); await ref.close(); });

/** Every call with a timeout, as its abort signal. */
const signal = () => ({ abortSignal: AbortSignal.timeout(10_000) });
const createEsm = (input: CreateEventSourceMappingCommandInput) => client.send(new CreateEventSourceMappingCommand(input), signal());

describe('the SDK against the reference', () => {
  it('a Kinesis mapping with today\'s members: created, parsed, read back and deleted', async () => {
    const out = await createEsm({
      FunctionName: ref.resources.functionName, EventSourceArn: ref.resources.kinesisStreamArn,
      StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: new Date('2024-05-01T00:00:00Z'),
      BatchSize: 500, MaximumBatchingWindowInSeconds: 30, ParallelizationFactor: 4, MaximumRecordAgeInSeconds: 3600,
      BisectBatchOnFunctionError: true, MaximumRetryAttempts: 5, TumblingWindowInSeconds: 60,
      DestinationConfig: { OnFailure: { Destination: ref.resources.sources!.sqs } },
      FilterCriteria: { Filters: [{ Pattern: '{"data":{"kind":["a"]}}' }] }, FunctionResponseTypes: ['ReportBatchItemFailures'],
      Tags: { team: 'conformance' }, MetricsConfig: { Metrics: ['EventCount'] }, Enabled: true,
    });
    expect(out.$metadata.httpStatusCode).toBe(202);
    expect(out).toMatchObject({
      EventSourceArn: ref.resources.kinesisStreamArn, BatchSize: 500, MaximumBatchingWindowInSeconds: 30, ParallelizationFactor: 4,
      MaximumRecordAgeInSeconds: 3600, BisectBatchOnFunctionError: true, MaximumRetryAttempts: 5, TumblingWindowInSeconds: 60,
      DestinationConfig: { OnFailure: { Destination: ref.resources.sources!.sqs } }, FunctionResponseTypes: ['ReportBatchItemFailures'],
      StartingPosition: 'AT_TIMESTAMP', State: 'Creating', MetricsConfig: { Metrics: ['EventCount'] },
    });
    expect(out.StartingPositionTimestamp?.toISOString()).toBe('2024-05-01T00:00:00.000Z');
    expect(out.LastModified).toBeInstanceOf(Date);
    expect(out.EventSourceMappingArn).toBe(`arn:aws:lambda:${ref.resources.region}:${ref.resources.account}:event-source-mapping:${out.UUID}`);
    const read = await client.send(new GetEventSourceMappingCommand({ UUID: out.UUID }), signal());
    expect(read).toMatchObject({ UUID: out.UUID, BatchSize: 500 });
    await client.send(new DeleteEventSourceMappingCommand({ UUID: out.UUID }), signal());
    expect(ref.mappings()).toBe(0);
  });
  it('SQS, MSK and self-managed Kafka mappings parse with their kinds\' members', async () => {
    const r = ref.resources;
    const sqs = await createEsm({
      FunctionName: r.functionName, EventSourceArn: r.sources!.sqs, BatchSize: 100, MaximumBatchingWindowInSeconds: 5,
      ScalingConfig: { MaximumConcurrency: 10 }, FunctionResponseTypes: ['ReportBatchItemFailures'], ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 3 },
    });
    expect(sqs).toMatchObject({ BatchSize: 100, ScalingConfig: { MaximumConcurrency: 10 }, StateTransitionReason: 'USER_INITIATED', ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 3 } });
    expect(sqs.StartingPosition).toBeUndefined();
    const msk = await createEsm({
      FunctionName: r.functionName, EventSourceArn: r.sources!.msk, StartingPosition: 'TRIM_HORIZON', Topics: ['orders'],
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'group-1' }, LoggingConfig: { SystemLogLevel: 'INFO' },
    });
    expect(msk).toMatchObject({ Topics: ['orders'], AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'group-1' }, BatchSize: 100, LoggingConfig: { SystemLogLevel: 'INFO' } });
    const kafka = await createEsm({
      FunctionName: r.functionName, StartingPosition: 'LATEST', Topics: ['orders'],
      SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: [r.sources!['self-managed-kafka']!] } },
      SourceAccessConfigurations: [{ Type: 'BASIC_AUTH', URI: `arn:aws:secretsmanager:${r.region}:${r.account}:secret:kafka` }],
    });
    expect(kafka.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS).toEqual([r.sources!['self-managed-kafka']]);
    expect(kafka.EventSourceArn).toBeUndefined();
  });
  it('a refusal is the SDK\'s typed exception with the recorded message', async () => {
    const refused = createEsm({
      FunctionName: ref.resources.functionName, EventSourceArn: ref.resources.sources!.sqs, BatchSize: 50,
    });
    await expect(refused).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(refused).rejects.toThrow(overlay.errors['sqs-batching-window-needed']!.message);
  });
});
