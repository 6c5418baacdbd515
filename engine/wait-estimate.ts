/**
 * Learned waiting: how long a target takes to settle a new mapping (until Delete is accepted) or to finish
 * a deletion (until a read is 404). Unknown at first: the caller's own backoff. Once seen, the first try
 * comes at 0.9x the median of the last waits and later tries every 1/8 of it, so that a lane loses at
 * most about an eighth of a wait to polling, and polls a rate-limited target only a few times per wait.
 * A wait is recorded as the middle of (last refused try, first accepted try]: a first try that is already
 * accepted only says the wait was shorter, so the estimate shrinks until a try is refused again.
 */
const KEEP = 16;

export class WaitEstimate {
  private readonly seen: number[] = [];
  constructor(private readonly floorMs = 5, private readonly capMs = 5_000) {}

  /** The median of the recent waits, or undefined before the first. */
  estimate(): number | undefined {
    if (this.seen.length === 0) return undefined;
    const sorted = [...this.seen].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }

  /** The wait ended between `refusedAt` (the last refused try, 0 if none) and `acceptedAt`, in ms from its start. */
  record(acceptedAt: number, refusedAt = 0): void {
    this.seen.push(Math.max(0, (acceptedAt + Math.min(refusedAt, acceptedAt)) / 2));
    if (this.seen.length > KEEP) this.seen.shift();
  }

  /** The wait before the first try, `elapsed` ms after the waiting started (0 while nothing is known). */
  first(elapsed: number): number {
    const e = this.estimate();
    return e === undefined ? 0 : Math.max(0, Math.round(0.95 * e - elapsed));
  }

  /** The wait before a later try: 1/8 of the estimate, or `fallback` (the caller's backoff) while nothing is known. */
  next(fallback: number): number {
    const e = this.estimate();
    return e === undefined ? fallback : Math.round(Math.min(this.capMs, Math.max(this.floorMs, e / 12)));
  }
}
