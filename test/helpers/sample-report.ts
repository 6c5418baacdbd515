/**
 * A realistic report.json for the report tests: eleven cases over several rules, every verdict present,
 * real rule ids from spec/, and a title full of characters that writers must escape.
 */
import { paritySummary } from '../../engine/summary.ts';
import { createHash } from 'node:crypto';
import { REPORT_SCHEMA_VERSION, type CaseResult, type ExpectedRecord, type Report, type RuleSummary } from '../../engine/report-types.ts';
import { ruleById, type Outcome } from '../../spec/index.ts';
import type { Failure, Verdict } from '../../properties/types.ts';

const PATH = '/2015-03-31/event-source-mappings/';
const FN = 'arn:aws:lambda:us-east-1:123456789012:function:esm-conf-fn';
const KINESIS = 'arn:aws:kinesis:us-east-1:123456789012:stream/esm-conf-stream';
const BASE = { FunctionName: FN, EventSourceArn: KINESIS, StartingPosition: 'LATEST' };
export const TRICKY_TITLE = 'FunctionName <script>&"quotes"\' and \u0001 control';

const SEED_INVALID: ExpectedRecord = {
  outcomes: [{ status: 400, codes: ['InvalidParameterValueException'] }],
  provenance: { source: 'seed', ref: 'API_CreateEventSourceMapping_Errors', evidence: 'seed' },
};
const AWS_INVALID: ExpectedRecord = {
  outcomes: [{ status: 400, codes: ['ValidationException', 'InvalidParameterValueException'] }],
  provenance: { source: 'aws-observed', ref: 'Errors: BatchSize 0 / 10001', evidence: 'inferred' },
  note: 'InvalidParameterValueException is acceptable (inferred, not recorded).',
};
const ACCEPTED = (source: 'seed' | 'aws-observed'): ExpectedRecord => ({
  outcomes: [{ status: 202 }],
  provenance: { source, ref: 'API_CreateEventSourceMapping_ResponseElements', evidence: source === 'seed' ? 'seed' : 'recorded' },
});

export function caseIdFor(rule: string, salt: string): string {
  return `${rule}~${createHash('sha256').update(`${rule}\n${salt}`).digest('hex').slice(0, 12)}`;
}

export interface CaseSpec {
  rule: string;
  title: string;
  verdict: Verdict;
  valid?: boolean;
  body?: Record<string, unknown>;
  status?: number;
  errorCode?: string;
  failures?: Array<Pick<Failure, 'code' | 'args'> & Partial<Failure>>;
  extra?: Partial<CaseResult>;
}

/** One case result, with ids, expectations and reproduction filled in the way the engine does. */
export function makeCase(spec: CaseSpec): CaseResult {
  const rule = ruleById(spec.rule);
  const valid = spec.valid ?? false;
  const caseId = caseIdFor(spec.rule, spec.title);
  const status = spec.status ?? (valid ? 202 : 400);
  const body = spec.errorCode ? JSON.stringify({ __type: spec.errorCode, message: `${spec.errorCode} raised` }) : '{"UUID":"6c1c2b55-0000-4000-8000-000000000001","State":"Creating"}';
  return {
    caseId, rule: rule.id, level: rule.level, title: spec.title, valid, scenario: 'create', verdict: spec.verdict,
    failures: (spec.failures ?? []).map((f) => ({ rule: rule.id, level: rule.level, path: '', verdict: spec.verdict, ...f })),
    expected: valid ? { seed: ACCEPTED('seed'), aws: ACCEPTED('aws-observed') } : { seed: SEED_INVALID, aws: AWS_INVALID },
    observed: { status, ...(spec.errorCode ? { errorCode: spec.errorCode } : {}), headers: { 'content-type': 'application/json' }, body },
    request: { path: PATH, body: spec.body ?? BASE },
    transport: valid ? 'raw+sdk' : 'raw', origin: { source: 'boundary' }, attempts: 1, durationMs: 42,
    reproduce: { suite: `npx tsx runner.ts --case '${caseId}' --seed 42`, curl: `curl -X POST http://127.0.0.1:4566${PATH}` },
    ...spec.extra,
  };
}

const mismatch = (got: number, expected: Outcome[], code?: string) => ({ code: 'status-mismatch', args: { expected, got, ...(code ? { gotCode: code } : {}) } });

export function sampleCases(): CaseResult[] {
  return [
    makeCase({ rule: 'BatchSize.range', title: 'BatchSize 0 is below the minimum', verdict: 'pass', body: { ...BASE, BatchSize: 0 }, errorCode: 'InvalidParameterValueException' }),
    makeCase({ rule: 'BatchSize.range', title: 'BatchSize 10001 is above the maximum', verdict: 'fail', body: { ...BASE, BatchSize: 10001 }, status: 202, failures: [mismatch(202, SEED_INVALID.outcomes)] }),
    makeCase({ rule: 'FunctionName.pattern', title: TRICKY_TITLE, verdict: 'fail', body: { ...BASE, FunctionName: 'a<b>&"c\'' }, status: 500, errorCode: 'ServiceException', failures: [mismatch(500, SEED_INVALID.outcomes, 'ServiceException')] }),
    makeCase({ rule: 'FunctionName.pattern', title: 'FunctionName as alias ARN is accepted', verdict: 'pass', valid: true }),
    makeCase({ rule: 'response.content-type', title: 'Success answer has Content-Type application/json', verdict: 'non-strict', valid: true, failures: [{ code: 'content-type', path: 'headers.content-type', args: { expected: 'application/json', got: 'text/plain' } }] }),
    makeCase({ rule: 'error.body', title: 'Error body has a message string', verdict: 'non-strict', errorCode: 'ValidationException', failures: [{ code: 'error-body-message', path: '/message', args: { got: 'undefined' } }] }),
    makeCase({ rule: 'error.ResourceNotFound.function', title: 'FunctionName that names no function', verdict: 'expected-fail', status: 400, errorCode: 'InvalidParameterValueException', failures: [mismatch(400, [{ status: 404, codes: ['ResourceNotFoundException'] }], 'InvalidParameterValueException')], extra: { waiver: { reason: 'AWS answers 400', link: 'https://example.com/issue/1' } } }),
    makeCase({ rule: 'StartingPosition.enum', title: 'StartingPosition latest (wrong case)', verdict: 'inconclusive', status: 429, errorCode: 'TooManyRequestsException', extra: { attempts: 4, observed: { status: 429, errorCode: 'TooManyRequestsException', headers: {}, body: '', problem: 'throttled on every attempt (4)' } } }),
    makeCase({ rule: 'error.ResourceConflict.duplicate', title: 'Duplicate mapping is a conflict', verdict: 'error', valid: true, failures: [{ code: 'runner-error', args: { message: 'cannot bind {{KINESIS_STREAM_ARN}}' } }], extra: { scenario: 'duplicate' } }),
    makeCase({ rule: 'response.members.additional', title: 'Success body has only documented members', verdict: 'info', valid: true, failures: [{ code: 'extra-members', path: '', args: { members: ['MetricsConfig'] } }] }),
    makeCase({ rule: 'StartingPosition.required', title: 'StartingPosition missing', verdict: 'pass', body: { FunctionName: FN, EventSourceArn: KINESIS }, errorCode: 'InvalidParameterValueException' }),
  ];
}

function tallyOf(cases: CaseResult[]): Partial<Record<Verdict, number>> {
  const counts: Partial<Record<Verdict, number>> = {};
  for (const c of cases) counts[c.verdict] = (counts[c.verdict] ?? 0) + 1;
  return counts;
}

function ruleSummaries(cases: CaseResult[]): RuleSummary[] {
  const ids = [...new Set(['operation.path', ...cases.map((c) => c.rule)])];
  return ids.map((id) => {
    const r = ruleById(id);
    return { rule: id, level: r.level, section: r.section, description: r.description, counts: tallyOf(cases.filter((c) => c.rule === id)) };
  });
}

/** A whole report; counts, rule summaries and exit code follow `overrides.cases` unless overridden too. */
export function sampleReport(overrides: Partial<Report> = {}): Report {
  const cases = overrides.cases ?? sampleCases();
  const counts = tallyOf(cases);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    suite: { name: 'esm-conformance', version: '0.1.0' },
    modelVersion: '2015-03-31+seed.1',
    profile: 'seed',
    target: { endpoint: 'http://127.0.0.1:4566', kind: 'remote', region: 'us-east-1', label: 'moto' },
    run: {
      runId: 'run-20250101-abc123', seed: 42, runs: 100, only: [], skip: [],
      startedAt: '2025-01-01T00:00:00.000Z', finishedAt: '2025-01-01T00:00:05.000Z', durationMs: 5000,
      command: 'npx tsx runner.ts --target moto --seed 42',
    },
    counts,
    rules: ruleSummaries(cases),
    parity: paritySummary(cases, false),
    cases,
    leaks: [],
    exitCode: (counts.fail ?? 0) > 0 ? 1 : 0,
    ...overrides,
  };
}
