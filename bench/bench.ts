/**
 * The benchmark (not a test: timings vary by machine and load). Run: npx tsx bench/bench.ts [--quick]
 * Prints, side by side: the suite's request rate against the embedded reference and a bare keep-alive loop's
 * at the same concurrency and request count (goal: ratio >= 0.8 at concurrency 4 and 16), and against
 * slower targets (every answer after 1, 2 or 5 ms); generation,
 * judging (goal >= 50k cases/s) and report writing per second in process; peak RSS of the streamed
 * pipeline writing all four report files at 1k and 100k cases (10k with --quick; goal <= 1.5x); a default
 * run against `--latency aws` against its critical path (goal <= 1.3x, no throttled verdict).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compareRates, recordSuiteRequests, slowTargetRates } from './network.ts';
import { generationRate, judgingRate, realJudgingRate, writingRate } from './in-process.ts';
import { latencyRun } from './latency.ts';

const quick = process.argv.includes('--quick');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const row = (cells: Array<string | number>) => console.log(cells.map((c, i) => String(c).padStart(i === 0 ? 0 : 15).padEnd(i === 0 ? 34 : 0)).join(''));

const SLOW_MS = quick ? [2] : [1, 2, 5];

async function network(): Promise<void> {
  const runs = quick ? 50 : 200;
  const recordings = new Map<number, Awaited<ReturnType<typeof recordSuiteRequests>>>();
  console.log(`\n1. requests per second against the embedded reference (runs=${runs}, SDK pass off), best of ${quick ? 1 : 3}`);
  console.log('   suite: whole run (plan, setup, cases, records) and its sending phase (first to last request)');
  console.log('   bare: one cheap request (404) repeated; same: the run\'s own requests sent again unsigned (the goal\'s baseline);');
  console.log('   transport: the same requests through the suite\'s sender alone (SigV4, timeout, abort signal; no judging, no records)');
  row(['concurrency', 'requests', 'suite /s', 'sending /s', 'bare /s', 'same /s', 'transport /s', 'vs bare', 'vs same', 'transport/same', 'goal']);
  for (const c of [4, 16]) {
    const recorded = await recordSuiteRequests(runs, c);
    recordings.set(c, recorded);
    let best = { suite: 0, sending: 0, bare: 0, same: 0, transport: 0, differed: 0, requests: 0 };
    for (let i = 0; i < (quick ? 1 : 3); i += 1) {
      const r = await compareRates(runs, c, recorded);
      best = { suite: Math.max(best.suite, r.suite.perSecond), sending: Math.max(best.sending, r.suite.sendingPerSecond), bare: Math.max(best.bare, r.bare.perSecond), same: Math.max(best.same, r.same.perSecond), transport: Math.max(best.transport, r.transport.perSecond), differed: Math.max(best.differed, r.same.differed, r.transport.differed), requests: r.suite.requests };
    }
    row([`${c}`, best.requests, fmt(best.suite), fmt(best.sending), fmt(best.bare), fmt(best.same), fmt(best.transport), (best.suite / best.bare).toFixed(2), (best.suite / best.same).toFixed(2), (best.transport / best.same).toFixed(2), '>= 0.80']);
    if (best.differed > 0) console.log(`   warning: ${best.differed} replayed requests met another answer than in the run: the baselines did other work`);
  }
  console.log(`\n1b. the same against slower targets: the reference answers every request S ms after it arrives (a target on another machine)`);
  row(['concurrency / service ms', 'requests', 'suite /s', 'same /s', 'vs same', 'same max /s']);
  for (const c of quick ? [4] : [4, 16]) {
    for (const ms of SLOW_MS) {
      const r = await slowTargetRates(runs, c, recordings.get(c)!, ms);
      // The most any client can send at this concurrency: every slot busy, each request taking exactly S ms.
      row([`${c} / ${ms}`, r.suite.requests, fmt(r.suite.perSecond), fmt(r.same.perSecond), r.ratio.toFixed(2), fmt((c * 1000) / ms)]);
      if (r.same.differed > 0) console.log(`   warning: ${r.same.differed} replayed requests met another answer than in the run`);
    }
  }
}

async function inProcess(): Promise<void> {
  console.log('\n2. in process (no network), cases per second');
  const g = generationRate(200);
  row(['generate: default plan (runs=200)', `${g.cases.length} cases`, fmt(g.perSecond)]);
  const real = await realJudgingRate(200);
  row(['judge: a run\'s own answers', `${real.cases} cases`, fmt(real.perSecond), '   goal >= 50,000']);
  row(['judge: synthetic (202 mapping or 400)', '', fmt(judgingRate(g.cases))]);
  const w = writingRate(g.cases);
  row(['record + write json/junit/html/md', '', fmt(w.perSecond), `   first (cold) pass ${fmt(w.cold)}`]);
}

function rss(): void {
  const many = quick ? 10_000 : 100_000;
  const label = `${many / 1000}k`;
  console.log('\n3. peak RSS of the streamed pipeline (generate -> judge -> record -> report.json, junit.xml, report.html, summary.md), MB');
  const child = fileURLToPath(new URL('./rss-child.ts', import.meta.url));
  const one = (n: number, heap: string[]) => JSON.parse(execFileSync(process.execPath, [...heap, '--import', 'tsx', child, String(n)], { encoding: 'utf8' })) as { cases: number; ms: number; maxRssMB: number; filesMB: number };
  row(['heap', '1k cases', `${label} cases`, 'ratio', `${label} /s`, `${label} files`]);
  for (const [name, heap] of [['node default', []], ['capped (64 MB old space)', ['--max-old-space-size=64', '--max-semi-space-size=2']]] as const) {
    const a = one(1000, [...heap]);
    const b = one(many, [...heap]);
    row([name, a.maxRssMB.toFixed(0), b.maxRssMB.toFixed(0), (b.maxRssMB / a.maxRssMB).toFixed(2), fmt((b.cases / b.ms) * 1000), `${fmt(b.filesMB)} MB`]);
  }
}

async function latency(): Promise<void> {
  const scale = 0.05;
  console.log(`\n4. a default run against --latency aws (scale ${scale}: delays x${scale}, rate /${scale}) vs its critical path`);
  const r = await latencyRun(scale);
  row(['wall / critical path', `${fmt(r.wallMs)} ms`, `${fmt(r.criticalMs)} ms`, (r.wallMs / r.criticalMs).toFixed(2), '   goal <= 1.30']);
  row(['lanes / cases that made mappings / cases / not run', r.lanes, r.creating, r.cases, r.notRun]);
  row(['requests / 429 answers / throttled verdicts', r.requests, r.throttledAnswers, r.throttledVerdicts]);
  row(['at scale 1 (real time) that is about', `${fmt(r.wallMs / scale / 1000)} s`, `exit ${r.exitCode}`]);
}

await network();
await inProcess();
rss();
await latency();
