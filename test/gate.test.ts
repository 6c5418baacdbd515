/** The run's gate: requests in flight bounded, lane work first, and an adaptive rate after a 429. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdaptiveGate } from '../engine/transport/gate.ts';

describe('AdaptiveGate', () => {
  afterEach(() => { vi.useRealTimers(); });
  it('lets at most `concurrency` through, lower priority numbers first', async () => {
    const gate = new AdaptiveGate(2);
    const a = await gate.pass(1);
    const b = await gate.pass(1);
    const order: string[] = [];
    const late = gate.pass(1).then((r) => { order.push('other'); return r; });
    const lane = gate.pass(0).then((r) => { order.push('lane'); return r; });
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]);
    a();
    const first = await lane;
    b();
    const second = await late;
    expect(order).toEqual(['lane', 'other']);
    first();
    second();
    first(); // a second release is ignored
    const c = await gate.pass();
    const d = await gate.pass();
    c();
    d();
  });

  it('is unlimited until a 429; then pauses for Retry-After and sends at 0.7x the measured rate, recovering over time', async () => {
    let now = 0;
    const gate = new AdaptiveGate(100, () => now);
    expect(gate.rate()).toBe(Infinity);
    for (let i = 0; i < 100; i += 1) {
      now = i * 10; // 100 requests per second
      (await gate.pass())();
    }
    gate.throttled(2_000);
    expect(gate.rate()).toBeGreaterThan(60);
    expect(gate.rate()).toBeLessThan(80);
    now += 2_000;
    expect(gate.rate()).toBeGreaterThan(95);
    expect(gate.rate()).toBeLessThan(105);
    now += 2_000;
    expect(gate.rate()).toBeGreaterThan(190);
    expect(gate.rate()).toBeLessThan(210);
    expect(gate.throttles).toBe(1);
  });

  it('while the rate is limited and lanes are active, other work gets at most half of it; without lanes all of it', async () => {
    /** A gate limited to about 70 requests per second (a 429 after 100 per second), on a fake clock. */
    const limitedGate = async () => {
      const clock = { now: 0 };
      const gate = new AdaptiveGate(100, () => clock.now);
      for (let i = 0; i < 100; i += 1) {
        clock.now = i * 10;
        (await gate.pass())();
      }
      gate.throttled(0);
      return { gate, clock };
    };
    /** How many of 200 requests of other work are granted in 500 ms of fake time, stepping 1 ms. */
    const othersIn500ms = async (withLane: boolean): Promise<{ granted: number; rate: number }> => {
      const { gate, clock } = await limitedGate();
      const rate = gate.rate();
      if (withLane) (await gate.pass(0))();
      let granted = 0;
      for (let i = 0; i < 200; i += 1) void gate.pass(1).then((r) => { granted += 1; r(); });
      for (const end = clock.now + 500; clock.now < end;) {
        clock.now += 1;
        (gate as unknown as { pump(): void }).pump();
        await new Promise((r) => setImmediate(r));
      }
      return { granted, rate };
    };
    const alone = await othersIn500ms(false);
    const shared = await othersIn500ms(true);
    expect(alone.rate).toBeGreaterThan(60);
    expect(alone.rate).toBeLessThan(80);
    expect(alone.granted).toBeGreaterThan(alone.rate * 0.5 * 0.8);
    expect(shared.granted).toBeLessThan(alone.granted * 0.7);
    expect(shared.granted).toBeGreaterThan(alone.rate * 0.5 * 0.5 * 0.8);
  });

  it('a lane request that comes while other work waits for its slower pace goes at its own due time (fake timers)', async () => {
    vi.useFakeTimers();
    const gate = new AdaptiveGate(10, () => Date.now());
    (await gate.pass(1))();
    gate.throttled(0); // about 14 requests per second from here
    const interval = 1000 / gate.rate();
    (await gate.pass(0))(); // lanes are active
    let others = 0;
    for (let i = 0; i < 6; i += 1) void gate.pass(1).then((r) => { others += 1; r(); });
    // Past the first interval's credit: other work goes every second interval, the next one armed on a timer.
    await vi.advanceTimersByTimeAsync(2 * interval + 10);
    expect(others).toBe(3);
    const asked = Date.now();
    let granted: number | undefined;
    void gate.pass(0).then((r) => { granted = Date.now(); r(); });
    await vi.advanceTimersByTimeAsync(4 * interval);
    expect(granted).toBeDefined();
    expect(granted! - asked).toBeLessThanOrEqual(interval + 2);
  });

  it('a burst of 429s (the requests in flight when the first came) cuts the rate once', async () => {
    let now = 0;
    const gate = new AdaptiveGate(100, () => now);
    for (let i = 0; i < 100; i += 1) {
      now = i * 10;
      (await gate.pass())();
    }
    for (let i = 0; i < 4; i += 1) {
      gate.throttled(0);
      now += 3;
    }
    expect(gate.throttles).toBe(4);
    expect(gate.rate()).toBeGreaterThan(60); // one cut to about 0.7 x 100, not 0.7^4 x 100 = 24
    now += 300;
    gate.throttled(0); // a later 429 cuts again
    expect(gate.rate()).toBeLessThan(60);
  });

  it('a burst after a quiet spell is measured as the burst\'s rate, not the second\'s average', async () => {
    let now = 0;
    const gate = new AdaptiveGate(100, () => now);
    for (let i = 0; i < 5; i += 1) {
      now = i * 200; // 5 requests per second
      (await gate.pass())();
    }
    for (let i = 0; i < 20; i += 1) {
      now = 900 + i; // then 20 within 20 ms: about 1,000 per second
      (await gate.pass())();
    }
    gate.throttled(0);
    // Over the whole second: 24 intervals, 0.7 x 24 = 17 per second. Over the burst (spans of at least 50 ms): 0.7 x 380.
    expect(gate.rate()).toBeGreaterThan(200);
  });

  it('holds a request back while paused by Retry-After (real clock)', async () => {
    const gate = new AdaptiveGate(4);
    (await gate.pass())();
    gate.throttled(60);
    const t = performance.now();
    (await gate.pass())();
    expect(performance.now() - t).toBeGreaterThanOrEqual(50);
  });

  it('gives up the wait when the signal aborts', async () => {
    const gate = new AdaptiveGate(1);
    const hold = await gate.pass();
    const ctrl = new AbortController();
    const waiting = gate.pass(1, ctrl.signal);
    ctrl.abort();
    const release = await waiting;
    release();
    hold();
  });
});
