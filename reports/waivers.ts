/**
 * Waivers and target deviation records: data files that turn a known, scoped deviation of one target
 * from `fail` (or `non-strict`) into `expected-fail`, with a reason and a link, until an optional date.
 *
 * A waiver matches a case when the file's target is the run's target label, its profile (if given) is
 * the run's profile, its case id (if given) is the case's, and its rule is the case's rule or the rule of
 * one of the case's failures. A case is waived when an in-force waiver names the case's own rule, or
 * when in-force waivers cover the rules of all its fail/non-strict failures (a waiver of one failure's
 * rule never hides another rule's failure). A waiver is in force through its `expires` day (UTC);
 * afterwards the case keeps its verdict and gets a `waiver-expired` failure record.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import waiverSchema from './waivers.schema.json' with { type: 'json' };
import type { CaseResult, Report } from '../engine/report-types.ts';
import type { Failure } from '../properties/types.ts';
import type { ProfileName } from '../spec/index.ts';
import { describeSchemaErrors, ReportError } from './load.ts';
import { withCases } from './summary.ts';

export interface Waiver {
  rule: string;
  case?: string;
  profile?: ProfileName;
  reason: string;
  link: string;
  expires?: string;
}

export interface WaiverFile {
  target: string;
  description?: string;
  waivers: Waiver[];
}

export interface WaiverOptions {
  /** The run's target label (report.target.label). */
  target: string;
  now: Date;
}

let compiled: ValidateFunction | undefined;

export function parseWaiverFile(data: unknown, source = 'waiver file'): WaiverFile {
  compiled ??= new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(waiverSchema);
  if (!compiled(data)) throw new ReportError('invalid', `${source} is not a valid waiver file: ${describeSchemaErrors(compiled.errors)}`);
  const file = data as WaiverFile;
  const bad = file.waivers.find((w) => w.expires !== undefined && Number.isNaN(Date.parse(`${w.expires}T00:00:00Z`)));
  if (bad) throw new ReportError('invalid', `${source}: waiver for ${bad.rule} has an impossible expires date ${bad.expires}`);
  return file;
}

export function loadWaiverFile(file: string): WaiverFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new ReportError('unreadable', `cannot read waiver file ${file}: ${err.code ?? err.message}`);
  }
  return parseWaiverFile(data, file);
}

function inForce(w: Waiver, today: string): boolean {
  return w.expires === undefined || w.expires >= today;
}

function failingRules(c: CaseResult): string[] {
  return c.failures.filter((f) => f.verdict === 'fail' || f.verdict === 'non-strict').map((f) => f.rule);
}

function matches(w: Waiver, c: CaseResult, profile: ProfileName): boolean {
  if (w.profile !== undefined && w.profile !== profile) return false;
  if (w.case !== undefined && w.case !== c.caseId) return false;
  return w.rule === c.rule || c.failures.some((f) => f.rule === w.rule);
}

/**
 * The in-force waiver that waives the case, if the matching ones cover every failing failure's rule: a
 * waiver never hides a failure of a rule it does not name (a waiver of the case's own rule included).
 */
function coveringWaiver(c: CaseResult, active: Waiver[]): Waiver | undefined {
  const rules = failingRules(c);
  const covered = rules.length > 0 && rules.every((r) => active.some((w) => w.rule === r));
  if (!covered) return undefined;
  return active.find((w) => w.rule === c.rule) ?? active.find((w) => rules.includes(w.rule));
}

function expiredRecord(c: CaseResult, w: Waiver): Failure {
  return { code: 'waiver-expired', rule: w.rule, level: c.level, path: '', args: { expires: w.expires, reason: w.reason, link: w.link }, verdict: c.verdict };
}

/** Parity mismatches that an in-force waiver names are marked waived (the score still counts them as unmatched). */
function waiveParity(c: CaseResult, waivers: Waiver[], profile: ProfileName, today: string): CaseResult {
  if (!c.parity?.some((p) => !p.ok)) return c;
  const active = waivers.filter((w) => inForce(w, today) && (w.profile === undefined || w.profile === profile) && (w.case === undefined || w.case === c.caseId));
  const parity = c.parity.map((p) => (!p.ok && active.some((w) => w.rule === p.rule) ? { ...p, waived: true } : p));
  return { ...c, parity };
}

function applyToCase(c: CaseResult, waivers: Waiver[], profile: ProfileName, today: string): CaseResult {
  if (c.verdict !== 'fail' && c.verdict !== 'non-strict') return c;
  const matching = waivers.filter((w) => matches(w, c, profile));
  const waiver = coveringWaiver(c, matching.filter((w) => inForce(w, today)));
  if (waiver) {
    const record = { reason: waiver.reason, link: waiver.link, ...(waiver.expires ? { expires: waiver.expires } : {}) };
    return { ...c, verdict: 'expected-fail', waiver: record };
  }
  const expired = matching.filter((w) => !inForce(w, today));
  return expired.length === 0 ? c : { ...c, failures: [...c.failures, ...expired.map((w) => expiredRecord(c, w))] };
}

/** A copy of the report with the waivers applied and counts, rule summaries and exit code recomputed. */
export function applyWaivers(report: Report, waiverFile: WaiverFile, opts: WaiverOptions): Report {
  if (waiverFile.target !== opts.target) return report;
  const today = opts.now.toISOString().slice(0, 10);
  const cases = report.cases.map((c) => waiveParity(applyToCase(c, waiverFile.waivers, report.profile, today), waiverFile.waivers, report.profile, today));
  return withCases(report, cases);
}
