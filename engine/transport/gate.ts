/**
 * The run's gate in front of every attempt: at most `concurrency` requests in flight, served by priority
 * (lane work first: it is the critical path), and an adaptive client-side rate after the AWS SDK's
 * adaptive retry mode: no limit until the target throttles; a 429 pauses every sender for its Retry-After
 * and cuts the rate to 0.7x what was measured (the highest rate over the last 100 ms, 250 ms and second;
 * once per burst of 429s), which then recovers over RECOVER_MS and keeps probing
 * upwards (doubling every RECOVER_MS until the next 429), so that a run stays just under a per-account
 * request rate it does not know in advance. While the rate is limited and lane work (priority 0) has been
 * sent lately, other work gets at most half of the rate: the target's tokens are then there when a lane's
 * delete or poll comes due, instead of being spent by cases that are not on the critical path.
 */

export type Release = () => void;

export interface Gate {
  /** Waits for a slot (and a token); lower `priority` first. Returns the release of the slot. */
  pass(priority?: number, signal?: AbortSignal): Promise<Release>;
  /** The target throttled one attempt; `retryAfterMs` as its Retry-After said. */
  throttled(retryAfterMs?: number): void;
  /** Requests per second the gate lets through now (Infinity: unlimited). */
  rate(): number;
}

const BETA = 0.7;
const RECOVER_MS = 2_000;
const WINDOW_MS = 1_000;
const MEASURE_WINDOWS_MS = [100, 250, WINDOW_MS];
/** 429s this soon after a cut come from requests sent before it: they do not cut the rate again. */
const HOLD_MS = 250;
/** The share of a limited rate that work other than lanes may take while lanes are active. */
const OTHER_SHARE = 0.5;
/** Lanes count as active for this long after their last request (a lane waits for settling in between). */
const LANE_ACTIVE_MS = 2_000;

interface Waiter { priority: number; seq: number; grant: (r: Release) => void }

export class AdaptiveGate implements Gate {
  private inFlight = 0;
  private readonly queue: Waiter[] = [];
  private seq = 0;
  private lastMax = Infinity;
  private throttledAt = -Infinity;
  private pausedUntil = 0;
  private nextAt = 0;
  private nextOtherAt = 0;
  private laneAt = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires: a request due earlier (a lane's, behind other work's slower pace) re-arms it. */
  private timerAt = Infinity;
  private readonly granted: number[] = [];
  throttles = 0;

  constructor(private readonly concurrency: number, private readonly now: () => number = () => performance.now()) {}

  rate(): number {
    if (!Number.isFinite(this.lastMax)) return Infinity;
    const t = (this.now() - this.throttledAt) / RECOVER_MS;
    return this.lastMax * (t < 1 ? BETA + (1 - BETA) * t : 2 ** (t - 1));
  }

  pass(priority = 1, signal?: AbortSignal): Promise<Release> {
    return new Promise((resolve) => {
      const onAbort = (): void => {
        const at = this.queue.indexOf(w);
        if (at >= 0) {
          this.queue.splice(at, 1);
          resolve(() => undefined);
        }
      };
      const w: Waiter = { priority, seq: this.seq++, grant: (r) => { signal?.removeEventListener('abort', onAbort); resolve(r); } };
      const i = this.queue.findIndex((q) => q.priority > priority);
      this.queue.splice(i < 0 ? this.queue.length : i, 0, w);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pump();
    });
  }

  throttled(retryAfterMs?: number): void {
    const t = this.now();
    this.throttles += 1;
    while (this.granted.length && (this.granted[0] ?? 0) < t - WINDOW_MS) this.granted.shift();
    // The other requests in flight when the first 429 came answer 429 too: one cut per burst, not one each.
    if (t - this.throttledAt >= HOLD_MS) {
      this.lastMax = Math.max(1, Math.min(this.measured(t), this.rate()));
      this.throttledAt = t;
    }
    this.pausedUntil = Math.max(this.pausedUntil, t + (retryAfterMs ?? 0));
  }

  /**
   * The send rate that met the throttle: the highest over the last 100 ms, 250 ms and second. A burst after
   * a quiet spell (lanes waiting for settling) is what a token bucket refuses; averaged over the whole
   * second it would read as a low rate and cut the gate far below what the target takes.
   */
  private measured(t: number): number {
    let best = 1;
    for (const w of MEASURE_WINDOWS_MS) {
      const from = t - w;
      let n = 0;
      let oldest = t;
      for (let i = this.granted.length - 1; i >= 0 && (this.granted[i] ?? 0) >= from; i -= 1) {
        n += 1;
        oldest = this.granted[i] ?? t;
      }
      // n requests granted since `oldest`: n - 1 intervals between them.
      if (n > 1) best = Math.max(best, ((n - 1) * 1000) / Math.max(50, t - oldest));
    }
    return best;
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.queue.length) {
      const t = this.now();
      const r = this.rate();
      const head = this.queue[0] as Waiter;
      const limited = Number.isFinite(r);
      const shared = limited && head.priority > 0 && t - this.laneAt < LANE_ACTIVE_MS;
      const due = Math.max(this.pausedUntil, limited ? this.nextAt : 0, shared ? this.nextOtherAt : 0);
      if (due > t) {
        if (this.timer === undefined || due < this.timerAt) {
          clearTimeout(this.timer);
          this.timerAt = due;
          this.timer = setTimeout(() => { this.timer = undefined; this.timerAt = Infinity; this.pump(); }, Math.ceil(due - t));
        }
        return;
      }
      const w = this.queue.shift() as Waiter;
      this.inFlight += 1;
      this.nextAt = limited ? Math.max(this.nextAt, t - 1000 / r) + 1000 / r : 0;
      if (w.priority <= 0) this.laneAt = t;
      else if (shared) this.nextOtherAt = Math.max(this.nextOtherAt, t - 1000 / (r * OTHER_SHARE)) + 1000 / (r * OTHER_SHARE);
      this.granted.push(t);
      if (this.granted.length > 10_000) this.granted.splice(0, 5_000);
      let released = false;
      w.grant(() => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        this.pump();
      });
    }
  }
}
