/**
 * The overlay: hand-kept facts about today's operation that botocore's model lacks (kinds of event source,
 * per-kind members and limits, defaults, cross-field rules, recorded errors, acceptable answers where AWS's
 * is unrecorded), each with provenance. Pure data + small look-ups; no file or network access.
 */
import { Ajv } from 'ajv';
import overlayJson from './overlay.json' with { type: 'json' };
import overlaySchema from './overlay.schema.json' with { type: 'json' };
import type { Kind, Overlay } from './types.ts';

export * from './types.ts';

export const validateOverlay = new Ajv({ allErrors: true, strict: false }).compile<Overlay>(overlaySchema);
export const overlay = overlayJson as unknown as Overlay;

interface KindIndex { byService: Map<string, string>; byEndpoint: Array<[endpoint: string, kind: string]> }
const kindIndexes = new WeakMap<Overlay, KindIndex>();

/** The overlay's kinds by how a request names them, in the overlay's order (the first that matches wins). */
function kindIndex(o: Overlay): KindIndex {
  let ix = kindIndexes.get(o);
  if (!ix) {
    ix = { byService: new Map(), byEndpoint: [] };
    for (const [name, k] of Object.entries(o.kinds)) {
      const r = k.recognise.value;
      if ('eventSourceArnService' in r) {
        if (!ix.byService.has(r.eventSourceArnService)) ix.byService.set(r.eventSourceArnService, name);
      } else ix.byEndpoint.push([r.selfManagedEndpoint, name]);
    }
    kindIndexes.set(o, ix);
  }
  return ix;
}

/** The kind of event source a request names: by EventSourceArn's service, or by a self-managed endpoint. */
export function kindOf(body: Record<string, unknown>, o: Overlay = overlay): string | undefined {
  const arn = body.EventSourceArn;
  const ix = kindIndex(o);
  if (typeof arn === 'string') {
    // The third field of arn:<partition>:<service>:...
    const a = arn.indexOf(':');
    const b = a < 0 ? -1 : arn.indexOf(':', a + 1);
    if (b < 0) return undefined;
    const c = arn.indexOf(':', b + 1);
    return ix.byService.get(c < 0 ? arn.slice(b + 1) : arn.slice(b + 1, c));
  }
  if (arn !== undefined) return undefined;
  const endpoints = (body.SelfManagedEventSource as { Endpoints?: Record<string, unknown> } | undefined)?.Endpoints;
  if (endpoints === undefined || endpoints === null) return undefined;
  return ix.byEndpoint.find(([e]) => Object.hasOwn(endpoints, e))?.[1];
}

/**
 * The servers a request or a listed mapping names under a self-managed kind's endpoint (the overlay's
 * `recognise.selfManagedEndpoint`: KAFKA_BOOTSTRAP_SERVERS), strings only, in order.
 */
export function selfManagedServers(body: unknown, o: Overlay = overlay): string[] {
  return kindIndex(o).byEndpoint.flatMap(([e]) => valuesAt(body, `SelfManagedEventSource.Endpoints.${e}.member`)).filter((x): x is string => typeof x === 'string');
}

/** The variant of a kind a request names (`fifo` for an SQS queue whose ARN ends in .fifo), if any. */
export function variantOf(kind: Kind, body: Record<string, unknown>): string | undefined {
  const arn = body.EventSourceArn;
  if (typeof arn !== 'string') return undefined;
  return Object.entries(kind.variants ?? {}).find(([, v]) => arn.endsWith(v.value.arnResourceSuffix))?.[0];
}

/** Members of a kind by use. */
export function membersWithUse(kind: Kind, use: Kind['members'][string]['use']): string[] {
  return Object.entries(kind.members).filter(([, m]) => m.use === use).map(([p]) => p);
}

/** The values at an overlay member path (`a.member.b` collects b of every element of list a). */
export function valuesAt(body: unknown, path: string): unknown[] {
  let at: unknown[] = [body];
  for (const seg of path.split('.')) {
    at = at.flatMap((v) => {
      if (seg === 'member') return Array.isArray(v) ? v : [];
      return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as Record<string, unknown>)[seg] !== undefined ? [(v as Record<string, unknown>)[seg]] : [];
    });
  }
  return at;
}

/** Empty as the `when-non-empty` echo reads it: [], {}, or an object of empty parts (FilterCriteria {Filters: []}, ScalingConfig {}). */
export function isEmptyValue(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (v !== null && typeof v === 'object') return Object.values(v).every(isEmptyValue);
  return false;
}

/**
 * A number the documentation says a kind may refuse though the model allows it (overlay doubtfulRanges):
 * a valid value AWS's answer to which is not recorded.
 */
export function inDoubtfulRange(kind: string, body: unknown, o: Overlay = overlay): boolean {
  return (o.doubtfulRanges ?? []).some((d) => d.kinds.includes(kind) && valuesAt(body, d.member).some((v) => typeof v === 'number' && v >= d.range[0] && v <= d.range[1]));
}
