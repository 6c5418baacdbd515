/** The mapping tracker: deletes, waits (bounded) for asynchronous deletion, and reports what it could not delete. */
import { describe, expect, it } from 'vitest';
import { GONE_TIMEOUT_MS, MappingTracker } from '../engine/cleanup.ts';
import type { Wire } from '../engine/wire.ts';
import type { RawResult } from '../engine/transport/index.ts';

function fakeWire(answers: Record<string, number[]>): { wire: Wire; calls: string[] } {
  const calls: string[] = [];
  const wire: Wire = {
    endpoint: new URL('http://127.0.0.1:1'),
    async send(method, path) {
      calls.push(`${method} ${path}`);
      const queue = answers[method] ?? [];
      const status = queue.length > 1 ? queue.shift()! : queue[0] ?? 500;
      const r: RawResult = { kind: 'response', status, headers: {}, body: '{}', attempts: 1, durationMs: 0, retried: [] };
      return r;
    },
  };
  return { wire, calls };
}

describe('MappingTracker', () => {
  it('waits until a deleted mapping reads as 404 (AWS deletes asynchronously)', async () => {
    const { wire, calls } = fakeWire({ DELETE: [202], GET: [200, 200, 404] });
    const slept: number[] = [];
    const t = new MappingTracker(wire, async (ms) => { slept.push(ms); });
    t.add('u1');
    expect(await t.delete('u1', true)).toBeUndefined();
    expect(calls.filter((c) => c.startsWith('GET'))).toHaveLength(3);
    expect(slept).toEqual([50, 75]); // nothing learned yet: the short backoff (50 ms, then 1.5x)
    expect(t.pending()).toBe(0);
  });

  it('gives up after the bound, keeps tracking the mapping, and deleteAll reports it as a leak', async () => {
    const { wire } = fakeWire({ DELETE: [202, 500], GET: [200] });
    const slept: number[] = [];
    const t = new MappingTracker(wire, async (ms) => { slept.push(ms); });
    t.add('u2');
    expect(await t.delete('u2', true)).toMatch(/still present/);
    expect(slept.reduce((a, b) => a + b, 0)).toBeGreaterThan(GONE_TIMEOUT_MS);
    expect(t.pending()).toBe(1);
    expect(await t.deleteAll()).toEqual([{ kind: 'event-source-mapping', id: 'u2', error: 'HTTP 500' }]);
  });

  it('learns the wait: the next deleted mapping is first read at 0.95x it, then polled at 1/12 of it', async () => {
    let now = 0;
    const { wire } = fakeWire({ DELETE: [202], GET: [200, 404, 200, 200, 404] });
    const slept: number[] = [];
    const t = new MappingTracker(wire, async (ms) => { slept.push(ms); now += ms; }, () => now);
    t.add('a');
    expect(await t.delete('a', true)).toBeUndefined(); // present at 0, gone at 50: recorded as 25
    t.add('b');
    slept.length = 0;
    expect(await t.delete('b', true)).toBeUndefined();
    expect(slept).toEqual([24, 5, 5]);
  });

  it('treats 404 on delete as already gone, without polling', async () => {
    const { wire, calls } = fakeWire({ DELETE: [404] });
    const t = new MappingTracker(wire, async () => undefined);
    t.add('u3');
    expect(await t.delete('u3', true)).toBeUndefined();
    expect(calls).toEqual(['DELETE /2015-03-31/event-source-mappings/u3']);
  });

  it('retries a DELETE while the mapping is busy (ResourceInUseException), then waits until it is gone', async () => {
    const answers: Array<[number, string]> = [[400, 'ResourceInUseException'], [409, 'ResourceConflictException'], [202, '']];
    const calls: string[] = [];
    const wire: Wire = {
      endpoint: new URL('http://127.0.0.1:1'),
      async send(method) {
        calls.push(method);
        const [status, code] = method === 'DELETE' ? answers.shift()! : [404, 'ResourceNotFoundException'];
        const headers: Record<string, string> = code ? { 'x-amzn-errortype': code } : {};
        return { kind: 'response', status, headers, body: '{}', attempts: 1, durationMs: 0, retried: [] };
      },
    };
    const slept: number[] = [];
    const t = new MappingTracker(wire, async (ms) => { slept.push(ms); });
    t.add('u4');
    expect(await t.delete('u4', true)).toBeUndefined();
    expect(calls).toEqual(['DELETE', 'DELETE', 'DELETE', 'GET']);
    expect(slept).toEqual([50, 75]);
  });
});
