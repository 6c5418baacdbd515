/** The lane scheduler: every case runs once, never two at once on one (set, source) pair, every lane in use, at most `limit` busy. */
import { describe, expect, it } from 'vitest';
import { lanesOf, runLanes } from '../engine/lanes.ts';

interface C { id: number; source: string }
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

function plan(n: number, sources: string[], sets: number, limit = 1000) {
  const cases: C[] = Array.from({ length: n }, (_, id) => ({ id, source: sources[id % sources.length] as string }));
  return { cases, sets: Array.from({ length: sets }, (_, i) => `fn-${i}`), sourceOf: (c: C) => c.source, limit };
}

describe('runLanes', () => {
  it('runs every case once, never two at once on a pair, and uses every pair', async () => {
    const p = plan(60, ['kinesis', 'dynamodb', 'kinesis'], 4);
    const busy = new Set<string>();
    const used = new Set<string>();
    let most = 0;
    const ran = await runLanes(p, async (c, lane) => {
      const key = `${lane.resources}|${lane.source}`;
      expect(lane.source).toBe(c.source);
      expect(busy.has(key)).toBe(false);
      busy.add(key);
      used.add(key);
      most = Math.max(most, busy.size);
      await tick(1 + (c.id % 3));
      busy.delete(key);
      return c.id;
    });
    expect([...ran].sort((a, b) => a - b)).toEqual(p.cases.map((c) => c.id));
    expect(used.size).toBe(8);
    expect(most).toBe(8);
    expect(lanesOf(p)).toHaveLength(8);
  });

  it('keeps at most `limit` lanes busy, and stops taking cases once told to', async () => {
    let busy = 0;
    let most = 0;
    await runLanes(plan(30, ['a', 'b'], 5, 3), async () => {
      busy += 1;
      most = Math.max(most, busy);
      await tick(1);
      busy -= 1;
    });
    expect(most).toBe(3);
    let done = 0;
    const ran = await runLanes(plan(30, ['a'], 2), async () => { await tick(1); done += 1; }, () => done >= 4);
    expect(ran.length).toBeLessThan(30);
    expect(ran.length).toBeGreaterThanOrEqual(4);
  });

  it('serves the source with the most waiting cases first and passes a task error on after the others finish', async () => {
    const order: string[] = [];
    await runLanes({ cases: [{ id: 0, source: 'few' }, ...Array.from({ length: 5 }, (_, i) => ({ id: i + 1, source: 'many' }))], sets: ['f'], sourceOf: (c: C) => c.source, limit: 1 },
      async (c) => { order.push(c.source); });
    expect(order[0]).toBe('many');
    await expect(runLanes(plan(4, ['a'], 2), async (c) => { if (c.id === 1) throw new Error('boom'); await tick(1); })).rejects.toThrow('boom');
  });
});

describe('which cases run on lanes', () => {
  it('a case any profile expects may be accepted takes a lane, not only by the run\'s profile: under --expect seed two invalid-by-seed cases a today-like target accepts never meet on a pair', async () => {
    const { createsMapping, casesOf, runSuite } = await import('../engine/run.ts');
    const { configFor } = await import('./helpers/run-helpers.ts');
    const config = configFor(['--edition', 'seed', '--expect', 'seed', '--only', 'Enabled.type,BatchSize.type', '--no-sdk']);
    const nulls = casesOf(config).filter((c) => c.title.endsWith('as a JSON null'));
    expect(nulls.length).toBe(2);
    for (const c of nulls) expect(createsMapping(c), c.title).toBe(true);
    for (let i = 0; i < 3; i += 1) {
      const report = await runSuite(config);
      const met = report.cases.filter((c) => c.observed.status === 409).map((c) => c.title);
      expect(met).toEqual([]);
    }
  });
});
