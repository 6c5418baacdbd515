/** Waiting out IAM role propagation on real AWS before the cases (with a fake Lambda client). */
import { describe, expect, it } from 'vitest';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { warmUp } from '../engine/warm-up.ts';
import { EXAMPLE_RESOURCES } from '../properties/bind.ts';

type Step = (input: Record<string, unknown>) => unknown;

function fakeClient(steps: Record<string, Step[]>): { client: LambdaClient; calls: string[] } {
  const calls: string[] = [];
  const client = {
    async send(cmd: { constructor: { name: string }; input: Record<string, unknown> }) {
      const name = cmd.constructor.name.replace(/Command$/, '');
      calls.push(name);
      const queue = steps[name] ?? [];
      const step = queue.length > 1 ? queue.shift()! : queue[0];
      if (!step) throw new Error(`unexpected ${name}`);
      return step(cmd.input);
    },
  } as unknown as LambdaClient;
  return { client, calls };
}

const ipve = (message: string) => () => { throw Object.assign(new Error(message), { name: 'InvalidParameterValueException' }); };
const notFound = () => { throw Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' }); };

describe('warmUp', () => {
  it('retries while the new role has not reached Lambda, then creates, deletes and waits until the mapping is gone', async () => {
    const { client, calls } = fakeClient({
      CreateEventSourceMapping: [ipve('The provided execution role does not have permissions to call GetRecords on Kinesis'), () => ({ UUID: 'u1' })],
      DeleteEventSourceMapping: [() => ({})],
      GetEventSourceMapping: [notFound],
    });
    const slept: number[] = [];
    const stuck = await warmUp(client, EXAMPLE_RESOURCES, { timeoutMs: 60_000, sleep: async (ms) => { slept.push(ms); } });
    expect(stuck).toEqual([]);
    expect(slept).toEqual([2000]);
    expect(calls).toEqual(['CreateEventSourceMapping', 'CreateEventSourceMapping', 'DeleteEventSourceMapping', 'GetEventSourceMapping',
      'CreateEventSourceMapping', 'DeleteEventSourceMapping', 'GetEventSourceMapping']);
  });

  it('does not wait on any other refusal, and reports the stream', async () => {
    const { client, calls } = fakeClient({ CreateEventSourceMapping: [ipve('Function does not exist')] });
    const stuck = await warmUp(client, EXAMPLE_RESOURCES, { timeoutMs: 60_000, sleep: async () => undefined });
    expect(stuck).toEqual([EXAMPLE_RESOURCES.kinesisStreamArn, EXAMPLE_RESOURCES.dynamodbStreamArn]);
    expect(calls).toEqual(['CreateEventSourceMapping', 'CreateEventSourceMapping']);
  });

  it('gives up after the bound', async () => {
    const { client } = fakeClient({ CreateEventSourceMapping: [ipve('The role defined for the function cannot be assumed by Lambda')] });
    const slept: number[] = [];
    const stuck = await warmUp(client, EXAMPLE_RESOURCES, { timeoutMs: 30_000, sleep: async (ms) => { slept.push(ms); } });
    expect(stuck).toHaveLength(2);
    expect(slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30_000);
  });

  it('retries the delete of its mapping while AWS says it is busy, and fails setup if it cannot delete it', async () => {
    const busy = () => { throw Object.assign(new Error('still creating'), { name: 'ResourceInUseException' }); };
    const ok = fakeClient({
      CreateEventSourceMapping: [() => ({ UUID: 'u1' })],
      DeleteEventSourceMapping: [busy, () => ({}), () => ({})],
      GetEventSourceMapping: [notFound],
    });
    const slept: number[] = [];
    expect(await warmUp(ok.client, EXAMPLE_RESOURCES, { timeoutMs: 60_000, sleep: async (ms) => { slept.push(ms); } })).toEqual([]);
    expect(ok.calls.filter((c) => c === 'DeleteEventSourceMapping')).toHaveLength(3);
    expect(slept).toEqual([2000]);
    const denied = fakeClient({
      CreateEventSourceMapping: [() => ({ UUID: 'u2' })],
      DeleteEventSourceMapping: [() => { throw Object.assign(new Error('no'), { name: 'AccessDeniedException' }); }],
    });
    await expect(warmUp(denied.client, EXAMPLE_RESOURCES, { timeoutMs: 60_000, sleep: async () => undefined })).rejects.toThrow(/warm-up mapping u2 could not be deleted: AccessDeniedException/);
  });

  it('stops when the run is interrupted', async () => {
    const { client } = fakeClient({ CreateEventSourceMapping: [ipve('The role defined for the function cannot be assumed by Lambda')] });
    const controller = new AbortController();
    controller.abort();
    await expect(warmUp(client, EXAMPLE_RESOURCES, { timeoutMs: 60_000, sleep: async () => undefined, signal: controller.signal })).rejects.toThrow(/interrupted/);
  });
});
