import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsModel } from '../spec/index.ts';
import { call, COLLECTION, create, getMapping } from '../reference/client.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';

let ref: ReferenceHandle;
beforeEach(async () => { ref = await startReference(); });
afterEach(async () => { await ref.close(); });

function kinesis(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { FunctionName: ref.resources.functionName, EventSourceArn: ref.resources.kinesisStreamArn, StartingPosition: 'LATEST', ...extra };
}

describe('reference server: start and resources', () => {
  it('listens on a free port of 127.0.0.1 and seeds the documented resources', () => {
    expect(ref.url).toBe(`http://127.0.0.1:${ref.port}`);
    expect(ref.port).toBeGreaterThan(0);
    const r = ref.resources;
    expect(r).toMatchObject({ region: 'us-east-1', account: '123456789012', version: '1' });
    expect(r.functionArn).toBe(`arn:aws:lambda:us-east-1:123456789012:function:${r.functionName}`);
    expect(r.kinesisStreamArn).toBe('arn:aws:kinesis:us-east-1:123456789012:stream/esm-conformance-stream');
    expect(r.dynamodbStreamArn).toBe('arn:aws:dynamodb:us-east-1:123456789012:table/esm-conformance-table/stream/2024-01-01T00:00:00.000');
    expect(r.alias).not.toBe('');
  });

  it('takes region and account options', async () => {
    const other = await startReference({ region: 'eu-west-1', account: '210987654321' });
    try {
      expect(other.resources.functionArn).toContain(':eu-west-1:210987654321:function:');
      const a = await create(other.url, { ...kinesis(), FunctionName: other.resources.functionArn, EventSourceArn: other.resources.kinesisStreamArn });
      expect(a.status).toBe(202);
    } finally {
      await other.close();
    }
  });
});

describe('reference server: successful create', () => {
  it.each(['/2015-03-31/event-source-mappings', '/2015-03-31/event-source-mappings/'])('answers 202 on %s', async (path) => {
    const a = await create(ref.url, kinesis(), path);
    expect(a.status).toBe(202);
    expect(ref.mappings()).toBe(1);
  });

  it('answers the full recorded body with the defaults', async () => {
    const a = await create(ref.url, kinesis());
    expect(a.headers.get('content-type')).toBe('application/json');
    expect(a.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const b = a.json ?? {};
    expect(b).toMatchObject({
      BatchSize: 100, EventSourceArn: ref.resources.kinesisStreamArn, FunctionArn: ref.resources.functionArn,
      LastProcessingResult: 'No records processed', State: 'Creating', StateTransitionReason: 'User action',
      StartingPosition: 'LATEST', FunctionResponseTypes: [], MaximumBatchingWindowInSeconds: 0, ParallelizationFactor: 1,
      MaximumRecordAgeInSeconds: -1, MaximumRetryAttempts: -1, BisectBatchOnFunctionError: false,
      TumblingWindowInSeconds: 0, DestinationConfig: { OnFailure: {} },
    });
    expect(b).toMatchObject(awsModel.createResponseDefaults);
    expect(String(b.UUID)).toHaveLength(36);
    expect(b.EventSourceMappingArn).toBe(`arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${String(b.UUID)}`);
    expect(b).not.toHaveProperty('Enabled');
    expect(b).not.toHaveProperty('StartingPositionTimestamp');
  });

  it('sends LastModified as epoch seconds with a fractional part', async () => {
    const before = Date.now() / 1000;
    const a = await create(ref.url, kinesis());
    const lm = a.json?.LastModified;
    expect(typeof lm).toBe('number');
    expect(a.text).toMatch(/"LastModified":\d+\.\d+/);
    expect(Number(lm)).toBeGreaterThanOrEqual(Math.floor(before));
    expect(Number(lm)).toBeLessThanOrEqual(Date.now() / 1000 + 1);
  });

  it('echoes BatchSize, StartingPosition and StartingPositionTimestamp; Enabled false gives Disabled', async () => {
    const a = await create(ref.url, kinesis({ BatchSize: 10000, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: 1700000000.5, Enabled: false }));
    expect(a.status).toBe(202);
    expect(a.json).toMatchObject({ BatchSize: 10000, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: 1700000000.5, State: 'Disabled' });
    expect(a.json).not.toHaveProperty('Enabled');
  });

  it('accepts a DynamoDB stream with TRIM_HORIZON, and BatchSize 1', async () => {
    const a = await create(ref.url, kinesis({ EventSourceArn: ref.resources.dynamodbStreamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 1 }));
    expect(a.status).toBe(202);
    expect(a.json).toMatchObject({ EventSourceArn: ref.resources.dynamodbStreamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 1 });
  });

  it('accepts requests without an Authorization header', async () => {
    const a = await call(ref.url, 'POST', COLLECTION, kinesis(), false);
    expect(a.status).toBe(202);
    expect(a.json?.BatchSize).toBe(100);
  });

  it('gives each mapping its own UUID, readable back with GET', async () => {
    const a = await create(ref.url, kinesis());
    const b = await create(ref.url, kinesis({ EventSourceArn: ref.resources.dynamodbStreamArn }));
    expect(a.json?.UUID).not.toBe(b.json?.UUID);
    const back = await getMapping(ref.url, String(a.json?.UUID));
    expect(back.status).toBe(200);
    expect(back.json).toEqual(a.json);
  });
});

describe('reference server: FunctionArn keeps the qualifier as sent', () => {
  const cases: [string, (r: ReferenceHandle['resources']) => string, (r: ReferenceHandle['resources']) => string][] = [
    ['name', (r) => r.functionName, (r) => r.functionArn],
    ['unqualified ARN', (r) => r.functionArn, (r) => r.functionArn],
    ['name:$LATEST', (r) => `${r.functionName}:$LATEST`, (r) => `${r.functionArn}:$LATEST`],
    ['name:version', (r) => `${r.functionName}:${r.version}`, (r) => `${r.functionArn}:${r.version}`],
    ['version ARN', (r) => `${r.functionArn}:${r.version}`, (r) => `${r.functionArn}:${r.version}`],
    ['name:alias', (r) => `${r.functionName}:${r.alias}`, (r) => `${r.functionArn}:${r.alias}`],
    ['alias ARN', (r) => `${r.functionArn}:${r.alias}`, (r) => `${r.functionArn}:${r.alias}`],
    ['account:name', (r) => `${r.account}:${r.functionName}`, (r) => r.functionArn],
    ['account:function:name', (r) => `${r.account}:function:${r.functionName}`, (r) => r.functionArn],
    ['region:account:function:name:alias', (r) => `${r.region}:${r.account}:function:${r.functionName}:${r.alias}`, (r) => `${r.functionArn}:${r.alias}`],
  ];
  it.each(cases)('%s', async (_label, sent, expected) => {
    const a = await create(ref.url, kinesis({ FunctionName: sent(ref.resources) }));
    expect(a.status).toBe(202);
    expect(a.json?.FunctionArn).toBe(expected(ref.resources));
  });
});
