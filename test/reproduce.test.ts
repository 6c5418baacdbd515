/**
 * Reproductions that work after the run: for the embedded target, the printed `serve` command starts a
 * target with the same resources on a fixed port, and the printed curl line (SigV4 by curl itself) gets the
 * same answer there; provisioned runs say the resources were deleted (or kept with --keep-resources).
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../runner.ts';
import type { Report } from '../engine/report-types.ts';
import { SERVE_PORT } from '../engine/reproduce.ts';
import { configFor, REPO } from './helpers/run-helpers.ts';
import { reproduction } from '../engine/reproduce.ts';
import { checkApplicable } from '../cli/applies.ts';
import { destroyClients, makeClients } from '../engine/provision/clients.ts';
import { leftovers, startMoto } from './helpers/moto.ts';

const dir = mkdtempSync(join(tmpdir(), 'esm-reproduce-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { out: () => undefined, err: () => undefined, isTty: false, env: {} };

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

function sh(command: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done) => execFile('/bin/sh', ['-c', command], { timeout: 30_000, env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' } },
    (err, stdout) => done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout: String(stdout) })));
}

/** The words of a printed command line (single-quoted words, as engine/reproduce.ts quotes them). */
function words(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!));
}

describe('the suite\'s replay command carries what decides the case', () => {
  it('an older edition\'s case replays under that edition, with the same verdict; given sources and functions are passed on', async () => {
    const out = join(dir, 'seed-edition');
    expect(await main(['--edition', 'seed', '--expect', 'seed', '--only', 'BatchSize.*', '--runs', '0', '--out', out, '--format', 'json', '--no-sdk'], quiet)).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    const failed = report.cases.find((c) => c.verdict === 'fail')!;
    expect(failed.reproduce.suite).toContain("--edition 'seed'");
    const argv = words(failed.reproduce.suite).slice(3); // past `npx tsx runner.ts`
    const again = join(dir, 'seed-edition-replay');
    argv[argv.indexOf('--out') + 1] = again;
    await main([...argv, '--format', 'json'], quiet);
    const replayed = JSON.parse(readFileSync(join(again, 'report.json'), 'utf8')) as Report;
    expect(replayed.cases.map((c) => [c.caseId, c.verdict])).toEqual([[failed.caseId, 'fail']]);
    expect(replayed.edition?.name).toBe('seed');
    const config = configFor(['--endpoint', 'http://127.0.0.1:9', '--function-name', 'a,b', '--function-version', '1', '--function-alias', 'live',
      '--other-function-name', 'c', '--kinesis-stream-arn', 'arn:aws:kinesis:us-east-1:123456789012:stream/s', '--dynamodb-stream-arn', 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000',
      '--source', 'self-managed-kafka=kafka.example.com:9092']);
    const line = reproduction({ id: 'BatchSize.range~000000000000' } as never, { path: '/', body: {} }, config, new URL('http://127.0.0.1:9'), 'lambda').suite;
    for (const flag of ["--function-name 'a,b'", "--other-function-name 'c'", "--source 'self-managed-kafka=kafka.example.com:9092'"]) expect(line).toContain(flag);
  });

  it('a latency run\'s replay and its serve setup both carry --latency, and serve takes it', () => {
    const config = configFor(['--latency', 'aws', '--latency-scale', '0.05']);
    const r = reproduction({ id: 'BatchSize.range~000000000000' } as never, { path: '/', body: {} }, config, new URL('http://127.0.0.1:9'), 'lambda');
    expect(r.suite).toContain('--latency aws --latency-scale 0.05');
    expect(r.setup).toContain('--latency aws --latency-scale 0.05');
    expect(() => checkApplicable('serve', [], ['serve', '--latency', 'aws', '--latency-scale', '0.05'])).not.toThrow();
  });
});

describe('reproductions', () => {
  it('embedded: the setup command starts the target, and the curl line gets the recorded answer there', async () => {
    const out = join(dir, 'embedded');
    expect(await main(['--deviation', 'status-200', '--only', 'response.status', '--runs', '1', '--out', out, '--format', 'json'], quiet)).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    const c = report.cases.find((x) => x.verdict === 'fail')!;
    expect(c.reproduce.setup).toBe(`npx tsx runner.ts serve --port ${SERVE_PORT} --region us-east-1 --deviation status-200`);
    expect(c.reproduce.curl).toContain(`http://127.0.0.1:${SERVE_PORT}/`);
    expect(c.reproduce.suite).toContain(`--out '${out}/replay'`);
    expect(c.reproduce.awsCli).toMatch(/^aws lambda create-event-source-mapping --endpoint-url 'http:\/\/127\.0\.0\.1:9001'/);
    // The printed port, swapped for a free one so that nothing else on this machine can collide with the test.
    const port = await freePort();
    const args = c.reproduce.setup!.replace(/^npx tsx runner\.ts /, '').replace(`--port ${SERVE_PORT}`, `--port ${port}`).split(' ');
    const server = spawn(process.execPath, ['--import', 'tsx', 'runner.ts', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let seen = '';
      server.stdout.on('data', (d: Buffer) => { seen += String(d); });
      await Promise.race([once(server.stdout, 'data'), once(server, 'exit')]);
      for (let i = 0; i < 300 && !seen.includes('listening'); i++) await new Promise((r) => setTimeout(r, 100)); // a loaded machine starts tsx slowly
      expect(seen).toContain(`127.0.0.1:${port}`);
      const r = await sh(c.reproduce.curl.replace(`127.0.0.1:${SERVE_PORT}/`, `127.0.0.1:${port}/`));
      expect(r.code, r.stdout).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^HTTP/1\\.1 ${c.observed.status} `));
    } finally {
      server.kill('SIGTERM'); // our own child, by its handle
      await once(server, 'exit');
    }
  }, 60_000);

  it('provisioned: the note says the resources were deleted, or kept with --keep-resources and how to delete them', () => {
    const argv = ['--endpoint', 'http://127.0.0.1:5000', '--provision'];
    const cfg = configFor(argv);
    const c = { id: 'BatchSize.range~000000000000', request: { path: '/2015-03-31/event-source-mappings', body: { BatchSize: 0 } } } as never;
    const deleted = reproduction(c, { path: '/2015-03-31/event-source-mappings', body: { BatchSize: 0 } }, cfg, new URL(cfg.endpoint!), 'lambda');
    expect(deleted.note).toMatch(/deleted the resources .*--keep-resources/);
    const kept = reproduction(c, { path: '/x' }, configFor([...argv, '--keep-resources']), new URL(cfg.endpoint!), 'lambda');
    expect(kept.note).toMatch(/kept .*cleanup --endpoint 'http:\/\/127\.0\.0\.1:5000'/);
    expect(kept.awsCli).toBeUndefined();
  });

  it('--keep-resources against moto: the provisioned resources stay (and in the ledger) until cleanup deletes them', async () => {
    const moto = await startMoto();
    const clients = makeClients({ endpoint: moto.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      const out = join(dir, 'kept');
      const ledger = join(dir, 'kept-ledger');
      const logs: string[] = [];
      const io = { ...quiet, err: (s: string) => logs.push(s) };
      const code = await main(['--endpoint', moto.url, '--provision', '--keep-resources', '--only', 'StartingPosition.enum', '--runs', '0', '--no-sdk', '--out', out, '--ledger', ledger, '--format', 'json'], io);
      expect([0, 1], logs.join('\n')).toContain(code);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
      expect(report.leaks).toEqual([]);
      expect(report.cases[0]!.reproduce.note).toMatch(/kept \(--keep-resources\)/);
      const kept = await leftovers(clients, report.run.runId);
      expect(kept.filter((k) => !k.startsWith('mapping')).length, kept.join('\n')).toBeGreaterThanOrEqual(4); // role, function, stream, table
      expect(kept.filter((k) => k.startsWith('mapping'))).toEqual([]); // the cases' own mappings are still deleted
      expect(logs.join('\n')).toMatch(/kept the resources of run .* cleanup --endpoint/);
      expect(await main(['cleanup', '--endpoint', moto.url, '--ledger', ledger], quiet)).toBe(0);
      expect(await leftovers(clients, report.run.runId)).toEqual([]);
    } finally {
      destroyClients(clients);
      await moto.stop();
    }
  }, 90_000);
});
