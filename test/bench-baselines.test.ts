/**
 * The benchmark's baselines are fair only if they make the server do the run's own work again: the
 * recorded requests, replayed bare (unsigned node:http) and through the suite's transport (signed), meet
 * the answers the run met, request for request. Rates are the benchmark's business, not asserted here.
 */
import { describe, expect, it } from 'vitest';
import { recordSuiteRequests, sameRequestsRate } from '../bench/network.ts';

describe('benchmark baselines', () => {
  it('replay every request of a run and meet the same answers, bare and through the transport', async () => {
    const recorded = await recordSuiteRequests(3, 4);
    expect(recorded.length).toBeGreaterThan(500);
    // Creates that made mappings are among them, so the replay must follow the new UUIDs.
    expect(recorded.filter((r) => r.method === 'DELETE' && r.status === 202).length).toBeGreaterThan(50);
    for (const via of ['bare', 'transport'] as const) {
      const r = await sameRequestsRate(recorded, 4, via);
      expect({ via, requests: r.requests, differed: r.differed }).toEqual({ via, requests: recorded.length, differed: 0 });
    }
  }, 60_000);
});

describe('a slower target (reference serviceMs, the benchmark\'s section 1b)', () => {
  it('answers each request no sooner than its service time, and the replay against it meets the run\'s answers', async () => {
    const { startReference } = await import('../reference/server.ts');
    const ref = await startReference({ serviceMs: 40 });
    try {
      const times: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const t = performance.now();
        const res = await fetch(`${ref.url}/2015-03-31/event-source-mappings/00000000-0000-4000-8000-000000000000`);
        await res.text();
        expect(res.status).toBe(404);
        times.push(performance.now() - t);
      }
      // Timers may fire a little early by the clock performance.now() reads: allow 2 ms of it.
      expect(Math.min(...times)).toBeGreaterThanOrEqual(38);
    } finally {
      await ref.close();
    }
    const recorded = await recordSuiteRequests(0, 4);
    const r = await sameRequestsRate(recorded, 8, 'bare', { serviceMs: 1 });
    expect({ requests: r.requests, differed: r.differed }).toEqual({ requests: recorded.length, differed: 0 });
  }, 60_000);
});

describe('onJudged (the benchmark judges a real run\'s answers)', () => {
  it('sees each judged case once, as the judge got it: valid accepted creates with their read-back', async () => {
    const { startReference } = await import('../reference/server.ts');
    const { runSuite } = await import('../engine/run.ts');
    const { BENCH_CONFIG } = await import('../bench/in-process.ts');
    const ref = await startReference();
    const seen: Array<{ id: string; valid: boolean; status: number; readback: boolean }> = [];
    try {
      const { functionArn: _a, functionNames, ...r } = ref.resources;
      const report = await runSuite({ ...BENCH_CONFIG, endpoint: ref.url, region: r.region, runs: 0, given: { ...r, functionNames }, shrink: false, onJudged: (c, ex) => seen.push({ id: c.id, valid: c.valid, status: ex.answer.status, readback: ex.readback !== undefined }) });
      // Every case with a verdict was judged, once (a transient read-back may still make a judged case inconclusive).
      const judged = report.cases.filter((c) => c.verdict !== 'inconclusive');
      const ids = new Set(seen.map((s) => s.id));
      expect(ids.size).toBe(seen.length);
      for (const c of judged) expect(ids.has(c.caseId), c.caseId).toBe(true);
      const byId = new Map(report.cases.map((c) => [c.caseId, c]));
      for (const s of seen) expect(byId.has(s.id), s.id).toBe(true);
      for (const s of seen) expect(s.status).toBe(byId.get(s.id)?.observed.status);
      const accepted = seen.filter((s) => s.valid && s.status === 202);
      expect(accepted.length).toBeGreaterThan(50);
      expect(accepted.every((s) => s.readback)).toBe(true);
    } finally {
      await ref.close();
    }
  }, 60_000);
});
