/** Whether a run may be certified, and whether a certificate still matches the report it names. */
import type { Report } from '../engine/report-types.ts';
import { leaves } from './canonical-json.ts';
import { buildCertificate, certificateDigest, effectiveLevel, type Certificate } from './certificate.ts';
import { tally, VERDICT_ORDER } from './text.ts';

export interface EligibilityOptions {
  /** The fixed number of random runs a certifying run must have at least. */
  minRuns: number;
  /** The suite version issuing the certificate; the report must come from it. */
  suiteVersion?: string;
}

export interface Verification {
  ok: boolean;
  problems: string[];
}

/** The reasons this run cannot be certified (empty: it can). */
export function certificateEligibility(report: Report, opts: EligibilityOptions): string[] {
  const reasons: string[] = [];
  const { only, skip, runs } = report.run;
  if (only.length > 0) reasons.push(`the run was limited to some rules (only: ${only.join(', ')})`);
  if (skip.length > 0) reasons.push(`the run skipped rules (skip: ${skip.join(', ')})`);
  // A waived case hides its failures: judge by the level of the failures that decided it.
  const waived = report.cases.filter((c) => c.waiver !== undefined && effectiveLevel(c) === 'MUST');
  if (waived.length > 0) {
    const rules = [...new Set(waived.map((c) => c.rule))];
    reasons.push(`${waived.length} MUST case(s) are waived (rules: ${rules.join(', ')})`);
  }
  if (runs < opts.minRuns) reasons.push(`the run had ${runs} random runs, fewer than the ${opts.minRuns} required`);
  if (opts.suiteVersion !== undefined && opts.suiteVersion !== report.suite.version) {
    reasons.push(`the report comes from suite ${report.suite.version}, not ${opts.suiteVersion}`);
  }
  if (report.target.kind === 'replay') reasons.push('the run replayed recorded exchanges instead of asking a live target');
  return reasons;
}

/** The report's own sums must agree with its cases, or someone edited it. */
function reportConsistency(report: Report): string[] {
  const problems: string[] = [];
  const counts = tally(report.cases.map((c) => c.verdict));
  for (const v of VERDICT_ORDER) {
    if ((report.counts[v] ?? 0) !== (counts[v] ?? 0)) {
      problems.push(`report counts.${v} is ${report.counts[v] ?? 0} but its cases give ${counts[v] ?? 0}`);
    }
  }
  return problems;
}

function fieldProblems(cert: Certificate, expected: Certificate): string[] {
  const { digest: _a, ...have } = cert;
  const { digest: _b, ...want } = expected;
  const a = leaves(have);
  const b = leaves(want);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((p) => a.get(p) !== b.get(p))
    .map((p) => `${p}: certificate has ${a.get(p) ?? '(nothing)'}, the report gives ${b.get(p) ?? '(nothing)'}`);
}

/** Recomputes the certificate from the report and compares every field and the digest. */
export function verifyCertificate(cert: Certificate, report: Report): Verification {
  const problems = reportConsistency(report);
  const when = new Date(cert.date);
  if (typeof cert.date !== 'string' || Number.isNaN(when.getTime())) {
    return { ok: false, problems: [...problems, `certificate date ${String(cert.date)} is not a date`] };
  }
  const expected = buildCertificate(report, { suiteVersion: cert.suite?.version ?? '', now: when, ...(cert.recording ? { recording: cert.recording } : {}) });
  problems.push(...fieldProblems(cert, expected));
  if (cert.suite?.version !== report.suite.version) {
    problems.push(`certificate names suite ${cert.suite?.version}, the report comes from ${report.suite.version}`);
  }
  const { digest, ...fields } = cert;
  if (digest !== certificateDigest(fields, report)) problems.push('digest does not match the certificate fields and the report cases');
  return { ok: problems.length === 0, problems };
}
