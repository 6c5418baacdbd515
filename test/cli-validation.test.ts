/**
 * Mistakes a user makes on the command line are usage errors (exit 2, one line) found before anything is
 * sent: a bad region, an ARN of the wrong kind or region, missing resources, missing input files. A target
 * that already holds mappings of the given function and streams is refused at setup (exit 3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../runner.ts';
import type { Io } from '../cli/run-command.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';
import { tempDir } from './helpers/run-helpers.ts';
import { join } from 'node:path';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const tmp = tempDir('cli-validation');
let ref: ReferenceHandle;
beforeAll(async () => { ref = await startReference(); });
afterAll(async () => { await ref.close(); tmp.remove(); });

async function cli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), isTty: false };
  const code = await main(argv, io);
  return { code, out, err };
}

function given(overrides: Record<string, string> = {}): string[] {
  const r = ref.resources;
  const flags: Record<string, string> = {
    '--endpoint': ref.url, '--function-name': r.functionName, '--function-version': r.version, '--function-alias': r.alias,
    '--kinesis-stream-arn': r.kinesisStreamArn, '--dynamodb-stream-arn': r.dynamodbStreamArn, ...overrides,
  };
  return Object.entries(flags).flat();
}

/** A mapping made on the target before the run, as a user's own would be; its UUID. */
async function existingMapping(url: string, body: Record<string, unknown>): Promise<string> {
  const created = await fetch(`${url}/2015-03-31/event-source-mappings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(created.status).toBe(202);
  return ((await created.json()) as { UUID: string }).UUID;
}

async function usageError(argv: string[], pattern: RegExp): Promise<void> {
  const out = join(tmp.dir, `o${Math.random().toString(36).slice(2)}`);
  const r = await cli([...argv, '--out', out]);
  expect(r.code, r.err.join('\n')).toBe(2);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(pattern);
  expect(existsSync(out), 'nothing ran, no report was written').toBe(false);
  expect(ref.mappings()).toBe(0);
}

describe('usage errors before anything is sent', () => {
  it('a region that is not a region name', () => usageError(['--region', 'us-est'], /--region "us-est" is not a region name/));
  it('a region of a partition today\'s model does not admit (the European Sovereign Cloud)', () =>
    usageError(['--region', 'eusc-de-east-1'], /--region "eusc-de-east-1": today's model's FunctionArn pattern admits no ARN in this region \(partition aws-eusc\)/));
  it('a region where today\'s model admits no stream ARN (an ISO region: its FunctionArn pattern admits it, its EventSourceArn pattern does not)', () =>
    usageError(['--region', 'us-iso-east-1'], /--region "us-iso-east-1": today's model's EventSourceArn pattern admits no ARN in this region/));
  it('a remote target without its resources', () => usageError(['--endpoint', ref.url], /needs its resources: --function-name, --kinesis-stream-arn, --dynamodb-stream-arn/));
  it('a DynamoDB ARN given as the Kinesis stream', () => usageError(given({ '--kinesis-stream-arn': ref.resources.dynamodbStreamArn }), /--kinesis-stream-arn must be a kinesis ARN/));
  it('a stream ARN that is not an ARN', () => usageError(given({ '--dynamodb-stream-arn': 'notanarn' }), /--dynamodb-stream-arn "notanarn" is not a stream ARN/));
  it('a stream in another region than --region', () => usageError([...given(), '--region', 'eu-west-1'], /is in region us-east-1, but --region is eu-west-1/));
  it('a function name that breaks the FunctionName pattern', () => usageError(given({ '--function-name': 'bad name' }), /does not match the FunctionName pattern/));
  it('a function given by ARN or with a qualifier (the cases build those forms from its plain name)', async () => {
    await usageError(given({ '--function-name': 'arn:aws:lambda:us-east-1:123456789012:function:fn' }), /--function-name "arn:aws:lambda:us-east-1:123456789012:function:fn": give the function's plain name \(fn\)/);
    await usageError(given({ '--function-name': 'a,fn:live' }), /--function-name "fn:live": give the function's plain name \(fn\)/);
    await usageError(given({ '--other-function-name': '123456789012:function:other' }), /--other-function-name "123456789012:function:other": give the function's plain name \(other\)/);
  });
  it('a waiver file that does not exist', () => usageError(['--waivers', join(tmp.dir, 'nope.json')], /nope\.json/));
  it('a baseline that does not exist', () => usageError(['--baseline', join(tmp.dir, 'nope.json')], /nope\.json/));
  it('--fail-on without --baseline', () => usageError(['--fail-on', 'new-failures'], /--fail-on applies to --baseline only/));
  it('--replay of a folder that holds no recording', () => usageError(['--replay', `${tmp.dir}/no-such-recording`], /--replay .*no-such-recording: no recording there \(no meta\.json/));
  it('--replay with --seed (the recording has its own)', () => usageError(['--replay', tmp.dir, '--seed', '3'], /--replay takes --seed from the recording/));
});

describe('setup and notes', () => {
  it('stops looking up functions after one fails: a stalled look-up of a later function does not delay the refusal', async () => {
    const { createServer } = await import('node:http');
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url?.includes('event-source-mappings')) { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"EventSourceMappings":[]}'); return; }
      if (req.url?.startsWith('/2015-03-31/functions/f0/')) { res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' }); res.end('{"Type":"User","Message":"Function not found: f0"}'); return; }
      // every other function's look-up stalls
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const r = ref.resources;
      const t = performance.now();
      const res = await cli(['--endpoint', `http://127.0.0.1:${port}`, '--function-name', Array.from({ length: 8 }, (_, i) => `f${i}`).join(','),
        '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn, '--timeout', '5000', '--max-attempts', '1', '--out', join(tmp.dir, 'stalled-lookups')]);
      expect(res.code).toBe(3);
      expect(res.err.join('\n')).toContain('cannot look up a published version of function f0');
      expect(performance.now() - t).toBeLessThan(2500);
      // f0 and at most the three look-ups started beside it; none after the failure.
      expect(seen.filter((u) => u.startsWith('/2015-03-31/functions/')).length).toBeLessThanOrEqual(4);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('reports the first problem in the functions\' order: an earlier function\'s existing mapping before a later function\'s failed look-up', async () => {
    const r = ref.resources;
    const uuid = await existingMapping(ref.url, { FunctionName: r.functionName, EventSourceArn: r.kinesisStreamArn, StartingPosition: 'LATEST' });
    try {
      const res = await cli([...given({ '--function-name': `${r.functionName},no-such-fn` }), '--out', join(tmp.dir, 'order')]);
      expect(res.code).toBe(3);
      expect(res.err.join('\n')).toContain(`${r.functionName} already has 1 mapping(s) on the given streams: ${uuid}`);
    } finally {
      await fetch(`${ref.url}/2015-03-31/event-source-mappings/${uuid}`, { method: 'DELETE' });
    }
    // With the mapping gone, the later function's look-up is the problem.
    const lookUpFirst = await cli([...given({ '--function-name': `${r.functionName},no-such-fn` }), '--out', join(tmp.dir, 'order3')]);
    expect(lookUpFirst.code).toBe(3);
    expect(lookUpFirst.err.join('\n')).toContain('cannot look up a published version of function no-such-fn');
  });

  it('refuses a function that already has a mapping on a source of another kind given with --source (its valid cases would get 409)', async () => {
    const r = ref.resources;
    const queue = r.sources!.sqs!;
    const uuid = await existingMapping(ref.url, { FunctionName: r.functionName, EventSourceArn: queue });
    try {
      const res = await cli([...given(), '--source', `sqs=${queue}`, '--out', join(tmp.dir, 'existing-sqs')]);
      expect(res.code).toBe(3);
      expect(res.err.join('\n')).toContain(`already has 1 mapping(s) on the given sources: ${uuid} (${r.functionName} on ${queue})`);
    } finally {
      await fetch(`${ref.url}/2015-03-31/event-source-mappings/${uuid}`, { method: 'DELETE' });
    }
  });

  it('refuses a function that already has a mapping on the self-managed Kafka cluster given with --source (found in the listing of every mapping by its bootstrap server)', async () => {
    const r = ref.resources;
    const server = r.sources!['self-managed-kafka']!;
    const secret = `arn:aws:secretsmanager:${r.region}:${r.account}:secret:esm-conformance-kafka-auth`;
    const uuid = await existingMapping(ref.url, { FunctionName: r.functionName, SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: [server] } }, Topics: ['orders'], SourceAccessConfigurations: [{ Type: 'BASIC_AUTH', URI: secret }] });
    try {
      const res = await cli([...given(), '--source', `self-managed-kafka=${server}`, '--out', join(tmp.dir, 'existing-kafka')]);
      expect(res.code).toBe(3);
      expect(res.err.join('\n')).toContain(`already has 1 mapping(s) on the given sources: ${uuid} (${r.functionName} on kafka://${server})`);
      // Another cluster's mapping of the function is not the run's business.
      const elsewhere = await cli([...given(), '--source', 'self-managed-kafka=other-kafka.example.com:9092', '--only', 'FunctionName.length', '--out', join(tmp.dir, 'other-kafka')]);
      expect(elsewhere.code, elsewhere.err.join('\n')).toBe(0);
    } finally {
      await fetch(`${ref.url}/2015-03-31/event-source-mappings/${uuid}`, { method: 'DELETE' });
    }
  });

  it('with several given functions, lists each given stream once for all of them and names the one that already has a mapping', async () => {
    const listings: string[] = [];
    const own = await startReference({ onRequest: (q) => { if (q.method === 'GET' && q.path.includes('EventSourceArn=')) listings.push(q.path); } });
    const r = own.resources;
    const uuid = await existingMapping(own.url, { FunctionName: `${r.functionNames[2]}:${r.alias}`, EventSourceArn: r.dynamodbStreamArn, StartingPosition: 'LATEST' });
    try {
      const flags = given({ '--endpoint': own.url, '--function-name': r.functionNames.slice(0, 4).join(',') });
      const res = await cli([...flags, '--out', join(tmp.dir, 'several')]);
      expect(res.code).toBe(3);
      expect(res.err.join('\n')).toContain(`${r.functionNames[2]} already has 1 mapping(s) on the given streams: ${uuid} (${r.functionNames[2]} on ${r.dynamodbStreamArn})`);
      // One listing per stream (before: one per function and stream).
      expect(listings.map((p) => decodeURIComponent(p.split('EventSourceArn=')[1]!.split('&')[0]!))).toEqual([r.kinesisStreamArn, r.dynamodbStreamArn]);
    } finally {
      await own.close();
    }
  });

  it('refuses a target whose function already has a mapping on a given stream (every valid case would get 409)', async () => {
    const r = ref.resources;
    const uuid = await existingMapping(ref.url, { FunctionName: r.functionName, EventSourceArn: r.kinesisStreamArn, StartingPosition: 'LATEST' });
    try {
      const res = await cli([...given(), '--out', join(tmp.dir, 'existing')]);
      expect(res.code).toBe(3);
      expect(res.err.join('\n')).toContain(`already has 1 mapping(s) on the given streams: ${uuid}`);
    } finally {
      await fetch(`${ref.url}/2015-03-31/event-source-mappings/${uuid}`, { method: 'DELETE' });
    }
  });

  it('says so when the waivers are for another target, and when a waiver matched nothing', async () => {
    const file = join(tmp.dir, 'waivers.json');
    writeFileSync(file, JSON.stringify({ target: 'moto', waivers: [{ rule: 'response.status', reason: 'r', link: 'https://example.org/x' }] }));
    const other = await cli(['--only', 'BatchSize.range', '--runs', '0', '--waivers', file, '--out', join(tmp.dir, 'w1'), '--format', 'json']);
    expect(other.code).toBe(0);
    expect(other.err.join('\n')).toMatch(/waivers are for target "moto", this run's target is "embedded": none applies/);
    const unused = await cli(['--only', 'BatchSize.range', '--runs', '0', '--waivers', file, '--target-label', 'moto', '--out', join(tmp.dir, 'w2'), '--format', 'json']);
    expect(unused.err.join('\n')).toMatch(/1 waiver\(s\) matched no failing case: response\.status/);
  });

  it('a waiver of a case\'s own rule does not hide a failure of another rule', async () => {
    const file = join(tmp.dir, 'own-rule.json');
    writeFileSync(file, JSON.stringify({ target: 'embedded', waivers: [{ rule: 'FunctionName.pattern', reason: 'r', link: 'https://example.org/x' }] }));
    const out = join(tmp.dir, 'own-rule-out');
    const r = await cli(['--deviation', 'status-200', '--only', 'FunctionName.pattern', '--runs', '0', '--no-sdk', '--waivers', file, '--out', out, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { cases: Array<{ valid: boolean; verdict: string; failures: Array<{ rule: string }> }> };
    const accepted = report.cases.filter((c) => c.valid);
    expect(accepted.length).toBeGreaterThan(0);
    for (const c of accepted) {
      expect(c.failures.map((f) => f.rule)).toContain('response.status');
      expect(c.verdict).toBe('fail');
    }
  });

  it('a waiver of a SHOULD rule does not make a run uncertifiable', async () => {
    const file = join(tmp.dir, 'should.json');
    writeFileSync(file, JSON.stringify({ target: 'embedded', waivers: [{ rule: 'error.header', reason: 'r', link: 'https://example.org/x' }] }));
    const out = join(tmp.dir, 'certify-should');
    const r = await cli(['--deviation', 'error-code-in-body', '--certify', '--no-sdk', '--waivers', file, '--out', out, '--format', 'json']);
    expect(r.err.join('\n')).not.toMatch(/not certifiable/);
    expect(r.code).toBe(0);
    const cert = JSON.parse(readFileSync(join(out, 'certificate.json'), 'utf8')) as { grade: string };
    expect(cert.grade).toBe('conformant-with-should-deviations');
  });
});
