/** The main job: run the suite against a target, apply waivers, write the reports, compare with a baseline, certify. */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSuite, InterruptedError, selectedCases } from '../engine/run.ts';
import type { Report } from '../engine/report-types.ts';
import { SUITE } from '../engine/report-build.ts';
import {
  applyWaivers, buildCertificate, certificateEligibility, diffExitCode, diffReports, loadReport, loadWaiverFile,
  renderCertificateHtml, renderDiff, recordingDigest, type ConsoleOptions, writeReports, type ReportFormat, REPORT_FORMATS, type WaiverFile,
} from '../reports/index.ts';
import { DEFAULT_RUNS } from '../properties/plan.ts';
import { DEVIATION_NAMES } from '../reference/deviations.ts';
import { buildRunConfig } from './config.ts';
import { intOption, listOption, stringOption, UsageError, type Values } from './parse.ts';
import { progressLine } from './progress.ts';
import type { AwsSources } from './aws-env.ts';
import { useColor } from './color.ts';
import { maskArnAccounts } from '../engine/mask.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** stderr is a terminal (the progress line). */
  isTty: boolean;
  /** stdout is a terminal (colours of the console report, which goes to stdout). */
  outIsTty?: boolean;
  /** How the suite was started, the start of every command it prints (default `npx tsx runner.ts`). */
  invokedAs?: string;
  env?: NodeJS.ProcessEnv;
  /** Where region and endpoint came from (set by main), for error lines. */
  sources?: AwsSources;
}

export function formatsOf(values: Values): ReportFormat[] {
  const f = listOption(values, 'format');
  const bad = f.filter((x) => !REPORT_FORMATS.includes(x as ReportFormat));
  if (bad.length) throw new UsageError(`unknown --format ${bad.join(', ')} (known: ${REPORT_FORMATS.join(', ')})`);
  return f as ReportFormat[];
}

/** `--out -`: report.json on stdout and no files; the console report and every note go to stderr. */
function stdoutMode(values: Values, argv: string[]): boolean {
  if (stringOption(values, 'out') !== '-') return false;
  if (values.certify) throw new UsageError('--out - writes no files, but --certify writes certificate.json: give --out DIR');
  const explicit = argv.some((a) => a === '--format' || a.startsWith('--format='));
  if (explicit && formatsOf(values).some((f) => f !== 'json' && f !== 'console')) throw new UsageError('--out - prints report.json on stdout: only --format json and console apply');
  return true;
}

function consoleOptions(values: Values, io: Io): ConsoleOptions {
  if (values.quiet && values.verbose) throw new UsageError('--quiet and --verbose exclude each other');
  const mode = values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'default';
  return { color: useColor(values, io.env ?? process.env, io.outIsTty === true), mode, maxGroups: intOption(values, 'max-failures', 0, 100_000) };
}

/** The input files of a run, read before anything is sent: a missing or invalid file is a usage error. */
interface Inputs { waivers?: WaiverFile; baseline?: Report }

function readInputs(values: Values, argv: string[]): Inputs {
  const waivers = stringOption(values, 'waivers');
  const baseline = stringOption(values, 'baseline');
  if (!baseline && argv.some((a) => a === '--fail-on' || a.startsWith('--fail-on='))) throw new UsageError('--fail-on applies to --baseline only');
  return { ...(waivers ? { waivers: loadWaiverFile(waivers) } : {}), ...(baseline ? { baseline: loadReport(baseline) } : {}) };
}

function withWaivers(report: Report, file: WaiverFile | undefined, io: Io): Report {
  if (!file) return report;
  const target = report.target.label ?? report.target.endpoint;
  if (file.target !== target) {
    io.err(`note: the waivers are for target ${JSON.stringify(file.target)}, this run's target is ${JSON.stringify(target)}: none applies (set --target-label ${file.target})`);
    return report;
  }
  const waived = applyWaivers(report, file, { target, now: new Date() });
  const covers = (w: WaiverFile['waivers'][number]) => (c: Report['cases'][number]) =>
    (w.case === undefined || w.case === c.caseId)
    && ((c.waiver !== undefined && (c.rule === w.rule || c.failures.some((f) => f.rule === w.rule))) || (c.parity ?? []).some((p) => p.waived && p.rule === w.rule));
  const unused = file.waivers.filter((w) => !waived.cases.some(covers(w)));
  if (unused.length) io.err(`note: ${unused.length} waiver(s) matched no failing case: ${unused.map((w) => w.rule).join(', ')}`);
  return waived;
}

function certify(report: Report, outDir: string, io: Io, recordDir: string | undefined): number {
  const reasons = certificateEligibility(report, { minRuns: DEFAULT_RUNS, suiteVersion: SUITE.version });
  if (reasons.length) {
    io.err(`not certifiable: ${reasons.join('; ')}`);
    return report.exitCode || 1;
  }
  const cert = buildCertificate(report, { suiteVersion: SUITE.version, now: new Date(), ...(recordDir ? { recording: recordingDigest(recordDir) } : {}) });
  writeFileSync(join(outDir, 'certificate.json'), `${JSON.stringify(cert, null, 2)}\n`);
  writeFileSync(join(outDir, 'certificate.html'), renderCertificateHtml(cert));
  io.out(`certificate: ${cert.grade} (${join(outDir, 'certificate.json')})`);
  if (!recordDir) io.err('note: a self-attested certificate; with --record DIR it also carries the digest of the exchanges, so that others can re-judge them (verify --recording DIR)');
  return report.exitCode;
}

function baselineExit(report: Report, baseline: Report | undefined, values: Values, io: Io): number | undefined {
  if (!baseline) return undefined;
  const diff = diffReports(baseline, report);
  io.out(renderDiff(diff, 'console'));
  const code = diffExitCode(diff, stringOption(values, 'fail-on') === 'new-failures' ? 'new-failures' : 'any-fail');
  if (report.incomplete && code === 0) return 3; // no new failure, but the run could not vouch for the target
  return report.leaks.length ? Math.max(code, 1) : code; // a leak is never exit 0
}

/**
 * The output folder is made and tried before anything is sent: a run is not lost for want of a place to
 * write. Returns how to undo it: a folder this run made is removed again if the run ends without reports.
 */
function prepareOut(outDir: string): () => void {
  const existed = existsSync(outDir);
  try {
    mkdirSync(outDir, { recursive: true });
    const probe = join(outDir, `.esm-write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    throw new UsageError(`--out ${outDir}: cannot write there (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return () => {
    if (!existed) rmSync(outDir, { recursive: true, force: true });
  };
}

export async function runCommand(values: Values, argv: string[], given: Io): Promise<number> {
  const toStdout = stdoutMode(values, argv);
  const formats: ReportFormat[] = toStdout ? ['console'] : formatsOf(values);
  const io: Io = toStdout ? { ...given, out: given.err, outIsTty: given.isTty } : given;
  const shown = consoleOptions(values, io); // --quiet/--verbose/--max-failures are checked before anything is sent
  const deviation = stringOption(values, 'deviation');
  if (deviation && !DEVIATION_NAMES.includes(deviation as never)) throw new UsageError(`unknown --deviation ${deviation} (known: ${DEVIATION_NAMES.join(', ')})`);
  const config = buildRunConfig(values, argv, { ...(io.invokedAs ? { invokedAs: io.invokedAs } : {}), ...(io.sources ? { sources: io.sources } : {}) });
  const inputs = readInputs(values, argv);
  const outDir = stringOption(values, 'out') ?? 'results';
  if (!config.replayDir) selectedCases(config); // a filter that selects nothing is refused before any folder is made
  const undoOut = formats.some((f) => f !== 'console') || values.certify ? prepareOut(outDir) : () => undefined;
  const controller = new AbortController();
  // The listener stays for the whole run: npx and tsx relay the same Ctrl-C a second time, and a process
  // with no listener left would die before it cleaned up. Later signals only repeat that cleanup is under way.
  let signals = 0;
  const onSignal = () => {
    signals += 1;
    if (signals === 1) io.err('\nstopping: finishing requests in flight and deleting what the run created…');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let report: Report;
  try {
    report = await runSuite({ ...config, signal: controller.signal, log: (l) => io.err(config.maskAccount ? maskArnAccounts(l) : l), ...(io.isTty ? { onProgress: (d, t) => io.err(progressLine(d, t)) } : {}) });
  } catch (e) {
    undoOut(); // no report will be written: leave no empty folder behind
    if (e instanceof InterruptedError) { io.err(e.message); return 3; }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (io.isTty) io.err('\n');
  report = withWaivers(report, inputs.waivers, io);
  const written = writeReports(report, outDir, formats, shown);
  if (written.console) io.out(written.console);
  if (toStdout) given.out(JSON.stringify(report, null, 2));
  const files = Object.values(written.paths);
  if (files.length) io.out(`reports: ${files.join(', ')}`);
  const fromBaseline = baselineExit(report, inputs.baseline, values, io);
  const certified = values.certify ? certify(report, outDir, io, config.recordDir) : undefined;
  return fromBaseline ?? certified ?? report.exitCode;
}
