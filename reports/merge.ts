/**
 * `merge REPORT...`: the report.json files of the shards of one run (--shard I/N) joined into the report
 * a single run would have written: the same cases in plan order, counts, per-rule summaries, incompleteness
 * parity score and exit code recomputed from them, leaks of every shard. Shards must come from one configuration (suite,
 * model, profile, seed, runs, --only/--skip, target label) and cover 1..N exactly once.
 */
import { createHash } from 'node:crypto';
import type { Report } from '../engine/report-types.ts';
import { exitCodeOf, incompleteReason, paritySummary, ruleSummaries, tally } from '../engine/summary.ts';
import type { RunConfig } from '../engine/config.ts';
import { casesOf } from '../engine/run.ts';
import { canonicalJson } from './canonical-json.ts';
import { ReportError } from './load.ts';

/** What must be equal in every shard of one run. */
function configKey(r: Report): string {
  return canonicalJson({ suite: r.suite, modelVersion: r.modelVersion, edition: r.edition ?? null, profile: r.profile, label: r.target.label ?? '', deviation: r.target.deviation ?? null, kind: r.target.kind, region: r.target.region, seed: r.run.seed, runs: r.run.runs, only: r.run.only, skip: r.run.skip, schema: r.schemaVersion, strictParity: r.parity?.strict ?? false });
}

function checkShards(named: Array<{ file: string; report: Report }>): number {
  const first = named[0]!;
  for (const n of named) {
    if (configKey(n.report) !== configKey(first.report)) throw new ReportError('invalid', `${n.file} is not a shard of the same run as ${first.file} (suite, model, profile, target, seed, runs, --only, --skip or --strict-parity differ)`);
  }
  const count = first.report.run.shard?.count ?? 1;
  const seen = new Map<number, string>();
  for (const n of named) {
    const s = n.report.run.shard ?? { index: 1, count: 1 };
    if (s.count !== count) throw new ReportError('invalid', `${n.file} is shard ${s.index}/${s.count}, but ${first.file} is of ${count} shards`);
    if (seen.has(s.index)) throw new ReportError('invalid', `${n.file} and ${seen.get(s.index)} are both shard ${s.index}/${count}`);
    seen.set(s.index, n.file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length) throw new ReportError('invalid', `shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing: a merged report must hold every case of the run`);
  return count;
}

/** The cases in the order a single run reports them (its plan, edition cases included); others (--path) after them. */
function inPlanOrder(r: Report, cases: Report['cases']): Report['cases'] {
  const config = { seed: r.run.seed, runs: r.run.runs, only: [], skip: [], caseIds: [], profile: r.profile, ...(r.edition ? { edition: r.edition.name } : {}) } as unknown as RunConfig;
  const order = new Map(casesOf(config).map((c, i) => [c.id, i]));
  const at = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...cases].sort((a, b) => at(a.caseId) - at(b.caseId) || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
}

export function mergeReports(named: Array<{ file: string; report: Report }>, command: string): Report {
  if (named.length === 0) throw new ReportError('invalid', 'merge needs at least one report.json');
  checkShards(named);
  const reports = named.map((n) => n.report);
  const first = reports[0]!;
  const ids = new Set<string>();
  for (const c of reports.flatMap((r) => r.cases)) {
    if (ids.has(c.caseId)) throw new ReportError('invalid', `case ${c.caseId} is in more than one shard`);
    ids.add(c.caseId);
  }
  const cases = inPlanOrder(first, reports.flatMap((r) => r.cases));
  const leaks = reports.flatMap((r) => r.leaks);
  const counts = tally(cases.map((c) => c.verdict));
  const incomplete = incompleteReason(cases);
  // The parity score of every shard's checks, as the single run scores them (not the first shard's).
  const parity = paritySummary(cases, first.parity?.strict ?? false);
  const started = reports.map((r) => r.run.startedAt).sort()[0]!;
  const finished = reports.map((r) => r.run.finishedAt).sort().at(-1)!;
  // A shard that was interrupted (Ctrl-C, or its target stopped answering) makes the merged run interrupted, as
  // a single run cut short is: exit 3, whichever shard it was.
  const cut = named.filter((n) => n.report.interrupted).map((n) => `shard ${n.report.run.shard?.index ?? 1}/${n.report.run.shard?.count ?? 1}: ${n.report.interrupted}`);
  const interrupted = cut.length ? cut.join('; ') : undefined;
  const { shard: _s, ...run } = first.run;
  const { interrupted: _i, incomplete: _n, ...rest } = first;
  return {
    ...rest,
    run: { ...run, runId: first.run.runId, startedAt: started, finishedAt: finished, durationMs: Math.max(0, Date.parse(finished) - Date.parse(started)), command, mergedFrom: reports.map((r) => r.run.runId) },
    counts, rules: ruleSummaries(cases), parity, cases, leaks, exitCode: interrupted ? 3 : exitCodeOf(counts, leaks.length, incomplete, parity),
    ...(incomplete ? { incomplete } : {}), ...(interrupted ? { interrupted } : {}),
  };
}

/** `sha256:<hex>` of the run's [caseId, rule, verdict] sorted by case id: equal for a merged run and a single one. */
export function verdictDigest(r: Report): string {
  const rows = r.cases.map((c) => [c.caseId, c.rule, c.verdict]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  return `sha256:${createHash('sha256').update(canonicalJson(rows)).digest('hex')}`;
}
