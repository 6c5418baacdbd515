/**
 * AWS-like latency of the embedded reference (`--latency aws`; off by default). Recorded (aws-observed.md):
 * a create answers at once with State "Creating", a mapping still Creating may refuse deletion
 * (ResourceInUseException), Delete answers 202 "Deleting" and the mapping goes away later, and the
 * control plane is throttled per account (429 TooManyRequestsException with Retry-After). Not recorded,
 * so chosen here and named as assumptions in the README: how long each state lasts and the rate.
 * Every duration is multiplied by `scale` and the rate divided by it, so that a rehearsal runs fast.
 */
import { ApiError } from './errors.ts';

export interface LatencyProfile {
  /** Creating -> Enabled (or Disabled) after this long. */
  settleMs: number;
  /** Deleting -> gone after this long. */
  deleteMs: number;
  /** Requests per second per account (a token bucket of `burst` tokens). */
  ratePerSecond: number;
  burst: number;
}

/** Assumed values (see the README): of the order AWS shows, not measured. */
export const AWS_LATENCY: LatencyProfile = { settleMs: 8_000, deleteMs: 12_000, ratePerSecond: 15, burst: 15 };

/** A throttled request: 429 with Retry-After (seconds, fractional when scaled) and a Reason member. */
export class ThrottledError extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super('TooManyRequestsException', 'Rate exceeded');
  }
}

export const IN_USE = 'ResourceInUseException';

interface Timing { settlesAt: number; settled: string; goneAt?: number }

export class Latency {
  private tokens: number;
  private refilledAt: number;
  private readonly timing = new Map<string, Timing>();
  readonly profile: LatencyProfile;
  throttled = 0;

  constructor(scale: number, base: LatencyProfile = AWS_LATENCY, private readonly now: () => number = () => performance.now()) {
    this.profile = { settleMs: base.settleMs * scale, deleteMs: base.deleteMs * scale, ratePerSecond: base.ratePerSecond / scale, burst: base.burst };
    this.tokens = this.profile.burst;
    this.refilledAt = this.now();
  }

  /** Takes a token for one request, or throws the 429. */
  admit(): void {
    const t = this.now();
    this.tokens = Math.min(this.profile.burst, this.tokens + ((t - this.refilledAt) / 1000) * this.profile.ratePerSecond);
    this.refilledAt = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return;
    }
    this.throttled += 1;
    throw new ThrottledError(Math.max(0.001, (1 - this.tokens) / this.profile.ratePerSecond));
  }

  /** A new mapping: Creating until it settles into `settled` (Enabled, or Disabled). */
  created(uuid: string, settled: string): void {
    this.timing.set(uuid, { settlesAt: this.now() + this.profile.settleMs, settled });
  }

  /** The state a mapping is in now; `gone` once its deletion has finished. */
  state(uuid: string): string | 'gone' | undefined {
    const m = this.timing.get(uuid);
    if (!m) return undefined;
    const t = this.now();
    if (m.goneAt !== undefined) return t >= m.goneAt ? 'gone' : 'Deleting';
    return t < m.settlesAt ? 'Creating' : m.settled;
  }

  /** Starts the deletion; a mapping still Creating refuses it (ResourceInUseException). */
  deleting(uuid: string): void {
    const m = this.timing.get(uuid);
    if (!m) return;
    if (this.state(uuid) === 'Creating') throw new ApiError(IN_USE, 'Cannot delete the event source mapping because it is in use: its state is Creating. Try again later.');
    m.goneAt ??= this.now() + this.profile.deleteMs;
  }

  forget(uuid: string): void {
    this.timing.delete(uuid);
  }
}
