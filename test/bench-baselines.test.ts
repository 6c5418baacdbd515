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
