/** `merge REPORT...`: joins the shard reports of one run into one report.json (and every other writer's file). */
import { loadReport, writeReports } from '../reports/index.ts';
import { mergeReports, verdictDigest } from '../reports/merge.ts';
import { formatsOf, type Io } from './run-command.ts';
import { stringOption, UsageError, type Values } from './parse.ts';

export function mergeCommand(values: Values, positionals: string[], argv: string[], io: Io): number {
  if (positionals.length < 1) throw new UsageError('npx tsx runner.ts merge SHARD-REPORT.json... [--out DIR] [--format LIST]');
  const named = positionals.map((file) => ({ file, report: loadReport(file) }));
  const report = mergeReports(named, ['npx tsx runner.ts', ...argv].join(' '));
  const outDir = stringOption(values, 'out') ?? 'results';
  const written = writeReports(report, outDir, formatsOf(values), { color: io.isTty && values['no-color'] !== true });
  if (written.console) io.out(written.console);
  const counts = Object.entries(report.counts).map(([v, n]) => `${n} ${v}`).join(', ');
  io.out(`merged ${named.length} report(s): ${report.cases.length} cases (${counts}), verdict digest ${verdictDigest(report)}; written to ${outDir}`);
  return report.exitCode;
}
