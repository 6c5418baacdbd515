/** Setting up the target: the embedded reference, resources provisioned through the AWS APIs, or given resources. */
import { runRetryStrategy } from './sdk-retry.ts';
import { LambdaClient, ListAliasesCommand, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startReference } from '../reference/server.ts';
import type { Resources } from '../properties/types.ts';
import { SetupError, type RunConfig } from './config.ts';
import { ConfigError, isLoopback, parseEndpoint } from './transport/index.ts';
import { provision, ProvisionError } from './provision/provision.ts';
import { teardown } from './provision/teardown.ts';
import { neverConnected } from './provision/aws-errors.ts';
import { mentionsSilent } from './target-health.ts';
import type { Leak } from './cleanup.ts';
import { warmUp } from './warm-up.ts';
import { listableSources, mappingsOnFor } from './sweep.ts';
import { abortable, guardedHandler } from './sdk-guard.ts';

export interface Target {
  endpoint: URL;
  /** `replay`: a recording answers (--replay); nothing was set up. */
  kind: 'embedded' | 'remote' | 'replay';
  label: string;
  resources: Resources;
  /** Resource sets for lanes, one function each (the first is `resources`); absent: `resources` only. */
  sets?: Resources[];
  /** Deletes what setup created; returns what could not be deleted. */
  close(): Promise<Leak[]>;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * `wrap`: record or replay the client's HTTP attempts (see engine/record/). Every attempt has the run's
 * timeout over the whole exchange and stops with `signal` (see engine/sdk-guard.ts). `paced`: the client
 * of the SDK pass, whose attempts pass the run's gate: it retries as the raw transport (engine/sdk-retry.ts);
 * the others (discovery, the sweep) keep the SDK's own backoff.
 */
export function lambdaClient(endpoint: URL, config: RunConfig, wrap?: (h: NodeHttpHandler) => unknown, signal: AbortSignal | undefined = config.signal, paced = false): LambdaClient {
  const handler = guardedHandler({ timeoutMs: config.timeoutMs, retryGarbled: true, ...(signal ? { signal } : {}) });
  return abortable(new LambdaClient({
    endpoint: endpoint.origin, region: config.region, credentials: config.credentials, maxAttempts: config.maxAttempts,
    ...(paced ? { retryStrategy: runRetryStrategy(config.maxAttempts) } : {}),
    requestHandler: (wrap ? wrap(handler) : handler) as NodeHttpHandler,
  }), signal);
}

/** Setup stopped by the caller's signal (Ctrl-C); what it had created was torn down, except `leaks`. */
export class SetupInterrupted extends SetupError {
  override name = 'SetupInterrupted';
  constructor(readonly leaks: Leak[]) {
    super(`interrupted during setup; ${leaks.length ? `${leaks.length} resource(s) could not be deleted` : 'everything it created was deleted'}`);
  }
}

async function embedded(config: RunConfig): Promise<Target> {
  const ref = await startReference({ region: config.region, ...(config.deviation ? { deviation: config.deviation } : {}), ...(config.latency ? { latency: { scale: config.latency.scale } } : {}) });
  const { functionArn: _arn, functionNames, ...resources } = ref.resources;
  const sets = functionNames.map((functionName) => ({ ...resources, functionName }));
  return { endpoint: new URL(ref.url), kind: 'embedded', label: config.targetLabel ?? 'embedded', resources, sets, close: async () => { await ref.close(); return []; } };
}

/**
 * Where provisioning sends its IAM, Lambda, Kinesis and DynamoDB calls: one endpoint serves them all on an
 * emulator (moto, LocalStack); on real AWS (an *.amazonaws.com endpoint) each service has its own, so
 * none is given (the ledger then records `aws`).
 */
export function provisioningEndpoint(endpoint: URL): string | undefined {
  return /(^|\.)amazonaws\.com(\.cn)?$/i.test(endpoint.hostname) ? undefined : endpoint.origin;
}

/**
 * Functions --provision creates: the first serves the cases that create nothing, each other one gives two
 * lanes (one per stream); --lanes N asks for about N lanes. Default 4 (6 lanes), at most 8.
 */
export function provisionedFunctions(config: Pick<RunConfig, 'lanes'>): number {
  return config.lanes === undefined ? 4 : Math.min(8, Math.max(1, Math.ceil(config.lanes / 2) + 1));
}

/** What --provision creates, in one line (printed before anything is created, and in the refusal). */
export function provisionPlan(runId: string, region: string, functions = 4): string {
  const name = `esm-conformance-${runId}`;
  const fns = functions > 1 ? `Lambda functions ${name} and ${name}-3${functions > 2 ? ` to ${name}-${functions + 1}` : ''}, each` : `Lambda function ${name}`;
  return `IAM role ${name} (with the Lambda Kinesis, DynamoDB and SQS execution policies), ${fns} with version 1 and alias live, Lambda function ${name}-2, `
    + `Kinesis stream ${name} (1 shard), DynamoDB table ${name} with a stream, SQS queues ${name} and ${name}.fifo, in ${region}; all tagged esm-conformance-run=${runId} and deleted at the end`;
}

/** Real AWS costs money: --provision on a non-loopback endpoint needs --allow-real-aws (checked before anything else). */
function refuseUnconfirmed(endpoint: URL, config: RunConfig, runId: string): void {
  if (isLoopback(endpoint) || config.allowRealAws) return;
  throw new ConfigError(`--provision on a non-loopback endpoint (${endpoint.host}) would create billable resources (${provisionPlan(runId, config.region, provisionedFunctions(config))}): add --allow-real-aws to confirm`);
}

/** Real AWS: waits (bounded) until the new role lets Lambda map both streams; an emulator has nothing to wait for. */
async function waitForRole(endpoint: URL, config: RunConfig, resources: Resources): Promise<void> {
  const client = lambdaClient(endpoint, config);
  try {
    const stuck = await warmUp(client, resources, { timeoutMs: 120_000, ...(config.log ? { log: config.log } : {}), ...(config.signal ? { signal: config.signal } : {}) });
    if (stuck.length) config.log?.(`note: a first mapping on ${stuck.join(', ')} was not accepted while warming up; the cases will tell why`);
  } finally {
    client.destroy();
  }
}

/** --keep-resources: what was provisioned stays, and stays in the ledger, for `cleanup` to delete later. */
function keep(runId: string, config: RunConfig): () => Promise<Leak[]> {
  return async () => {
    config.log?.(`kept the resources of run ${runId} (--keep-resources); delete them with: ${config.invokedAs ?? 'npx tsx runner.ts'} cleanup --endpoint ${config.endpoint}${config.ledgerDir && config.ledgerDir !== '.esm-ledger' ? ` --ledger ${config.ledgerDir}` : ''}`);
    return [];
  };
}

async function provisioned(endpoint: URL, config: RunConfig, runId: string): Promise<Target> {
  config.log?.(`creating on ${endpoint.host}: ${provisionPlan(runId, config.region, provisionedFunctions(config))}`);
  const at = provisioningEndpoint(endpoint);
  const common = { ...(at ? { endpoint: at } : {}), region: config.region, credentials: config.credentials, runId, maxAttempts: config.maxAttempts, requestTimeoutMs: config.timeoutMs, ...(config.ledgerDir ? { ledgerDir: config.ledgerDir } : {}), ...(config.log ? { log: config.log } : {}) };
  // Teardown goes on after a first Ctrl-C, under the cleanup signal (engine/interrupt.ts).
  const cleanup = { ...common, ...(config.cleanupSignal ? { signal: config.cleanupSignal } : {}) };
  try {
    const r = await provision({ ...common, allowRealAws: config.allowRealAws, functions: provisionedFunctions(config), ...(config.signal ? { signal: config.signal } : {}) });
    const { functionArn: _a, runId: _r, extraFunctions, ...resources } = r;
    const sets = [resources, ...extraFunctions.map((f) => ({ ...resources, functionName: f.functionName, version: f.version, alias: f.alias }))];
    const close = config.keepResources ? keep(runId, config) : async (): Promise<Leak[]> => (await teardown(cleanup)).leaked.map((l) => ({ kind: l.entry.kind, id: l.entry.id, error: l.error }));
    if (!isLoopback(endpoint)) await waitForRole(endpoint, config, resources);
    return { endpoint, kind: 'remote', label: config.targetLabel ?? endpoint.host, resources, sets, close };
  } catch (e) {
    // Whatever was created before the failure (or the Ctrl-C) is in the ledger: tear it down now.
    let silent = false;
    const leaks = await teardown(cleanup).then(
      (r) => {
        // Creates cut short by the failure whose deletes could not even connect: they may not exist at all.
        silent = r.leaked.length > 0 && r.leaked.every((l) => l.entry.state === 'pending' && mentionsSilent(l.error));
        return r.leaked.map((l): Leak => ({ kind: l.entry.kind, id: l.entry.id, error: l.error }));
      },
      (err: unknown): Leak[] => [{ kind: 'run', id: runId, error: `teardown failed: ${(err as Error).message}` }],
    );
    if (config.signal?.aborted) throw new SetupInterrupted(leaks);
    const left = !leaks.length ? ''
      : silent ? `; ${leaks.length} resource(s) whose create was cut short could not be checked, the target not answering (they may not exist; they stay in the ledger: run the cleanup command once it answers)`
        : `; ${leaks.length} resource(s) could not be deleted (they stay in the ledger: run the cleanup command)`;
    throw new SetupError(`${e instanceof ProvisionError ? e.message : `provisioning failed: ${(e as Error).message}`}${left}`);
  }
}

/** One look-up of the given function's qualifiers; a failure names the flag that makes it unnecessary. */
async function lookUp<T>(what: string, flag: string, g: RunConfig['given'], host: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const why = (e as Error).message.split('\n')[0];
    if (neverConnected(e)) throw new SetupError(`the target does not answer at ${host}: ${why} (is --endpoint right, and the target running?)`);
    throw new SetupError(`cannot look up ${what} of function ${g.functionName} on ${host}: ${why}; give it with ${flag} (given both --function-version and --function-alias, the suite calls only the event-source-mapping API)`);
  }
}

/**
 * The version and alias of the given function: from the flags, or looked up (ListVersionsByFunction,
 * ListAliases) only for what the flags leave out, so that a target serving only the event-source-mapping
 * API works with both flags. The account comes from the given stream ARNs, never from GetFunction.
 */
async function qualifiers(client: LambdaClient, g: RunConfig['given'], host: string, signal: AbortSignal | undefined): Promise<{ version: string; alias: string }> {
  const opts = signal ? { abortSignal: signal } : {};
  const version = g.version ?? (await lookUp('a published version', '--function-version N', g, host, () => client.send(new ListVersionsByFunctionCommand({ FunctionName: g.functionName }), opts)))
    .Versions?.map((v) => v.Version).find((v) => v && v !== '$LATEST');
  const alias = g.alias ?? (await lookUp('an alias', '--function-alias NAME', g, host, () => client.send(new ListAliasesCommand({ FunctionName: g.functionName }), opts))).Aliases?.[0]?.Name;
  if (!version || !alias) throw new SetupError(`function ${g.functionName} needs a published version and an alias: publish them, or name them with --function-version and --function-alias (or use --provision)`);
  return { version, alias };
}

/** `a`, `a and b`, `a, b and c`. */
const andList = (xs: readonly string[]): string => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/**
 * Mappings that already join one of the run's functions (with any qualifier) and a given source would collide
 * with the cases (409), could not be told from the run's own afterwards, and a lane that clears its pair
 * would delete them: setup refuses to start. Each source with an ARN (the streams, and the sources of other
 * kinds given with --source) is listed once for every function. The problem (never thrown): the functions
 * that have mappings there, or the listing that failed.
 */
async function existingMappings(client: LambdaClient, g: Partial<Resources>, functions: readonly string[]): Promise<{ functions: string[]; error: SetupError } | undefined> {
  const found: string[] = [];
  const having = new Set<string>();
  const sources = listableSources({ kinesisStreamArn: g.kinesisStreamArn!, dynamodbStreamArn: g.dynamodbStreamArn!, ...(g.sources ? { sources: g.sources } : {}) });
  for (const arn of sources) {
    let byFunction: Awaited<ReturnType<typeof mappingsOnFor>>;
    try {
      byFunction = await mappingsOnFor(client, arn, functions);
    } catch (e) {
      return { functions: [], error: new SetupError(`cannot list the mappings of function${functions.length > 1 ? 's' : ''} ${andList(functions)} on ${arn}: ${(e as Error).message.split('\n')[0]}`) };
    }
    for (const [fn, ms] of byFunction) {
      if (ms.length) having.add(fn);
      for (const m of ms) found.push(`${m.uuid} (${fn} on ${arn})`);
    }
  }
  if (!found.length) return undefined;
  const names = [...having];
  const where = sources.length > 2 ? 'sources' : 'streams';
  return { functions: names, error: new SetupError(`${andList(names)} already ${names.length > 1 ? 'have' : 'has'} ${found.length} mapping(s) on the given ${where}: ${found.join(', ')}; the suite creates its own, so delete these first (or use --provision)`) };
}

/** One given function's resource set: its version and alias (flags name the first function's). */
async function discoverOne(client: LambdaClient, config: RunConfig, host: string, functionName: string, first: boolean): Promise<Resources> {
  const { functionNames: _n, ...given } = config.given;
  const g: RunConfig['given'] = { ...given, functionName, ...(first ? {} : { version: undefined, alias: undefined }) };
  const q = await qualifiers(client, g, host, config.signal);
  const account = g.account ?? g.kinesisStreamArn!.split(':')[4] ?? '';
  return {
    region: config.region, account, functionName, version: q.version, alias: q.alias, kinesisStreamArn: g.kinesisStreamArn!, dynamodbStreamArn: g.dynamodbStreamArn!,
    ...(g.otherFunctionName ? { otherFunctionName: g.otherFunctionName } : {}),
    ...(g.sources ? { sources: g.sources } : {}),
  };
}

/** How many functions' qualifiers are looked up at once (a target with many given functions is not flooded). */
const DISCOVER_AT_ONCE = 4;

/**
 * The given resources: one set per given function (several functions give more lanes). The functions'
 * qualifiers are looked up a few at a time, and the given sources listed for existing mappings at the same
 * time (against a slow target the setup is on the run's critical path). The problem reported is the first in
 * the functions' order, as when each function was looked up and then checked in turn: a function's look-up
 * before its mappings, the second function's mappings with the first function's. After a look-up fails, no
 * later function's look-up is started and those under way are abandoned.
 */
async function discover(endpoint: URL, config: RunConfig): Promise<Resources[]> {
  const g = config.given;
  if (!g.functionName || !g.kinesisStreamArn || !g.dynamodbStreamArn) {
    throw new ConfigError('a remote target needs --function-name, --kinesis-stream-arn and --dynamodb-stream-arn (or --provision)');
  }
  const client = lambdaClient(endpoint, config);
  try {
    const names = g.functionNames ?? [g.functionName];
    // The second function (--other-function-name) is kept out of the lanes: the shared-source cases map it.
    const lanes = names.filter((n, i) => i === 0 || n !== g.otherFunctionName);
    const checked = [...new Set([...lanes, ...(g.otherFunctionName ? [g.otherFunctionName] : [])])];
    const existing = existingMappings(client, g, checked);
    const sets: Resources[] = new Array(lanes.length);
    const stops = lanes.map(() => new AbortController());
    let failed: { at: number; error: unknown } | undefined;
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < lanes.length && (failed === undefined || i < failed.at); i = next++) {
        const signal = config.signal ? AbortSignal.any([config.signal, stops[i]!.signal]) : stops[i]!.signal;
        try {
          sets[i] = await discoverOne(client, { ...config, signal }, endpoint.host, lanes[i]!, i === 0);
        } catch (error) {
          if (failed !== undefined && failed.at < i) continue; // abandoned: an earlier function's problem is the one reported
          failed = { at: i, error };
          for (const stop of stops.slice(i + 1)) stop.abort();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(DISCOVER_AT_ONCE, lanes.length) }, worker));
    const mapped = await existing;
    // The second function's mappings were checked with the first function's; a failed listing, there too.
    const mappedAt = mapped ? Math.min(...(mapped.functions.length ? mapped.functions.map((f) => Math.max(0, lanes.indexOf(f))) : [0])) : Infinity;
    if (failed !== undefined && failed.at <= mappedAt) throw failed.error;
    if (mapped) throw mapped.error;
    return sets;
  } finally {
    client.destroy();
  }
}

/** Credentials are resolved once before anything is sent: none found is a configuration error. */
async function checkCredentials(config: RunConfig): Promise<void> {
  if (typeof config.credentials !== 'function') return;
  try {
    await config.credentials();
  } catch (e) {
    throw new ConfigError(`no AWS credentials for ${config.endpoint}: ${(e as Error).message.split('\n')[0]} ${config.awsProfile ?? process.env.AWS_PROFILE ? ` (profile ${config.awsProfile ?? process.env.AWS_PROFILE} gave none)` : ' (set --aws-profile, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)'}`);
  }
}

export async function setupTarget(config: RunConfig, runId: string): Promise<Target> {
  if (!config.endpoint) return embedded(config);
  const endpoint = parseEndpoint(config.endpoint);
  if (config.provision) refuseUnconfirmed(endpoint, config, runId);
  await checkCredentials(config);
  if (config.provision) return provisioned(endpoint, config, runId);
  const sets = await discover(endpoint, config);
  return { endpoint, kind: 'remote', label: config.targetLabel ?? endpoint.host, resources: sets[0] as Resources, sets, close: async () => [] };
}
