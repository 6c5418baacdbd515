/** Everything the run creates on the target is tracked here and deleted, also after errors and on abort. */
import type { Wire } from './wire.ts';
import type { RawResult } from './transport/index.ts';
import { mappingPath } from './wire.ts';
import { WaitEstimate } from './wait-estimate.ts';

export interface Leak { kind: string; id: string; error: string }

/** How long a deleted mapping may take to disappear (AWS deletes asynchronously: State "Deleting"). */
export const GONE_TIMEOUT_MS = 60_000;

/** The first retry while nothing is learned yet (then doubling up to 5 s): short, so that a fast target is learned fast. */
const FIRST_BACKOFF_MS = 50;

const BUSY = /^(ResourceInUseException|ResourceConflictException)\b/;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class MappingTracker {
  private readonly live = new Set<string>();
  /** When each mapping was created: a target settles it (accepts its Delete) some time after. */
  private readonly born = new Map<string, number>();
  /** Learned waits (engine/wait-estimate.ts): until a Delete is accepted, and until a deleted mapping is gone. */
  readonly settle = new WaitEstimate();
  readonly gone = new WaitEstimate();
  constructor(readonly wire: Wire, private readonly sleep: (ms: number) => Promise<void> = pause, private readonly now: () => number = () => performance.now()) {}

  /** Every mapping the run made, deleted or not (for telling a conflict with the run's own mapping). */
  private readonly made = new Set<string>();

  add(uuid: string): void {
    this.live.add(uuid);
    this.made.add(uuid);
    if (!this.born.has(uuid)) this.born.set(uuid, this.now());
  }

  /** Did the run make this mapping (for any case)? */
  madeByRun(uuid: string): boolean {
    return this.made.has(uuid);
  }

  /**
   * Deletes one mapping; a 404 means it is already gone. With `waitGone`, also waits (bounded) until a
   * read answers 404, so that the next case of the lane can map the same function and stream again.
   * Returns an error text, or undefined on success.
   */
  async delete(uuid: string, waitGone = false): Promise<string | undefined> {
    const r = await this.deleteRetrying(uuid);
    if (r.kind !== 'response') return `${r.kind}: ${r.message}`;
    if ((r.status < 200 || r.status >= 300) && r.status !== 404) return `HTTP ${r.status}`;
    this.live.delete(uuid);
    this.born.delete(uuid);
    if (!waitGone || r.status === 404) return undefined;
    return this.waitGone(uuid);
  }

  /**
   * DELETE, retried (bounded) while the mapping is busy: AWS answers ResourceInUseException (400) or
   * ResourceConflictException (409) while a create or an update of the mapping is still in progress.
   */
  private async deleteRetrying(uuid: string): Promise<RawResult> {
    let waited = 0;
    const start = this.born.get(uuid) ?? this.now();
    let refusedAt = 0;
    for (let delay = this.settle.first(this.now() - start), backoff = 0; ; backoff = Math.min(5_000, Math.max(FIRST_BACKOFF_MS, Math.round(backoff * 1.5))), delay = this.settle.next(backoff)) {
      if (delay) await this.sleep(delay);
      waited += delay;
      const sentAt = this.now() - start;
      const r = await this.wire.send('DELETE', mappingPath(uuid));
      const busy = r.kind === 'response' && BUSY.test(r.headers['x-amzn-errortype'] ?? '');
      if (busy) refusedAt = sentAt;
      else if (r.kind === 'response' && r.status < 300) this.settle.record(sentAt, refusedAt);
      if (!busy || waited > GONE_TIMEOUT_MS) return r;
    }
  }

  /** A mapping deleted by other means (the SDK pass): wait until it is gone, or keep tracking it. */
  async deletedElsewhere(uuid: string): Promise<string | undefined> {
    this.live.delete(uuid);
    return this.waitGone(uuid);
  }

  private async waitGone(uuid: string): Promise<string | undefined> {
    let waited = 0;
    const start = this.now();
    let presentAt = 0;
    for (let delay = this.gone.first(0), backoff = 0; waited <= GONE_TIMEOUT_MS; backoff = Math.min(5_000, Math.max(FIRST_BACKOFF_MS, Math.round(backoff * 1.5))), delay = this.gone.next(backoff)) {
      if (delay) await this.sleep(delay);
      waited += delay;
      const sentAt = this.now() - start;
      const r = await this.wire.send('GET', mappingPath(uuid));
      if (r.kind === 'response' && r.status === 404) {
        this.gone.record(sentAt, presentAt);
        return undefined;
      }
      presentAt = sentAt;
    }
    this.live.add(uuid);
    return `still present ${GONE_TIMEOUT_MS / 1000} s after it was deleted`;
  }

  pending(): number {
    return this.live.size;
  }

  /** Deletes every mapping still alive; what cannot be deleted is reported as a leak. */
  async deleteAll(): Promise<Leak[]> {
    const leaks: Leak[] = [];
    for (const uuid of [...this.live]) {
      const error = await this.delete(uuid);
      if (error) leaks.push({ kind: 'event-source-mapping', id: uuid, error });
    }
    return leaks;
  }
}
