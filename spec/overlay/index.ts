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

/** The kind of event source a request names: by EventSourceArn's service, or by a self-managed endpoint. */
export function kindOf(body: Record<string, unknown>, o: Overlay = overlay): string | undefined {
  const arn = body.EventSourceArn;
  const service = typeof arn === 'string' ? arn.split(':')[2] : undefined;
  const endpoints = (body.SelfManagedEventSource as { Endpoints?: Record<string, unknown> } | undefined)?.Endpoints;
  return Object.entries(o.kinds).find(([, k]) => {
    const r = k.recognise.value;
    return 'eventSourceArnService' in r ? service !== undefined && r.eventSourceArnService === service
      : arn === undefined && endpoints !== undefined && Object.hasOwn(endpoints, r.selfManagedEndpoint);
  })?.[0];
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
