/**
 * ARN partitions: every ARN the suite builds for a target's region is in that region's partition (aws-cn in
 * China, aws-us-gov in GovCloud), so that a valid case's full function ARN names the real function there and a
 * "no such queue" case names a queue of the right partition; provisioning attaches the managed policies of the
 * role's partition; a run against the embedded reference in cn-north-1 passes with aws-cn ARNs throughout.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { partition } from '@aws-sdk/core/client';
import { buildPlan } from '../properties/plan.ts';
import { editionPlan } from '../properties/edition/index.ts';
import { loadEdition } from '../spec/editions/store.ts';
import { overlay } from '../spec/overlay/index.ts';
import { EXAMPLE_RESOURCES, bindValue, missingSqsArn, missingStreamArn, partitionOf } from '../properties/bind.ts';
import { managedPolicyArn } from '../engine/provision/naming.ts';
import { seedResources } from '../reference/resources.ts';
import { main } from '../runner.ts';
import type { Io } from '../cli/run-command.ts';
import type { Report } from '../engine/report-types.ts';
import type { Resources } from '../properties/types.ts';

/** The AWS SDK's own partition table (@aws-sdk/core): every partition's regions. */
async function sdkRegions(): Promise<string[]> {
  const root = dirname(createRequire(import.meta.url).resolve('@aws-sdk/core/package.json'));
  const mod = await import(pathToFileURL(join(root, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js')).href) as { partitionsInfo: { partitions: Array<{ regions: Record<string, unknown> }> } };
  return mod.partitionsInfo.partitions.flatMap((p) => Object.keys(p.regions)).filter((r) => !r.endsWith('-global'));
}

describe('partitionOf', () => {
  it.each([
    ['us-east-1', 'aws'], ['eu-west-1', 'aws'], ['cn-north-1', 'aws-cn'], ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'], ['us-iso-east-1', 'aws-iso'], ['us-isob-east-1', 'aws-iso-b'],
    // An invented region (an emulator's): the SDK's default partition.
    ['moon-1', 'aws'],
  ])('%s -> %s', (region, name) => {
    expect(partitionOf(region)).toBe(name);
  });

  it('agrees with the AWS SDK over every region it knows, and over future regions of each partition', async () => {
    const known = await sdkRegions();
    expect(known.length).toBeGreaterThan(40);
    const future = ['cn-south-3', 'us-gov-central-2', 'us-iso-north-4', 'us-isob-south-2', 'us-isof-west-9', 'eu-isoe-north-2', 'eusc-de-west-2', 'ap-future-9', 'local'];
    for (const region of [...known, ...future]) expect([region, partitionOf(region)]).toEqual([region, partition(region).name]);
  });
});

describe('cases bound in China name ARNs of the aws-cn partition', () => {
  const china: Resources = { ...seedResources('cn-north-1', '123456789012') };
  const plan = buildPlan({ edition: editionPlan(loadEdition('aws'), overlay) });
  const bound = (body: unknown) => JSON.stringify(bindValue(body, china));

  it('no valid case names an ARN of another partition', () => {
    const valid = plan.filter((c) => c.valid && c.request.body !== undefined);
    expect(valid.length).toBeGreaterThan(50);
    const offenders = valid.filter((c) => /arn:aws:/.test(bound(c.request.body)) || /arn:aws-cn:[a-z]+:(?!cn-north-1)/.test(bound(c.request.body)));
    expect(offenders.map((c) => `${c.id} ${bound(c.request.body)}`)).toEqual([]);
    // The full-ARN forms are among them, in aws-cn.
    expect(valid.some((c) => bound(c.request.body).includes('"arn:aws-cn:lambda:cn-north-1:123456789012:function:esm-conformance-fn'))).toBe(true);
  });

  it('the missing stream and queue ARNs are of the region\'s partition', () => {
    expect(missingStreamArn(china)).toBe('arn:aws-cn:kinesis:cn-north-1:123456789012:stream/esm-conformance-no-such-stream');
    expect(missingSqsArn(china)).toBe('arn:aws-cn:sqs:cn-north-1:123456789012:esm-conformance-no-such-queue');
    expect(missingSqsArn(EXAMPLE_RESOURCES)).toBe('arn:aws:sqs:us-east-1:123456789012:esm-conformance-no-such-queue');
  });

  it('the managed execution policies are attached by their ARN in the role\'s partition', () => {
    expect(managedPolicyArn('aws-cn', 'service-role/AWSLambdaSQSQueueExecutionRole')).toBe('arn:aws-cn:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole');
  });
});

describe('a run in cn-north-1 against the embedded reference', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esm-partition-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes every case, and the answers carry aws-cn ARNs', async () => {
    const lines: string[] = [];
    const io: Io = { out: (s) => lines.push(s), err: (s) => lines.push(s), isTty: false, env: {} };
    const code = await main(['--region', 'cn-north-1', '--out', dir, '--no-sdk'], io);
    expect(code, lines.join('\n')).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    expect(report.counts.fail ?? 0).toBe(0);
    const text = JSON.stringify(report.cases);
    expect(text).toContain('arn:aws-cn:lambda:cn-north-1:');
    expect(text).not.toMatch(/"EventSourceMappingArn":"arn:aws:/);
  });
});
