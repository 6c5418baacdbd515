import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { ListEventSourceMappingsCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import type { ProvisionClients } from '../../engine/provision/clients.ts';

export interface MotoServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_LIMIT = 16_384;

/** A free loopback port (the OS picks it; a small race with other processes remains, handled by retrying). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('could not read a free port');
  return address.port;
}

export interface StartMotoOptions {
  /** Extra environment for the server, e.g. `{ MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' }`. */
  env?: Record<string, string>;
}

/** Starts `python3 -m moto.server` on a free loopback port and waits until it answers. */
export async function startMoto(opts: StartMotoOptions = {}): Promise<MotoServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(await freePort(), opts.env ?? {});
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnce(port: number, env: Record<string, string>): Promise<MotoServer> {
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    detached: false,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = (): Promise<void> => stopChild(child);
  try {
    await waitReady(child, url, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, stop };
}

async function waitReady(child: ChildProcess, url: string, output: () => string): Promise<void> {
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`could not start python3 -m moto.server: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`moto exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto at ${url} was not ready within ${READY_TIMEOUT_MS} ms:\n${output()}`);
}

/** Stops this one process by its own pid: SIGTERM, then SIGKILL if it has not exited in time. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Drops all of moto's state. */
export async function resetMoto(url: string): Promise<void> {
  const response = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`moto reset answered ${response.status}`);
}

/** Roles, functions, streams, tables, queues and mappings whose name or function mentions `runId` (first page of each). */
export async function leftovers(clients: ProvisionClients, runId: string): Promise<string[]> {
  const roles = (await clients.iam.send(new ListRolesCommand({}))).Roles ?? [];
  const functions = (await clients.lambda.send(new ListFunctionsCommand({}))).Functions ?? [];
  const streams = (await clients.kinesis.send(new ListStreamsCommand({}))).StreamNames ?? [];
  const tables = (await clients.dynamodb.send(new ListTablesCommand({}))).TableNames ?? [];
  const mappings = (await clients.lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? [];
  const queues = (await clients.sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
  return [
    ...queues.map((q) => `queue ${q}`),
    ...roles.map((r) => `role ${r.RoleName}`),
    ...functions.map((f) => `function ${f.FunctionName}`),
    ...streams.map((s) => `stream ${s}`),
    ...tables.map((t) => `table ${t}`),
    ...mappings.map((m) => `mapping ${m.UUID} ${m.FunctionArn}`),
  ].filter((line) => line.includes(runId));
}
