/**
 * The suite against a real third-party target: moto (python3 -m moto.server), provisioned through the AWS
 * APIs, run in-process through main(), and as a child process interrupted with SIGINT. Asserts that every
 * resource the runs create is gone afterwards, and that the report names exactly moto's known deviations.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../runner.ts';
import type { Io } from '../cli/run-command.ts';
import type { Report } from '../engine/report-types.ts';
import { destroyClients, makeClients, type ProvisionClients } from '../engine/provision/clients.ts';
import { NAME_PREFIX } from '../engine/provision/naming.ts';
import { loadWaiverFile } from '../reports/waivers.ts';
import { hasRule } from '../spec/index.ts';
import { leftovers, startMoto, type MotoServer } from './helpers/moto.ts';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const MOTO_RECORD = join(REPO, 'fixtures', 'targets', 'moto.json');
const region = 'us-east-1';

/*
 * moto 5.2.1 against the aws profile, with --runs 1 (evidence: the observed answers, moto's source and
 * /work/shared/aws-observed.md; fixtures/targets/moto.json holds the same list with links):
 * - response.status: every successful create (every valid case) is HTTP 201 (awslambda/responses.py returns
 *   201); AWS: 202.
 * - response.LastProcessingResult.type: the member is missing (moto sets None and drops None members);
 *   AWS: "No records processed".
 * - response.FunctionArn.function: name:live comes back as ...:function:name:1 (alias resolved) and
 *   name:$LATEST as the unqualified ARN; AWS keeps the qualifier as sent (recorded).
 * - response.content-type (non-strict): the 201 carries text/html; charset=utf-8.
 * - invalid input accepted with 201: BatchSize 0/-1/-30 (range: moto checks only the maximum), BatchSize
 *   1.5/true (type), Enabled of another type, StartingPosition missing (moto defaults TRIM_HORIZON; AWS 400
 *   InvalidParameterValueException), any StartingPosition string (AWS 400 ValidationException) or type,
 *   AT_TIMESTAMP on DynamoDB (AWS 400 "Unsupported starting position"), Kinesis AT_TIMESTAMP without a
 *   timestamp (AWS 400 "Need to specify a timestamp"), StartingPositionTimestamp of another type, a 280-character function ARN with a padded region (FunctionName.length: moto keeps only the
 *   name part of an ARN), and the same function + stream twice (error.ResourceConflict.duplicate: AWS 409).
 * - HTTP 500 HTML crash pages (error.Service.status, error.code; error.header and error.body non-strict):
 *   FunctionName with two or more colons (name.split(":") unpack error; also the valid forms
 *   region:account:function:name and account:function:name), BatchSize > 10000 (a ValueError raised in the
 *   setter), BatchSize "100"/[]/{} ('>' on str/list/dict), FunctionName 7/true (re.match on a non-string),
 *   bodies that are not a JSON object (request.body.json: JSONDecodeError / AttributeError).
 * - error.ResourceNotFound.function: a missing function is 404 ResourceNotFoundException (the seed's
 *   answer); AWS today: 400 InvalidParameterValueException "Function does not exist" (recorded).
 * - FunctionName.pattern/length/bare-name-length: invalid names are looked up, not validated: 404
 *   ResourceNotFoundException "Function not found" (AWS: 400 ValidationException or IPVE); account:name 404.
 * - FunctionName.type: 7/true crash (500, see above).
 * - EventSourceArn.pattern, EventSourceArn.stream-exists, error.ResourceNotFound.status: any ARN that names
 *   no known queue or stream (also 7/true) is 400 ResourceNotFoundException "Invalid EventSourceArn": the
 *   wrong code for AWS (ValidationException, or IPVE "Stream not found"), and 400 where that code is 404.
 * - error.body (non-strict): ResourceNotFoundException bodies use lower-case `message` (AWS: `Message`).
 */
const EXPECTED_FAIL = [
  'BatchSize.range', 'BatchSize.type', 'Enabled.type',
  'EventSourceArn.pattern', 'EventSourceArn.stream-exists',
  'FunctionName.bare-name-length', 'FunctionName.length', 'FunctionName.pattern', 'FunctionName.type',
  'StartingPosition.at-timestamp-kinesis-only', 'StartingPosition.enum', 'StartingPosition.required', 'StartingPosition.type',
  'StartingPositionTimestamp.required-for-at-timestamp', 'StartingPositionTimestamp.type',
  'error.ResourceConflict.duplicate', 'error.ResourceNotFound.function', 'error.ResourceNotFound.status',
  'error.Service.status', 'error.code', 'request.body.json',
  'response.FunctionArn.function', 'response.LastProcessingResult.type', 'response.status',
];
/*
 * Today's edition (--edition aws, the default) adds the members newer than the seed page and the other kinds
 * of event source. moto validates none of the newer members (every value that breaks today's model is
 * accepted, 201), checks no filter pattern, none of SQS's recorded rules (BatchSize > 10 without a window,
 * DestinationConfig.OnSuccess), and crashes (500) on BatchSize 11 for a FIFO queue. MSK, MQ, DocumentDB and
 * self-managed Kafka are not provisioned: their cases are "not run: no <kind> resource".
 */
const EXPECTED_EDITION_FAIL = [
  'BisectBatchOnFunctionError.type', 'DestinationConfig.OnFailure.Destination.length', 'DestinationConfig.OnFailure.Destination.pattern',
  'DestinationConfig.OnFailure.Destination.type', 'DestinationConfig.OnFailure.type', 'DestinationConfig.OnSuccess.Destination.length',
  'DestinationConfig.OnSuccess.Destination.pattern', 'DestinationConfig.OnSuccess.Destination.type', 'DestinationConfig.OnSuccess.type',
  'DestinationConfig.type', 'FilterCriteria.Filters.member.Pattern.length', 'FilterCriteria.Filters.member.Pattern.pattern',
  'FilterCriteria.Filters.member.Pattern.type', 'FilterCriteria.Filters.member.type', 'FilterCriteria.Filters.type',
  'FilterCriteria.filter-pattern', 'FilterCriteria.type', 'FunctionResponseTypes.member.enum', 'FunctionResponseTypes.member.type',
  'FunctionResponseTypes.size', 'FunctionResponseTypes.type', 'KMSKeyArn.pattern', 'KMSKeyArn.type', 'MaximumBatchingWindowInSeconds.range',
  'MaximumBatchingWindowInSeconds.type', 'MaximumRecordAgeInSeconds.range', 'MaximumRecordAgeInSeconds.type',
  'MaximumRetryAttempts.range', 'MaximumRetryAttempts.type', 'MetricsConfig.Metrics.member.enum', 'MetricsConfig.Metrics.member.type',
  'MetricsConfig.Metrics.size', 'MetricsConfig.Metrics.type', 'MetricsConfig.type', 'ParallelizationFactor.range',
  'ParallelizationFactor.type', 'ProvisionedPollerConfig.MaximumPollers.range', 'ProvisionedPollerConfig.MaximumPollers.type',
  'ProvisionedPollerConfig.MinimumPollers.range', 'ProvisionedPollerConfig.MinimumPollers.type',
  // PollerGroupName's cases go to MSK (SQS does not take it): not run on moto.
  'ProvisionedPollerConfig.type',
  'ScalingConfig.MaximumConcurrency.range', 'ScalingConfig.MaximumConcurrency.type', 'ScalingConfig.type',
  'Tags.type', 'Tags.value.type', 'TumblingWindowInSeconds.range', 'TumblingWindowInSeconds.type', 'sqs-fifo.BatchSize.range',
  'sqs.BatchSize.batching-window', 'sqs.DestinationConfig.OnSuccess.refused',
];
EXPECTED_FAIL.push(...EXPECTED_EDITION_FAIL);
const EXPECTED_NON_STRICT = ['error.body', 'error.header', 'response.content-type'];
/*
 * Parity with AWS's recorded values (spec/parity.json): scored apart, never a fail without --strict-parity.
 * - State "Enabled" on create and StateTransitionReason "User initiated" (hard-coded in moto's
 *   get_configuration); AWS: "Creating" and "User action".
 * - LastProcessingResult and the newer members' defaults missing (None members are dropped), Tags returned.
 * - error bodies without "Type":"User"; ResourceNotFoundException keyed "message"; AWS's recorded messages
 *   ("Unrecognized event source.", "Function does not exist", "Stream not found: <arn>", SQS's missing-queue error) not given.
 * - check order: moto looks the function up first and validates little, so four of AWS's recorded orders differ.
 * Unknown members are ignored (201): AWS's answer is unknown and ignoring is conformant (an INFO note).
 */
const EXPECTED_PARITY = [
  'parity.State.create', 'parity.StateTransitionReason.create', 'parity.LastProcessingResult.create', 'parity.response.never-returned',
  'parity.default.FunctionResponseTypes', 'parity.default.MaximumBatchingWindowInSeconds', 'parity.default.ParallelizationFactor',
  'parity.default.MaximumRecordAgeInSeconds', 'parity.default.MaximumRetryAttempts', 'parity.default.BisectBatchOnFunctionError',
  'parity.default.TumblingWindowInSeconds', 'parity.default.DestinationConfig',
  'parity.error.Type', 'parity.error.message-key',
  'parity.message.event-source-missing', 'parity.message.function-missing', 'parity.message.stream-missing', 'parity.message.sqs-queue-missing',
  'parity.order.validation-before-event-source', 'parity.order.event-source-before-function', 'parity.order.function-before-source',
  'parity.order.validation-before-function',
];

/** Parity rules with at least one mismatch. */
function parityMismatches(report: Report): string[] {
  return report.parity.rules.filter((r) => r.matched < r.checked).map((r) => r.rule).sort();
}

let moto: MotoServer;
let clients: ProvisionClients;
const temps: string[] = [];

beforeAll(async () => {
  moto = await startMoto();
  clients = makeClients({ endpoint: moto.url, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  if (clients) destroyClients(clients);
  await moto?.stop(); // SIGTERM to the moto child by its own pid (SIGKILL after 5 s)
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(name: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), `esm-moto-${name}-`));
  temps.push(d);
  return d;
}

function captureIo(): Io & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (s) => lines.push(s), err: (s) => lines.push(s), isTty: false };
}

async function ledgerFiles(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
}

/** Rules named by failure records of the given verdict, over all cases. */
function failureRules(report: Report, verdict: 'fail' | 'non-strict'): string[] {
  return [...new Set(report.cases.flatMap((c) => c.failures.filter((f) => f.verdict === verdict).map((f) => f.rule)))].sort();
}

async function runAgainstMoto(extra: string[] = []): Promise<{ code: number; report: Report; ledger: string; lines: string[] }> {
  const out = await tempDir('out');
  const ledger = await tempDir('ledger');
  const io = captureIo();
  const code = await main(['--endpoint', moto.url, '--provision', '--runs', '1', '--out', out, '--ledger', ledger, '--no-color', '--format', 'json,console', ...extra], io);
  const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
  return { code, report, ledger, lines: io.lines };
}

let plain: Report | undefined;

describe('the suite against moto (--provision)', () => {
  it('completes, cleans up everything, and reports exactly moto\'s deviations', async () => {
    const { code, report, ledger, lines } = await runAgainstMoto();
    expect(code, lines.join('\n')).toBe(1);
    plain = report;
    expect(report.target).toMatchObject({ kind: 'remote', endpoint: moto.url });
    expect(report.leaks).toEqual([]);
    expect(await leftovers(clients, report.run.runId)).toEqual([]);
    expect(await leftovers(clients, NAME_PREFIX)).toEqual([]);
    expect(await ledgerFiles(ledger)).toEqual([]);
    expect(report.counts.error ?? 0).toBe(0);
    // The only inconclusive cases are those of kinds moto has no resource for (not run).
    expect(report.cases.filter((c) => c.verdict === 'inconclusive' && !c.observed.problem?.startsWith('not run: no ')).map((c) => c.title)).toEqual([]);
    expect(failureRules(report, 'fail')).toEqual([...EXPECTED_FAIL].sort());
    expect(failureRules(report, 'non-strict')).toEqual([...EXPECTED_NON_STRICT].sort());
    expect(parityMismatches(report)).toEqual([...EXPECTED_PARITY].sort());
    expect(report.parity.score).toBeLessThan(100);
    // Unknown members ignored; a self-managed Kafka endpoint of the case's own (no resource of moto's) refused: both INFO.
    expect(new Set(report.cases.flatMap((c) => c.notes ?? []).map((n) => n.code))).toEqual(new Set(['unknown-member-ignored', 'refused-by-target']));
    expect(lines.join('\n')).toMatch(/^parity with AWS's recorded values: \d+(\.\d)?% \(\d+ of \d+ checks matched\)/m);

    // Spot checks of the evidence behind the list above.
    // The seed page's valid cases (the report keeps 4,000 characters of a body: today's members can echo more).
    const created = report.cases.filter((c) => c.valid && hasRule(c.rule) && c.observed.status !== undefined && c.observed.status < 300);
    expect(created.length).toBeGreaterThan(10);
    expect(new Set(created.map((c) => c.observed.status))).toEqual(new Set([201]));
    const alias = created.find((c) => String(c.request.body?.FunctionName).endsWith(':live'));
    expect(JSON.parse(alias!.observed.body).FunctionArn).toMatch(/:function:esm-conformance-[0-9a-f]+(-\d+)?:1$/);
    const enabled = created.filter((c) => c.request.body?.Enabled !== false);
    expect(new Set(enabled.map((c) => JSON.parse(c.observed.body).State))).toEqual(new Set(['Enabled']));
    const state = enabled.flatMap((c) => c.parity ?? []).filter((p) => p.rule === 'parity.State.create');
    expect(state.length).toBe(enabled.length);
    expect(state.every((p) => !p.ok && p.got === 'Enabled' && p.expected === 'Creating')).toBe(true);
    const reason = created.flatMap((c) => c.parity ?? []).filter((p) => p.rule === 'parity.StateTransitionReason.create');
    expect(new Set(reason.map((p) => p.got))).toEqual(new Set(['User initiated']));
    // SQS runs against moto's queues; kinds without a resource are not run, and say why.
    const sqs = report.cases.filter((c) => c.request.body && String(c.request.body.EventSourceArn ?? '').startsWith('arn:aws:sqs:'));
    expect(sqs.length).toBeGreaterThan(20);
    expect(sqs.every((c) => c.observed.status !== undefined)).toBe(true);
    const msk = report.cases.filter((c) => c.title.startsWith('msk: '));
    expect(msk.length).toBeGreaterThan(10);
    expect(msk.every((c) => c.verdict === 'inconclusive' && c.observed.problem === 'not run: no msk resource on the target (name one with --source msk=ARN)')).toBe(true);
    const kafka = report.cases.filter((c) => c.observed.problem?.startsWith('not run: no self-managed-kafka resource'));
    expect(kafka.length).toBeGreaterThan(10);
    expect(new Set(kafka.map((c) => c.observed.problem))).toEqual(new Set(['not run: no self-managed-kafka resource on the target (name one with --source self-managed-kafka=HOST:PORT)']));
    expect(report.incomplete).toBeUndefined();
    const missing = report.cases.find((c) => c.rule === 'error.ResourceNotFound.function');
    expect(missing?.observed).toMatchObject({ status: 404, errorCode: 'ResourceNotFoundException' });
  }, 90_000);

  it('with moto\'s deviation record (--waivers fixtures/targets/moto.json) exits 0 and lists them as expected-fail', async () => {
    const record = loadWaiverFile(MOTO_RECORD);
    const { code, report, ledger, lines } = await runAgainstMoto(['--waivers', MOTO_RECORD, '--target-label', 'moto']);
    expect(code, lines.join('\n')).toBe(0);
    expect(report.target.label).toBe('moto');
    expect(report.counts.fail ?? 0).toBe(0);
    expect(report.counts['non-strict'] ?? 0).toBe(0);
    const waived = report.cases.filter((c) => c.verdict === 'expected-fail');
    const deviating = (plain ?? report).cases.filter((c) => c.verdict === 'fail' || c.verdict === 'non-strict').map((c) => c.caseId);
    expect(waived.map((c) => c.caseId).sort()).toEqual([...deviating].sort());
    for (const c of waived) expect(c.waiver?.link).toMatch(/^https:\/\/github\.com\/getmoto\/moto\//);
    // The record holds one entry per observed deviation: no more, no less.
    expect(record.waivers.map((w) => w.rule).sort()).toEqual([...EXPECTED_FAIL, ...EXPECTED_NON_STRICT, ...EXPECTED_PARITY].sort());
    // Every parity mismatch is named by the record: marked waived, still counted in the score.
    const mismatches = report.cases.flatMap((c) => c.parity ?? []).filter((p) => !p.ok);
    expect(mismatches.length).toBeGreaterThan(0);
    expect(mismatches.every((p) => p.waived === true)).toBe(true);
    expect(lines.some((l) => l.includes('matched no failing case')), lines.join('\n')).toBe(false);
    expect(record.waivers.every((w) => w.expires === undefined || w.expires >= '2030-01-01')).toBe(true);
    expect(await leftovers(clients, NAME_PREFIX)).toEqual([]);
    expect(await ledgerFiles(ledger)).toEqual([]);
  }, 90_000);
});

interface Child { code: number | null; stderr: string[]; runId: string }

/** Runs the CLI as a child process, sends SIGINT to its pid once `when` matches a stderr line (plus `delayMs`). */
async function interruptedRun(when: RegExp, delayMs: number, ledger: string, times = 1): Promise<Child> {
  const out = await tempDir('int-out');
  // node --import tsx, as `npm start` runs it: the tsx CLI relays a signal to its child and SIGKILLs the child
  // when the child's acknowledgement takes over ~60 ms, which a loaded machine can exceed.
  const child = spawn(process.execPath, ['--import', 'tsx', 'runner.ts', '--endpoint', moto.url, '--provision', '--runs', '20', '--out', out, '--ledger', ledger, '--no-color', '--format', 'json'], {
    cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  let sent = false;
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      stderr.push(line);
      if (!sent && when.test(line)) {
        sent = true;
        // `times` > 1: the same Ctrl-C relayed again, as npx and npm do for their child.
        for (let i = 0; i < times; i += 1) setTimeout(() => child.kill('SIGINT'), delayMs + i * 40);
      }
    }
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    const [code] = (await once(child, 'exit')) as [number | null];
    if (pending) stderr.push(pending);
    const runId = stderr.map((l) => /created iam-role esm-conformance-([0-9a-f]+)/.exec(l)?.[1]).find(Boolean) ?? '';
    return { code, stderr, runId };
  } finally {
    clearTimeout(guard);
  }
}

describe('Ctrl-C (SIGINT to the CLI child process)', () => {
  it('while cases are being sent: exit 3, one line about it, nothing left on moto, ledger empty', async () => {
    const ledger = await tempDir('int-ledger');
    const run = await interruptedRun(/^sending \d+ cases to /, 300, ledger);
    expect(run.code, run.stderr.join('\n')).toBe(3);
    const about = run.stderr.filter((l) => l.startsWith('interrupted'));
    expect(about).toHaveLength(1);
    expect(about[0]).toMatch(/^interrupted after \d+ of \d+ cases; everything the run created was deleted$/);
    const [, done, total] = /after (\d+) of (\d+)/.exec(about[0]!)!;
    expect(Number(done)).toBeLessThan(Number(total));
    expect(run.runId).not.toBe('');
    expect(await leftovers(clients, run.runId)).toEqual([]);
    expect(await leftovers(clients, NAME_PREFIX)).toEqual([]);
    expect(await ledgerFiles(ledger)).toEqual([]);
  }, 60_000);

  it('the same Ctrl-C delivered twice (as npx relays it): still exit 3 and nothing left behind', async () => {
    const ledger = await tempDir('int-ledger');
    const run = await interruptedRun(/^sending \d+ cases to /, 200, ledger, 3);
    expect(run.code, run.stderr.join('\n')).toBe(3);
    expect(run.stderr.filter((l) => l.startsWith('interrupted'))).toHaveLength(1);
    expect(run.stderr.filter((l) => l.startsWith('stopping'))).toHaveLength(1);
    expect(await leftovers(clients, run.runId)).toEqual([]);
    expect(await ledgerFiles(ledger)).toEqual([]);
  }, 60_000);

  it('while provisioning: exit 3, what was created is torn down, ledger empty', async () => {
    const ledger = await tempDir('int-ledger');
    const run = await interruptedRun(/^created iam-role /, 0, ledger);
    expect(run.code, run.stderr.join('\n')).toBe(3);
    expect(run.stderr.filter((l) => l.startsWith('interrupted'))).toEqual([
      expect.stringMatching(/^interrupted during setup \(0 of \d+ cases run\); everything the run created was deleted$/),
    ]);
    expect(run.stderr.some((l) => l.startsWith('sending'))).toBe(false);
    expect(await leftovers(clients, run.runId)).toEqual([]);
    expect(await leftovers(clients, NAME_PREFIX)).toEqual([]);
    expect(await ledgerFiles(ledger)).toEqual([]);
  }, 60_000);
});
