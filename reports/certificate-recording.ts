/**
 * A certificate's link to the exchanges it was judged from: the sha256 of the recording (`--record DIR`),
 * and the check that the recorded answers, judged again by the suite's own judge (a replay), give the
 * verdicts the report and so the certificate state. The judging is done by the caller (engine replay);
 * this file only digests and compares.
 */
import { createHash } from 'node:crypto';
import type { Report } from '../engine/report-types.ts';
import { loadRecording } from '../engine/record/format.ts';
import { canonicalJson } from './canonical-json.ts';

export interface RecordingRef { digest: string; cases: number }

/** sha256 over the recording's exchanges and its settings (the recording time left out). */
export function recordingDigest(dir: string): RecordingRef {
  const { meta, file } = loadRecording(dir);
  const { recordedAt: _when, ...settings } = meta;
  const digest = createHash('sha256').update(canonicalJson({ meta: settings, cases: file.cases, outside: file.outside })).digest('hex');
  return { digest: `sha256:${digest}`, cases: Object.keys(file.cases).length };
}

/** The report's verdict a replayed verdict must equal: a waived fail (expected-fail) replays as fail. */
function agrees(reported: Report['cases'][number], replayed: Report['cases'][number]): boolean {
  if (reported.verdict === replayed.verdict) return true;
  return reported.waiver !== undefined && reported.verdict === 'expected-fail' && (replayed.verdict === 'fail' || replayed.verdict === 'non-strict');
}

/** Cases whose re-judged verdict differs from the report's, and cases only one side has. */
export function rejudgeProblems(report: Report, replayed: Report, max = 5): string[] {
  const ours = new Map(replayed.cases.map((c) => [c.caseId, c]));
  const problems: string[] = [];
  for (const c of report.cases) {
    const r = ours.get(c.caseId);
    if (!r) problems.push(`case ${c.caseId} (${c.rule}) is in the report but not in the recording`);
    else if (!agrees(c, r)) problems.push(`case ${c.caseId} (${c.rule}): the report says ${c.verdict}, the recorded answer judges ${r.verdict}`);
    ours.delete(c.caseId);
  }
  for (const r of ours.values()) problems.push(`case ${r.caseId} (${r.rule}) is in the recording but not in the report`);
  return problems.length > max ? [...problems.slice(0, max), `… and ${problems.length - max} more disagreement(s)`] : problems;
}
