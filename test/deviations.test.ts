/**
 * The suite catches every deviation of the catalogue (reference/deviations.ts): run under the aws profile
 * against the reference started with one deviation, the run has a non-pass verdict and flags at least one of
 * the rules the catalogue names for that deviation. The faithful reference, run the same way, passes.
 */
import { describe, expect, it } from 'vitest';
import { runSuite } from '../engine/run.ts';
import type { Report } from '../engine/report-types.ts';
import { DEVIATION_NAMES, DEVIATIONS } from '../reference/deviations.ts';
import { hasRule } from '../spec/index.ts';
import { configFor, describeCases, flaggedRules, nonPass } from './helpers/run-helpers.ts';

/** Deviations in how a successful answer is shaped: also sent through @aws-sdk/client-lambda, to see it parse (or not). */
const SDK_TOO = new Set([
  'status-200', 'last-modified-iso', 'no-last-processing-result', 'state-active', 'uuid-not-readable', 'event-source-arn-not-echoed',
  'batch-size-not-echoed',
]);

function run(deviation?: string): Promise<Report> {
  const argv = ['--profile', 'aws', '--runs', '1', ...(deviation ? ['--deviation', deviation] : [])];
  if (!deviation || !SDK_TOO.has(deviation)) argv.push('--no-sdk');
  return runSuite(configFor(argv));
}

describe('the deviation catalogue', () => {
  it('names deviations whose rules are all in the registry', () => {
    expect(DEVIATION_NAMES.length).toBeGreaterThanOrEqual(30);
    for (const name of DEVIATION_NAMES) for (const rule of DEVIATIONS[name]!.rules) expect(hasRule(rule), `${name}: ${rule}`).toBe(true);
  });

  it('the faithful reference, run the same way, passes every case', async () => {
    const report = await run();
    expect(nonPass(report), describeCases(nonPass(report))).toEqual([]);
    expect(report.exitCode).toBe(0);
  });
});

describe('every deviation is caught under the aws profile', () => {
  it.concurrent.each(DEVIATION_NAMES)('%s', async (name) => {
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
