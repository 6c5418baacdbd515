/** The mappings a reference server holds, by UUID. */
export interface Mapping {
  uuid: string;
  functionArn: string;
  eventSourceArn: string;
  /** The mapping as its API answers describe it (UUID, BatchSize, FunctionArn, State, ...). */
  body: Record<string, unknown>;
}

export class MappingStore {
  private readonly byUuid = new Map<string, Mapping>();

  add(m: Mapping): void {
    this.byUuid.set(m.uuid, m);
  }

  get(uuid: string): Mapping | undefined {
    return this.byUuid.get(uuid);
  }

  delete(uuid: string): boolean {
    return this.byUuid.delete(uuid);
  }

  list(): Mapping[] {
    return [...this.byUuid.values()];
  }

  get size(): number {
    return this.byUuid.size;
  }

  /** A mapping of the same function ARN (qualifier included) on the same source, other than `except`. */
  findDuplicate(functionArn: string, eventSourceArn: string, except?: string): Mapping | undefined {
    return this.list().find((m) => m.uuid !== except && m.functionArn === functionArn && m.eventSourceArn === eventSourceArn);
  }
}

/** Epoch seconds as AWS sends them: a JSON number with a fractional part (milliseconds). */
export function epochSeconds(): number {
  const ms = Date.now();
  return (ms % 1000 === 0 ? ms + 1 : ms) / 1000;
}
