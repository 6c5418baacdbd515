import { describe, expect, it } from 'vitest';
import { AccessDeniedException, CreateStreamCommand, LimitExceededException, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { destroyClients, makeClients, type ProvisionClients } from '../engine/provision/clients.ts';
import { Ledger } from '../engine/provision/ledger.ts';
import { provision } from '../engine/provision/provision.ts';
import { cleanupAll, teardown } from '../engine/provision/teardown.ts';
import { leftovers, resetMoto, startMoto } from './helpers/moto.ts';
import { credentials, newRunId, poll, region, retry, targetOf, useMotoFixture } from './helpers/moto-fixture.ts';

const fx = useMotoFixture();
const target = (runId: string) => targetOf(fx, runId);
const up = (runId: string) => provision({ ...target(runId), poll });
const down = (runId: string, extra: { clients?: ProvisionClients } = {}) => teardown({ ...target(runId), retry, ...extra });
const residue = (runId: string, c: ProvisionClients = fx.clients): Promise<string[]> => leftovers(c, runId);

describe('teardown and cleanup against moto', () => {
  it('a resource that cannot be deleted is reported in leaked and stays in the ledger', async () => {
    const runId = newRunId();
    await up(runId);
    const denying = makeClients({ endpoint: fx.moto.url, region, credentials });
    const calls = failCommand(denying, 'DeleteStreamCommand', () => new AccessDeniedException({ message: 'not authorized: kinesis:DeleteStream', $metadata: {} }));
    const result = await down(runId, { clients: denying });
    destroyClients(denying);
    expect(calls.count).toBe(1);
    expect(result.leaked).toHaveLength(1);
    expect(result.leaked[0]?.entry.kind).toBe('kinesis-stream');
    expect(result.leaked[0]?.error).toMatch(/^AccessDeniedException: not authorized/);
    expect(result.deleted.map((e) => e.kind)).toContain('dynamodb-table');
    expect((await new Ledger(fx.ledgerDir).forRun(runId)).map((e) => e.kind)).toEqual(['kinesis-stream']);
    expect(await residue(runId)).toEqual([`stream esm-conformance-${runId}`]);

    expect((await down(runId)).leaked).toEqual([]);
    expect(await residue(runId)).toEqual([]);
  });

  it('retries a throttled delete within a bounded time, then reports it leaked', async () => {
    const runId = newRunId();
    await up(runId);
    const throttled = makeClients({ endpoint: fx.moto.url, region, credentials, maxAttempts: 1 });
    const calls = failCommand(throttled, 'DeleteStreamCommand', () => new LimitExceededException({ message: 'Rate exceeded', $metadata: {} }));
    const started = Date.now();
    const result = await teardown({ ...target(runId), clients: throttled, retry: { intervalMs: 10, timeoutMs: 200 } });
    destroyClients(throttled);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(calls.count).toBeGreaterThan(1);
    expect(result.leaked.map((l) => l.entry.kind)).toEqual(['kinesis-stream']);
    expect((await down(runId)).leaked).toEqual([]);
  });

  it('cleanupAll tears down a run left in the ledger and leaves other endpoints alone', async () => {
    const runId = newRunId();
    await up(runId);
    const foreign = { runId: 'other-run', kind: 'kinesis-stream' as const, id: 'x', endpoint: 'http://127.0.0.1:9', region, createdAt: new Date().toISOString() };
    await new Ledger(fx.ledgerDir).record(foreign);
    const results = await cleanupAll({ ledgerDir: fx.ledgerDir, endpoint: fx.moto.url, credentials, retry });
    expect(results.map((r) => [r.runId, r.leaked.length])).toEqual([[runId, 0]]);
    expect(results[0]?.deleted.length).toBeGreaterThanOrEqual(8);
    expect(await residue(runId)).toEqual([]);
    expect(await new Ledger(fx.ledgerDir).list()).toEqual([foreign]);
  });
});

describe('against moto with AWS managed policies loaded', () => {
  it('attaches the managed policies, detaches them on teardown; stop ends the server', async () => {
    const managed = await startMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' } });
    const runId = newRunId();
    try {
      await provision({ endpoint: managed.url, region, credentials, runId, ledgerDir: fx.ledgerDir, poll });
      const attachments = (await new Ledger(fx.ledgerDir).forRun(runId)).filter((e) => e.kind === 'role-policy-attachment');
      expect(attachments.map((e) => e.id).sort()).toEqual([
        'arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole',
        'arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole',
        'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
      ]);
      expect((await teardown({ endpoint: managed.url, region, credentials, runId, ledgerDir: fx.ledgerDir })).leaked).toEqual([]);
      const own = makeClients({ endpoint: managed.url, region, credentials });
      expect(await residue(runId, own)).toEqual([]);
      await own.kinesis.send(new CreateStreamCommand({ StreamName: 'reset-me', ShardCount: 1 }));
      await resetMoto(managed.url);
      expect((await own.kinesis.send(new ListStreamsCommand({}))).StreamNames).toEqual([]);
      destroyClients(own);
    } finally {
      await managed.stop();
    }
    await expect(fetch(`${managed.url}/moto-api/`)).rejects.toThrow();
  });
});

/** Makes every `commandName` call of the Kinesis client fail with `error()`, before it is sent. */
function failCommand(target: ProvisionClients, commandName: string, error: () => Error): { count: number } {
  const calls = { count: 0 };
  target.kinesis.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== commandName) return next(args);
      calls.count++;
      throw error();
    },
    { step: 'initialize', name: 'failCommandForTest' },
  );
  return calls;
}
