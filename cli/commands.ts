/** The commands besides run: serve, cleanup, diff, compare, verify. */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../reference/serve.ts';
import { cleanupAll } from '../engine/provision/teardown.ts';
import { Ledger } from '../engine/provision/ledger.ts';
import { provisioningEndpoint } from '../engine/target.ts';
import { compareReports, diffExitCode, diffReports, loadReport, renderCompareHtml, renderCompareMarkdown, renderDiff } from '../reports/index.ts';
import { maskArnAccounts, maskStrings } from '../engine/mask.ts';
import { buildRunConfig, cleanupCredentials } from './config.ts';
import { intOption, stringOption, UsageError, type Values } from './parse.ts';
import type { Io } from './run-command.ts';
import { givenOptions } from './applies.ts';
import { latencyOf } from './speed-options.ts';

export async function serveCommand(values: Values, io: Io): Promise<number> {
  const port = intOption(values, 'port', 0, 65535);
  const deviation = stringOption(values, 'deviation');
  const region = stringOption(values, 'region') ?? 'us-east-1';
  const latency = latencyOf(values, true);
  const handle = await serve({ port, region, ...(deviation ? { deviation } : {}), ...(latency ? { latency: { scale: latency.scale } } : {}) });
  io.out(`reference target listening on ${handle.url} (region ${handle.resources.region}, account ${handle.resources.account}${deviation ? `, deviation ${deviation}` : ''}${latency ? `, latency aws x${latency.scale}` : ''})`);
  io.out(`resources: ${JSON.stringify(handle.resources)}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await handle.close();
  io.out('reference target stopped');
  return 0;
}

/** cleanup --forget RUNID: drops a run's ledger entries without deleting anything (its resources are known gone). */
async function forgetRun(ledgerDir: string, runId: string, io: Io): Promise<number> {
  const ledger = new Ledger(ledgerDir);
  let entries;
  try {
    entries = await ledger.forRun(runId);
  } catch (e) {
    throw new UsageError(`--forget ${runId}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (entries.length === 0) throw new UsageError(`--forget ${runId}: the ledger ${ledgerDir} holds no run ${runId}`);
  for (const e of entries) await ledger.remove(e);
  io.out(`forgot run ${runId}: ${entries.length} ledger entr${entries.length === 1 ? 'y' : 'ies'} dropped, nothing deleted on any target`);
  return 0;
}

export async function cleanupCommand(values: Values, argv: string[], io: Io): Promise<number> {
  const config = buildRunConfig(values, argv, { validate: false, ...(io.invokedAs ? { invokedAs: io.invokedAs } : {}) });
  const forget = stringOption(values, 'forget');
  if (forget) return forgetRun(config.ledgerDir ?? '.esm-ledger', forget, io);
  const runs = await cleanupAll({
    ledgerDir: config.ledgerDir ?? '.esm-ledger', credentials: config.endpoint ? config.credentials : cleanupCredentials(config.awsProfile), log: (l) => io.err(l),
    requestTimeoutMs: config.timeoutMs, maxAttempts: config.maxAttempts,
    ...(givenOptions(argv).includes('region') ? { region: config.region } : {}),
    // Runs provisioned on real AWS are recorded under `aws` (each service has its own endpoint there).
    ...(config.endpoint ? { endpoint: provisioningEndpoint(new URL(config.endpoint)) ?? 'aws' } : {}),
  });
  let leaked = 0;
  for (const r of runs) {
    io.out(`run ${r.runId} on ${r.endpoint} (${r.region}): ${r.deleted.length} deleted, ${r.leaked.length} left`);
    for (const d of r.deleted) io.out(`  deleted (or already gone): ${d.kind} ${d.id}`);
    for (const l of r.leaked) io.out(`  left: ${l.entry.kind} ${l.entry.id}: ${l.error}`);
    leaked += r.leaked.length;
  }
  if (runs.length === 0) {
    const all = await new Ledger(config.ledgerDir ?? '.esm-ledger').runs();
    io.out(all.length ? `nothing to clean up for ${config.endpoint}: the ledger's ${all.length} run(s) (${all.join(', ')}) are on other endpoints` : 'nothing to clean up: the ledger is empty');
  }
  if (leaked) io.out(`what could not be deleted stays in the ledger; once it is gone by other means, drop it with: ${io.invokedAs ?? 'npx tsx runner.ts'} cleanup --forget RUNID`);
  return leaked ? 1 : 0;
}

/** --mask-account on reports of any run: every account id inside an ARN. */
export function maskedIf<T>(values: Values, value: T): T {
  return values['mask-account'] === true ? maskStrings(value, maskArnAccounts) : value;
}

export function need(positionals: string[], n: number, usage: string, io: Io): void {
  if (positionals.length < n) throw new UsageError(`${io.invokedAs ?? 'npx tsx runner.ts'} ${usage}`);
}

export function diffCommand(values: Values, positionals: string[], io: Io): number {
  need(positionals, 2, 'diff BASELINE.json CURRENT.json [--fail-on new-failures] [--json]', io);
  const diff = diffReports(loadReport(positionals[0]!), loadReport(positionals[1]!));
  const exitCode = diffExitCode(diff, stringOption(values, 'fail-on') === 'new-failures' ? 'new-failures' : 'any-fail');
  io.out(values.json ? JSON.stringify({ ...maskedIf(values, diff), exitCode }, null, 2) : maskedIf(values, renderDiff(diff, 'console')));
  return exitCode;
}

export function compareCommand(values: Values, positionals: string[], io: Io): number {
  need(positionals, 2, 'compare [LABEL=]REPORT.json [LABEL=]REPORT.json ... [--out DIR]', io);
  const reports = positionals.map((p) => {
    const [label, file] = p.includes('=') ? [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] : [p, p];
    return { label, report: loadReport(file) };
  });
  const profiles = [...new Set(reports.map((r) => r.report.profile))];
  if (profiles.length > 1) io.err(`note: the reports were judged under different profiles (${profiles.join(', ')}): the same answer can be pass in one and fail in another`);
  const matrix = compareReports(reports);
  const outDir = stringOption(values, 'out') ?? 'results';
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'compare.html'), renderCompareHtml(matrix));
  writeFileSync(join(outDir, 'compare.md'), renderCompareMarkdown(matrix));
  io.out(`compared ${reports.length} reports, ${matrix.rows.length} cases: ${join(outDir, 'compare.html')}, ${join(outDir, 'compare.md')}`);
  return 0;
}
