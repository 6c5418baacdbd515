import { setMaxListeners } from 'node:events';
import type { Resources } from '../../properties/types.ts';
import { destroyClients, makeClients, type Credentials } from './clients.ts';
import { describeError } from './aws-errors.ts';
import { createFunctionWithAlias, createOtherFunction, type CreatedFunction } from './create-function.ts';
import { createExecutionRole } from './create-role.ts';
import { createQueues } from './create-queues.ts';
import { createDynamoTable, createKinesisStream } from './create-streams.ts';
import { Ledger, type LedgerEntry, type ResourceKind } from './ledger.ts';
import { checkRunId, endpointKey, parseFunctionArn, resourceName } from './naming.ts';
import { RunRecorder } from './recorder.ts';
import { StepFailure, type StepContext } from './step-context.ts';
import { DEFAULT_POLL, type PollOptions } from './wait.ts';

export interface ProvisionOptions {
  /** One endpoint for every service (moto, LocalStack). Omit only for real AWS, with `allowRealAws`. */
  endpoint?: string;
  region: string;
  credentials: Credentials;
  runId: string;
  ledgerDir?: string;
  /** Waits for Active/ACTIVE and the IAM-propagation retries. Default every 1 s for up to 120 s. */
  poll?: PollOptions;
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** SDK attempts per request (throttling, 5xx, network). Default 3. */
  maxAttempts?: number;
  /** Deadline of one SDK attempt, connect to last byte. Default 30 s. */
  requestTimeoutMs?: number;
  /** Creating resources on real AWS costs money: it needs this explicit consent. */
  allowRealAws?: boolean;
  /** How many functions (each with version and alias): more give more lanes. Default 1. */
  functions?: number;
}

export interface ProvisionedResources extends Resources {
  functionArn: string;
  runId: string;
  /** The functions besides the first (`<name>-2`, `<name>-3`, ...), with `functions` > 1. */
  extraFunctions: CreatedFunction[];
}

/** Provisioning stopped part-way. `created` lists what may exist (also in the ledger): tear the run down. */
export class ProvisionError extends Error {
  constructor(
    readonly runId: string,
    /** The resource kind being created, `options` for refused options, `unknown` if no step claimed it. */
    readonly step: ResourceKind | 'options' | 'unknown',
    readonly created: LedgerEntry[],
    override readonly cause: unknown,
  ) {
    super(
      `provisioning run ${runId} failed at ${step}: ${describeError(cause)}` +
        ` (${created.length} resource(s) recorded for teardown)`,
    );
    this.name = 'ProvisionError';
  }
}

/**
 * Creates the run's IAM role, function (version + alias `live`) and a second function, Kinesis stream and DynamoDB table,
 * tagged `esm-conformance-run=<runId>`, each recorded in the ledger. The Lambda chain, the stream and
 * the table are created concurrently; the first failure aborts the others and all are awaited.
 */
export async function provision(opts: ProvisionOptions): Promise<ProvisionedResources> {
  checkOptions(opts);
  const { runId, region } = opts;
  const log = opts.log ?? (() => undefined);
  const recorder = new RunRecorder(new Ledger(opts.ledgerDir), { runId, region, endpoint: endpointKey(opts.endpoint) }, log);
  const stop = linkedController(opts.signal);
  const clients = makeClients({
    endpoint: opts.endpoint, region, credentials: opts.credentials, maxAttempts: opts.maxAttempts, signal: stop.signal,
    ...(opts.requestTimeoutMs ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
  });
  const ctx: StepContext = {
    clients, recorder, runId, name: resourceName(runId), poll: opts.poll ?? DEFAULT_POLL, signal: stop.signal,
  };
  try {
    // Lane functions (with version and alias) after the second function `<name>-2` (the shared-source cases'): `<name>-3`, ...
    const extra = Array.from({ length: Math.max(0, (opts.functions ?? 1) - 1) }, (_, i) => `${ctx.name}-${i + 3}`);
    const [[fns, otherFunctionName], kinesisStreamArn, dynamodbStreamArn, sources] = await allOrAbort(stop, [
      createExecutionRole(ctx).then((roleArn) => Promise.all([
        Promise.all([ctx.name, ...extra].map((name) => createFunctionWithAlias({ ...ctx, name }, roleArn))),
        createOtherFunction(ctx, roleArn),
      ])),
      createKinesisStream(ctx),
      createDynamoTable(ctx),
      createQueues(ctx),
    ] as const);
    const [fn, ...extraFunctions] = fns as [CreatedFunction, ...CreatedFunction[]];
    const account = parseFunctionArn(fn.functionArn)?.account ?? '';
    return { region, account, ...fn, otherFunctionName, kinesisStreamArn, dynamodbStreamArn, sources, runId, extraFunctions };
  } catch (error) {
    const [step, found] = error instanceof StepFailure ? [error.step, error.cause] : (['unknown', error] as const);
    // Stopped by the caller (Ctrl-C): the reason it gave, not the AbortError of whichever call was in flight.
    const cause = opts.signal?.aborted && opts.signal.reason !== undefined ? opts.signal.reason : found;
    throw new ProvisionError(runId, step, recorder.recorded(), cause);
  } finally {
    destroyClients(clients);
  }
}

function checkOptions(opts: ProvisionOptions): void {
  try {
    checkRunId(opts.runId);
    if (!opts.endpoint && !opts.allowRealAws) {
      throw new Error('no endpoint given: creating resources on real AWS costs money and needs allowRealAws');
    }
  } catch (error) {
    throw new ProvisionError(opts.runId, 'options', [], error);
  }
}

/** An internal controller that also aborts when the caller's signal does. */
function linkedController(outer: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // every provisioning call in flight listens to it
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
  return controller;
}

/**
 * Waits for every branch. On the first failure the others are aborted (they still settle before this
 * returns, so nothing is created behind the caller's back); the root cause wins over the aborts it caused.
 */
async function allOrAbort<T extends readonly unknown[]>(
  controller: AbortController,
  branches: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  let first: unknown;
  let failed = false;
  const watched = branches.map((branch) =>
    branch.catch((error: unknown) => {
      if (!failed) [failed, first] = [true, error];
      controller.abort(new Error('another provisioning step failed'));
      throw error;
    }),
  );
  const results = await Promise.allSettled(watched);
  if (failed) throw first;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
