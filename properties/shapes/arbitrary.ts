/**
 * fast-check arbitraries of valid values of any shape of an edition: structures with each optional member
 * present or absent, lists and maps within their bounds (up to a few entries past the minimum), strings from
 * the pattern (fast-check's stringMatching, else the searched values of strings.ts), numbers in range.
 */
import fc from 'fast-check';
import type { Edition, StringShape } from '../../spec/editions/types.ts';
import { fitsLength, validOfLength } from './strings.ts';
import { distinctStrings, shapeOf, stringValue, ShapeGenerationError, SOME_TIME } from './values.ts';
import { embedCase, shapeCases, type ShapeCase } from './cases.ts';

/** Entries past a list's or map's minimum size that random values may add. */
export const EXTRA_ENTRIES = 3;
const INT32 = 2 ** 31;

function stringArbitrary(s: StringShape, where: string): fc.Arbitrary<string> {
  if (s.enum) return fc.constantFrom(...s.enum);
  const known = [stringValue(s, where), ...[s.minLength, s.maxLength].map((n) => (n === undefined ? undefined : validOfLength(s, n)))]
    .filter((v): v is string => v !== undefined);
  if (s.pattern === undefined) {
    return fc.oneof(fc.constantFrom(...known), fc.string({ unit: 'grapheme', minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 20, 20) }).filter((v) => fitsLength(s, v)));
  }
  let matching: fc.Arbitrary<string> | undefined;
  try {
    matching = fc.stringMatching(new RegExp(`^(?:${s.pattern})$`)).filter((v) => fitsLength(s, v));
  } catch {
    matching = undefined;
  }
  return matching ? fc.oneof(fc.constantFrom(...known), matching) : fc.constantFrom(...known);
}

/**
 * Arbitraries per edition and shape, built once: an arbitrary is immutable and its values depend only on
 * the random source, so reusing it changes no case; building one (a pattern's stringMatching, the searched
 * strings of strings.ts) costs far more than drawing a value, and the random families draw inside chain().
 */
const built = new WeakMap<Edition, Map<string, fc.Arbitrary<unknown>>>();

export function valueArbitrary(edition: Edition, name: string, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 12) throw new ShapeGenerationError(`shape ${name} nests too deep`);
  let byShape = built.get(edition);
  if (!byShape) built.set(edition, (byShape = new Map()));
  let a = byShape.get(name);
  if (!a) byShape.set(name, (a = buildArbitrary(edition, name, depth)));
  return a;
}

function buildArbitrary(edition: Edition, name: string, depth: number): fc.Arbitrary<unknown> {
  const s = shapeOf(edition, name);
  switch (s.type) {
    case 'string': return stringArbitrary(s, name);
    case 'integer': return fc.integer({ min: s.min ?? -INT32, max: s.max ?? INT32 - 1 });
    case 'long': return fc.integer({ min: s.min ?? Number.MIN_SAFE_INTEGER, max: s.max ?? Number.MAX_SAFE_INTEGER });
    case 'boolean': return fc.boolean();
    case 'timestamp': return fc.integer({ min: 0, max: 2 * SOME_TIME });
    case 'list': {
      const minLength = s.minSize ?? 0;
      return fc.array(valueArbitrary(edition, s.member, depth + 1), { minLength, maxLength: Math.min(s.maxSize ?? minLength + EXTRA_ENTRIES, minLength + EXTRA_ENTRIES) });
    }
    case 'map': {
      const key = shapeOf(edition, s.key);
      if (key.type !== 'string') throw new ShapeGenerationError(`map ${name} has keys of type ${key.type}`);
      const minKeys = s.minSize ?? 0;
      const possible = key.enum ? key.enum.length : minKeys + EXTRA_ENTRIES;
      const maxKeys = Math.min(s.maxSize ?? possible, possible, minKeys + EXTRA_ENTRIES);
      const keys = key.enum ? fc.constantFrom(...key.enum) : fc.oneof(fc.constantFrom(...distinctStrings(key, maxKeys, s.key)), stringArbitrary(key, s.key));
      return fc.dictionary(keys, valueArbitrary(edition, s.value, depth + 1), { minKeys, maxKeys, noNullPrototype: true });
    }
    case 'structure': {
      const members = Object.entries(s.members).filter(([, m]) => m.location === undefined);
      const model = Object.fromEntries(members.map(([k, m]) => [k, valueArbitrary(edition, m.shape, depth + 1)]));
      return fc.record(model, { requiredKeys: s.required.filter((r) => members.some(([k]) => k === r)) });
    }
  }
}

/**
 * Random invalid requests for breadth: a random valid request of `root` with one deterministic invalid case
 * (shapeCases) put into it. Members are independent at the shape level, so the request still breaks exactly
 * the case's rule (and what it declares entailed); fast-check shrinks the valid part.
 */
export function invalidArbitrary(edition: Edition, root: string): fc.Arbitrary<{ case: ShapeCase; body: Record<string, unknown> }> {
  const invalid = shapeCases(edition, root).cases.filter((c) => !c.valid);
  if (invalid.length === 0) throw new ShapeGenerationError(`shape ${root} has no invalid cases`);
  return fc.tuple(fc.constantFrom(...invalid), valueArbitrary(edition, root))
    .map(([c, base]) => ({ case: c, body: embedCase(edition, root, c, base as Record<string, unknown>) }));
}
