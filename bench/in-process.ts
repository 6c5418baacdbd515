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
import { bindValue, EXAMPLE_RESOURCES } from '../properties/bind.ts';
import { judge } from '../properties/checks/judge.ts';
import { buildPlan, DEFAULT_SEED, forEachPlannedCase } from '../properties/plan.ts';
import type { Case, Verdict } from '../properties/types.ts';
import { ReportStreams, writeReports } from '../reports/write.ts';
import { model } from '../spec/index.ts';

const ENDPOINT = new URL('http://127.0.0.1:9');
const ANSWER = { status: 400, headers: { 'x-amzn-errortype': 'ValidationException', 'content-type': 'application/json' }, body: '{"Type":"User","message":"1 validation error detected"}' };

export const BENCH_CONFIG: RunConfig = {
  region: 'us-east-1', profile: 'aws', seed: DEFAULT_SEED, runs: 0, only: [], skip: [], caseIds: [], concurrency: 4, timeoutMs: 1000,
  maxAttempts: 1, given: {}, provision: false, allowRealAws: false, sdk: false, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, command: 'bench',
};

export const perSecond = (n: number, ms: number): number => (n / ms) * 1000;

/** One case judged against the same synthetic answer (a 400 ValidationException), as a run would record it. */
export function executed(c: Case): Executed {
  const bound = { path: c.request.path, ...(c.request.body ? { body: bindValue(c.request.body, EXAMPLE_RESOURCES) } : {}), ...(c.request.raw !== undefined ? { raw: c.request.raw } : {}) };
  const judgement = judge(c, { answer: ANSWER, ...(bound.body ? { sent: bound.body } : {}) }, 'aws');
  return { judgement, raw: { kind: 'response', ...ANSWER, attempts: 1, durationMs: 1, retried: [] }, bound, attempts: 1, durationMs: 1 };
}

export function generationRate(runs: number): { cases: Case[]; perSecond: number } {
  const t = performance.now();
  const cases = buildPlan({ seed: DEFAULT_SEED, runs });
  return { cases, perSecond: perSecond(cases.length, performance.now() - t) };
}

/** Judging alone (bind + judge), repeated for at least `minMs`. */
export function judgingRate(cases: Case[], minMs = 1000): number {
  const sent = cases.map((c) => (c.request.body ? bindValue(c.request.body, EXAMPLE_RESOURCES) : undefined));
  for (const [i, c] of cases.entries()) judge(c, { answer: ANSWER, ...(sent[i] ? { sent: sent[i] } : {}) }, 'aws'); // warm-up
  let n = 0;
  const t = performance.now();
  while (performance.now() - t < minMs) {
    for (const [i, c] of cases.entries()) judge(c, { answer: ANSWER, ...(sent[i] ? { sent: sent[i] } : {}) }, 'aws');
    n += cases.length;
  }
  return perSecond(n, performance.now() - t);
}

/** Case records built and every file format written, per case. */
export function writingRate(cases: Case[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'esm-bench-'));
  try {
    const t = performance.now();
    const results = cases.map((c) => caseResult(c, executed(c), BENCH_CONFIG, ENDPOINT));
    const report = buildReport(results, BENCH_CONFIG, { runId: 'bench', startedAt: new Date(), target: { endpoint: ENDPOINT.origin, kind: 'embedded', region: 'us-east-1' }, leaks: [] });
    writeReports(report, dir, ['json', 'junit', 'html', 'markdown']);
    return perSecond(cases.length, performance.now() - t);
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
