/**
 * Conformance certificates: a JSON statement of what one run showed, bound to the run's cases by a
 * sha256 digest. The digest gives integrity (any change to a field, a count or a case verdict is
 * detected by verifyCertificate), not authenticity: anyone can recompute it; sign the file if you need that.
 *
 * Grades, from the case verdicts:
 * - not-conformant: any case `fail` (a fail is a broken MUST, whatever the case's level), or any MUST-level
 *   `expected-fail` (a waived MUST is still a broken MUST: waivers gate CI, they do not certify).
 * - incomplete: otherwise, if a MUST-level case is `inconclusive` or `error`, the run had no cases, or it
 *   ended with exit 2 or 3: the run cannot vouch for every MUST.
 * - conformant-with-should-deviations: otherwise, if any case is `non-strict` or a SHOULD-level case is
 *   `expected-fail`.
 * - conformant: none of the above.
 * Issue a certificate only for an eligible run (certificateEligibility returns no reasons).
 */
import { createHash } from 'node:crypto';
import type { Report } from '../engine/report-types.ts';
import type { Level, ProfileName } from '../spec/index.ts';
import type { Verdict } from '../properties/types.ts';
import { canonicalJson } from './canonical-json.ts';
import { VERDICT_ORDER } from './text.ts';

export const CERTIFICATE_VERSION = '1';

export type Grade = 'conformant' | 'conformant-with-should-deviations' | 'not-conformant' | 'incomplete';
export type FullCounts = Record<Verdict, number>;

export interface Certificate {
  certificateVersion: string;
  suite: { name: string; version: string };
  modelVersion: string;
  /** The model edition the certified run checked, with its file's sha256 (spec/editions/index.json). */
  edition?: { name: string; sha256: string };
  profile: ProfileName;
  target: { label?: string; endpoint: string; kind: Report['target']['kind']; region: string };
  run: { runId: string; seed: number; runs: number; startedAt: string; finishedAt: string; exitCode: number };
  /** When the certificate was issued (ISO 8601). */
  date: string;
  cases: number;
  counts: Record<Level, FullCounts>;
  grade: Grade;
  gradeReasons: string[];
  /** Parity with AWS's recorded values (spec/parity.json), scored apart from the grade unless strict. */
  parity: { score: number; checked: number; matched: number; strict: boolean };
  /**
   * What the certificate proves: a self-attested run. The suite's operator ran it and reports what it saw;
   * with `recording`, a third party can re-judge the recorded answers (`verify --recording DIR`).
   */
  attestation: string;
  /** The digest of the recorded exchanges the verdicts were judged from (`--certify --record DIR`). */
  recording?: { digest: string; cases: number };
  /** `sha256:<hex>` over the canonical JSON of { certificate fields except digest, [caseId, rule, verdict] sorted by caseId }. */
  digest: string;
}

export interface CertificateOptions {
  suiteVersion: string;
  now: Date;
  recording?: { digest: string; cases: number };
}

export const ATTESTATION = 'self-attested: the operator of this run states these verdicts; the digest detects later edits, not a false run. '
  + 'With a recording digest, verify --recording DIR re-judges the recorded answers with the suite and checks them against these verdicts.';

function emptyCounts(): FullCounts {
  return Object.fromEntries(VERDICT_ORDER.map((v) => [v, 0])) as FullCounts;
}

/**
 * The level that decided a case: with failing failures (fail or non-strict, waived ones included), MUST
 * if any of them is a MUST, else SHOULD; without, the level of the case's own rule.
 */
export function effectiveLevel(c: Report['cases'][number]): Level {
  const deciding = c.failures.filter((f) => f.verdict === 'fail' || f.verdict === 'non-strict');
  if (deciding.length === 0) return c.level;
  return deciding.some((f) => f.level === 'MUST') ? 'MUST' : 'SHOULD';
}

export function levelCounts(report: Report): Record<Level, FullCounts> {
  const counts: Record<Level, FullCounts> = { MUST: emptyCounts(), SHOULD: emptyCounts() };
  for (const c of report.cases) counts[effectiveLevel(c)][c.verdict]++;
  return counts;
}

/** The grade and the facts that decided it. */
export function gradeOf(counts: Record<Level, FullCounts>, exitCode: number): { grade: Grade; reasons: string[] } {
  const { MUST: m, SHOULD: s } = counts;
  const fails = m.fail + s.fail;
  if (fails > 0 || m['expected-fail'] > 0) {
    const reasons = [`${fails} case(s) fail`, `${m['expected-fail']} MUST case(s) waived as expected-fail`];
    return { grade: 'not-conformant', reasons: reasons.filter((r) => !r.startsWith('0 ')) };
  }
  const total = VERDICT_ORDER.reduce((n, v) => n + m[v] + s[v], 0);
  const unjudged = m.inconclusive + m.error;
  if (unjudged > 0 || total === 0 || exitCode === 2 || exitCode === 3) {
    const reasons = [`${unjudged} MUST case(s) inconclusive or in error`, total === 0 ? 'the run has no cases' : '', exitCode >= 2 ? `the run ended with exit ${exitCode}` : ''];
    return { grade: 'incomplete', reasons: reasons.filter((r) => r !== '' && !r.startsWith('0 ')) };
  }
  const deviations = m['non-strict'] + s['non-strict'] + s['expected-fail'];
  if (deviations > 0) return { grade: 'conformant-with-should-deviations', reasons: [`${deviations} SHOULD deviation(s) (non-strict or waived)`] };
  return { grade: 'conformant', reasons: [] };
}

/** sha256 over the certificate's own fields (digest excluded) and the run's (caseId, rule, verdict) list. */
export function certificateDigest(fields: Omit<Certificate, 'digest'>, report: Report): string {
  const cases = report.cases.map((c) => [c.caseId, c.rule, c.verdict])
    .sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : (a[0] ?? '') > (b[0] ?? '') ? 1 : 0));
  return `sha256:${createHash('sha256').update(canonicalJson({ certificate: fields, cases })).digest('hex')}`;
}

export function buildCertificate(report: Report, opts: CertificateOptions): Certificate {
  const counts = levelCounts(report);
  const { grade, reasons } = gradeOf(counts, report.exitCode);
  const t = report.target;
  const r = report.run;
  const fields: Omit<Certificate, 'digest'> = {
    certificateVersion: CERTIFICATE_VERSION,
    suite: { name: report.suite.name, version: opts.suiteVersion },
    modelVersion: report.modelVersion,
    ...(report.edition ? { edition: { name: report.edition.name, sha256: report.edition.sha256 } } : {}),
    profile: report.profile,
    target: { ...(t.label !== undefined ? { label: t.label } : {}), endpoint: t.endpoint, kind: t.kind, region: t.region },
    run: { runId: r.runId, seed: r.seed, runs: r.runs, startedAt: r.startedAt, finishedAt: r.finishedAt, exitCode: report.exitCode },
    date: opts.now.toISOString(),
    cases: report.cases.length,
    counts,
    grade,
    gradeReasons: reasons,
    parity: { score: report.parity.score, checked: report.parity.checked, matched: report.parity.matched, strict: report.parity.strict },
    attestation: ATTESTATION,
    ...(opts.recording ? { recording: opts.recording } : {}),
  };
  return { ...fields, digest: certificateDigest(fields, report) };
}

export { certificateEligibility, verifyCertificate, type EligibilityOptions, type Verification } from './certificate-verify.ts';
export { renderCertificateHtml } from './certificate-html.ts';
