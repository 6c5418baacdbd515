/** The main job: run the suite against a target, apply waivers, write the reports, compare with a baseline, certify. */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { runSuite, InterruptedError, selectedCases } from '../engine/run.ts';
import { CLEANUP_GRACE_MS } from '../engine/interrupt.ts';
import type { Report } from '../engine/report-types.ts';
import { SUITE } from '../engine/report-build.ts';
import {
  applyWaivers, buildCertificate, loadReport, loadWaiverFile, renderCertificateHtml, recordingDigest, type ConsoleOptions, writeReports,
  type ReportFormat, REPORT_FORMATS, type WaiverFile,
} from '../reports/index.ts';
import { DEVIATION_NAMES } from '../reference/deviations.ts';
import { buildRunConfig } from './config.ts';
import { intOption, listOption, stringOption, UsageError, type Values } from './parse.ts';
import { progressLine } from './progress.ts';
import type { AwsSources } from './aws-env.ts';
import { useColor } from './color.ts';
import { maskArnAccounts } from '../engine/mask.ts';
import { tryFolder } from './paths.ts';
import { gateExit } from './exit-gate.ts';
import { fileURLToPath } from 'node:url';

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
  if (f.length === 0) throw new UsageError(`--format needs at least one writer (known: ${REPORT_FORMATS.join(', ')})`);
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
  return { ...(waivers ? { waivers: loadWaiverFile(shippedFixture(waivers)) } : {}), ...(baseline ? { baseline: loadReport(baseline) } : {}) };
}

/**
 * A `fixtures/targets/...` path that is not there relative to the working folder names the copy the
 * package ships (README's `--waivers fixtures/targets/moto.json` works from an installed package too).
 */
function shippedFixture(file: string): string {
  if (existsSync(file) || isAbsolute(file) || !normalize(file).startsWith(`fixtures${sep}targets${sep}`)) return file;
  let dir = fileURLToPath(new URL('.', import.meta.url));
  for (let up = 0; up < 4; up += 1) {
    const candidate = join(dir, file);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return file;
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
  // An expired waiver is named as the cause of the cases it no longer covers, not as one that matched nothing.
  const lapsed = (w: WaiverFile['waivers'][number]) => waived.cases.filter((c) => c.failures.some((f) => f.code === 'waiver-expired' && f.rule === w.rule && (w.case === undefined || w.case === c.caseId))).length;
  for (const w of file.waivers) {
    const n = lapsed(w);
    if (n) io.err(`note: the waiver for ${w.rule} expired on ${w.expires}: ${n} failing case(s) it no longer covers fail again`);
  }
  const unused = file.waivers.filter((w) => !waived.cases.some(covers(w)) && lapsed(w) === 0);
  if (unused.length) io.err(`note: ${unused.length} waiver(s) matched no failing case: ${unused.map((w) => w.rule).join(', ')}`);
  return waived;
}

/** Writes certificate.json and certificate.html (eligibility was decided by the exit gate); with --record, the recording's digest too. */
function writeCertificate(report: Report, outDir: string, io: Io, recordDir: string | undefined): void {
  const cert = buildCertificate(report, { suiteVersion: SUITE.version, now: new Date(), ...(recordDir ? { recording: recordingDigest(recordDir) } : {}) });
  writeFileSync(join(outDir, 'certificate.json'), `${JSON.stringify(cert, null, 2)}\n`);
  writeFileSync(join(outDir, 'certificate.html'), renderCertificateHtml(cert));
  io.out(`certificate: ${cert.grade} (${join(outDir, 'certificate.json')})`);
  if (!recordDir) io.err('note: a self-attested certificate; with --record DIR it also carries the digest of the exchanges, so that others can re-judge them (verify --recording DIR)');
}

/**
 * The output folder is made and tried before anything is sent: a run is not lost for want of a place to
 * write. Returns how to undo it: a folder this run made is removed again if the run ends without reports.
 */
function prepareOut(outDir: string): () => void {
  return tryFolder('--out', outDir);
}

/** The same Ctrl-C often arrives twice at once (the terminal's, and npx's or tsx's relay): one within this window counts once. */
const SAME_SIGNAL_MS = 500;

/**
 * A first Ctrl-C or SIGTERM stops sending and cleans up (bounded, see engine/interrupt.ts); a second one
 * abandons the cleanup: what is left is reported and kept in the ledger. The listeners stay for the whole
 * run: a process with no listener left would die before it cleaned up.
 */
function interruptHandler(io: Io): { signal: AbortSignal; cleanupSignal: AbortSignal; dispose(): void } {
  const stop = new AbortController();
  const abandon = new AbortController();
  let first = 0;
  const onSignal = () => {
    const now = Date.now();
    if (!first) {
      first = now;
      io.err(`\nstopping: no new requests; deleting what the run created (at most ${CLEANUP_GRACE_MS / 1000} s; press Ctrl-C again to skip the cleanup)…`);
      stop.abort();
    } else if (now - first > SAME_SIGNAL_MS && !abandon.signal.aborted) {
      io.err('\nskipping the cleanup: what is left is listed in the report and kept in the ledger (`npx tsx runner.ts cleanup` deletes it)');
      abandon.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: stop.signal, cleanupSignal: abandon.signal,
    dispose: () => { process.off('SIGINT', onSignal); process.off('SIGTERM', onSignal); },
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
  // The recording and the ledger are tried at the start too: a run must not fail for them after every case ran.
  try {
    // Tried and, if made, removed again: the recorder and the ledger make them when they write.
    if (config.recordDir) tryFolder('--record', config.recordDir)();
    if (config.provision) tryFolder('--ledger', config.ledgerDir ?? '.esm-ledger')();
  } catch (e) {
    undoOut();
    throw e;
  }
  const stop = interruptHandler(io);
  let report: Report;
  try {
    report = await runSuite({ ...config, signal: stop.signal, cleanupSignal: stop.cleanupSignal, log: (l) => io.err(config.maskAccount ? maskArnAccounts(l) : l), ...(io.isTty ? { onProgress: (d, t) => io.err(progressLine(d, t)) } : {}) });
  } catch (e) {
    undoOut(); // no report will be written: leave no empty folder behind
    if (e instanceof InterruptedError) { io.err(e.message); return 3; }
    throw e;
  } finally {
    stop.dispose();
  }
  if (io.isTty) io.err('\n');
  if (report.interrupted) io.err(report.interrupted);
  report = withWaivers(report, inputs.waivers, io);
  const failOn = stringOption(values, 'fail-on') === 'new-failures' ? 'new-failures' : 'any-fail';
  const gated = gateExit(report, { ...(inputs.baseline ? { baseline: inputs.baseline } : {}), failOn, certify: values.certify === true }, io);
  report = gated.report;
  const written = writeReports(report, outDir, formats, shown);
  if (written.console) io.out(written.console);
  if (toStdout) given.out(JSON.stringify(report, null, 2));
  const files = Object.values(written.paths);
  if (files.length) io.out(`reports: ${files.join(', ')}`);
  if (gated.certifiable) writeCertificate(report, outDir, io, config.recordDir);
  return report.exitCode;
}
