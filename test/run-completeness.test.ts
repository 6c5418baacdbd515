/** A run that could judge nothing valid is incomplete (exit 3), never "conformant"; a leak stays a result after waivers. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../engine/run.ts';
import { withCases } from '../reports/summary.ts';
import { renderJunit } from '../reports/junit.ts';
import { configFor } from './helpers/run-helpers.ts';
import { sampleReport } from './helpers/sample-report.ts';

let server: Server;
let url: string;
beforeAll(async () => {
  // Lists no mappings (so setup passes), and is "busy" for everything else.
  server = createServer((req, res) => {
    const list = req.method === 'GET' && /event-source-mappings\/?\?/.test(req.url ?? '');
    res.writeHead(list ? 200 : 503, { 'content-type': 'application/json', ...(list ? {} : { 'x-amzn-errortype': 'ServiceException' }) });
    res.end(list ? '{"EventSourceMappings":[]}' : '{"Type":"Service","Message":"busy"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('completeness', () => {
  it('a target that is busy for every request gives an incomplete run, exit 3, not conformant', async () => {
    const report = await runSuite(configFor([
      '--endpoint', url, '--function-name', 'fn', '--function-version', '1', '--function-alias', 'live',
      '--kinesis-stream-arn', 'arn:aws:kinesis:us-east-1:123456789012:stream/s',
      '--dynamodb-stream-arn', 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000',
      '--max-attempts', '1', '--runs', '0', '--no-sdk', '--only', 'BatchSize.*',
    ]));
    expect(report.counts.fail ?? 0).toBe(0);
    expect(report.counts.inconclusive).toBe(report.cases.length);
    expect(report.exitCode).toBe(3);
    expect(report.incomplete).toMatch(/none of the \d+ valid requests could be judged/);
    // With one failing invalid case the run exits 1; once a waiver turns that fail into expected-fail, the
    // run is still incomplete: exit 3, never "conformant".
    const i = report.cases.findIndex((c) => !c.valid);
    const withFail = withCases(report, report.cases.map((c, n) => (n === i ? { ...c, verdict: 'fail' as const } : c)));
    expect(withFail.exitCode).toBe(1);
    const waived = withCases(withFail, withFail.cases.map((c, n) => (n === i ? { ...c, verdict: 'expected-fail' as const } : c)));
    expect(waived.exitCode).toBe(3);
    expect(waived.incomplete).toBeDefined();
  });

  it('a leak keeps exit 1 after waivers turned every fail into expected-fail, and is a failed JUnit testcase', () => {
    const base = sampleReport();
    const leaky = { ...base, leaks: [{ kind: 'event-source-mapping', id: 'u-1', error: 'HTTP 500' }] };
    const waived = withCases(leaky, leaky.cases.map((c) => (c.verdict === 'fail' ? { ...c, verdict: 'expected-fail' as const } : c)));
    expect(waived.counts.fail ?? 0).toBe(0);
    expect(waived.exitCode).toBe(1);
    const xml = renderJunit(waived);
    expect(xml).toContain('classname="cleanup"');
    expect(xml).toContain('left behind: HTTP 500');
  });

  it('a GovCloud region is judged with today\'s AWS patterns under aws (all pass), and is incomplete under the seed\'s patterns', async () => {
    const aws = await runSuite(configFor(['--region', 'us-gov-west-1', '--runs', '0', '--no-sdk']));
    // Every case passes, except those of kinds the embedded target has no resource for (not run).
    const run = aws.cases.filter((c) => !c.observed.problem?.startsWith('not run: '));
    expect(run.every((c) => c.verdict === 'pass'), JSON.stringify(run.filter((c) => c.verdict !== 'pass').map((c) => c.title).slice(0, 5))).toBe(true);
    expect(aws.exitCode).toBe(0);
    const seed = await runSuite(configFor(['--region', 'us-gov-west-1', '--runs', '0', '--no-sdk', '--profile', 'seed']));
    expect(seed.incomplete).toMatch(/none of the \d+ valid requests could be judged/);
    expect(seed.cases.filter((c) => c.valid).every((c) => c.verdict === 'error')).toBe(true);
  });
});
