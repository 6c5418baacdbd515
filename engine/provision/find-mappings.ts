import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { ListEventSourceMappingsCommand, type EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';
import { describeError, isNotFound, neverConnected } from './aws-errors.ts';
import type { ProvisionClients } from './clients.ts';
import type { LedgerEntry } from './ledger.ts';
import { parseFunctionArn } from './naming.ts';

type ListFilter = { FunctionName: string } | { EventSourceArn: string };

/**
 * Mappings on the run's function that the ledger does not hold (a crash between create and record, or a
 * mapping made by hand). Listing by FunctionName matches only the exact qualifier, so this lists by every
 * qualifier the run knows and by each of its event sources. Listing failures are logged, not thrown.
 */
export async function findRunMappings(
  clients: ProvisionClients,
  entries: readonly LedgerEntry[],
  log: (line: string) => void,
): Promise<LedgerEntry[]> {
  const found = new Map<string, LedgerEntry>();
  // Every function of the run (the run makes two: a mapping of another function on one stream is no conflict).
  try {
    for (const fn of entries.filter((e) => e.kind === 'lambda-function')) {
      for (const entry of await functionMappings(clients, entries, fn, log)) found.set(entry.id, entry);
    }
  } catch (error) {
    // A target that takes no connection at all: one line, not one per function, qualifier and source.
    if (!(error instanceof TargetSilent)) throw error;
    log(`could not list the run's mappings: ${describeError(error.cause)}; the target does not answer`);
  }
  return [...found.values()];
}

class TargetSilent extends Error {}

async function functionMappings(
  clients: ProvisionClients,
  entries: readonly LedgerEntry[],
  fn: LedgerEntry,
  log: (line: string) => void,
): Promise<LedgerEntry[]> {
  const known = new Set(entries.filter((e) => e.kind === 'event-source-mapping').map((e) => e.id));
  const found = new Map<string, EventSourceMappingConfiguration>();
  for (const filter of await listFilters(clients, entries, fn.id, log)) {
    try {
      for (const m of await listAll(clients, filter)) {
        if (m.UUID && !known.has(m.UUID) && parseFunctionArn(m.FunctionArn ?? '')?.name === fn.id) found.set(m.UUID, m);
      }
    } catch (error) {
      if (neverConnected(error)) throw new TargetSilent('no connection', { cause: error });
      if (!isNotFound(error)) log(`could not list mappings by ${JSON.stringify(filter)}: ${describeError(error)}`);
    }
  }
  return [...found.values()].map((m) => ({
    runId: fn.runId,
    kind: 'event-source-mapping',
    id: m.UUID ?? '',
    endpoint: fn.endpoint,
    region: fn.region,
    createdAt: (m.LastModified ?? new Date()).toISOString(),
    parent: fn.id,
    ...(m.EventSourceMappingArn ? { arn: m.EventSourceMappingArn } : {}),
    state: 'created',
  }));
}

async function listFilters(
  clients: ProvisionClients,
  entries: readonly LedgerEntry[],
  functionName: string,
  log: (line: string) => void,
): Promise<ListFilter[]> {
  const qualified = entries
    .filter((e) => e.kind === 'lambda-alias' || e.kind === 'lambda-version')
    .map((e) => `${functionName}:${e.id.slice(e.id.lastIndexOf(':') + 1)}`);
  const names = [functionName, `${functionName}:$LATEST`, ...qualified];
  const sources = entries.filter((e) => (e.kind === 'kinesis-stream' || e.kind === 'sqs-queue') && e.arn).map((e) => e.arn ?? '');
  for (const table of entries.filter((e) => e.kind === 'dynamodb-table')) {
    try {
      const { Table: t } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: table.id }));
      if (t?.LatestStreamArn) sources.push(t.LatestStreamArn);
    } catch (error) {
      if (!isNotFound(error)) log(`could not describe table ${table.id}: ${describeError(error)}`);
    }
  }
  return [...names.map((n) => ({ FunctionName: n })), ...sources.map((s) => ({ EventSourceArn: s }))];
}

/** Every page of a listing; bounded, and stopped by a repeated NextMarker (a target whose listing never ends). */
async function listAll(clients: ProvisionClients, filter: ListFilter): Promise<EventSourceMappingConfiguration[]> {
  const all: EventSourceMappingConfiguration[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const r = await clients.lambda.send(new ListEventSourceMappingsCommand({ ...filter, Marker: marker }));
    if (!Array.isArray(r.EventSourceMappings)) throw new Error('the listing holds no EventSourceMappings list (malformed answer)');
    all.push(...r.EventSourceMappings);
    marker = r.NextMarker;
    if (!marker || seen.has(marker)) break;
    seen.add(marker);
  }
  return all;
}
