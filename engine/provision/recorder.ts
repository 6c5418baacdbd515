import { wasRejected } from './aws-errors.ts';
import { sameResource, type Ledger, type LedgerEntry, type ResourceKind } from './ledger.ts';

export interface RunScope {
  runId: string;
  endpoint: string;
  region: string;
}

type Extras = Pick<LedgerEntry, 'parent' | 'arn'>;

/**
 * Writes a run's creations to the ledger: `pending` before the create call (so that a crash or an
 * ambiguous failure still leaves a trace to tear down), `created` after it. Keeps the same list in memory.
 */
export class RunRecorder {
  private readonly entries: LedgerEntry[] = [];

  constructor(
    private readonly ledger: Ledger,
    private readonly scope: RunScope,
    private readonly log: (line: string) => void,
  ) {}

  /** Records around `create`. A create the service refused (4xx) created nothing: its entry is dropped. */
  async track<T>(kind: ResourceKind, id: string, extras: Extras, create: () => Promise<T>): Promise<T> {
    const pending = await this.write({ ...this.base(kind, id, extras), state: 'pending' });
    let result: T;
    try {
      result = await create();
    } catch (error) {
      if (wasRejected(error)) await this.drop(pending);
      throw error;
    }
    await this.write({ ...pending, state: 'created' });
    this.log(`created ${kind} ${id}`);
    return result;
  }

  /** Records a resource that already exists (its id was only known after its creation). */
  async add(kind: ResourceKind, id: string, extras: Extras): Promise<void> {
    await this.write({ ...this.base(kind, id, extras), state: 'created' });
    this.log(`created ${kind} ${id}`);
  }

  async annotate(kind: ResourceKind, id: string, extras: Extras): Promise<void> {
    const current = this.entries.find((e) => e.kind === kind && e.id === id);
    if (current) await this.write({ ...current, ...extras });
  }

  /** Everything recorded so far, including `pending` entries. */
  recorded(): LedgerEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  private base(kind: ResourceKind, id: string, extras: Extras): LedgerEntry {
    return { ...this.scope, kind, id, createdAt: new Date().toISOString(), ...extras };
  }

  private async write(entry: LedgerEntry): Promise<LedgerEntry> {
    const index = this.entries.findIndex((e) => sameResource(e, entry));
    if (index >= 0) this.entries[index] = entry;
    else this.entries.push(entry);
    await this.ledger.record(entry);
    return entry;
  }

  private async drop(entry: LedgerEntry): Promise<void> {
    const index = this.entries.findIndex((e) => sameResource(e, entry));
    if (index >= 0) this.entries.splice(index, 1);
    await this.ledger.remove(entry);
  }
}
