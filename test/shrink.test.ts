/** Shrinking: a failed random case is shrunk against the target to its smallest failing request, and --path replays it. */
import { describe, expect, it } from 'vitest';
import { runSuite } from '../engine/run.ts';
import { caseAtPath, randomCases } from '../properties/plan.ts';
import { facts } from '../properties/facts.ts';
import { configFor } from './helpers/run-helpers.ts';
import { renderJunit } from '../reports/junit.ts';

describe('shrinking failed random cases', () => {
  it('fast-check paths regenerate exactly the sampled cases', () => {
    for (const c of randomCases(7, 3)) expect(caseAtPath(7, c.origin.path!)).toEqual(c);
  });

  it('shrinks a BatchSize accepted beyond the maximum down to max+1, and --path replays the shrunk case', async () => {
    const report = await runSuite(configFor(['--deviation', 'batch-size-no-max', '--only', 'BatchSize.range', '--runs', '5', '--no-sdk']));
    const shrunk = report.cases.filter((c) => c.shrunk).map((c) => c.shrunk!);
    expect(shrunk.length).toBeGreaterThan(0);
    for (const s of shrunk) {
      expect(s.rule).toBe('BatchSize.range');
      expect(s.code).toBe('invalid-accepted');
      expect(s.request.body?.BatchSize).toBe(facts.batch.max + 1);
      expect(s.reproduce).toContain(`--path '${s.path}'`);
    }
    // junit.xml carries the shrunk request and its replay, for CI readers.
    const xml = renderJunit(report);
    expect(xml).toContain(`shrunk: `);
    expect(xml).toContain(`replay shrunk: `);
    const first = shrunk[0]!;
    const replay = await runSuite(configFor(['--deviation', 'batch-size-no-max', '--path', first.path, '--no-sdk']));
    expect(replay.cases).toHaveLength(1);
    expect(replay.cases[0]!.request.body?.BatchSize).toBe(facts.batch.max + 1);
    expect(replay.cases[0]!.verdict).toBe('fail');
  });

  it('does not shrink with --no-shrink, nor against a conformant target', async () => {
    const off = await runSuite(configFor(['--deviation', 'batch-size-no-max', '--only', 'BatchSize.range', '--no-shrink', '--no-sdk']));
    expect(off.cases.some((c) => c.verdict === 'fail')).toBe(true);
    expect(off.cases.some((c) => c.shrunk)).toBe(false);
    const ok = await runSuite(configFor(['--only', 'BatchSize.range', '--no-sdk']));
    expect(ok.cases.some((c) => c.shrunk)).toBe(false);
  });
});
