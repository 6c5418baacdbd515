/**
 * The suite's own work without a network, per second: generating the plan, judging answers, building the
 * case records and writing every report format; and a streamed pipeline (generate -> judge -> record ->
 * report.json, junit.xml, report.html, summary.md, case by case) whose memory does not grow with the number
 * of cases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunConfig } from '../engine/config.ts';
import type { Executed } from '../engine/execute.ts';
import { buildReport, caseResult, SUITE } from '../engine/report-build.ts';
import { REPORT_SCHEMA_VERSION, type CaseResult } from '../engine/report-types.ts';
import { addCaseVerdicts, addParityChecks, exitCodeOf, parityTallies, paritySummaryOf, summariesOf, tally } from '../engine/summary.ts';
import { bindValue } from '../properties/bind.ts';
import { seedResources } from '../reference/resources.ts';
import { judge } from '../properties/checks/judge.ts';
import { buildPlan, DEFAULT_SEED, forEachPlannedCase } from '../properties/plan.ts';
import type { Case, Exchange, Verdict } from '../properties/types.ts';
import { ReportStreams, writeReports } from '../reports/write.ts';
import { model } from '../spec/index.ts';
import { casesOf, runEdition, runSuite } from '../engine/run.ts';
import { startReference } from '../reference/server.ts';

const ENDPOINT = new URL('http://127.0.0.1:9');
const ANSWER: { status: number; headers: Record<string, string>; body: string } = { status: 400, headers: { 'x-amzn-errortype': 'ValidationException', 'content-type': 'application/json' }, body: '{"Type":"User","message":"1 validation error detected"}' };
const TODAY = runEdition({ edition: 'aws' });
/** The embedded reference's resources, every kind of event source included. */
const { functionNames: _names, functionArn: _arn, ...RESOURCES } = seedResources('us-east-1', '123456789012');

/** The answer a valid case gets: 202 with a mapping as AWS returns it (the sent members echoed, defaults, state). */
function acceptedAnswer(sent: Record<string, unknown>): typeof ANSWER {
  const body = {
    BatchSize: 100, MaximumBatchingWindowInSeconds: 0, ParallelizationFactor: 1, MaximumRecordAgeInSeconds: -1, MaximumRetryAttempts: -1,
    BisectBatchOnFunctionError: false, TumblingWindowInSeconds: 0, DestinationConfig: { OnFailure: {} }, FunctionResponseTypes: [],
    ...sent, UUID: '6f1e2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b', State: 'Creating', StateTransitionReason: 'User action', LastProcessingResult: 'No records processed',
    FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${String(sent.FunctionName ?? 'f').split(':').at(-1)}`, LastModified: 1796215505.892,
  };
  return { status: 202, headers: { 'content-type': 'application/json', 'x-amzn-requestid': '1' }, body: JSON.stringify(body) };
}

export const BENCH_CONFIG: RunConfig = {
  region: 'us-east-1', profile: 'aws', seed: DEFAULT_SEED, runs: 0, only: [], skip: [], caseIds: [], concurrency: 4, timeoutMs: 1000,
  maxAttempts: 1, given: {}, provision: false, allowRealAws: false, sdk: false, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, command: 'bench',
};

export const perSecond = (n: number, ms: number): number => (n / ms) * 1000;

/** One case judged against the same synthetic answer (a 400 ValidationException), as a run would record it. */
export function executed(c: Case): Executed {
  const bound = { path: c.request.path, ...(c.request.body ? { body: bindValue(c.request.body, RESOURCES) } : {}), ...(c.request.raw !== undefined ? { raw: c.request.raw } : {}) };
  const judgement = judge(c, { answer: ANSWER, ...(bound.body ? { sent: bound.body } : {}) }, 'aws');
  return { judgement, raw: { kind: 'response', ...ANSWER, attempts: 1, durationMs: 1, retried: [] }, bound, attempts: 1, durationMs: 1 };
}

/** The default run's plan (today's edition, every kind of source), generated after a first warm-up build. */
export function generationRate(runs: number): { cases: Case[]; perSecond: number } {
  const config = { ...BENCH_CONFIG, seed: DEFAULT_SEED, runs, edition: 'aws' };
  casesOf({ ...config, seed: DEFAULT_SEED + 1 });
  const t = performance.now();
  const cases = casesOf(config);
  return { cases, perSecond: perSecond(cases.length, performance.now() - t) };
}

/** Judging alone (bind + judge, today's edition): valid cases against a 202 mapping, the others a 400; repeated for at least `minMs`. */
export function judgingRate(cases: Case[], minMs = 1000): number {
  const sent = cases.map((c) => (c.request.body ? bindValue(c.request.body, RESOURCES) : undefined));
  const answers = cases.map((c, i) => (c.valid && sent[i] && typeof sent[i] === 'object' ? acceptedAnswer(sent[i] as Record<string, unknown>) : ANSWER));
  return judgedPerSecond(cases.map((c, i) => [c, { answer: answers[i]!, ...(sent[i] ? { sent: sent[i] } : {}) }]), minMs);
}

/** Each exchange judged (today's edition, aws profile), once to warm up and then again and again for `minMs`. */
function judgedPerSecond(exchanges: Array<[Case, Exchange]>, minMs: number): number {
  const once = (): void => {
    for (const [c, ex] of exchanges) judge(c, ex, 'aws', TODAY, TODAY);
  };
  once();
  let n = 0;
  const t = performance.now();
  while (performance.now() - t < minMs) {
    once();
    n += exchanges.length;
  }
  return perSecond(n, performance.now() - t);
}

/**
 * Judging alone over the exchanges a real run met: a default run (SDK pass off) against the embedded
 * reference, every answer and read-back as the judge got it, then judged again and again for `minMs`.
 */
export async function realJudgingRate(runs: number, minMs = 1000): Promise<{ cases: number; perSecond: number }> {
  const seen: Array<[Case, Exchange]> = [];
  const ref = await startReference();
  try {
    const { functionArn: _a, functionNames, ...r } = ref.resources;
    await runSuite({ ...BENCH_CONFIG, endpoint: ref.url, region: r.region, runs, given: { ...r, functionNames }, shrink: false, onJudged: (c, ex) => seen.push([c, ex]) });
  } finally {
    await ref.close();
  }
  return { cases: seen.length, perSecond: judgedPerSecond(seen, minMs) };
}

/**
 * Case records built and every file format written, per case: once untimed (the JIT's first pass, as every
 * other loop of the benchmark is warmed up), then timed; `cold` is the first pass's rate.
 */
export function writingRate(cases: Case[]): { perSecond: number; cold: number } {
  const dir = mkdtempSync(join(tmpdir(), 'esm-bench-'));
  const once = (): number => {
    const t = performance.now();
    const results = cases.map((c) => caseResult(c, executed(c), BENCH_CONFIG, ENDPOINT));
    const report = buildReport(results, BENCH_CONFIG, { runId: 'bench', startedAt: new Date(), target: { endpoint: ENDPOINT.origin, kind: 'embedded', region: 'us-east-1' }, leaks: [] });
    writeReports(report, dir, ['json', 'junit', 'html', 'markdown']);
    return perSecond(cases.length, performance.now() - t);
  };
  try {
    const cold = once();
    return { perSecond: once(), cold };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Random runs per family that give at least `cases` cases (with margin: duplicates grow with the runs). */
export function runsFor(cases: number): number {
  const fixed = buildPlan({ runs: 0 }).length;
  const perRun = (buildPlan({ runs: 20 }).length - fixed) / 20;
  return Math.max(0, Math.ceil(((cases - fixed) / perRun) * 1.5));
}

/**
 * Generate -> judge -> record -> report.json, junit.xml, report.html and summary.md in `dir`, one case at a
 * time: each case goes to the four streamed writers as it is made (junit's and html's spool it to a file
 * until its rule's turn); nothing is kept per case but its verdicts and parity tallies. report.json's `run`
 * is written before the cases, so it has no finishedAt there; the other files get the whole run at finish.
 */
export function streamedPipeline(runs: number, dir: string, limit?: number): { cases: number; ms: number } {
  const t = performance.now();
  const startedAt = new Date();
  const config = { ...BENCH_CONFIG, runs };
  const run = { runId: 'bench', seed: DEFAULT_SEED, runs, only: [], skip: [], startedAt: startedAt.toISOString() };
  const head = {
    schemaVersion: REPORT_SCHEMA_VERSION, suite: SUITE, modelVersion: model.modelVersion, profile: 'aws' as const,
    target: { endpoint: ENDPOINT.origin, kind: 'embedded' as const, region: 'us-east-1' }, run,
  };
  const streams = new ReportStreams(dir, ['json', 'junit', 'html', 'markdown'], head);
  const verdicts: Verdict[] = [];
  const byRule = new Map<string, Verdict[]>();
  const parity = parityTallies();
  forEachPlannedCase({ seed: DEFAULT_SEED, runs, ...(limit ? { limit } : {}) }, (c) => {
    const r: CaseResult = caseResult(c, executed(c), config, ENDPOINT);
    verdicts.push(r.verdict);
    addCaseVerdicts(byRule, r);
    addParityChecks(parity, r);
    streams.add(r);
  });
  const counts = tally(verdicts);
  const finished = new Date();
  const paritySummary = paritySummaryOf(parity, false);
  streams.finish({
    ...head, run: { ...run, finishedAt: finished.toISOString(), durationMs: finished.getTime() - startedAt.getTime(), command: 'bench' },
    counts, rules: summariesOf(byRule), parity: paritySummary, leaks: [], exitCode: exitCodeOf(counts, 0, undefined, paritySummary),
  });
  return { cases: verdicts.length, ms: performance.now() - t };
}
