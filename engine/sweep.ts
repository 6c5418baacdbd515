/**
 * The last line of cleanup on a target with given resources: any mapping of the run's functions (any
 * qualifier) on the given sources made since the run started is the run's own (setup refused to start
 * while one existed), so whatever the tracker
 * missed (a create that timed out but succeeded, a create cut short by Ctrl-C) is found here and deleted.
 */
import { ListEventSourceMappingsCommand, type EventSourceMappingConfiguration, type LambdaClient } from '@aws-sdk/client-lambda';
import { bareFunctionName, functionParts } from '../properties/checks/response.ts';
import { selfManagedServers } from '../spec/overlay/index.ts';
import type { Resources } from '../properties/types.ts';
import type { Leak, MappingTracker } from './cleanup.ts';

const MAX_PAGES = 100;

/** A listing that answered 2xx but holds no list of mappings. */
export class MalformedListing extends Error {
  override name = 'MalformedListing';
}

type Found = { uuid: string; lastModified?: Date };

/**
 * A self-managed Kafka cluster as a source to list mappings by: `kafka://host:port` (it has no ARN). The kind
 * decides it (a given self-managed-kafka source, or a request's bootstrap server), never the text's shape.
 */
const KAFKA_PREFIX = 'kafka://';
export const kafkaSource = (server: string): string => `${KAFKA_PREFIX}${server}`;
export const isKafkaSource = (source: string): boolean => source.startsWith(KAFKA_PREFIX);

type Listed = Pick<EventSourceMappingConfiguration, 'SelfManagedEventSource' | 'EventSourceArn'> | Record<string, unknown>;

/**
 * Whether a listed mapping is on `source`: an ARN is the listing's own filter (every mapping listed is on it);
 * a self-managed Kafka cluster has no ARN to filter by, so every mapping is listed and a mapping is on the
 * cluster when its bootstrap servers name it (another source's mapping of the same function is not).
 * Undefined: the mapping names no source at all (no servers, no EventSourceArn), so it cannot be told.
 */
export function onSource(source: string, m: Listed): boolean | undefined {
  if (!isKafkaSource(source)) return true;
  const servers = selfManagedServers(m);
  if (servers.length) return servers.includes(source.slice(KAFKA_PREFIX.length));
  return typeof m.EventSourceArn === 'string' && m.EventSourceArn !== '' ? false : undefined;
}

/**
 * The mappings of each of the functions (any qualifier; each given by name or ARN) on a source, with when they
 * were last modified, from one listing of the source (not one per function: a run with several functions
 * lists each source once). A source with an ARN is the listing's filter; a self-managed Kafka cluster
 * (host:port) is matched in the listing of every mapping (see onSource). A listing that does not end (a
 * NextMarker seen before, or still one after MAX_PAGES pages) is malformed: what it has not shown may be there.
 */
export async function mappingsOnFor(client: LambdaClient, source: string, functionNames: readonly string[]): Promise<Map<string, Found[]>> {
  const found = new Map<string, Found[]>(functionNames.map((fn) => [fn, []]));
  const byName = new Map<string, Found[][]>();
  for (const [fn, list] of found) byName.set(bareFunctionName(fn), [...(byName.get(bareFunctionName(fn)) ?? []), list]);
  const seen = new Set<string>();
  const filter = isKafkaSource(source) ? {} : { EventSourceArn: source };
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const r = await client.send(new ListEventSourceMappingsCommand({ ...filter, ...(marker ? { Marker: marker } : {}) }));
    // An answer without the list is not "none left": a 2xx with an empty or garbled body proves nothing.
    if (!Array.isArray(r.EventSourceMappings)) throw new MalformedListing(`the listing of ${source} has no EventSourceMappings list`);
    for (const m of r.EventSourceMappings) {
      const lists = m.UUID && m.FunctionArn ? byName.get(functionParts(m.FunctionArn)?.name ?? '') : undefined;
      if (!lists) continue;
      const on = onSource(source, m);
      // A mapping of the run's function that names no source may be on this one: not "none left".
      if (on === undefined) throw new MalformedListing(`the listing of every mapping holds ${m.UUID} of ${m.FunctionArn}, which names no source: it may be on ${source}`);
      if (on) for (const list of lists) list.push({ uuid: m.UUID!, ...(m.LastModified ? { lastModified: m.LastModified } : {}) });
    }
    marker = r.NextMarker;
    if (!marker) return found;
    if (seen.has(marker)) throw new MalformedListing(`the listing of ${source} repeats its NextMarker: it does not end`);
    seen.add(marker);
  }
  throw new MalformedListing(`the listing of ${source} still had a NextMarker after ${MAX_PAGES} pages`);
}

/**
 * Every event source a run with these resources maps: the two streams and each source of another kind given
 * (by ARN, or a self-managed Kafka cluster by host:port as kafka://host:port, matched in the listing of every
 * mapping).
 */
export function listableSources(r: Pick<Resources, 'kinesisStreamArn' | 'dynamodbStreamArn' | 'sources'>): string[] {
  const others = Object.entries(r.sources ?? {}).filter(([, v]) => v !== '').map(([kind, v]) => (kind === 'self-managed-kafka' ? kafkaSource(v) : v));
  return [...new Set([r.kinesisStreamArn, r.dynamodbStreamArn, ...others])];
}

/** The functions the run maps: the function, and the second one when the target has it. */
export function runFunctions(r: Pick<Resources, 'functionName' | 'otherFunctionName'>): string[] {
  return [r.functionName, ...(r.otherFunctionName ? [r.otherFunctionName] : [])];
}

/** Clock skew allowed between this machine and the target when telling the run's mappings from older ones. */
const SKEW_MS = 5 * 60_000;

/**
 * Deletes the run's leftover mappings of every resource set (one function each, and the second function):
 * each given source (the streams and the sources of other kinds; a self-managed Kafka cluster in the listing
 * of every mapping) is listed once for all of the run's functions, and so is each of `alsoSources` (the
 * Kafka clusters the run's own cases named). Returns how many it found, of which functions, and what it
 * could not delete.
 */
export async function sweepMappings(client: LambdaClient, sets: readonly Resources[], tracker: MappingTracker, since: Date, alsoSources: readonly string[] = []): Promise<{ found: number; functions: string[]; leaks: Leak[] }> {
  const leaks: Leak[] = [];
  const functions = new Set<string>();
  let found = 0;
  const sources = [...new Set([...sets.flatMap(listableSources), ...alsoSources])];
  const names = [...new Set(sets.flatMap((r) => runFunctions(r)))];
  for (const source of sources) {
    let byFunction: Map<string, Found[]>;
    try {
      byFunction = await mappingsOnFor(client, source, names);
    } catch (e) {
      const why = e instanceof MalformedListing ? 'the listing of the source\'s mappings was malformed' : 'could not list the source\'s mappings';
      leaks.push({ kind: 'event-source-mapping', id: `(any on ${source})`, error: `${why}, so mappings of the run may remain: ${(e as Error).message.split('\n')[0]}` });
      continue;
    }
    for (const [fn, ms] of byFunction) {
      // Only mappings made since the run started (setup refused to start while any mapping of the functions existed).
      const uuids = ms.filter((m) => m.lastModified === undefined || m.lastModified.getTime() >= since.getTime() - SKEW_MS).map((m) => m.uuid);
      if (uuids.length) functions.add(fn);
      found += uuids.length;
      for (const uuid of uuids) {
        tracker.add(uuid);
        const error = await tracker.delete(uuid);
        if (error) leaks.push({ kind: 'event-source-mapping', id: uuid, error });
      }
    }
  }
  return { found, functions: [...functions], leaks };
}
