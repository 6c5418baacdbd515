/**
 * The lane scheduler: cases that create mappings run on (resource set, source) pairs, never two at once on
 * one pair (a mapping collides only with one of the same function and the same source), with at most
 * `limit` pairs busy at once. A case of source S waits for any free pair of source S; the source with the
 * most cases still to run is served first, so that the longest queue (the critical path) starts early.
 * Self-contained: it knows nothing of HTTP or mappings, only keys.
 */

export interface Lane<R> {
  /** Index of the resource set (the function) this lane uses. */
  set: number;
  /** The source key (the unbound EventSourceArn of its cases). */
  source: string;
  resources: R;
}

export interface LanePlan<C, R> {
  cases: C[];
  /** The resource sets (one function each); every source key gets a lane per set. */
  sets: R[];
  sourceOf(c: C): string;
  /** At most this many lanes busy at once (--lanes). */
  limit: number;
}

/** Every (set, source) pair the cases need, set by set. */
export function lanesOf<C, R>(plan: Omit<LanePlan<C, R>, 'limit'>): Lane<R>[] {
  const sources = [...new Set(plan.cases.map(plan.sourceOf))];
  return plan.sets.flatMap((resources, set) => sources.map((source) => ({ set, source, resources })));
}

/**
 * Runs every case on a lane of its source; returns the results in the order the cases finished.
 * `stop()` true: no new case is started.
 */
export async function runLanes<C, R, T>(plan: LanePlan<C, R>, task: (c: C, lane: Lane<R>) => Promise<T>, stop: () => boolean = () => false): Promise<T[]> {
  const queues = new Map<string, C[]>();
  for (const c of plan.cases) {
    const k = plan.sourceOf(c);
    queues.set(k, [...(queues.get(k) ?? []), c]);
  }
  const free = new Map<string, Lane<R>[]>();
  for (const lane of lanesOf(plan)) free.set(lane.source, [...(free.get(lane.source) ?? []), lane]);
  const results: T[] = [];
  let busy = 0;
  let wake: (() => void) | undefined;
  const inFlight = new Set<Promise<void>>();
  let failed: { error: unknown } | undefined;
  /** The source with the most waiting cases that has a free lane. */
  const pick = (): string | undefined => {
    let best: string | undefined;
    for (const [k, q] of queues) if (q.length && free.get(k)?.length && (!best || q.length > (queues.get(best)?.length ?? 0))) best = k;
    return best;
  };
  const limit = Math.max(1, plan.limit);
  for (;;) {
    if (stop() || failed) break;
    const k = busy < limit ? pick() : undefined;
    if (k === undefined) {
      if (inFlight.size === 0) break;
      await new Promise<void>((resolve) => { wake = resolve; });
      continue;
    }
    const c = queues.get(k)!.shift() as C;
    const lane = free.get(k)!.shift() as Lane<R>;
    busy += 1;
    const p: Promise<void> = task(c, lane).then((r) => { results.push(r); }, (error: unknown) => { failed ??= { error }; }).finally(() => {
      busy -= 1;
      free.get(k)!.push(lane);
      inFlight.delete(p);
      wake?.();
    });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  if (failed) throw failed.error;
  return results;
}
