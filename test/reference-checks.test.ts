import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { create, errorCode, errorMessage, type RawAnswer } from '../reference/client.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';

let ref: ReferenceHandle;
beforeEach(async () => { ref = await startReference(); });
afterEach(async () => { await ref.close(); });

function kinesis(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { FunctionName: ref.resources.functionName, EventSourceArn: ref.resources.kinesisStreamArn, StartingPosition: 'LATEST', ...extra };
}

function answerOf(a: RawAnswer): { status: number; code?: string; message?: string } {
  return { status: a.status, code: errorCode(a), message: errorMessage(a) };
}

const IPV = 'InvalidParameterValueException';
const SP_NULL = "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.";

describe("Lambda's own checks, in the observed order", () => {
  it('model validation comes before the missing event source', async () => {
    expect(answerOf(await create(ref.url, { FunctionName: 'x', BatchSize: 0 })).code).toBe('ValidationException');
  });
  it('missing EventSourceArn: Unrecognized event source.', async () => {
    expect(answerOf(await create(ref.url, { FunctionName: ref.resources.functionName, StartingPosition: 'LATEST' })))
      .toEqual({ status: 400, code: IPV, message: 'Unrecognized event source.' });
  });
  it('StartingPosition missing on Kinesis and DynamoDB, before the function lookup', async () => {
    for (const arn of [ref.resources.kinesisStreamArn, ref.resources.dynamodbStreamArn]) {
      const a = await create(ref.url, { FunctionName: 'no-such-function', EventSourceArn: arn });
      expect(answerOf(a)).toEqual({ status: 400, code: IPV, message: SP_NULL });
    }
  });
  it('function lookup: unknown name, version, alias, region or account', async () => {
    const r = ref.resources;
    const missing = ['no-such-function', `${r.functionName}:2`, `${r.functionName}:nope`, `${r.functionName}:$LATEST.PUBLISHED`,
      r.functionArn.replace('us-east-1', 'us-west-2'), r.functionArn.replace(r.account, '999999999999'),
      `999999999999:${r.functionName}`, `arn:aws:lambda:us-east-1:${r.account}:function:other`];
    for (const name of missing) {
      expect(answerOf(await create(ref.url, kinesis({ FunctionName: name })))).toEqual({ status: 400, code: IPV, message: 'Function does not exist' });
    }
  });
  it('function lookup comes before the AT_TIMESTAMP rules and the stream lookup', async () => {
    const a = await create(ref.url, kinesis({ FunctionName: 'nope', EventSourceArn: ref.resources.dynamodbStreamArn, StartingPosition: 'AT_TIMESTAMP' }));
    expect(answerOf(a).message).toBe('Function does not exist');
    const b = await create(ref.url, kinesis({ FunctionName: 'nope', EventSourceArn: `${ref.resources.kinesisStreamArn}-missing` }));
    expect(answerOf(b).message).toBe('Function does not exist');
  });
  it('AT_TIMESTAMP on DynamoDB, with or without a timestamp', async () => {
    const arn = ref.resources.dynamodbStreamArn;
    for (const extra of [{}, { StartingPositionTimestamp: 1700000000 }]) {
      const a = await create(ref.url, kinesis({ EventSourceArn: arn, StartingPosition: 'AT_TIMESTAMP', ...extra }));
      expect(answerOf(a)).toEqual({ status: 400, code: IPV, message: `Unsupported starting position for arn type: ${arn}` });
    }
  });
  it('AT_TIMESTAMP on Kinesis without a timestamp, before the stream lookup', async () => {
    for (const arn of [ref.resources.kinesisStreamArn, `${ref.resources.kinesisStreamArn}-missing`]) {
      const a = await create(ref.url, kinesis({ EventSourceArn: arn, StartingPosition: 'AT_TIMESTAMP' }));
      expect(answerOf(a)).toEqual({ status: 400, code: IPV, message: 'Need to specify a timestamp' });
    }
  });
  it('stream lookup: unknown stream, and an ARN of another service', async () => {
    const missing = ref.resources.kinesisStreamArn.replace('esm-conformance-stream', 'other-stream');
    expect(answerOf(await create(ref.url, kinesis({ EventSourceArn: missing }))))
      .toEqual({ status: 400, code: IPV, message: `Stream not found: ${missing}` });
    // SNS is no kind of event source (spec/overlay kinds); SQS, once this example, now is one.
    const sns = 'arn:aws:sns:us-east-1:123456789012:topic';
    expect(answerOf(await create(ref.url, kinesis({ EventSourceArn: sns }))))
      .toEqual({ status: 400, code: IPV, message: 'Unrecognized event source.' });
    expect(ref.mappings()).toBe(0);
  });
});

describe('duplicates', () => {
  it('the same function and stream again: 409 ResourceConflictException with the recorded message', async () => {
    const first = await create(ref.url, kinesis({ FunctionName: ref.resources.functionArn }));
    const again = await create(ref.url, kinesis({ FunctionName: ref.resources.functionArn, BatchSize: 5 }));
    const arn = ref.resources.kinesisStreamArn;
    expect(answerOf(again)).toEqual({
      status: 409, code: 'ResourceConflictException',
      message: `The event source arn (" ${arn} ") and function (" ${ref.resources.functionArn} ") provided mapping already exists. `
        + `Please update or delete the existing mapping with UUID ${String(first.json?.UUID)}`,
    });
    expect(again.json).not.toHaveProperty('__type');
    expect(ref.mappings()).toBe(1);
  });
  it('the name and its ARN are the same function; another qualifier or another stream is not a duplicate', async () => {
    const r = ref.resources;
    expect((await create(ref.url, kinesis())).status).toBe(202);
    expect((await create(ref.url, kinesis({ FunctionName: r.functionArn }))).status).toBe(409);
    expect((await create(ref.url, kinesis({ FunctionName: `${r.functionName}:${r.version}` }))).status).toBe(202);
    expect((await create(ref.url, kinesis({ FunctionName: `${r.functionName}:${r.alias}` }))).status).toBe(202);
    expect((await create(ref.url, kinesis({ EventSourceArn: r.dynamodbStreamArn }))).status).toBe(202);
    expect(ref.mappings()).toBe(4);
  });
});
