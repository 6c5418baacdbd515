/**
 * Lanes, latency mode and the combined SDK pass end to end, in-process through main(): a run against the
 * embedded reference in --latency aws mode (scaled down) passes with no throttled verdict and nothing left
 * behind, its valid cases created once each by the SDK; cases spread over several functions; --lanes 1
 * and --sdk-pass separate still pass. Times are the benchmark's business (bench/), not asserted here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../runner.ts';
import type { Report } from '../engine/report-types.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';
import { tempDir } from './helpers/run-helpers.ts';

const tmp = tempDir('speed');
let ref: ReferenceHandle;
beforeAll(async () => { ref = await startReference({ latency: { scale: 0.01 } }); });
afterAll(async () => { await ref.close(); tmp.remove(); });

async function run(name: string, argv: string[]): Promise<{ code: number; report: Report; err: string }> {
  let err = '';
  const out = join(tmp.dir, name);
  const code = await main([...argv, '--out', out, '--format', 'json', '--no-shrink'], { out: () => undefined, err: (s) => { err += `${s}\n`; }, isTty: false });
  return { code, report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report, err };
}
/** The seeded functions the valid cases named (in any FunctionName form). */
/** The seed page's rules: a shorter run where the test is about lanes over functions, not about members. */
const SEED_RULES = ['--only', 'BatchSize.*,Enabled.*,FunctionName.*,StartingPosition*,error.*,operation.*,request.*,response.*'];

const functionsOf = (r: Report) => new Set(r.cases.filter((c) => c.valid && c.scenario === 'create')
  .map((c) => /(?:^|:)(esm-conformance-fn(?:-\d+)?)(?::|$)/.exec(String(c.request.body?.FunctionName ?? ''))?.[1] ?? '?'));

describe('speed', () => {
  it('a default run against --latency aws passes, every kind: no throttled verdict, valid cases created once by the SDK', async () => {
    const { code, report, err } = await run('latency', ['--latency', 'aws', '--latency-scale', '0.01']);
    expect(code, err).toBe(0);
    expect(report.counts.inconclusive ?? 0).toBe(0);
    expect(report.leaks).toEqual([]);
    const valid = report.cases.filter((c) => c.valid && c.scenario === 'create');
    expect(valid.length).toBeGreaterThan(20);
    // A valid case the target may refuse (args.mayBeRefused) was refused with the target's error: the SDK raised it.
    const accepted = valid.filter((c) => c.observed?.status === 202);
    expect(accepted.length).toBeGreaterThan(valid.length / 2);
    expect(valid.every((c) => c.transport === 'sdk' && (c.sdk?.ok === true || c.observed?.status !== 202))).toBe(true);
    expect(accepted.some((c) => String(c.request.body?.EventSourceArn ?? '').includes(':sqs:'))).toBe(true);
    expect(functionsOf(report).size).toBeGreaterThan(3);
  }, 60_000);

  it('--lanes 1 and --sdk-pass separate against the same slow target still pass, raw and then the SDK', async () => {
    const { code, report, err } = await run('one-lane', ['--latency', 'aws', '--latency-scale', '0.01', '--lanes', '1', '--sdk-pass', 'separate', '--only', 'BatchSize.*']);
    expect(code, err).toBe(0);
    expect(report.cases.filter((c) => c.valid).every((c) => c.transport === 'raw+sdk')).toBe(true);
  }, 60_000);

  it('several given functions (--function-name a,b,c) each get lanes; nothing is left on any of them', async () => {
    const r = ref.resources;
    const names = r.functionNames.slice(0, 3);
    const { code, report, err } = await run('given', ['--endpoint', ref.url, '--function-name', names.join(','), '--kinesis-stream-arn', r.kinesisStreamArn, '--dynamodb-stream-arn', r.dynamodbStreamArn, '--runs', '2', ...SEED_RULES]);
    expect(code, err).toBe(0);
    expect([...functionsOf(report)].sort()).toEqual(names.slice(1).sort());
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last deletions finish (Deleting, 120 ms)
    expect(ref.mappings()).toBe(0);
  }, 60_000);

  it('refuses --latency with --endpoint, and a bad --latency-scale or --lanes (exit 2)', async () => {
    const quiet = { out: () => undefined, err: () => undefined, isTty: false };
    expect(await main(['--endpoint', ref.url, '--latency', 'aws'], quiet)).toBe(2);
    expect(await main(['--latency', 'aws', '--latency-scale', '0'], quiet)).toBe(2);
    expect(await main(['--lanes', '0'], quiet)).toBe(2);
  });
});
