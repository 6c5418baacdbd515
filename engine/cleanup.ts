/** Everything the run creates on the target is tracked here and deleted, also after errors and on abort. */
import type { Wire } from './wire.ts';
import { mappingPath } from './wire.ts';

export interface Leak { kind: string; id: string; error: string }

export class MappingTracker {
  private readonly live = new Set<string>();
  constructor(private readonly wire: Wire) {}

  add(uuid: string): void {
    this.live.add(uuid);
  }

  /** Deletes one mapping; a 404 means it is already gone. Returns an error text, or undefined on success. */
  async delete(uuid: string): Promise<string | undefined> {
    const r = await this.wire.send('DELETE', mappingPath(uuid));
    if (r.kind !== 'response') return `${r.kind}: ${r.message}`;
    if ((r.status >= 200 && r.status < 300) || r.status === 404) {
      this.live.delete(uuid);
      return undefined;
    }
    return `HTTP ${r.status}`;
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
