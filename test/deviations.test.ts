/**
 * The suite catches every deviation of the catalogue (reference/deviations.ts): run under the aws profile
 * against the reference started with one deviation, the run has a non-pass verdict and flags at least one of
 * the rules the catalogue names for that deviation. The faithful reference, run the same way, passes.
 */
import { describe, expect, it } from 'vitest';
import { runSuite } from '../engine/run.ts';
import type { Report } from '../engine/report-types.ts';
import { DEVIATION_NAMES, DEVIATIONS } from '../reference/deviations.ts';
import { hasRule, isParityRule, parityRuleById, parityRules } from '../spec/index.ts';
import { configFor, describeCases, flaggedRules, nonPass } from './helpers/run-helpers.ts';

/** Deviations in how a successful answer is shaped: also sent through @aws-sdk/client-lambda, to see it parse (or not). */
const SDK_TOO = new Set([
  'status-200', 'last-modified-iso', 'no-last-processing-result', 'state-active', 'uuid-not-readable', 'event-source-arn-not-echoed',
  'batch-size-not-echoed',
]);

const kindOf = (n: string) => DEVIATIONS[n]!.kind ?? 'conformance';
const PARITY = DEVIATION_NAMES.filter((n) => kindOf(n) === 'parity');
const FAITHFUL = DEVIATION_NAMES.filter((n) => kindOf(n) === 'faithful');
const CONFORMANCE = DEVIATION_NAMES.filter((n) => kindOf(n) === 'conformance');

function run(deviation?: string, extra: string[] = []): Promise<Report> {
  const argv = ['--profile', 'aws', '--runs', '1', ...(deviation ? ['--deviation', deviation] : []), ...extra];
  if (!deviation || !SDK_TOO.has(deviation)) argv.push('--no-sdk');
  return runSuite(configFor(argv));
}

describe('the deviation catalogue', () => {
  it('names deviations whose rules are all in the registry', () => {
    expect(DEVIATION_NAMES.length).toBeGreaterThanOrEqual(30);
    for (const name of DEVIATION_NAMES) {
      const known = DEVIATIONS[name]!.kind === 'parity' ? isParityRule : hasRule;
      for (const rule of DEVIATIONS[name]!.rules) expect(known(rule), `${name}: ${rule}`).toBe(true);
    }
  });

  it('names every parity rule (spec/parity.json) under some parity deviation: each recorded value has a target that changes it', () => {
    const named = new Set(PARITY.flatMap((n) => DEVIATIONS[n]!.rules));
    const withKeyDeviation = parityRules.map((r) => r.id).filter((id) => !named.has(id));
    // The message key per code is changed by a conformance deviation (error.body), which the parity check flags as well.
    expect(withKeyDeviation).toEqual(['parity.error.message-key']);
  });

  it('the faithful reference, run the same way, passes every case with a parity score of 100%', async () => {
    const report = await run();
    expect(nonPass(report), describeCases(nonPass(report))).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.parity.checked).toBeGreaterThan(0);
    expect(mismatched(report)).toEqual([]);
    expect(report.parity.score).toBe(100);
    expect(report.parity.rules.filter((r) => r.checked === 0).map((r) => r.rule)).toEqual([]);
  });
});

/** Parity rules a run mismatched. */
const mismatched = (r: Report): string[] => r.parity.rules.filter((x) => x.matched < x.checked).map((x) => x.rule).sort();

describe('a parity deviation is reported under its parity rules only, and changes the exit code only with --strict-parity', () => {
  it.concurrent.each(PARITY)('%s', async (name) => {
    const info = DEVIATIONS[name]!;
    const report = await run(name);
    const context = `${name}: ${info.description}\n${describeCases(nonPass(report).slice(0, 5))}`;
    expect(mismatched(report), context).toEqual([...info.rules].sort());
    expect(nonPass(report), context).toEqual([]);
    expect(report.exitCode, context).toBe(0);
    expect(report.parity.score, context).toBeLessThan(100);
    const strict = await run(name, ['--strict-parity', '--only', info.rules.map((r) => parityRuleById(r).forRule ?? '*').join(',')]);
    expect(strict.exitCode, context).toBe(1);
    expect(strict.parity.strict).toBe(true);
  });

  it('error-message-capitalised (a conformance deviation of error.body) is also a parity mismatch of the message key', async () => {
    const report = await run('error-message-capitalised');
    expect(mismatched(report)).toEqual(['parity.error.message-key']);
  });
});

describe('a faithful alternative passes with exit 0, and the report says which answer it chose', () => {
  it.each(FAITHFUL)('%s', async (name) => {
    const report = await run(name);
    expect(nonPass(report), describeCases(nonPass(report))).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.parity.score).toBe(100);
    const notes = report.cases.flatMap((c) => c.notes ?? []).map((n) => n.code);
    expect(notes.length).toBeGreaterThan(0);
    // Besides the choice itself: valid values the target may refuse (filter patterns that are no filter), as the faithful reference does.
    expect(new Set(notes.filter((n) => n !== 'refused-by-target'))).toEqual(new Set(['unknown-member-ignored']));
  });

  it('the faithful reference itself rejects unknown members, and the report says so', async () => {
    const report = await run(undefined, ['--only', 'request.unknown-member']);
    expect(report.exitCode).toBe(0);
    expect(new Set(report.cases.flatMap((c) => c.notes ?? []).map((n) => n.code))).toEqual(new Set(['unknown-member-rejected']));
  });
});

describe('every deviation is caught under the aws profile', () => {
  it.concurrent.each(CONFORMANCE)('%s', async (name) => {
    const info = DEVIATIONS[name]!;
    const report = await run(name);
    const flagged = flaggedRules(report);
    const context = `${name}: ${info.description}\nflagged: ${[...flagged].sort().join(', ') || '(nothing)'}\n${describeCases(nonPass(report).slice(0, 5))}`;
    expect(report.exitCode !== 0 || nonPass(report).length > 0, context).toBe(true);
    expect(info.rules.filter((r) => flagged.has(r)), context).not.toEqual([]);
    expect(report.leaks, context).toEqual([]);
    if (SDK_TOO.has(name)) expect(report.cases.some((c) => c.transport === 'raw+sdk'), context).toBe(true);
  });
});
