/**
 * The last line of cleanup on a target with given resources: any mapping of the run's function on the
 * given streams is the run's own (setup refused to start while one existed), so whatever the tracker
 * missed (a create that timed out but succeeded, a create cut short by Ctrl-C) is found here and deleted.
 */
import { ListEventSourceMappingsCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { functionParts } from '../properties/checks/response.ts';
import type { Resources } from '../properties/types.ts';
import type { Leak, MappingTracker } from './cleanup.ts';

async function mappingsOn(client: LambdaClient, arn: string, functionName: string): Promise<string[]> {
  const uuids: string[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new ListEventSourceMappingsCommand({ EventSourceArn: arn, ...(marker ? { Marker: marker } : {}) }));
    for (const m of page.EventSourceMappings ?? []) {
      if (m.UUID && m.FunctionArn && functionParts(m.FunctionArn)?.name === functionName) uuids.push(m.UUID);
    }
    marker = page.NextMarker;
  } while (marker);
  return uuids;
}

/** Deletes the run's leftover mappings; returns how many it found and what it could not delete. */
export async function sweepMappings(client: LambdaClient, r: Resources, tracker: MappingTracker): Promise<{ found: number; leaks: Leak[] }> {
  const leaks: Leak[] = [];
  let found = 0;
  for (const arn of [r.kinesisStreamArn, r.dynamodbStreamArn]) {
    let uuids: string[];
    try {
      uuids = await mappingsOn(client, arn, r.functionName);
    } catch (e) {
      leaks.push({ kind: 'event-source-mapping', id: `(any on ${arn})`, error: `could not list the stream's mappings: ${(e as Error).message.split('\n')[0]}` });
      continue;
    }
    found += uuids.length;
    for (const uuid of uuids) {
      tracker.add(uuid);
      const error = await tracker.delete(uuid);
      if (error) leaks.push({ kind: 'event-source-mapping', id: uuid, error });
    }
  }
  return { found, leaks };
}
