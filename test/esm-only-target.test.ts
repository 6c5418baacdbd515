/**
 * A target that serves only the event-source-mapping API (no GetFunction, ListVersionsByFunction or
 * ListAliases): with --function-version and --function-alias the run needs nothing else; without them the
 * one-line setup error names the flags that make the look-ups unnecessary.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../runner.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';
import type { Io } from '../cli/run-command.ts';
import { tempDir } from './helpers/run-helpers.ts';

let ref: ReferenceHandle;
let proxy: http.Server;
let url: string;
const seen: string[] = [];
const out = tempDir('esm-only');

beforeAll(async () => {
  ref = await startReference();
  const target = new URL(ref.url);
  proxy = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (!req.url?.startsWith('/2015-03-31/event-source-mappings')) {
      req.resume();
      res.writeHead(404, { 'Content-Type': 'application/json', 'X-Amzn-ErrorType': 'UnknownOperationException' });
      res.end('{"message":"Unknown operation"}');
      return;
    }
    const fwd = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 500, up.headers);
      up.pipe(res);
    });
    req.pipe(fwd);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((r) => proxy.close(() => r()));
  await ref.close();
  out.remove();
});

function io(): Io & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (s) => lines.push(s), err: (s) => lines.push(s), isTty: false };
}

const given = (): string[] => {
  const r = ref.resources;
  return ['--endpoint', url, '--function-name', r.functionName, '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn,
    '--other-function-name', r.otherFunctionName!, '--runs', '0', '--no-sdk', '--format', 'json', '--out', out.dir];
};

describe('a target that serves only the event-source-mapping API', () => {
  it('with --function-version and --function-alias: the run completes (exit 0) and calls nothing else', async () => {
    seen.length = 0;
    const r = ref.resources;
    const cli = io();
    const code = await main([...given(), '--function-version', r.version, '--function-alias', r.alias], cli);
    expect(code, cli.lines.join('\n')).toBe(0);
    expect(seen.length).toBeGreaterThan(50);
    expect(seen.filter((s) => !s.includes('/event-source-mappings'))).toEqual([]);
  });

  it('without them: exit 3 with one line that names the flags', async () => {
    const cli = io();
    const code = await main(given(), cli);
    expect(code).toBe(3);
    expect(cli.lines).toHaveLength(1);
    expect(cli.lines[0]).toMatch(/^esm-conformance: setup failed: cannot look up a published version of function esm-conformance-fn on 127\.0\.0\.1:\d+: .*give it with --function-version N .*--function-alias/);
  });

  it('an unknown option is answered in the suite\'s own words', async () => {
    const cli = io();
    expect(await main(['--x'], cli)).toBe(2);
    expect(cli.lines).toEqual(['esm-conformance: usage: unknown option --x; see --help']);
  });
});
