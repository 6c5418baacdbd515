import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { create, deleteMapping, errorCode, errorMessage, type RawAnswer } from '../reference/client.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';

let ref: ReferenceHandle;
beforeEach(async () => { ref = await startReference(); });
afterEach(async () => { await ref.close(); });

function kinesis(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { FunctionName: ref.resources.functionName, EventSourceArn: ref.resources.kinesisStreamArn, StartingPosition: 'LATEST', ...extra };
}

function expectError(a: RawAnswer, status: number, code: string, message?: string | RegExp): void {
  expect({ status: a.status, code: errorCode(a) }).toEqual({ status, code });
  expect(a.headers.get('content-type')).toBe('application/json');
  expect(a.json?.Type).toBe('User');
  expect(a.json).not.toHaveProperty('__type');
  if (typeof message === 'string') expect(errorMessage(a)).toBe(message);
  if (message instanceof RegExp) expect(errorMessage(a)).toMatch(message);
}

const IPV = 'InvalidParameterValueException';
const VE = 'ValidationException';

describe('error answers: header and body keys', () => {
  it('writes X-Amzn-ErrorType with its exact casing, and lower-case message for InvalidParameterValueException', async () => {
    const raw = await new Promise<{ headers: string[]; body: string }>((resolve, reject) => {
      const req = request(`${ref.url}/2015-03-31/event-source-mappings`, { method: 'POST' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => { body += c.toString(); });
        res.on('end', () => resolve({ headers: res.rawHeaders, body }));
      });
      req.on('error', reject);
      req.end('{"FunctionName":"esm-conformance-fn"}');
    });
    expect(raw.headers).toContain('X-Amzn-ErrorType');
    expect(raw.headers[raw.headers.indexOf('X-Amzn-ErrorType') + 1]).toBe(IPV);
    expect(raw.headers).toContain('x-amzn-RequestId');
    expect(JSON.parse(raw.body)).toEqual({ Type: 'User', message: 'Unrecognized event source.' });
  });

  it('uses capital Message for ResourceNotFoundException', async () => {
    const a = await fetch(`${ref.url}/2015-03-31/event-source-mappings/no-such-uuid`);
    expect(a.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(await a.json()).toEqual({ Type: 'User', Message: 'The resource you requested does not exist.' });
  });
});

describe('body parsing: 400 InvalidParameterValueException', () => {
  it.each(['not json', '[]', '"text"', 'null', '42', ''])('body %j', async (body) => {
    expectError(await create(ref.url, body), 400, IPV);
  });
  it.each([
    ['unknown member', { Foo: 1 }], ['BatchSize string', { BatchSize: '10' }], ['BatchSize fraction', { BatchSize: 1.5 }],
    ['Enabled string', { Enabled: 'true' }], ['FunctionName number', { FunctionName: 5 }],
    ['EventSourceArn array', { EventSourceArn: [] }], ['StartingPosition number', { StartingPosition: 1 }],
    ['StartingPositionTimestamp string', { StartingPositionTimestamp: '2024-01-01' }],
    ['before model validation', { BatchSize: 'x', StartingPosition: 'bad' }],
  ])('%s', async (_label, extra) => {
    expectError(await create(ref.url, kinesis(extra)), 400, IPV);
  });
  // A JSON null reads as an absent member (inferred from the recorded "Value null at 'startingPosition'" for a
  // missing member): optional members are then accepted, required ones fail as missing.
  it.each(['BatchSize', 'Enabled', 'StartingPositionTimestamp'])('%s as a JSON null: read as absent, accepted', async (name) => {
    const r = await create(ref.url, kinesis({ [name]: null }));
    expect(r.status).toBe(202);
    await deleteMapping(ref.url, String((r.json as { UUID: string }).UUID));
  });
  it('a null StartingPosition fails as a missing one (the recorded message)', async () => {
    const r = await create(ref.url, kinesis({ StartingPosition: null }));
    expect([r.status, errorCode(r)]).toEqual([400, IPV]);
    expect(errorMessage(r)).toContain("Value null at 'startingPosition' failed to satisfy constraint: Member must not be null");
  });
});

describe('model validation: 400 ValidationException in the AWS format', () => {
  const at = (v: string, member: string, text: string) => `Value ${v} at '${member}' failed to satisfy constraint: ${text}`;
  it('BatchSize 0 and 10001', async () => {
    expectError(await create(ref.url, kinesis({ BatchSize: 0 })), 400, VE,
      `1 validation error detected: ${at("'0'", 'batchSize', 'Member must have value greater than or equal to 1')}`);
    expectError(await create(ref.url, kinesis({ BatchSize: 10001 })), 400, VE,
      `1 validation error detected: ${at("'10001'", 'batchSize', 'Member must have value less than or equal to 10000')}`);
  });
  it('StartingPosition outside the enum, case included', async () => {
    for (const v of ['invalid', 'latest']) {
      const a = await create(ref.url, kinesis({ StartingPosition: v }));
      expectError(a, 400, VE, new RegExp(`^1 validation error detected: Value '${v}' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: \\[`));
      for (const e of ['LATEST', 'AT_TIMESTAMP', 'TRIM_HORIZON']) expect(errorMessage(a)).toContain(e);
    }
  });
  it('FunctionName missing, empty, too long, bare name too long', async () => {
    const { FunctionName: _f, ...noName } = kinesis();
    expectError(await create(ref.url, noName), 400, VE, `1 validation error detected: ${at('null', 'functionName', 'Member must not be null')}`);
    expectError(await create(ref.url, kinesis({ FunctionName: '' })), 400, VE, /^2 validation errors detected: .*greater than or equal to 1; .*regular expression pattern/);
    expectError(await create(ref.url, kinesis({ FunctionName: 'a'.repeat(257) })), 400, VE, /^1 validation error detected: .*Member must have length less than or equal to 256$/);
    expectError(await create(ref.url, kinesis({ FunctionName: 'a'.repeat(65) })), 400, VE, /^1 validation error detected: .*Member must have length less than or equal to 64$/);
    expectError(await create(ref.url, kinesis({ FunctionName: 'a'.repeat(64) })), 400, IPV, 'Function does not exist');
  });
  it('counts lengths in code points and matches patterns in full', async () => {
    const astral = `${'a'.repeat(255)}\u{1F600}`;
    expectError(await create(ref.url, kinesis({ FunctionName: astral })), 400, VE, /^1 validation error detected: .*regular expression pattern/);
    for (const name of [`${ref.resources.functionName}!`, `!${ref.resources.functionName}`, `${ref.resources.functionName} `]) {
      expectError(await create(ref.url, kinesis({ FunctionName: name })), 400, VE, /at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: /);
    }
    expectError(await create(ref.url, kinesis({ FunctionName: 'my.function' })), 400, IPV, 'Function does not exist');
  });
  it('EventSourceArn pattern, and several errors at once', async () => {
    expectError(await create(ref.url, kinesis({ EventSourceArn: 'not-an-arn' })), 400, VE, /^1 validation error detected: Value 'not-an-arn' at 'eventSourceArn' .*pattern/);
    const a = await create(ref.url, { FunctionName: 'x', BatchSize: 0, StartingPosition: 'nope', EventSourceArn: 'arn' });
    expectError(a, 400, VE, /^3 validation errors detected: [^;]+batchSize[^;]+; [^;]+eventSourceArn[^;]+; [^;]+startingPosition/);
  });
});
