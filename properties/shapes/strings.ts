/**
 * Strings for a string shape, found by search rather than written per member: a short value that matches
 * the pattern within the length bounds, the same grown to an exact length, values that break only the
 * length or only the pattern (including one that matches only when the pattern is wrongly searched for).
 * Lengths count code points; patterns match the whole value (spec/semantics.ts). Deterministic: the same
 * shape always gives the same strings.
 */
import fc from 'fast-check';
import { codePointLength, matchesPattern, matchesUnanchored } from '../../spec/semantics.ts';
import type { StringShape } from '../../spec/editions/types.ts';

const SEED = 20151231;
const FILL = ['a', 'A', '0', '-', '_', '.', 'z', '9', ':', '/', ' '];
const FALLBACK = ['a', 'A', '0', 'a0', 'example', 'abc-1', ''];
const BREAKERS = ['\n', '!', ' ', '#', '$', '%', '\u00e4', '\u{1F600}', '~', '..'];

export const fitsLength = (s: StringShape, v: string): boolean => {
  const n = codePointLength(v);
  return n >= (s.minLength ?? 0) && (s.maxLength === undefined || n <= s.maxLength);
};
export const fitsPattern = (s: StringShape, v: string): boolean => s.pattern === undefined || matchesPattern(s.pattern, v);
export const isValidString = (s: StringShape, v: string): boolean => fitsLength(s, v) && fitsPattern(s, v) && (!s.enum || s.enum.includes(v));

/** Samples per pattern: many shapes share one (ARNs, names), and sampling is the costly part of the search. */
const sampled = new Map<string, readonly string[]>();

/** Matching strings from fast-check (fixed seed), or fixed candidates where fast-check cannot read the pattern. */
function samples(s: StringShape): readonly string[] {
  if (s.pattern === undefined) return FALLBACK;
  let found = sampled.get(s.pattern);
  if (found) return found;
  try {
    found = [...fc.sample(fc.stringMatching(new RegExp(`^(?:${s.pattern})$`)), { seed: SEED, numRuns: 60 }), ...FALLBACK];
  } catch {
    found = FALLBACK;
  }
  sampled.set(s.pattern, found);
  return found;
}

const cache = new WeakMap<StringShape, string | undefined>();

/** The shortest sampled valid value (grown to minLength where needed), or undefined if none is found. */
export function shortValid(s: StringShape): string | undefined {
  if (s.enum) return s.enum[0];
  if (cache.has(s)) return cache.get(s);
  const candidates = samples(s).filter((v) => fitsPattern(s, v)).sort((a, b) => codePointLength(a) - codePointLength(b) || a.localeCompare(b));
  let found = candidates.find((v) => fitsLength(s, v));
  if (found === undefined && s.minLength !== undefined) {
    found = candidates.map((v) => grow(s, v, s.minLength!)).find((v) => v !== undefined && fitsLength(s, v));
  }
  cache.set(s, found);
  return found;
}

/** `v` grown one character at a time (appended, else prepended) until `target` code points, still matching. */
export function grow(s: StringShape, v: string, target: number, fill: string[] = FILL): string | undefined {
  let cur = v;
  while (codePointLength(cur) < target) {
    const rest = target - codePointLength(cur);
    // Fast path: the whole rest of one character at once (most patterns end in a repeated class).
    const block = fill.flatMap((c) => [cur + c.repeat(rest), c.repeat(rest) + cur]).find((x) => fitsPattern(s, x));
    if (block !== undefined) return block;
    const next = fill.flatMap((c) => [cur + c, c + cur]).find((x) => fitsPattern(s, x));
    if (next === undefined) return undefined;
    cur = next;
  }
  return codePointLength(cur) === target ? cur : undefined;
}

/** A valid value of exactly `n` code points, if the search finds one. */
const byLength = new WeakMap<StringShape, Map<number, string | undefined>>();

export function validOfLength(s: StringShape, n: number): string | undefined {
  const known = byLength.get(s) ?? new Map<number, string | undefined>();
  byLength.set(s, known);
  if (!known.has(n)) known.set(n, searchLength(s, n));
  return known.get(n);
}

function searchLength(s: StringShape, n: number): string | undefined {
  if (s.enum) return s.enum.find((v) => codePointLength(v) === n);
  const start = samples(s).filter((v) => fitsPattern(s, v) && codePointLength(v) <= n).sort((a, b) => codePointLength(b) - codePointLength(a));
  for (const v of start.slice(0, 8)) {
    const g = grow(s, v, n);
    if (g !== undefined) return g;
  }
  return undefined;
}

/** A value of `n` astral characters (two UTF-16 units each) that fits the pattern, if the pattern takes them. */
export function astralOfLength(s: StringShape, n: number): string | undefined {
  const v = '\u{1F600}'.repeat(n);
  return !s.enum && fitsPattern(s, v) ? v : undefined;
}

/** A value that fits the length bounds and breaks the pattern; `unanchored`: one the pattern matches when searched for. */
export function patternBreaker(s: StringShape, unanchored: boolean): string | undefined {
  if (s.pattern === undefined) return undefined;
  const base = shortValid(s) ?? '';
  const forms = BREAKERS.flatMap((b) => [base + b, b + base, b, b.repeat(Math.max(1, s.minLength ?? 1)), `${base}${b}${base}`]);
  const breaks = forms.filter((v) => fitsLength(s, v) && !matchesPattern(s.pattern!, v));
  return unanchored ? breaks.find((v) => matchesUnanchored(s.pattern!, v)) : breaks.find((v) => !matchesUnanchored(s.pattern!, v)) ?? breaks[0];
}
