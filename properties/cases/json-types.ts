/** Each member with each JSON type it must not have (string, number, boolean, null, array, object). */
import { facts } from '../facts.ts';
import { baseBody } from '../facts.ts';
import type { Case } from '../types.ts';
import { makeCase } from './make.ts';

export const JSON_TYPES = ['string', 'number', 'boolean', 'null', 'array', 'object'] as const;
export type JsonTypeName = (typeof JSON_TYPES)[number];

const SAMPLE: Record<JsonTypeName, (memberType: string) => unknown> = {
  string: (t) => (t === 'boolean' ? 'true' : t === 'integer' || t === 'timestamp' ? '100' : 'x'),
  number: (t) => (t === 'boolean' ? 1 : 7),
  boolean: () => true,
  null: () => null,
  array: () => [],
  object: () => ({}),
};

/** The JSON types that are right for a model type. */
export function rightJsonTypes(memberType: string): JsonTypeName[] {
  if (memberType === 'integer' || memberType === 'timestamp') return ['number'];
  return [memberType as JsonTypeName];
}

export function wrongTypeCases(): Case[] {
  const out: Case[] = [];
  for (const [member, m] of Object.entries(facts.members)) {
    for (const t of JSON_TYPES) {
      if (rightJsonTypes(m.type).includes(t)) continue;
      const args: Record<string, unknown> = { member, wrongType: t };
      if (t === 'null' && !m.required) args.variant = 'null';
      out.push(makeCase(`${member}.type`, false, `${member} as a JSON ${t}`, { body: { ...baseBody(), [member]: SAMPLE[t](m.type) }, args, state: member === 'FunctionName' ? { functionExists: false } : member === 'EventSourceArn' ? { streamExists: false } : {} }));
    }
  }
  return out;
}
