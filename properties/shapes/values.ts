/**
 * Valid values of any shape of an edition, deterministic: the minimal value (required members only, lists
 * and maps at their minimum size) and the full value (every member present, lists and maps filled to their
 * bounds). Scalars take their lower bound, or a searched string (strings.ts).
 */
import type { Edition, Shape, StringShape } from '../../spec/editions/types.ts';
import { isValidString, shortValid, validOfLength } from './strings.ts';

export class ShapeGenerationError extends Error {
  override name = 'ShapeGenerationError';
}

/** A fixed timestamp (epoch seconds), valid for every timestamp member. */
export const SOME_TIME = 1_700_000_000;
/** How many entries an unbounded list or map gets in a full value. */
export const UNBOUNDED_FILL = 2;
const MAX_DEPTH = 12;

export type Fill = 'minimal' | 'full';

export function shapeOf(edition: Edition, name: string): Shape {
  const s = edition.shapes[name];
  if (!s) throw new ShapeGenerationError(`edition ${edition.name} has no shape ${name}`);
  return s;
}

export function stringValue(s: StringShape, where: string): string {
  const v = shortValid(s);
  if (v === undefined) throw new ShapeGenerationError(`no valid value found for ${where} (pattern ${s.pattern ?? 'none'})`);
  return v;
}

/** Up to `n` distinct valid strings of the shape (map keys). */
export function distinctStrings(s: StringShape, n: number, where: string): string[] {
  if (s.enum) return s.enum.slice(0, n);
  const out = new Set<string>([stringValue(s, where)]);
  for (let len = s.minLength ?? 1; out.size < n && len <= Math.min(s.maxLength ?? 64, 64); len++) {
    const v = validOfLength(s, Math.max(len, 1));
    if (v !== undefined) out.add(v);
  }
  for (const c of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']) {
    if (out.size >= n) break;
    const base = [...out][0]!;
    for (const v of [base + c, c + base]) if (isValidString(s, v)) { out.add(v); break; }
  }
  return [...out].slice(0, n);
}

export function sizeFor(min: number | undefined, max: number | undefined, fill: Fill): number {
  if (fill === 'minimal') return min ?? 0;
  return max ?? Math.max(min ?? 0, UNBOUNDED_FILL);
}

export function value(edition: Edition, name: string, fill: Fill = 'minimal', depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new ShapeGenerationError(`shape ${name} nests deeper than ${MAX_DEPTH}`);
  const s = shapeOf(edition, name);
  switch (s.type) {
    case 'string': return stringValue(s, name);
    case 'integer': case 'long': return s.min ?? Math.min(0, s.max ?? 0);
    case 'boolean': return false;
    case 'timestamp': return SOME_TIME;
    case 'list': return Array.from({ length: sizeFor(s.minSize, s.maxSize, fill) }, () => value(edition, s.member, fill, depth + 1));
    case 'map': {
      const key = shapeOf(edition, s.key);
      if (key.type !== 'string') throw new ShapeGenerationError(`map ${name} has keys of type ${key.type}`);
      const keys = distinctStrings(key, sizeFor(s.minSize, s.maxSize, fill), s.key);
      return Object.fromEntries(keys.map((k) => [k, value(edition, s.value, fill, depth + 1)]));
    }
    case 'structure': {
      const members = Object.entries(s.members).filter(([k, m]) => m.location === undefined && (fill === 'full' || s.required.includes(k)));
      return Object.fromEntries(members.map(([k, m]) => [k, value(edition, m.shape, fill, depth + 1)]));
    }
  }
}
