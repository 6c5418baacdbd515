/**
 * Benchmark of the suite's own work (no network): plan generation, judging and report writing.
 * Run: npx tsx bench/bench.ts [runs]. Prints per-stage time and throughput, so that a change that makes
 * the suite (rather than the target) the bottleneck shows up. Not a test: timings vary by machine.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlan } from '../properties/plan.ts';
import { judge } from '../properties/checks/judge.ts';
import { bindValue, EXAMPLE_RESOURCES } from '../properties/bind.ts';
import { startReference } from '../reference/server.ts';
import { runSuite } from '../engine/run.ts';
import { writeReports } from '../reports/write.ts';
import { DEFAULT_SEED } from '../properties/plan.ts';

const runs = Number(process.argv[2] ?? 200);
const time = async <T>(label: string, n: number, f: () => T | Promise<T>): Promise<T> => {
  const t = performance.now();
  const r = await f();
  const ms = performance.now() - t;
  console.log(`${label.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms  ${n ? `${((n / ms) * 1000).toFixed(0)} /s` : ''}`);
  return r;
};

const plan = await time(`generate plan (runs=${runs})`, 0, () => buildPlan({ seed: DEFAULT_SEED, runs }));
console.log(`  ${plan.length} cases`);
const answer = { status: 400, headers: { 'x-amzn-errortype': 'ValidationException', 'content-type': 'application/json' }, body: '{"Type":"User","message":"x"}' };
await time('judge every case (synthetic answer)', plan.length, () => plan.map((c) => judge(c, { answer, ...(c.request.body ? { sent: bindValue(c.request.body, EXAMPLE_RESOURCES) } : {}) }, 'aws')));
const ref = await startReference();
const { functionArn: _f, ...given } = ref.resources;
const report = await time(`full run vs embedded (runs=${runs})`, plan.length, () => runSuite({
  endpoint: ref.url, region: 'us-east-1', profile: 'aws', seed: DEFAULT_SEED, runs, only: [], skip: [], caseIds: [], concurrency: 4,
  timeoutMs: 10_000, maxAttempts: 1, given, provision: false, allowRealAws: false, sdk: false,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, command: 'bench',
}));
await ref.close();
const dir = mkdtempSync(join(tmpdir(), 'esm-bench-'));
await time('write json+junit+html+markdown', report.cases.length, () => writeReports(report, dir, ['json', 'junit', 'html', 'markdown', 'console']));
