/**
 * The real command, as a child process (`tsx runner.ts ...` in the repository, CI=1): output, files and exit
 * codes (0 conformant, 1 any fail, 2 usage, 3 unreachable or setup failed). Errors are one line, no stack trace.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../engine/report-types.ts';
import { OPTIONS } from '../cli/options.ts';
import { rules } from '../spec/index.ts';
import { lines, REPO, runCli, tempDir, TSX, type CliResult } from './helpers/run-helpers.ts';

const tmp = tempDir('cli');
afterAll(() => tmp.remove());

const readReport = (dir: string): Report => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
const show = (r: CliResult): string => `exit ${r.code}\n--- stdout\n${r.stdout.slice(-3000)}\n--- stderr\n${r.stderr.slice(-2000)}`;

/** A usage or setup error: the exit code, exactly one line on stderr, nothing that looks like a stack frame. */
function expectOneLineError(r: CliResult, code: number | number[], pattern: RegExp): void {
  expect([code].flat(), show(r)).toContain(r.code);
  expect(lines(r.stderr), show(r)).toHaveLength(1);
  expect(r.stderr, show(r)).toMatch(pattern);
  expect(`${r.stdout}${r.stderr}`, show(r)).not.toMatch(/^\s+at /m);
}

describe.concurrent('information and usage errors', () => {
  it('--list prints every rule of spec/rules.json with both profiles', async () => {
    const r = await runCli(['--list']);
    expect(r.code, show(r)).toBe(0);
    const blocks = r.stdout.split(/\n\s*\n/);
    for (const rule of rules) {
      const block = blocks.find((b) => b.startsWith(`${rule.id}  `));
      expect(block, rule.id).toBeDefined();
      expect(block, rule.id).toMatch(/^ {2}seed /m);
      expect(block, rule.id).toMatch(/^ {2}aws /m);
    }
  });

  it('--help lists every option of the options table', async () => {
    const r = await runCli(['--help']);
    expect(r.code, show(r)).toBe(0);
    for (const o of OPTIONS) expect(r.stdout, o.name).toMatch(new RegExp(`--${o.name}\\b`));
  });

  it('an unknown flag: exit 2, one line', async () => {
    expectOneLineError(await runCli(['--bogus']), 2, /bogus/);
  });

  it('--profile nope: exit 2', async () => {
    expectOneLineError(await runCli(['--profile', 'nope']), 2, /--profile/);
  });

  it('--runs x: exit 2', async () => {
    expectOneLineError(await runCli(['--runs', 'x']), 2, /--runs/);
  });

  it('--endpoint not-a-url: exit 2', async () => {
    expectOneLineError(await runCli(['--endpoint', 'not-a-url']), 2, /not-a-url/);
  });

  it('--only that matches no rule: exit 2, nothing run', async () => {
    expectOneLineError(await runCli(['--only', 'Nope.*', '--out', join(tmp.dir, 'nothing')]), 2, /no case matches --only Nope/);
    expect(existsSync(join(tmp.dir, 'nothing'))).toBe(false);
  });

  it('--certify with --only: exit 2', async () => {
    expectOneLineError(await runCli(['--certify', '--only', 'BatchSize.*', '--out', join(tmp.dir, 'certify-only')]), 2, /--certify/);
  });

  it('an unreachable endpoint: exit 3 with one clear line, quickly', async () => {
    const r = await runCli([
      '--endpoint', 'http://127.0.0.1:1', '--function-name', 'f',
      '--kinesis-stream-arn', 'arn:aws:kinesis:us-east-1:123456789012:stream/s',
      '--dynamodb-stream-arn', 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x',
      '--timeout', '500', '--max-attempts', '1', '--out', join(tmp.dir, 'unreachable'),
    ], { timeoutMs: 20_000 });
    expectOneLineError(r, 3, /127\.0\.0\.1:1\b.*(ECONNREFUSED|unreachable|connect)/i);
    expect(r.ms).toBeLessThan(20_000);
  });

  it('--provision on a non-loopback endpoint without --allow-real-aws: exit 2, says what it would create, creates nothing', async () => {
    const r = await runCli(['--endpoint', 'https://lambda.us-east-1.amazonaws.com', '--provision', '--ledger', join(tmp.dir, 'ledger-real'), '--out', join(tmp.dir, 'out-real')], { timeoutMs: 20_000 });
    expect(existsSync(join(tmp.dir, 'out-real')), 'no empty output folder is left behind').toBe(false);
    expectOneLineError(r, 2, /--allow-real-aws.*|IAM role esm-conformance-/);
    expect(r.stderr).toMatch(/IAM role esm-conformance-[0-9a-f]{8}.*Kinesis stream.*DynamoDB table/);
    expect(existsSync(join(tmp.dir, 'ledger-real'))).toBe(false);
  });

  it('diff with a missing file: exit 2 or 3, one line', async () => {
    const missing = join(tmp.dir, 'no-such-report.json');
    expectOneLineError(await runCli(['diff', missing, missing]), [2, 3], /no-such-report\.json/);
  });
});

describe('runs against the embedded reference', () => {
  const faithful = join(tmp.dir, 'faithful');
  const deviant = join(tmp.dir, 'status-200');
  let normal: CliResult;
  let status200: CliResult;
  beforeAll(async () => {
    [normal, status200] = await Promise.all([
      runCli(['--runs', '1', '--out', faithful]),
      runCli(['--deviation', 'status-200', '--runs', '1', '--out', deviant]),
    ]);
  });

  it('a default run exits 0 and writes report.json, junit.xml, report.html and summary.md', () => {
    expect(normal.code, show(normal)).toBe(0);
    for (const f of ['report.json', 'junit.xml', 'report.html', 'summary.md']) expect(existsSync(join(faithful, f)), f).toBe(true);
    const report = readReport(faithful);
    expect(report.exitCode).toBe(0);
    expect(report.counts).toEqual({ pass: report.cases.length });
  });

  it('prints no AWS SDK Node-version warning', () => {
    expect(`${normal.stdout}${normal.stderr}`).not.toMatch(/NodeVersion|no longer support/i);
  });

  it('--deviation status-200 exits 1 and the console names response.status', () => {
    expect(status200.code, show(status200)).toBe(1);
    expect(status200.stdout).toMatch(/response\.status/);
    expect(status200.stdout).toMatch(/FAIL/);
  });

  it('diff names the new failures, and --fail-on new-failures exits 1', async () => {
    const r = await runCli(['diff', join(faithful, 'report.json'), join(deviant, 'report.json'), '--fail-on', 'new-failures']);
    expect(r.code, show(r)).toBe(1);
    const newFailures = readReport(deviant).cases.filter((c) => c.verdict === 'fail');
    expect(newFailures.length).toBeGreaterThan(0);
    expect(r.stdout).toContain(`New failures (${newFailures.length})`);
    for (const c of newFailures) expect(r.stdout, c.caseId).toContain(c.caseId);
    const same = await runCli(['diff', join(faithful, 'report.json'), join(faithful, 'report.json'), '--fail-on', 'new-failures']);
    expect(same.code, show(same)).toBe(0);
  });

  it('a waiver of response.status for target embedded turns the status-200 run into exit 0 with expected-fail cases', async () => {
    const file = join(tmp.dir, 'waivers.json');
    writeFileSync(file, JSON.stringify({
      target: 'embedded',
      waivers: [{ rule: 'response.status', reason: 'the status-200 deviation answers 200 instead of 202', link: 'https://example.com/issues/200' }],
    }));
    const out = join(tmp.dir, 'waived');
    const r = await runCli(['--deviation', 'status-200', '--runs', '1', '--waivers', file, '--out', out]);
    expect(r.code, show(r)).toBe(0);
    const report = readReport(out);
    const failedBefore = readReport(deviant).cases.filter((c) => c.verdict === 'fail').map((c) => c.caseId).sort();
    const waived = report.cases.filter((c) => c.verdict === 'expected-fail');
    expect(waived.map((c) => c.caseId).sort()).toEqual(failedBefore);
    for (const c of waived) expect(c.waiver?.link).toBe('https://example.com/issues/200');
    expect(report.counts.fail ?? 0).toBe(0);
  });

  it('a replay command from report.json runs exactly that case, into its own folder (the run\'s reports stay)', async () => {
    const report = readReport(faithful);
    const c = report.cases.find((x) => !x.valid && x.rule === 'BatchSize.range')!;
    expect(c.reproduce.suite).toMatch(/^npx tsx runner\.ts .*--case /);
    const cwd = tempDir('replay');
    try {
      const command = c.reproduce.suite.replace(/^npx tsx runner\.ts/, `'${TSX}' '${join(REPO, 'runner.ts')}'`);
      const r = await new Promise<CliResult>((done) => {
        execFile('/bin/sh', ['-c', command], { cwd: cwd.dir, env: { ...process.env, CI: '1' }, timeout: 60_000 }, (err, stdout, stderr) =>
          done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr, ms: 0 }));
      });
      expect(r.code, show(r)).toBe(0);
      const replayed = readReport(join(faithful, 'replay'));
      expect(replayed.cases.map((x) => x.caseId)).toEqual([c.caseId]);
      expect(readReport(faithful).cases).toHaveLength(report.cases.length);
      expect(existsSync(join(cwd.dir, 'results'))).toBe(false);
      expect(r.stdout).toMatch(/Totals: 1 case/);
    } finally {
      cwd.remove();
    }
  });
});

describe('certificates', () => {
  const out = join(tmp.dir, 'certify');
  let run: CliResult;
  beforeAll(async () => {
    run = await runCli(['--certify', '--out', out]);
  });

  it('--certify on the faithful reference writes certificate.json that verify accepts', async () => {
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).toMatch(/certificate: conformant/);
    const r = await runCli(['verify', join(out, 'certificate.json'), join(out, 'report.json')]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/certificate verified/);
  });

  it('a tampered certificate (one count changed) does not verify: exit 1', async () => {
    const cert = JSON.parse(readFileSync(join(out, 'certificate.json'), 'utf8')) as { counts: { MUST: { pass: number } } };
    cert.counts.MUST.pass += 1;
    const tampered = join(out, 'certificate-tampered.json');
    writeFileSync(tampered, JSON.stringify(cert, null, 2));
    const r = await runCli(['verify', tampered, join(out, 'report.json')]);
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout).toMatch(/does NOT verify/);
    expect(r.stdout).toMatch(/counts\.MUST\.pass/);
  });
});
