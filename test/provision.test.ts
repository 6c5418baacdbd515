import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ListRoleTagsCommand } from '@aws-sdk/client-iam';
import { CreateEventSourceMappingCommand, ListTagsCommand } from '@aws-sdk/client-lambda';
import { CreateStreamCommand, DeleteStreamCommand, ListTagsForStreamCommand } from '@aws-sdk/client-kinesis';
import { ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import { type ProvisionClients } from '../engine/provision/clients.ts';
import { Ledger } from '../engine/provision/ledger.ts';
import { provision, ProvisionError, type ProvisionedResources } from '../engine/provision/provision.ts';
import { teardown } from '../engine/provision/teardown.ts';
import { leftovers } from './helpers/moto.ts';
import { credentials, newRunId, poll, region, retry, targetOf, useMotoFixture } from './helpers/moto-fixture.ts';

const fx = useMotoFixture();
const target = (runId: string) => targetOf(fx, runId);
const up = (runId: string, extra: { signal?: AbortSignal; log?: (line: string) => void } = {}) =>
  provision({ ...target(runId), poll, ...extra });
const down = (runId: string, extra: { clients?: ProvisionClients } = {}) => teardown({ ...target(runId), retry, ...extra });
const residue = (runId: string, c: ProvisionClients = fx.clients): Promise<string[]> => leftovers(c, runId);

async function ledgerFiles(): Promise<string[]> {
  return (await readdir(fx.ledgerDir)).filter((name) => !name.startsWith('.'));
}

async function mapping(fn: string, source: string): Promise<string> {
  const created = await fx.clients.lambda.send(
    new CreateEventSourceMappingCommand({ FunctionName: fn, EventSourceArn: source, StartingPosition: 'LATEST' }),
  );
  return created.UUID ?? '';
}

describe('provision and teardown against moto', () => {
  it('provisions tagged resources, then teardown leaves nothing of the run', async () => {
    const runId = newRunId();
    const started = Date.now();
    const res: ProvisionedResources = await up(runId);
    expect(Date.now() - started).toBeLessThan(10_000);
    const name = `esm-conformance-${runId}`;
    expect(res).toMatchObject({ runId, region, account: '123456789012', functionName: name, version: '1', alias: 'live' });
    expect(res.functionArn).toBe(`arn:aws:lambda:${region}:123456789012:function:${name}`);
    expect(res.kinesisStreamArn).toContain(`stream/${name}`);
    expect(res.dynamodbStreamArn).toContain(`table/${name}/stream/`);
    await expectTagged(res);

    const ledger = new Ledger(fx.ledgerDir);
    const recordedUuid = await mapping(res.functionName, res.kinesisStreamArn);
    await ledger.record({ runId, kind: 'event-source-mapping', id: recordedUuid, endpoint: fx.moto.url, region, createdAt: new Date().toISOString(), parent: name });
    const unrecordedUuid = await mapping(`${res.functionName}:${res.alias}`, res.dynamodbStreamArn);
    // role, two functions, stream, table, two queues and two mappings
    expect(await residue(runId)).toHaveLength(9);
    expect(res.otherFunctionName).toBe(`${name}-2`);
    expect(res.sources).toEqual({ sqs: `arn:aws:sqs:${region}:123456789012:${name}`, 'sqs-fifo': `arn:aws:sqs:${region}:123456789012:${name}.fifo` });

    const result = await down(runId);
    expect(result.leaked).toEqual([]);
    expect(result.deleted.map((e) => e.id)).toEqual(expect.arrayContaining([recordedUuid, unrecordedUuid]));
    expect(result.deleted[0]?.kind).toBe('event-source-mapping');
    expect(await residue(runId)).toEqual([]);
    expect(await ledger.forRun(runId)).toEqual([]);
    expect(await ledgerFiles()).toEqual([]);
  });

  it('an abort after the function exists: ProvisionError lists it, teardown still deletes it', async () => {
    const runId = newRunId();
    const controller = new AbortController();
    const log = (line: string): void => {
      if (line.startsWith('created lambda-function')) controller.abort(new Error('stop here'));
    };
    const error = await up(runId, { signal: controller.signal, log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionError);
    const failure = error as ProvisionError;
    expect(failure.message).not.toContain('\n');
    expect(failure.message).toContain('stop here');
    expect(failure.created.map((e) => e.kind)).toContain('lambda-function');
    expect(failure.created.map((e) => e.kind)).not.toContain('lambda-alias');
    expect(await residue(runId)).toContain(`function esm-conformance-${runId}`);

    const result = await down(runId);
    expect(result.leaked).toEqual([]);
    expect(await residue(runId)).toEqual([]);
    expect(await ledgerFiles()).toEqual([]);
  });

  it('a failing Kinesis step: teardown deletes what the run made, not the stream it found', async () => {
    const runId = newRunId();
    const name = `esm-conformance-${runId}`;
    await fx.clients.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    const error = await up(runId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionError);
    expect((error as ProvisionError).step).toBe('kinesis-stream');
    expect((error as ProvisionError).message).toMatch(/kinesis-stream: ResourceInUseException/);
    expect((error as ProvisionError).created.map((e) => e.kind)).not.toContain('kinesis-stream');

    const result = await down(runId);
    expect(result.leaked).toEqual([]);
    expect(await residue(runId)).toEqual([`stream ${name}`]);
    await fx.clients.kinesis.send(new DeleteStreamCommand({ StreamName: name }));
  });

  it('refuses a bad run id and real AWS without consent, creating nothing', async () => {
    for (const opts of [{ ...target('no spaces!') }, { ...target(newRunId()), endpoint: undefined }]) {
      const error = await provision(opts).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProvisionError);
      expect((error as ProvisionError).step).toBe('options');
      expect((error as ProvisionError).created).toEqual([]);
    }
    expect(await ledgerFiles()).toEqual([]);
  });
});

async function expectTagged(res: ProvisionedResources): Promise<void> {
  const tag = { Key: 'esm-conformance-run', Value: res.runId };
  const name = res.functionName;
  expect((await fx.clients.iam.send(new ListRoleTagsCommand({ RoleName: name }))).Tags).toContainEqual(tag);
  expect((await fx.clients.lambda.send(new ListTagsCommand({ Resource: res.functionArn }))).Tags).toMatchObject({ [tag.Key]: tag.Value });
  expect((await fx.clients.kinesis.send(new ListTagsForStreamCommand({ StreamName: name }))).Tags).toContainEqual(tag);
  const tableArn = `arn:aws:dynamodb:${res.region}:${res.account}:table/${name}`;
  expect((await fx.clients.dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: tableArn }))).Tags).toContainEqual(tag);
}

