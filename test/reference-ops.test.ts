import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, COLLECTION, create, deleteMapping, errorCode, errorMessage, getMapping } from '../reference/client.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';

let ref: ReferenceHandle;
beforeEach(async () => { ref = await startReference(); });
afterEach(async () => { await ref.close(); });

async function mapping(extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const body = { FunctionName: ref.resources.functionName, EventSourceArn: ref.resources.kinesisStreamArn, StartingPosition: 'LATEST', ...extra };
  const a = await create(ref.url, body);
  expect(a.status).toBe(202);
  return a.json ?? {};
}

function list(query = ''): Promise<unknown[]> {
  return call(ref.url, 'GET', `${COLLECTION}/${query}`).then((a) => {
    expect(a.status).toBe(200);
    return a.json?.EventSourceMappings as unknown[];
  });
}

describe('get, list, update, delete', () => {
  it('GET returns the mapping; an unknown UUID is 404 ResourceNotFoundException', async () => {
    const m = await mapping();
    const a = await getMapping(ref.url, String(m.UUID));
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('application/json');
    expect(a.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(a.json).toEqual(m);
    const missing = await getMapping(ref.url, '00000000-0000-0000-0000-000000000000');
    expect([missing.status, errorCode(missing), errorMessage(missing)]).toEqual([404, 'ResourceNotFoundException', 'The resource you requested does not exist.']);
    expect(missing.json).toHaveProperty('Message');
  });

  it('List answers {"EventSourceMappings": [...]} and filters by FunctionName and EventSourceArn', async () => {
    const r = ref.resources;
    expect(await list()).toEqual([]);
    const a = await mapping();
    const b = await mapping({ EventSourceArn: r.dynamodbStreamArn });
    const c = await mapping({ FunctionName: `${r.functionName}:${r.alias}` });
    expect(await list()).toHaveLength(3);
    expect(await list(`?EventSourceArn=${encodeURIComponent(r.dynamodbStreamArn)}`)).toEqual([b]);
    expect(await list(`?FunctionName=${encodeURIComponent(r.functionArn)}`)).toEqual([a, b]);
    expect(await list(`?FunctionName=${r.functionName}:${r.alias}`)).toEqual([c]);
    expect(await list(`?FunctionName=${r.functionName}&EventSourceArn=${encodeURIComponent(r.kinesisStreamArn)}`)).toEqual([a]);
    expect(await list('?FunctionName=no-such-function')).toEqual([]);
    const noSlash = await call(ref.url, 'GET', COLLECTION);
    expect(noSlash.json?.EventSourceMappings).toHaveLength(3);
  });

  it('PUT updates BatchSize, Enabled and FunctionName with the Create validation', async () => {
    const m = await mapping();
    const path = `${COLLECTION}/${String(m.UUID)}`;
    const a = await call(ref.url, 'PUT', path, { BatchSize: 50, Enabled: false, FunctionName: `${ref.resources.functionName}:${ref.resources.version}` });
    expect(a.status).toBe(202);
    expect(a.json).toMatchObject({ UUID: m.UUID, BatchSize: 50, State: 'Disabling', FunctionArn: `${ref.resources.functionArn}:${ref.resources.version}` });
    expect((await getMapping(ref.url, String(m.UUID))).json).toMatchObject({ BatchSize: 50 });
    const bad = await call(ref.url, 'PUT', path, { BatchSize: 0 });
    expect([bad.status, errorCode(bad)]).toEqual([400, 'ValidationException']);
    const unknownFn = await call(ref.url, 'PUT', path, { FunctionName: 'no-such-function' });
    expect([unknownFn.status, errorMessage(unknownFn)]).toEqual([400, 'Function does not exist']);
    const notAllowed = await call(ref.url, 'PUT', path, { StartingPosition: 'LATEST' });
    expect([notAllowed.status, errorCode(notAllowed)]).toEqual([400, 'InvalidParameterValueException']);
    const missing = await call(ref.url, 'PUT', `${COLLECTION}/nope`, { BatchSize: 5 });
    expect([missing.status, errorCode(missing)]).toEqual([404, 'ResourceNotFoundException']);
  });

  it('PUT refuses to make a mapping the duplicate of another', async () => {
    await mapping();
    const other = await mapping({ FunctionName: `${ref.resources.functionName}:${ref.resources.alias}` });
    const a = await call(ref.url, 'PUT', `${COLLECTION}/${String(other.UUID)}`, { FunctionName: ref.resources.functionName });
    expect([a.status, errorCode(a)]).toEqual([409, 'ResourceConflictException']);
  });

  it('DELETE answers 202 with the mapping in State Deleting and removes it', async () => {
    const m = await mapping();
    expect(ref.mappings()).toBe(1);
    const a = await deleteMapping(ref.url, String(m.UUID));
    expect(a.status).toBe(202);
    expect(a.json).toEqual({ ...m, State: 'Deleting' });
    expect(ref.mappings()).toBe(0);
    expect((await getMapping(ref.url, String(m.UUID))).status).toBe(404);
    expect((await deleteMapping(ref.url, String(m.UUID))).status).toBe(404);
    expect((await create(ref.url, { FunctionName: ref.resources.functionName, EventSourceArn: ref.resources.kinesisStreamArn, StartingPosition: 'LATEST' })).status).toBe(202);
  });

  it('unknown routes answer 404 with an error code and body', async () => {
    for (const [method, path] of [['GET', '/'], ['POST', '/2015-03-31/functions'], ['POST', `${COLLECTION}/abc`], ['PATCH', COLLECTION], ['GET', `${COLLECTION}/a/b`]] as const) {
      const a = await call(ref.url, method, path, method === 'GET' ? undefined : '{}');
      expect([a.status, errorCode(a)]).toEqual([404, 'UnknownOperationException']);
      expect(typeof errorMessage(a)).toBe('string');
    }
  });

  it('close() is idempotent and stops answering', async () => {
    const url = ref.url;
    await ref.close();
    await ref.close();
    await expect(fetch(`${url}${COLLECTION}/`)).rejects.toThrow();
  });
});
