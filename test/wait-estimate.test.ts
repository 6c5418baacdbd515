/** Learned waits: the caller's backoff until a wait is seen; then a first try near the median and short polls. */
import { describe, expect, it } from 'vitest';
import { WaitEstimate } from '../engine/wait-estimate.ts';

describe('WaitEstimate', () => {
  it('follows the fallback while nothing is known', () => {
    const w = new WaitEstimate();
    expect(w.estimate()).toBeUndefined();
    expect(w.first(0)).toBe(0);
    expect(w.next(200)).toBe(200);
  });

  it('records the middle of (last refused, first accepted], tries first at 0.95x the median, then polls at 1/12', () => {
    const w = new WaitEstimate();
    w.record(1_000, 800);
    w.record(1_100, 900);
    w.record(950, 850);
    expect(w.estimate()).toBe(900);
    expect(w.first(0)).toBe(855);
    expect(w.first(500)).toBe(355);
    expect(w.first(5_000)).toBe(0);
    expect(w.next(99_999)).toBe(75);
  });

  it('shrinks when the first try is already accepted (an upper bound only), and keeps polls within bounds', () => {
    const w = new WaitEstimate(5, 5_000);
    w.record(1_000);
    expect(w.estimate()).toBe(500);
    w.record(100_000, 99_000);
    w.record(100_000, 99_000);
    expect(w.next(1)).toBe(5_000);
  });
});
