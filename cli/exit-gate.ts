/**
 * The process's exit code is decided before any report is written, and recorded in the report
 * (`exitCode`, `gate`), so that every output states the code the process returns: baseline mode
 * (--fail-on new-failures exits on new failures only) and a refused certification included.
 */
import type { Report } from '../engine/report-types.ts';
import { SUITE } from '../engine/report-build.ts';
import { DEFAULT_RUNS } from '../properties/plan.ts';
import { certificateEligibility, diffExitCode, diffReports, renderDiff } from '../reports/index.ts';
import type { Io } from './run-command.ts';

export interface GateInput { baseline?: Report; failOn: 'any-fail' | 'new-failures'; certify: boolean }

function baselineGate(report: Report, baseline: Report, failOn: GateInput['failOn'], io: Io): Report {
  const diff = diffReports(baseline, report);
  io.out(renderDiff(diff, 'console'));
  let code = diffExitCode(diff, failOn);
  if ((report.incomplete || report.interrupted) && code === 0) code = 3; // no new failure, but the run could not vouch for the target
  if (report.interrupted) code = 3;
  if (report.leaks.length) code = Math.max(code, 1); // a leak is never exit 0
  return { ...report, exitCode: code, gate: { ...report.gate, baseline: { mode: failOn, newFailures: diff.newFailures.length, failing: diff.currentFailures } } };
}

/** With --certify: a run that is not eligible is never exit 0. Returns the report and whether a certificate may be issued. */
function certifyGate(report: Report, io: Io): { report: Report; eligible: boolean } {
  const reasons = certificateEligibility(report, { minRuns: DEFAULT_RUNS, suiteVersion: SUITE.version });
  if (!reasons.length) return { report, eligible: true };
  io.err(`not certifiable: ${reasons.join('; ')}`);
  return { report: { ...report, exitCode: report.exitCode || 1, gate: { ...report.gate, certify: `not certifiable: ${reasons.join('; ')}` } }, eligible: false };
}

export function gateExit(report: Report, input: GateInput, io: Io): { report: Report; certifiable: boolean } {
  const gated = input.baseline ? baselineGate(report, input.baseline, input.failOn, io) : report;
  if (!input.certify) return { report: gated, certifiable: false };
  // A baseline decides the exit code; certification is still refused or issued on the run's own merits.
  const c = certifyGate(report, io);
  return { report: input.baseline ? { ...gated, ...(c.report.gate?.certify ? { gate: { ...gated.gate, certify: c.report.gate.certify } } : {}) } : c.report, certifiable: c.eligible };
}
