/**
 * A target that accepts connections and never answers: nothing hangs. Ctrl-C (or SIGTERM) during a
 * stalled call ends the CLI within a few seconds with exit 3 and an interrupted, schema-valid report;
 * `--provision` against a silent port fails setup by itself (bounded by --timeout), and a port that does
 * not speak HTTP leaves no ledger entry.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import reportSchema from '../engine/report.schema.json' with { type: 'json' };
import type { Report } from '../engine/report-types.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';
import { main } from '../runner.ts';
import { startFaultProxy, type FaultProxy } from './helpers/fault-proxy.ts';
import { REPO } from './helpers/run-helpers.ts';

const validateReport = new Ajv({ strict: false, validateFormats: false }).compile(reportSchema);
const dirs: string[] = [];
const tempDir = (p: string) => {
  const d = mkdtempSync(join(tmpdir(), `esm-stall-${p}-`));
  dirs.push(d);
  return d;
};

let ref: ReferenceHandle;
let proxy: FaultProxy;
let silent: net.Server;
let silentUrl: string;
beforeAll(async () => {
  ref = await startReference();
  // Every create stalls: the setup's look-ups and listings are answered, the first POST never is.
  proxy = await startFaultProxy(ref.url, { seed: 1, rate: 1, faults: ['stall'], exempt: (m) => m !== 'POST' });
  silent = net.createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  silentUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  await proxy.close();
  await ref.close();
  silent.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function interruptStalled(signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; ms: number; stderr: string; out: string }> {
  const out = tempDir('out');
  const r = ref.resources;
  const child = spawn(process.execPath, ['--import', 'tsx', 'runner.ts', '--endpoint', proxy.url, '--function-name', r.functionName,
    '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn, '--timeout', '120000', '--runs', '1',
    '--out', out, '--format', 'json,markdown', '--ledger', tempDir('ledger')], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let sentAt = 0;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    if (!sentAt && /sending \d+ cases/.test(stderr)) {
      sentAt = Date.now();
      setTimeout(() => child.kill(signal), 500);
    }
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
  try {
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, ms: Date.now() - sentAt - 500, stderr, out };
  } finally {
    clearTimeout(guard);
  }
}

describe('Ctrl-C or SIGTERM while every create stalls', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s: exit 3 within a few seconds, with an interrupted report', async (signal) => {
    const run = await interruptStalled(signal);
    expect(run.code, run.stderr).toBe(3);
    expect(run.ms, run.stderr).toBeLessThan(10_000);
    expect(run.stderr).toMatch(/stopping: no new requests/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const report = JSON.parse(readFileSync(join(run.out, 'report.json'), 'utf8')) as Report;
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.exitCode).toBe(3);
    expect(report.interrupted).toMatch(/^interrupted after \d+ of \d+ cases/);
    expect(report.counts.fail ?? 0).toBe(0);
    expect(readFileSync(join(run.out, 'summary.md'), 'utf8')).toContain('exit 3: interrupted');
  }, 45_000);
});

describe('--provision against a port that never answers, or does not speak HTTP', () => {
  const io = () => {
    const lines: string[] = [];
    return { lines, io: { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s), isTty: false } };
  };

  it('a silent port: setup fails by itself (exit 3), bounded by --timeout; cleanup of its entries is bounded too', async () => {
    const ledger = tempDir('ledger');
    const { lines, io: sink } = io();
    const started = Date.now();
    const code = await main(['--endpoint', silentUrl, '--provision', '--timeout', '300', '--max-attempts', '1', '--ledger', ledger, '--format', 'console'], sink);
    expect(code, lines.join('\n')).toBe(3);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(lines.join('\n')).toMatch(/setup failed: .*TimeoutError/);
    const cleaned = io();
    const t = Date.now();
    const cleanup = await main(['cleanup', '--endpoint', silentUrl, '--timeout', '300', '--max-attempts', '1', '--ledger', ledger], cleaned.io);
    expect(Date.now() - t).toBeLessThan(20_000);
    // What was sent and never answered may exist: it stays in the ledger, each entry with what happened to it.
    expect(cleanup).toBe(existsSync(ledger) && readdirSync(ledger).length ? 1 : 0);
  }, 60_000);

  it('a port that speaks SSH: setup fails at once (exit 3) and the ledger holds nothing', async () => {
    const ssh = net.createServer((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n'));
    await new Promise<void>((r) => ssh.listen(0, '127.0.0.1', () => r()));
    const ledger = tempDir('ledger');
    const { lines, io: sink } = io();
    try {
      const code = await main(['--endpoint', `http://127.0.0.1:${(ssh.address() as net.AddressInfo).port}`, '--provision', '--ledger', ledger, '--format', 'console'], sink);
      expect(code, lines.join('\n')).toBe(3);
      expect(lines.join('\n')).toMatch(/0 resource\(s\) recorded/);
      expect(existsSync(ledger) ? readdirSync(ledger) : []).toEqual([]);
    } finally {
      ssh.close();
    }
  }, 30_000);
});
