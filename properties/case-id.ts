/** Stable case ids: `<rule>~<12 hex>` from the rule, the scenario and the canonical (unbound) request. */
import { createHash } from 'node:crypto';
import type { CaseRequest, Scenario } from './types.ts';

/** JSON with object keys sorted, so that equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export function caseId(rule: string, scenario: Scenario, request: CaseRequest): string {
  const text = canonicalJson({ rule, scenario, path: request.path, body: request.body ?? null, raw: request.raw ?? null });
  return `${rule}~${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}
