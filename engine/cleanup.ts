/** Everything the run creates on the target is tracked here and deleted, also after errors and on abort. */
import type { Wire } from './wire.ts';
import type { RawResult } from './transport/index.ts';
import { mappingPath } from './wire.ts';

export interface Leak { kind: string; id: string; error: string }

/** How long a deleted mapping may take to disappear (AWS deletes asynchronously: State "Deleting"). */
export const GONE_TIMEOUT_MS = 60_000;

const BUSY = /^(ResourceInUseException|ResourceConflictException)\b/;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class MappingTracker {
  private readonly live = new Set<string>();
  constructor(private readonly wire: Wire, private readonly sleep: (ms: number) => Promise<void> = pause) {}

  add(uuid: string): void {
    this.live.add(uuid);
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
    if (!waitGone || r.status === 404) return undefined;
    return this.waitGone(uuid);
  }

  /**
   * DELETE, retried (bounded) while the mapping is busy: AWS answers ResourceInUseException (400) or
   * ResourceConflictException (409) while a create or an update of the mapping is still in progress.
   */
  private async deleteRetrying(uuid: string): Promise<RawResult> {
    let waited = 0;
    for (let delay = 0; ; delay = Math.min(5_000, Math.max(500, delay * 2))) {
      if (delay) await this.sleep(delay);
      waited += delay;
      const r = await this.wire.send('DELETE', mappingPath(uuid));
      if (r.kind !== 'response' || !BUSY.test(r.headers['x-amzn-errortype'] ?? '') || waited > GONE_TIMEOUT_MS) return r;
    }
  }

  /** A mapping deleted by other means (the SDK pass): wait until it is gone, or keep tracking it. */
  async deletedElsewhere(uuid: string): Promise<string | undefined> {
    this.live.delete(uuid);
    return this.waitGone(uuid);
  }

  private async waitGone(uuid: string): Promise<string | undefined> {
    let waited = 0;
    for (let delay = 0; waited <= GONE_TIMEOUT_MS; delay = Math.min(5_000, Math.max(200, delay * 2))) {
      if (delay) await this.sleep(delay);
      waited += delay;
      const r = await this.wire.send('GET', mappingPath(uuid));
      if (r.kind === 'response' && r.status === 404) return undefined;
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
