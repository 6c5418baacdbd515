/**
 * The decided semantics of the model's constraints (model.json "semantics"):
 * - patterns are matched against the whole value (the seed's patterns carry no ^/$; AWS matches in full);
 * - lengths count Unicode code points, not UTF-16 units.
 */
const cache = new Map<string, RegExp>();

/** The seed's pattern compiled for whole-value matching. Non-unicode mode: the seed writes `[a-zA-Z0-9-_]`, which is a syntax error under the `u` flag. */
export function anchoredPattern(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`);
    cache.set(pattern, re);
  }
  return re;
}

export function matchesPattern(pattern: string, value: string): boolean {
  return anchoredPattern(pattern).test(value);
}

/** Would the value match if the pattern were (wrongly) searched for instead of matched in full? */
export function matchesUnanchored(pattern: string, value: string): boolean {
  return new RegExp(pattern).test(value);
}

/** Length in Unicode code points (a lone surrogate counts as one). */
export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** The anchored pattern as JSON Schema text, for ajv. */
export function anchoredSource(pattern: string): string {
  return `^(?:${pattern})$`;
}
