/**
 * Shared text rendering for every writer: verdict order, counts, exit meaning, outcomes, failures.
 * Failures are data (`{code, rule, path, args}`); this is where they become words.
 */
import type { CaseRequest, Failure, ParityResult, Verdict } from '../properties/types.ts';
import { VERDICTS } from '../properties/types.ts';
import type { CaseResult, ExpectedRecord, ObservedRecord, Report } from '../engine/report-types.ts';
import type { Outcome } from '../spec/index.ts';

// One definition of counting verdicts, the engine's (summary.ts); reports re-export it.
export { tally, type Counts } from '../engine/summary.ts';
import type { Counts } from '../engine/summary.ts';

/** Verdicts in report order (worst-first is not used: the order of the design doc is kept). */
export const VERDICT_ORDER: readonly Verdict[] = VERDICTS;

/** The verdicts a reader must look at: a broken MUST or a SHOULD deviation. */
export function isProblem(verdict: Verdict): boolean {
  return verdict === 'fail' || verdict === 'non-strict';
}

export function total(counts: Counts): number {
  return VERDICT_ORDER.reduce((sum, v) => sum + (counts[v] ?? 0), 0);
}

/** "pass 3, fail 1" (zero counts left out; "no cases" when empty). */
export function countsText(counts: Counts): string {
  const parts = VERDICT_ORDER.filter((v) => (counts[v] ?? 0) > 0).map((v) => `${v} ${counts[v]}`);
  return parts.length > 0 ? parts.join(', ') : 'no cases';
}


export { exitMeaning } from './exit-line.ts';

/** "parity with AWS's recorded values: 97.4% (622 of 638 checks matched)" (+ the strict mode when on). */
export function parityText(report: Pick<Report, 'parity'>): string {
  const p = report.parity;
  if (p.checked === 0) return "parity with AWS's recorded values: nothing checked";
  return `parity with AWS's recorded values: ${p.score}% (${p.matched} of ${p.checked} checks matched)${p.strict ? '; --strict-parity: mismatches fail the run' : '; scored apart: mismatches do not change the exit code without --strict-parity'}`;
}

/** The parity rules with at least one mismatch, worst first. */
export function parityMismatches(report: Pick<Report, 'parity'>): Report['parity']['rules'] {
  return report.parity.rules.filter((r) => r.matched < r.checked).sort((a, b) => (b.checked - b.matched) - (a.checked - a.matched));
}

/** One parity result as text: "parity.State.create at /State: expected \"Creating\", got \"Enabled\"". */
export function parityResultText(p: ParityResult): string {
  const at = p.path === '' ? '' : ` at ${p.path}`;
  return `${p.rule}${at}: expected ${argValueText(p.expected)}, got ${argValueText(p.got)}${p.waived ? ' (waived)' : ''}`;
}

/** "edition aws-2026-04-22 (sha256 1a2b3c4d5e6f)": the model edition the run checked. */
export function editionText(report: Pick<Report, 'edition' | 'modelVersion'>): string {
  return report.edition ? `edition ${report.edition.name} (sha256 ${report.edition.sha256.slice(0, 12)})` : `model ${report.modelVersion}`;
}

/** The rule group shown in charts: the rule id's first segment (`BatchSize`, `response`, `error`...). */
export function ruleGroup(ruleId: string): string {
  return ruleId.split('.')[0] ?? ruleId;
}

export function excerpt(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more chars)`;
}

export function compactJson(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** The request as one line: the JSON body compact, or the raw body verbatim. */
export function requestText(request: CaseRequest): string {
  const body = request.raw ?? (request.body === undefined ? '(no body)' : compactJson(request.body));
  return `POST ${request.path} ${body}`;
}

export function outcomeText(o: Outcome): string {
  const codes = o.codes && o.codes.length > 0 ? ` ${o.codes.join(' | ')}` : '';
  return `${o.status}${codes}`;
}

/** "400 ValidationException | InvalidParameterValueException, or 4xx"; "(no outcome: judged by checks)". */
export function outcomesText(outcomes: Outcome[]): string {
  return outcomes.length > 0 ? outcomes.map(outcomeText).join(', or ') : '(no fixed outcome: judged by checks)';
}

export function provenanceText(e: ExpectedRecord): string {
  const via = e.provenance.via ? ` via ${e.provenance.via}` : '';
  return `${e.provenance.source}: ${e.provenance.ref} [evidence: ${e.provenance.evidence}]${via}`;
}

export function observedText(o: ObservedRecord, max = 200): string {
  if (o.status === undefined) return `no answer${o.problem ? ` (${o.problem})` : ''}`;
  const code = o.errorCode ? ` ${o.errorCode}` : '';
  const body = o.body === '' ? '' : ` ${excerpt(o.body, max)}`;
  return `${o.status}${code}${body}`;
}

function isOutcomeList(v: unknown): v is Outcome[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'object' && x !== null && 'status' in x);
}

/** One failure argument as readable text. */
export function argValueText(value: unknown): string {
  if (typeof value === 'string') return /^[\w.:/@$-]+$/.test(value) ? value : JSON.stringify(value);
  if (isOutcomeList(value)) return outcomesText(value);
  if (value === null || typeof value !== 'object') return String(value);
  return excerpt(compactJson(value), 200);
}

/** "expected=400 ValidationException, got=202" (keys in their own order). */
export function argsText(args: Record<string, unknown>): string {
  return Object.entries(args).map(([k, v]) => `${k}=${argValueText(v)}`).join(', ');
}

/** "fail status-mismatch [BatchSize.range MUST] at /BatchSize: expected=..., got=..." */
export function failureText(f: Failure): string {
  const at = f.path === '' ? '' : ` at ${f.path}`;
  const args = Object.keys(f.args).length > 0 ? `: ${argsText(f.args)}` : '';
  return `${f.verdict} ${f.code} [${f.rule} ${f.level}]${at}${args}`;
}

/** The cases the reader must look at, in report order. */
export function problemCases(report: Report): CaseResult[] {
  return report.cases.filter((c) => isProblem(c.verdict));
}

export function targetText(report: Pick<Report, 'target'>): string {
  const label = report.target.label ? `${report.target.label} ` : '';
  return `${label}${report.target.endpoint} (${report.target.kind}, ${report.target.region})`;
}
