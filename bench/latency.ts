/**
 * A full default run against the embedded reference in `--latency aws` mode, against its critical path:
 * the longest lane (its cases times the settle-delete cycle, twice for a case whose SDK pass creates
 * again) or the time the requests need at the target's request rate, whichever is longer.
 */
import { runSuite } from '../engine/run.ts';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../properties/plan.ts';
import { startReference } from '../reference/server.ts';
import { AWS_LATENCY } from '../reference/latency.ts';
import type { Report } from '../engine/report-types.ts';

export interface LatencyResult {
  scale: number; wallMs: number; criticalMs: number; laneMs: number; rateMs: number; requests: number; throttledAnswers: number;
  throttledVerdicts: number; notRun: number; cases: number; creating: number; lanes: number; exitCode: number; counts: Report['counts'];
}

/** `lanes`: the lanes in use (all seeded functions but the first, which serves the cases that create nothing, per source). */
export async function latencyRun(scale: number, opts: { runs?: number; sdk?: boolean; concurrency?: number; sdkPass?: 'separate' | 'combined' } = {}): Promise<LatencyResult> {
  const ref = await startReference({ latency: { scale } });
  const { functionArn: _a, functionNames, ...r } = ref.resources;
  const t = performance.now();
  const report = await runSuite({
    endpoint: ref.url, region: r.region, profile: 'aws', seed: DEFAULT_SEED, runs: opts.runs ?? DEFAULT_RUNS, only: [], skip: [], caseIds: [],
    concurrency: opts.concurrency ?? 4, timeoutMs: 15_000, maxAttempts: 3, given: { ...r, functionNames }, provision: false, allowRealAws: false,
    sdk: opts.sdk ?? true, sdkPass: opts.sdkPass ?? 'combined', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, command: 'bench latency',
  });
  const wallMs = performance.now() - t;
  const requests = ref.requests();
  const throttledAnswers = ref.throttled();
  await ref.close();
  // Cases that hold a lane for a settle-delete cycle (twice when the SDK pass creates again); shared-source
  // cases run on the first function, one lane per source, beside the other lanes.
  // Only the cases that did make a mapping (or staged one first) hold a lane for a cycle; cases not run for
  // want of a resource, and invalid ones the target refused, do not.
  const made = (c: Report['cases'][number]) => (c.observed.status !== undefined && c.observed.status >= 200 && c.observed.status < 300) || c.scenario !== 'create';
  const creating = report.cases.filter((c) => !(c.observed.problem ?? '').startsWith('not run') && made(c));
  const cycle = (AWS_LATENCY.settleMs + AWS_LATENCY.deleteMs) * scale;
  const cycles = (c: Report['cases'][number]) => (c.transport === 'raw+sdk' ? 2 : 1);
  const perSource = Math.max(1, functionNames.length - 1);
  const sum = (cases: Report['cases'], key: (c: Report['cases'][number]) => string) => {
    const by = new Map<string, number>();
    for (const c of cases) by.set(key(c), (by.get(key(c)) ?? 0) + cycles(c));
    return [...by.values()];
  };
  const source = (c: Report['cases'][number]) => String(c.request.body?.EventSourceArn ?? '');
  const lanesPath = sum(creating.filter((c) => c.scenario !== 'shared-source'), source).map((n) => Math.ceil(n / perSource) * cycle);
  const sharedPath = sum(creating.filter((c) => c.scenario === 'shared-source'), source).map((n) => n * cycle);
  const laneMs = Math.max(0, ...lanesPath, ...sharedPath);
  const rateMs = ((requests - AWS_LATENCY.burst) / (AWS_LATENCY.ratePerSecond / scale)) * 1000;
  return {
    scale, wallMs, laneMs, rateMs, criticalMs: Math.max(laneMs, rateMs), requests, throttledAnswers,
    // Inconclusive because throttled: the last answer a 429 (cases not run for want of a resource are not counted).
    throttledVerdicts: report.cases.filter((c) => c.verdict === 'inconclusive' && (c.observed.status === 429 || /429|throttl/i.test(c.sdk?.detail ?? ''))).length,
    notRun: report.cases.filter((c) => (c.observed.problem ?? '').startsWith('not run')).length, cases: report.cases.length,
    creating: creating.length, lanes: perSource * 2, exitCode: report.exitCode, counts: report.counts,
  };
}
