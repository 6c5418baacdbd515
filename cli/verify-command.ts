/**
 * verify CERTIFICATE REPORT [--recording DIR] [--json]: the certificate against its report (fields, counts,
 * digest) and, with --recording, against the recorded exchanges: their digest must be the certificate's,
 * and the recorded answers, judged again by this suite (a replay, offline), must give the report's verdicts.
 */
import { readFileSync } from 'node:fs';
import { runSuite } from '../engine/run.ts';
import { loadReport, recordingDigest, rejudgeProblems, ReportError, verifyCertificate } from '../reports/index.ts';
import type { Certificate } from '../reports/certificate.ts';
import type { Report } from '../engine/report-types.ts';
import { buildRunConfig } from './config.ts';
import { need } from './commands.ts';
import { parseCommandLine, stringOption, UsageError, type Values } from './parse.ts';
import type { Io } from './run-command.ts';

function readCertificate(file: string): Certificate {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ReportError('unreadable', `cannot read certificate ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  // Another file given in its place (a report.json first) is the user's input, not a certificate that fails.
  const c = value as Partial<Certificate> | null;
  if (c === null || typeof c !== 'object' || typeof c.grade !== 'string' || typeof c.digest !== 'string') {
    throw new ReportError('invalid', `${file} is not a certificate (no grade and digest): give the certificate first, then its report.json`);
  }
  return value as Certificate;
}

/** Replays the recording with the suite's judge: the verdicts its answers give today. */
async function rejudge(dir: string, report: Report, io: Io): Promise<Report> {
  // A recording made before recordings kept their edition does not name it: the report does (and the certificate digests it).
  const argv = ['--replay', dir, '--no-shrink', ...(report.edition ? ['--edition', report.edition.name] : [])];
  const config = buildRunConfig(parseCommandLine(argv).values, argv, { ...(io.invokedAs ? { invokedAs: io.invokedAs } : {}) });
  return runSuite({ ...config, log: () => undefined });
}

async function recordingProblems(cert: Certificate, report: Report, dir: string, io: Io): Promise<string[]> {
  if (!cert.recording) return ['the certificate carries no recording digest (it was issued without --record): nothing to re-judge'];
  let ref;
  try {
    ref = recordingDigest(dir);
  } catch (e) {
    throw new UsageError(`--recording ${dir}: ${(e as Error).message.split('\n')[0]}`); // a missing or foreign folder is the user's input
  }
  if (ref.digest !== cert.recording.digest) return [`the recording in ${dir} has digest ${ref.digest}, the certificate names ${cert.recording.digest}`];
  return rejudgeProblems(report, await rejudge(dir, report, io));
}

export async function verifyCommand(values: Values, positionals: string[], io: Io): Promise<number> {
  need(positionals, 2, 'verify CERTIFICATE.json REPORT.json [--recording DIR] [--json]', io);
  const cert = readCertificate(positionals[0]!);
  const report = loadReport(positionals[1]!);
  const v = verifyCertificate(cert, report);
  const dir = stringOption(values, 'recording');
  const problems = [...v.problems, ...(dir ? await recordingProblems(cert, report, dir, io) : [])];
  const ok = problems.length === 0;
  if (values.json) {
    io.out(JSON.stringify({ ok, grade: cert.grade, digest: cert.digest, recording: dir ? { dir, digest: cert.recording?.digest ?? null, rejudged: ok } : null, problems }, null, 2));
  } else if (ok) {
    io.out(`certificate verified: ${cert.grade}, digest ${cert.digest}${dir ? `; the recorded answers in ${dir} re-judge to the same verdicts` : ''}`);
  } else {
    io.out(`certificate does NOT verify:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return ok ? 0 : 1;
}
