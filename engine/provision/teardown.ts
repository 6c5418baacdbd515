import { describeError, isNotFound, isRetryable } from './aws-errors.ts';
import { destroyClients, makeClients, type Credentials, type ProvisionClients } from './clients.ts';
import { DELETE_ORDER, deleteResource } from './delete-resource.ts';
import { findRunMappings } from './find-mappings.ts';
import { Ledger, type LedgerEntry } from './ledger.ts';
import { endpointKey, endpointOfKey } from './naming.ts';
import { retryWhile, type PollOptions } from './wait.ts';

export interface TeardownOptions {
  /** The endpoint the run was provisioned against; omit for real AWS. */
  endpoint?: string;
  region: string;
  credentials: Credentials;
  runId: string;
  ledgerDir?: string;
  log?: (line: string) => void;
  /** Retries of one delete (throttling, resource busy, 5xx): backoff from intervalMs, up to timeoutMs. Default 1 s / 60 s. */
  retry?: PollOptions;
  /** SDK attempts per request. Default 3. */
  maxAttempts?: number;
  /** Deadline of one SDK attempt, connect to last byte. Default 30 s. */
  requestTimeoutMs?: number;
  /** Clients to use instead of new ones (they are then not destroyed). */
  clients?: ProvisionClients;
  /** Stops the teardown: calls in flight are aborted, what is not deleted stays in the ledger. */
  signal?: AbortSignal;
}

export interface TeardownResult {
  deleted: LedgerEntry[];
  leaked: Array<{ entry: LedgerEntry; error: string }>;
}

const DEFAULT_RETRY: PollOptions = { intervalMs: 1_000, timeoutMs: 60_000 };
const MAPPING_BATCH = 5;

/**
 * Deletes every resource the ledger holds for the run (plus unrecorded mappings on its function), in
 * dependency order, removing each entry once deleted or found already gone. Never throws for one resource:
 * what could not be deleted is returned in `leaked` and stays in the ledger. Entries recorded for another
 * endpoint or region are not touched and are reported as leaked.
 */
export async function teardown(opts: TeardownOptions): Promise<TeardownResult> {
  const ledger = new Ledger(opts.ledgerDir);
  const log = opts.log ?? (() => undefined);
  const endpoint = endpointKey(opts.endpoint);
  const entries = await ledger.forRun(opts.runId);
  const mine = entries.filter((e) => e.endpoint === endpoint && e.region === opts.region);
  const result: TeardownResult = {
    deleted: [],
    leaked: entries
      .filter((e) => !mine.includes(e))
      .map((entry) => ({ entry, error: `recorded for ${entry.endpoint} ${entry.region}, not this teardown's target` })),
  };
  const clients =
    opts.clients ??
    makeClients({ endpoint: opts.endpoint, region: opts.region, credentials: opts.credentials, maxAttempts: opts.maxAttempts, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.requestTimeoutMs ? { requestTimeoutMs: opts.requestTimeoutMs } : {}) });
  try {
    const all = [...(await findRunMappings(clients, mine, log)), ...mine];
    for (const kind of DELETE_ORDER) {
      const ofKind = all.filter((e) => e.kind === kind);
      for (let i = 0; i < ofKind.length; i += MAPPING_BATCH) {
        const batch = ofKind.slice(i, i + MAPPING_BATCH);
        await Promise.all(batch.map((entry) => deleteOne(clients, ledger, entry, opts.retry ?? DEFAULT_RETRY, log, result, opts.signal)));
      }
    }
  } finally {
    if (!opts.clients) destroyClients(clients);
  }
  return result;
}

async function deleteOne(
  clients: ProvisionClients,
  ledger: Ledger,
  entry: LedgerEntry,
  retry: PollOptions,
  log: (line: string) => void,
  result: TeardownResult,
  signal?: AbortSignal,
): Promise<void> {
  try {
    if (signal?.aborted) throw new Error('cleanup abandoned (interrupted)');
    await retryWhile(() => deleteResource(clients, entry), isRetryable, retry, signal);
    log(`deleted ${entry.kind} ${entry.id}`);
  } catch (error) {
    if (!isNotFound(error)) {
      const message = describeError(error);
      log(`could not delete ${entry.kind} ${entry.id}: ${message}`);
      result.leaked.push({ entry, error: message });
      return;
    }
    log(`already gone: ${entry.kind} ${entry.id}`);
  }
  result.deleted.push(entry);
  try {
    await ledger.remove(entry);
  } catch (error) {
    log(`deleted ${entry.kind} ${entry.id} but could not update the ledger: ${describeError(error)}`);
  }
}

export interface CleanupAllOptions {
  ledgerDir?: string;
  /** Only runs recorded for this endpoint (use `aws` for real AWS); default every endpoint. */
  endpoint?: string;
  /** Only runs recorded for this region; default every region. */
  region?: string;
  credentials: Credentials;
  log?: (line: string) => void;
  retry?: PollOptions;
  maxAttempts?: number;
  requestTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface RunCleanup extends TeardownResult {
  runId: string;
  endpoint: string;
  region: string;
}

/** Tears down every run found in the ledger (one teardown per run, endpoint and region). */
export async function cleanupAll(opts: CleanupAllOptions): Promise<RunCleanup[]> {
  const entries = await new Ledger(opts.ledgerDir).list();
  const wanted = entries.filter(
    (e) => (opts.endpoint === undefined || e.endpoint === endpointKey(opts.endpoint)) && (opts.region === undefined || e.region === opts.region),
  );
  const targets = new Map<string, { runId: string; endpoint: string; region: string }>();
  for (const e of wanted) targets.set(JSON.stringify([e.runId, e.endpoint, e.region]), e);
  const results: RunCleanup[] = [];
  for (const { runId, endpoint, region } of targets.values()) {
    opts.log?.(`cleaning up run ${runId} at ${endpoint} ${region}`);
    const outcome = await teardown({ ...opts, runId, region, endpoint: endpointOfKey(endpoint) });
    // Entries of the same run at another endpoint are torn down by their own pass: not leaks of this one.
    const leaked = outcome.leaked.filter((l) => l.entry.endpoint === endpoint && l.entry.region === region);
    results.push({ runId, endpoint, region, deleted: outcome.deleted, leaked });
  }
  return results;
}
