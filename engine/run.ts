/**
 * The engine: plan -> set up the target -> send -> judge -> clean up -> report.
 * Cases that create nothing are sent concurrently; the cases that create mappings run on lanes (engine/lanes.ts:
 * one (function, source) pair each, never two cases at once on a pair), lanes concurrently; a shared gate
 * bounds the requests in flight (--concurrency) and keeps under the target's request rate.
 */
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { bindingViolations, type Rule } from '../spec/index.ts';
import { PROFILE_NAMES } from '../spec/types.ts';
import { bindValue } from '../properties/bind.ts';
import { buildPlan, caseAtPath, selectCases, shardCases } from '../properties/plan.ts';
import { admitsAcceptance, expect } from '../properties/oracle.ts';
import { editionPlan } from '../properties/edition/index.ts';
import { loadEdition, loadIndex } from '../spec/editions/store.ts';
import type { Edition } from '../spec/editions/types.ts';
import { overlay } from '../spec/overlay/index.ts';
import type { Case, Resources } from '../properties/types.ts';
import { runLanes } from './lanes.ts';
import { MappingTracker, type Leak } from './cleanup.ts';
import type { RunConfig } from './config.ts';
import { executeCase, type ExecContext } from './execute.ts';
import { pool } from './pool.ts';
import { buildReport, caseResult } from './report-build.ts';
import type { CaseResult, Report } from './report-types.ts';
import { lambdaClient, setupTarget, SetupInterrupted, type Target } from './target.ts';
import { makeWire } from './wire.ts';
import { AdaptiveGate, ConfigError, isLoopback } from './transport/index.ts';
import { shrinkFailure } from './shrink.ts';
import { isKafkaSource, runFunctions, sweepMappings } from './sweep.ts';
import { cleanupGuard } from './interrupt.ts';
import { TargetHealth } from './target-health.ts';
import { caseSource, clearPair, laneTask, pairOf } from './lane.ts';
import { keepInLedger } from './leftovers.ts';
import { pathCommand } from './reproduce.ts';
import { inCase } from './record/scope.ts';
import { openTraffic, type Traffic } from './record/traffic.ts';

/** One line on what an interruption left: how far the run got and whether everything it created was deleted. */
export function interruptionText(done: number, total: number, leaks: Leak[], during: 'setup' | 'cases' = 'cases', invokedAs = 'npx tsx runner.ts'): string {
  const where = during === 'setup' ? `during setup (0 of ${total} cases run)` : `after ${done} of ${total} cases`;
  const cleanup = leaks.length
    ? `${leaks.length} resource(s) could not be deleted: they stay in the ledger, run \`${invokedAs} cleanup\``
    : 'everything the run created was deleted';
  return `interrupted ${where}; ${cleanup}`;
}

/** One line on a run whose target stopped answering: how far it got, why, and what its cleanup left. */
function lostText(why: string, answered: number, total: number, leaks: Leak[], invokedAs = 'npx tsx runner.ts'): string {
  const cleanup = leaks.length
    ? `${leaks.length} resource(s) could not be deleted: they stay in the ledger, run \`${invokedAs} cleanup\` once the target is back`
    : 'everything the run created was deleted';
  return `the target stopped answering: ${answered} of ${total} cases got an answer (${why}); the rest were not sent; ${cleanup}`;
}

export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(readonly done: number, readonly total: number, readonly leaks: Leak[], during: 'setup' | 'cases' = 'cases', invokedAs = 'npx tsx runner.ts') {
    super(interruptionText(done, total, leaks, during, invokedAs));
  }
}

/** Binds the placeholders it can; a case that names a resource the target lacks keeps its placeholders (it is not run). */
function bindOrKeep<T>(value: T, r: Target['resources']): T {
  try {
    return bindValue(value, r);
  } catch {
    return value;
  }
}

function errorResult(c: Case, message: string, config: RunConfig, target: Target, resources: Resources = target.resources): CaseResult {
  const bound = { path: c.request.path, ...(c.request.body ? { body: bindOrKeep(c.request.body, resources) } : {}) };
  return caseResult(c, {
    judgement: { verdict: 'error', failures: [] }, raw: { kind: 'network', message, attempts: 0, durationMs: 0, retried: [] },
    bound, attempts: 0, durationMs: 0,
  }, config, target.endpoint);
}

/** A case that needs a resource the target does not have is not run (and never passes): the reason, or undefined. */
function missingResource(c: Case, target: Target): string | undefined {
  if (c.scenario === 'shared-source' && target.resources.otherFunctionName === undefined) {
    return 'not run: no second function on the target (name one with --other-function-name, or use --provision)';
  }
  const text = JSON.stringify(c.request.body ?? {});
  for (const m of text.matchAll(/\{\{SOURCE_([A-Z_]+)\}\}/g)) {
    const kind = m[1]!.toLowerCase().replace(/_/g, '-');
    if (target.resources.sources?.[kind] === undefined) return `not run: no ${kind} resource on the target (name one with --source ${kind}=${kind === 'self-managed-kafka' ? 'HOST:PORT' : 'ARN'})`;
  }
  return undefined;
}

function notRunResult(c: Case, reason: string, config: RunConfig, target: Target): CaseResult {
  return { ...errorResult(c, reason, config, target), verdict: 'inconclusive' };
}

/**
 * Cases that may leave a mapping on their (function, source) pair: valid, staged, or accepted by an answer
 * of any profile, not only the run's: under `--expect seed` a target answering as AWS does today accepts
 * what the seed refuses, and that mapping must not meet another case on the pair.
 */
export function createsMapping(c: Case): boolean {
  return c.valid || c.scenario !== 'create' || PROFILE_NAMES.some((p) => admitsAcceptance(expect(c, p)));
}

/** A valid case whose bound request breaks the model means the target's resources do not fit the model: the runner's problem, not the target's. */
function bindingProblem(c: Case, resources: Resources, profile: RunConfig['profile']): string | undefined {
  if (!c.valid || !c.request.body) return undefined;
  const v = bindingViolations(bindValue(c.request.body, resources), profile);
  return v.length ? `the target's resources make this valid case break ${v.map((x) => x.rule).join(', ')}` : undefined;
}

/**
 * The resource sets (one function each) of the lanes. Recording and replaying keep one set, so that a
 * recording binds every case the same way. With more than one set, the first is kept for the cases that
 * create nothing, so that both phases run at once without meeting on a pair.
 */
function laneSets(target: Target, config: RunConfig, traffic: Traffic | undefined): { phase1: Resources; lanes: Resources[] } {
  const sets = traffic || config.recordDir ? [target.resources] : (target.sets ?? [target.resources]);
  return sets.length > 1 ? { phase1: sets[0] as Resources, lanes: sets.slice(1) } : { phase1: target.resources, lanes: sets };
}

async function runCases(cases: Case[], ctx: ExecContext, config: RunConfig, target: Target, traffic: Traffic | undefined, onDone: () => void): Promise<CaseResult[]> {
  const stop = () => config.signal?.aborted === true;
  type Outcome = { result: CaseResult; unsettled: boolean };
  const one = async (c: Case, resources: Resources, lane: boolean): Promise<Outcome> => {
    const missing = missingResource(c, target);
    const problem = missing ? undefined : bindingProblem(c, resources, config.profile);
    try {
      if (missing) return { result: notRunResult(c, missing, config, target), unsettled: false };
      if (problem) return { result: errorResult(c, problem, config, target, resources), unsettled: false };
      const exec = () => executeCase({ ...ctx, resources, ...(lane ? { wire: ctx.laneWire ?? ctx.wire } : {}) }, c);
      // The case scope (AsyncLocalStorage) only where a recording needs it: it slows every promise of the process.
      const executed = await (traffic ? inCase(c.id, exec) : exec());
      const replayProblem = traffic?.problem(c.id);
      // A replay mismatch is the recording's problem, not a doubt about the target's state.
      if (replayProblem) return { result: errorResult(c, replayProblem, config, target, resources), unsettled: false };
      return { result: caseResult(c, executed, config, target.endpoint), unsettled: executed.unsettled === true };
    } catch (e) {
      const replayProblem = traffic?.problem(c.id);
      return { result: errorResult(c, replayProblem ?? `runner error: ${(e as Error).message}`, config, target, resources), unsettled: replayProblem === undefined };
    } finally {
      onDone();
    }
  };
  // A lane clears its pair after a doubtful case (engine/lane.ts); in the next case's scope when recording,
  // so that a recording holds the clearing and its replay repeats it.
  const onLane = (suspect: boolean) => laneTask<{ resources: Resources }>({
    suspect,
    one: (c, lane) => one(c, lane.resources, true),
    clear: (c, lane) => {
      // The lane's own function (and the second one for a shared-source case): never another lane's pair.
      const pair = pairOf(c, lane.resources, c.scenario === 'shared-source' ? runFunctions(lane.resources) : [lane.resources.functionName]);
      const clear = () => clearPair(ctx.tracker.wire, ctx.tracker, pair.stream, pair.functions);
      return (traffic ? inCase(c.id, clear) : clear()).catch((e: unknown) => traffic?.problem(c.id) ?? `runner error: ${(e as Error).message}`);
    },
    notSent: (c, _lane, reason) => notRunResult(c, reason, config, target),
    // Its own "not run" reason (a source the target lacks) says more than a lane that could not clear.
    sendsNothing: (c) => missingResource(c, target) !== undefined,
  });
  const creating = (c: Case) => createsMapping(c);
  const { phase1: first, lanes: sets } = laneSets(target, config, traffic);
  // Lanes by source: a stream or queue by its ARN, a self-managed Kafka cluster by its first bootstrap server.
  const sourceOf = (c: Case) => caseSource(c, (v) => bindOrKeep(v ?? '', target.resources));
  if (sets.includes(first)) {
    // One resource set: the cases that create nothing first, then one lane per source.
    const phase1 = await pool(cases.filter((c) => !creating(c)), config.concurrency, (c) => one(c, first, false), stop);
    // A case of phase 1 that left doubt (an answer lost, a delete failed) may have left a mapping on any source.
    const lanes = await runLanes({ cases: cases.filter(creating), sets, sourceOf, limit: config.lanes ?? Number.MAX_SAFE_INTEGER }, onLane(phase1.some((r) => r.unsettled)), stop);
    return [...phase1.map((r) => r.result), ...lanes];
  }
  // Several sets, all at once: the cases that create nothing on the first set; the shared-source cases (they
  // map the second function too, which no lane uses) on the first set, one lane per source; the others on lanes.
  const shared = (c: Case) => c.scenario === 'shared-source';
  const lanePlan = { cases: cases.filter((c) => creating(c) && !shared(c)), sets, sourceOf, limit: config.lanes ?? Number.MAX_SAFE_INTEGER };
  // Phase 1 runs on the first set at the same time: its doubts concern that set's function, not the lanes'.
  const parts = await Promise.all([
    pool(cases.filter((c) => !creating(c)), config.concurrency, (c) => one(c, first, false), stop).then((rs) => rs.map((r) => r.result)),
    runLanes({ cases: cases.filter((c) => creating(c) && shared(c)), sets: [first], sourceOf, limit: config.lanes ?? Number.MAX_SAFE_INTEGER }, onLane(false), stop),
    runLanes(lanePlan, onLane(false), stop),
  ]);
  return parts.flat();
}

const SHRINK_AT_MOST = 5;
const SHRINK_BUDGET_MS = 10_000;

/** Shrinks the first few failed random cases against the target (sequentially, after every lane is done). */
async function attachShrinks(results: CaseResult[], cases: Case[], ctx: ExecContext, config: RunConfig): Promise<void> {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const failed = results.filter((r) => r.verdict === 'fail' && r.origin.source === 'random').slice(0, SHRINK_AT_MOST);
  for (const r of failed) {
    const c = byId.get(r.caseId);
    if (!c || config.signal?.aborted) continue;
    const shrunk = await shrinkFailure(c, { verdict: r.verdict, failures: r.failures }, ctx, SHRINK_BUDGET_MS);
    if (shrunk) r.shrunk = { ...shrunk, reproduce: pathCommand(shrunk.path, config) };
  }
}

/** The run's model edition, loaded once per name (spec/editions). */
const editions = new Map<string, Edition>();
export function runEdition(config: Pick<RunConfig, 'edition'>): Edition {
  const name = config.edition ?? 'aws';
  let e = editions.get(name);
  if (!e) {
    try {
      e = loadEdition(name);
    } catch (err) {
      throw new ConfigError((err as Error).message.split('\n')[0] ?? String(err));
    }
    editions.set(name, e);
  }
  return e;
}

/** The sha256 that spec/editions/index.json records for an edition's file. */
function editionDigest(name: string): string {
  return loadIndex().editions.find((x) => x.name === name)?.sha256 ?? '';
}

/** Every rule of an edition (spec/rules.json's, then the generated ones), and the edition's name. */
export function editionRulesFor(name: string): { rules: Rule[]; edition: Edition } {
  const edition = runEdition({ edition: name });
  return { rules: editionPlan(edition, overlay, runEdition({ edition: 'aws' })).rules, edition };
}

/** The cases of the run: the plan filtered by --only/--skip/--case, or exactly the random cases at --path. */
export function casesOf(config: RunConfig): Case[] {
  const extra = editionPlan(runEdition(config), overlay, runEdition({ edition: config.todayEdition ?? 'aws' }));
  if (config.casePaths?.length) {
    return config.casePaths.map((p) => {
      const c = caseAtPath(config.seed, p);
      if (!c) throw new ConfigError(`--path ${p}: no random case there`);
      return c;
    });
  }
  return shardCases(selectCases(buildPlan({ seed: config.seed, runs: config.runs, edition: extra }), config.only, config.skip, config.caseIds), config.shard);
}


/** The cases of the run; none is a configuration error (a filter that matches nothing is not a conformant run). */
export function selectedCases(config: RunConfig): Case[] {
  const cases = casesOf(config);
  if (cases.length === 0) throw new ConfigError(`no case matches --only ${config.only.join(',') || '(all)'} --skip ${config.skip.join(',') || '(none)'}${config.caseIds.length ? ` --case ${config.caseIds.join(',')}` : ''}${config.shard ? ` --shard ${config.shard.index}/${config.shard.count}` : ''}: nothing to run`);
  return cases;
}

/** Sets the target up; a Ctrl-C during setup (provisioning) is an interruption, after its teardown. */
async function setup(config: RunConfig, runId: string, total: number): Promise<Target> {
  try {
    return await setupTarget(config, runId);
  } catch (e) {
    if (e instanceof SetupInterrupted) throw new InterruptedError(0, total, e.leaks, 'setup', config.invokedAs);
    if (config.signal?.aborted) throw new InterruptedError(0, total, [], 'setup', config.invokedAs);
    throw e;
  }
}

export async function runSuite(input: RunConfig): Promise<Report> {
  // Every request in flight listens to the run's signals: hundreds at once are expected, not a leak.
  for (const signal of [input.signal, input.cleanupSignal]) if (signal) setMaxListeners(0, signal);
  const startedAt = new Date();
  const runId = randomBytes(4).toString('hex');
  // A target that stops accepting connections stops the run's sending as a Ctrl-C would, and its cleanup gets
  // the same bounded grace (engine/target-health.ts, engine/interrupt.ts).
  const gone = new AbortController();
  const signal = input.signal ? AbortSignal.any([input.signal, gone.signal]) : gone.signal;
  const guard = cleanupGuard({ signal, ...(input.cleanupSignal ? { cleanupSignal: input.cleanupSignal } : {}) });
  let traffic: Traffic | undefined;
  let target: Target | undefined;
  let completed = false;
  try {
    traffic = await openTraffic(input);
    const config: RunConfig = { ...(traffic?.config ?? input), cleanupSignal: guard.signal };
    const cases = selectedCases(config);
    target = traffic?.target ?? (await setup(config, runId, cases.length));
    traffic?.started(target);
    const report = await runOn(target, cases, config, traffic, { runId, startedAt }, { signal, gone });
    completed = true;
    return report;
  } finally {
    await traffic?.finish(target, completed);
    guard.dispose();
  }
}

/**
 * Given resources: delete any mapping of the run's functions that the tracker missed on the given sources and
 * on the Kafka clusters the run's creating cases named (a random case may name a cluster of its own), each
 * source listed once.
 */
async function sweep(target: Target, cases: readonly Case[], config: RunConfig, tracker: MappingTracker, since: Date): Promise<Leak[]> {
  const named = cases.filter((c) => createsMapping(c)).map((c) => caseSource(c, (v) => bindOrKeep(v ?? '', target.resources)));
  const clusters = [...new Set(named.filter((s) => isKafkaSource(s) && !s.includes('{{')))];
  const client = lambdaClient(target.endpoint, config, undefined, config.cleanupSignal);
  try {
    const r = await sweepMappings(client, target.sets ?? [target.resources], tracker, since, clusters);
    if (r.found) config.log?.(`cleanup: deleted ${r.found} mapping(s) of the run that were found on the given sources after the cases (function${r.functions.length > 1 ? 's' : ''} ${r.functions.join(', ')})`);
    return r.leaks;
  } finally {
    client.destroy();
  }
}

async function runOn(target: Target, cases: Case[], input: RunConfig, traffic: Traffic | undefined, meta: { runId: string; startedAt: Date }, stop: { signal: AbortSignal; gone: AbortController }): Promise<Report> {
  const health = new TargetHealth((why) => {
    config.log?.(`the target stopped answering: ${why}; no further case is sent`);
    stop.gone.abort(new Error(why));
  });
  const signal = stop.signal;
  const config: RunConfig = { ...input, signal, gate: input.gate ?? new AdaptiveGate(input.concurrency) };
  // Every lane and in-flight attempt listens to the run's signal: more than Node's default of 10 at once.
  setMaxListeners(1000, signal);
  const wireFor = (cfg: RunConfig, priority?: number) => (traffic ? traffic.wire(target.endpoint, cfg, (r) => health.observe(r)) : makeWire(target.endpoint, cfg, priority, (r) => health.observe(r)));
  // Cleanup requests go on after a first Ctrl-C, under the cleanup signal (engine/interrupt.ts).
  const tracker = new MappingTracker(wireFor({ ...config, signal: config.cleanupSignal } as RunConfig, 0));
  const sdk = config.sdk ? lambdaClient(target.endpoint, config, traffic ? (h) => traffic.sdkHandler(h) : undefined, config.signal, true) : undefined;
  const combined = !traffic && config.sdkPass !== 'separate' && (config.sdkPass === 'combined' || config.latency !== undefined || (target.kind === 'remote' && !isLoopback(target.endpoint)));
  const ctx: ExecContext = { wire: wireFor(config), laneWire: wireFor(config, 0), tracker, sdkCombined: combined, readback404: { persistent: false, inRow: 0 }, ...(config.gate ? { gate: config.gate } : {}), resources: target.resources, profile: config.profile, edition: runEdition(config), today: runEdition({ edition: config.todayEdition ?? 'aws' }), ...(sdk ? { sdk } : {}), ...(config.onJudged ? { onJudged: config.onJudged } : {}) };
  let done = 0;
  let results: CaseResult[] = [];
  const leaks: Leak[] = [];
  config.log?.(`sending ${cases.length} cases to ${target.endpoint.origin} (${target.kind})`);
  try {
    results = await runCases(cases, ctx, config, target, traffic, () => {
      done += 1;
      config.onProgress?.(done, cases.length);
    });
    if (!traffic && config.shrink !== false) await attachShrinks(results, cases, ctx, config);
  } finally {
    leaks.push(...(await tracker.deleteAll()));
    if (target.kind === 'remote' && !config.provision && !traffic) leaks.push(...(await sweep(target, cases, config, tracker, meta.startedAt)));
    sdk?.destroy();
    leaks.push(...(await target.close()));
    if (target.kind === 'remote' && !config.provision && !traffic) await keepInLedger(leaks, target, config, meta.runId);
  }
  const interrupted = health.lost !== undefined
    ? lostText(health.lost, results.filter((r) => r.observed.status !== undefined).length, cases.length, leaks, config.invokedAs)
    : config.signal?.aborted ? interruptionText(results.length, cases.length, leaks, 'cases', config.invokedAs) : undefined;
  if (interrupted && results.length === 0) throw new InterruptedError(0, cases.length, leaks, 'cases', config.invokedAs);
  const order = new Map(cases.map((c, i) => [c.id, i]));
  results.sort((a, b) => (order.get(a.caseId) ?? 0) - (order.get(b.caseId) ?? 0));
  const targetInfo: Report['target'] = { endpoint: target.endpoint.origin, kind: target.kind, region: config.region, label: target.label, ...(target.kind === 'embedded' && config.deviation ? { deviation: config.deviation } : {}) };
  const e = runEdition(config);
  const edition = { name: e.name, sha256: editionDigest(e.name), source: e.stamp.source };
  return buildReport(results, config, { ...meta, target: targetInfo, leaks, edition, account: target.resources.account, ...(interrupted ? { interrupted } : {}) });
}
