/** The shared setup of the provisioning tests: one moto per file, SDK clients for it, a fresh ledger folder per test. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { destroyClients, makeClients, type ProvisionClients } from '../../engine/provision/clients.ts';
import { startMoto, type MotoServer } from './moto.ts';

export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
export const region = 'us-east-1';
export const poll = { intervalMs: 20, timeoutMs: 5_000 };
export const retry = { intervalMs: 20, timeoutMs: 1_000 };

export interface MotoFixture { moto: MotoServer; clients: ProvisionClients; ledgerDir: string }

/** Registers the hooks; the returned object is filled in before each test runs. */
export function useMotoFixture(): MotoFixture {
  const fx = {} as MotoFixture;
  beforeAll(async () => {
    fx.moto = await startMoto();
    fx.clients = makeClients({ endpoint: fx.moto.url, region, credentials });
  });
  afterAll(async () => {
    if (fx.clients) destroyClients(fx.clients);
    await fx.moto?.stop();
  });
  beforeEach(async () => {
    fx.ledgerDir = await mkdtemp(join(tmpdir(), 'esm-ledger-'));
  });
  afterEach(async () => {
    await rm(fx.ledgerDir, { recursive: true, force: true });
  });
  return fx;
}

export const newRunId = (): string => `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export function targetOf(fx: MotoFixture, runId: string) {
  return { endpoint: fx.moto.url, region, credentials, runId, ledgerDir: fx.ledgerDir };
}
