/**
 * Real AWS only: a new execution role takes a while to reach Lambda, and until it does a valid mapping is
 * refused (InvalidParameterValueException naming the role or its permissions). Before the cases, one minimal
 * mapping per stream is created and deleted, retried (bounded) while that propagation error lasts, so that
 * eventual consistency is waited out instead of being judged as the target rejecting valid requests.
 */
import { CreateEventSourceMappingCommand, DeleteEventSourceMappingCommand, GetEventSourceMappingCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { plainPositions } from '../properties/facts.ts';
import type { Resources } from '../properties/types.ts';

export interface WarmUpOptions { timeoutMs: number; sleep?: (ms: number) => Promise<void>; log?: (line: string) => void; signal?: AbortSignal }

const PROPAGATING = /role|permission|not authorized|cannot be assumed/i;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function gone(client: LambdaClient, uuid: string, o: WarmUpOptions): Promise<boolean> {
  const sleep = o.sleep ?? pause;
  for (let waited = 0; waited <= o.timeoutMs; waited += 1000) {
    stopIfAborted(o);
    try {
      await client.send(new GetEventSourceMappingCommand({ UUID: uuid }));
    } catch (e) {
      if ((e as { name?: string }).name === 'ResourceNotFoundException') return true;
    }
    await sleep(1000);
  }
  return false;
}

const BUSY = new Set(['ResourceInUseException', 'ResourceConflictException']);

function stopIfAborted(o: WarmUpOptions): void {
  if (o.signal?.aborted) throw new Error('interrupted while waiting for the new role');
}

/**
 * Deletes the warm-up mapping, retrying while AWS says it is busy (still Creating), and waits until it is
 * gone: a mapping left on the stream would turn the cases' creates into 409s. Throws when it cannot.
 */
async function remove(client: LambdaClient, uuid: string, o: WarmUpOptions): Promise<void> {
  const sleep = o.sleep ?? pause;
  for (let waited = 0; ; waited += 2000) {
    stopIfAborted(o);
    try {
      await client.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
      break;
    } catch (e) {
      const name = (e as { name?: string }).name ?? '';
      if (name === 'ResourceNotFoundException') return;
      if (!BUSY.has(name) || waited >= o.timeoutMs) throw new Error(`the warm-up mapping ${uuid} could not be deleted: ${name} ${(e as Error).message.split('\n')[0]}`);
      await sleep(2000);
    }
  }
  if (!(await gone(client, uuid, o))) throw new Error(`the warm-up mapping ${uuid} is still there ${o.timeoutMs / 1000} s after it was deleted`);
}

/** Creates and deletes one mapping on the stream, retrying while the role propagates. True when it got through. */
async function warmOne(client: LambdaClient, functionName: string, arn: string, o: WarmUpOptions): Promise<boolean> {
  const sleep = o.sleep ?? pause;
  for (let waited = 0, delay = 2000; waited <= o.timeoutMs; waited += delay, delay = Math.min(delay * 2, 15_000)) {
    stopIfAborted(o);
    let out;
    try {
      out = await client.send(new CreateEventSourceMappingCommand({ FunctionName: functionName, EventSourceArn: arn, StartingPosition: plainPositions[0] as never }));
    } catch (e) {
      const err = e as { name?: string; message?: string };
      if (err.name !== 'InvalidParameterValueException' || !PROPAGATING.test(err.message ?? '')) return false;
      o.log?.(`waiting for the new role to reach Lambda (${err.message?.split('\n')[0]})`);
      await sleep(delay);
      continue;
    }
    if (out.UUID) await remove(client, out.UUID, o);
    return true;
  }
  return false;
}

/** Waits out role propagation on both streams; returns the streams that never accepted a mapping. */
export async function warmUp(client: LambdaClient, r: Resources, o: WarmUpOptions): Promise<string[]> {
  const stuck: string[] = [];
  for (const arn of [r.kinesisStreamArn, r.dynamodbStreamArn]) if (!(await warmOne(client, r.functionName, arn, o))) stuck.push(arn);
  return stuck;
}
