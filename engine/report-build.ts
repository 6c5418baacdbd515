/** Builds report.json from the executed cases. Headers and bodies are redacted before they are stored. */
import { model, PROFILE_NAMES, ruleById, type ProfileName } from '../spec/index.ts';
import { expect } from '../properties/oracle.ts';
import type { Case } from '../properties/types.ts';
import type { RunConfig } from './config.ts';
import type { Executed } from './execute.ts';
import type { Leak } from './cleanup.ts';
import { REPORT_SCHEMA_VERSION, type CaseResult, type ExpectedRecord, type ObservedRecord, type Report } from './report-types.ts';
import { reproduction } from './reproduce.ts';
import { exitCodeOf, incompleteReason, paritySummary, ruleSummaries, tally } from './summary.ts';
import { redactHeaders, redactText } from './transport/index.ts';
import { maskAccount } from './mask.ts';
import pkg from '../package.json' with { type: 'json' };

const BODY_LIMIT = 4000;

export const SUITE = { name: pkg.name, version: pkg.version };

function expected(c: Case): Record<ProfileName, ExpectedRecord> {
  const entries = PROFILE_NAMES.map((p) => {
    const x = expect(c, p);
    return [p, { outcomes: x.outcomes, provenance: x.provenance, ...(x.note ? { note: x.note } : {}) }] as const;
  });
  return Object.fromEntries(entries) as Record<ProfileName, ExpectedRecord>;
}

function observed(e: Executed): ObservedRecord {
  if (e.raw.kind !== 'response') {
    // attempts 0: nothing was sent (the suite's own problem, such as a binding or replay error): no transport label.
    const problem = e.raw.attempts === 0 ? e.raw.message : `${e.raw.kind}: ${e.raw.message}`;
    return { headers: {}, body: '', problem: redactText(problem) };
  }
  const body = redactText(e.raw.body);
  return {
    status: e.raw.status,
    ...(e.judgement.errorCode ? { errorCode: e.judgement.errorCode } : {}),
    headers: redactHeaders(e.raw.headers),
    body: body.length > BODY_LIMIT ? `${body.slice(0, BODY_LIMIT)}… (${body.length} characters)` : body,
  };
}

export function caseResult(c: Case, e: Executed, config: RunConfig, endpoint: URL): CaseResult {
  const r: CaseResult = {
    caseId: c.id, rule: c.rule, level: ruleById(c.rule).level, title: c.title, valid: c.valid, scenario: c.scenario,
    verdict: e.judgement.verdict, failures: e.judgement.failures, expected: expected(c), observed: observed(e),
    request: e.bound, transport: e.transport ?? (e.sdk ? 'raw+sdk' : 'raw'), origin: c.origin, attempts: e.attempts,
    durationMs: Math.round(e.durationMs * 10) / 10,
    reproduce: reproduction(c, e.bound, config, endpoint, model.operation.signingService),
  };
  if (e.judgement.checked?.length) r.checked = e.judgement.checked;
  if (e.judgement.parity?.length) r.parity = e.judgement.parity;
  if (e.judgement.notes?.length) r.notes = e.judgement.notes;
  if (e.sdk) r.sdk = { ok: e.sdk.ok, ...(e.sdk.detail ? { detail: redactText(e.sdk.detail) } : {}) };
  return r;
}

export interface ReportMeta { runId: string; startedAt: Date; target: Report['target']; leaks: Leak[]; edition?: Report['edition']; interrupted?: string; /** The target's account id (masked everywhere with config.maskAccount). */ account?: string }

export function buildReport(cases: CaseResult[], config: RunConfig, meta: ReportMeta): Report {
  const finished = new Date();
  const counts = tally(cases.map((c) => c.verdict));
  const incomplete = incompleteReason(cases);
  const parity = paritySummary(cases, config.strictParity === true);
  const exitCode = meta.interrupted ? 3 : exitCodeOf(counts, meta.leaks.length, incomplete, parity);
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION, suite: SUITE, modelVersion: model.modelVersion, ...(meta.edition ? { edition: meta.edition } : {}), profile: config.profile, target: meta.target,
    run: {
      runId: meta.runId, seed: config.seed, runs: config.runs, only: config.only, skip: config.skip,
      startedAt: meta.startedAt.toISOString(), finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - meta.startedAt.getTime(), command: redactText(config.command),
      ...(config.shard ? { shard: config.shard } : {}),
    },
    counts, rules: ruleSummaries(cases), parity, cases, ...(incomplete ? { incomplete } : {}), ...(meta.interrupted ? { interrupted: meta.interrupted } : {}), leaks: meta.leaks, exitCode,
  };
  return config.maskAccount ? maskAccount(report, meta.account) : report;
}
