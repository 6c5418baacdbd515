/**
 * The last line of cleanup on a target with given resources: any mapping of the run's function (any
 * qualifier) on the given streams made since the run started is the run's own (setup refused to start
 * while one existed), so whatever the tracker
 * missed (a create that timed out but succeeded, a create cut short by Ctrl-C) is found here and deleted.
 */
import { ListEventSourceMappingsCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { functionParts } from '../properties/checks/response.ts';
import type { Resources } from '../properties/types.ts';
import type { Leak, MappingTracker } from './cleanup.ts';

const MAX_PAGES = 100;

/** A listing that answered 2xx but holds no list of mappings. */
export class MalformedListing extends Error {
  override name = 'MalformedListing';
}

/**
 * The mappings of the function (any qualifier) on a stream, with when they were last modified. Bounded:
 * a target whose listing never ends (a repeated or endless NextMarker) stops after MAX_PAGES pages.
 */
export async function mappingsOn(client: LambdaClient, arn: string, functionName: string): Promise<Array<{ uuid: string; lastModified?: Date }>> {
  const found: Array<{ uuid: string; lastModified?: Date }> = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const r = await client.send(new ListEventSourceMappingsCommand({ EventSourceArn: arn, ...(marker ? { Marker: marker } : {}) }));
    // An answer without the list is not "none left": a 2xx with an empty or garbled body proves nothing.
    if (!Array.isArray(r.EventSourceMappings)) throw new MalformedListing(`the listing of ${arn} has no EventSourceMappings list`);
    for (const m of r.EventSourceMappings) {
      if (m.UUID && m.FunctionArn && functionParts(m.FunctionArn)?.name === functionName) found.push({ uuid: m.UUID, ...(m.LastModified ? { lastModified: m.LastModified } : {}) });
    }
    marker = r.NextMarker;
    if (!marker || seen.has(marker)) break;
    seen.add(marker);
  }
  return found;
}

/** The functions the run maps: the function, and the second one when the target has it. */
export function runFunctions(r: Pick<Resources, 'functionName' | 'otherFunctionName'>): string[] {
  return [r.functionName, ...(r.otherFunctionName ? [r.otherFunctionName] : [])];
}

/** Clock skew allowed between this machine and the target when telling the run's mappings from older ones. */
const SKEW_MS = 5 * 60_000;

/** Deletes the run's leftover mappings; returns how many it found and what it could not delete. */
export async function sweepMappings(client: LambdaClient, r: Resources, tracker: MappingTracker, since: Date): Promise<{ found: number; leaks: Leak[] }> {
  const leaks: Leak[] = [];
  let found = 0;
  const pairs = [r.kinesisStreamArn, r.dynamodbStreamArn].flatMap((arn) => runFunctions(r).map((fn) => [arn, fn] as const));
  for (const [arn, fn] of pairs) {
    let uuids: string[];
    try {
      // Only mappings made since the run started (setup refused to start while any mapping of the function existed).
      uuids = (await mappingsOn(client, arn, fn))
        .filter((m) => m.lastModified === undefined || m.lastModified.getTime() >= since.getTime() - SKEW_MS).map((m) => m.uuid);
    } catch (e) {
      const why = e instanceof MalformedListing ? 'the listing of the stream\'s mappings was malformed' : 'could not list the stream\'s mappings';
      leaks.push({ kind: 'event-source-mapping', id: `(any on ${arn})`, error: `${why}, so mappings of the run may remain: ${(e as Error).message.split('\n')[0]}` });
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
