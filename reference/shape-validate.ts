/**
 * Model validation of the request members that the seed page does not define, from today's edition's
 * shapes at any depth: ranges, lengths in code points, patterns matched in full, enums, list and map
 * sizes, map keys and values. Each broken constraint is a ModelViolation worded as AWS (Coral) words
 * them. Recorded: the message format and lowerCamelCase member names (aws-observed.md). Inferred, not
 * recorded: a nested member's path as dotted lowerCamel segments (`destinationConfig.onFailure.destination`),
 * a list element as `<list>.<n>.member` (1-based, Coral's form in other services), a list's or map's size as
 * "length", and a map's scalar keys and values as "Map keys/value must satisfy constraint: [...]".
 */
import { codePointLength } from '../spec/index.ts';
import type { Shape } from '../spec/editions/types.ts';
import type { ModelViolation } from './errors.ts';
import type { Hooks } from './hooks.ts';
import { shapeOf } from './today.ts';

const lowerCamel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** Java's toString of the value, as Coral quotes it: lists `[a, b]`, maps `{k=v}`. */
export function javaText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(javaText).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${javaText(v)}`).join(', ')}}`;
  }
  return String(value);
}

type Kind = ModelViolation['constraint'];
type Found = [Kind, string];

function bounds(word: string, n: number, min?: number, max?: number): string[] {
  const out: string[] = [];
  if (min !== undefined && n < min) out.push(`Member must have ${word} greater than or equal to ${min}`);
  if (max !== undefined && n > max) out.push(`Member must have ${word} less than or equal to ${max}`);
  return out;
}

/** The constraints a scalar value breaks (its JSON type already checked), with their texts. */
function scalarFound(path: string, shape: Shape, value: unknown, hooks: Hooks): Found[] {
  if ((shape.type === 'integer' || shape.type === 'long') && typeof value === 'number') {
    return bounds('value', value, shape.min, shape.max).map((t) => ['range', t]);
  }
  if (shape.type !== 'string' || typeof value !== 'string') return [];
  const out = bounds('length', codePointLength(value), shape.minLength, shape.maxLength).map((t): Found => ['length', t]);
  if (shape.pattern !== undefined && hooks.patternMatch(path, shape.pattern, value) === undefined) {
    out.push(['pattern', `Member must satisfy regular expression pattern: ${shape.pattern}`]);
  }
  if (shape.enum !== undefined && hooks.enumValue(shape.enum, value) === undefined) {
    out.push(['enum', `Member must satisfy enum value set: [${shape.enum.join(', ')}]`]);
  }
  return out;
}

const scalarTexts = (path: string, shape: Shape, value: unknown, hooks: Hooks): string[] =>
  scalarFound(path, shape, value, hooks).map(([, t]) => t);

const isScalar = (s: Shape): boolean => s.type !== 'structure' && s.type !== 'list' && s.type !== 'map';

function mapViolations(member: string, wire: string, shape: Extract<Shape, { type: 'map' }>, value: Record<string, unknown>, hooks: Hooks): ModelViolation[] {
  const at = (text: string): ModelViolation => ({ member, path: wire, constraint: 'size', value: javaText(value), text });
  const out = bounds('length', Object.keys(value).length, shape.minSize, shape.maxSize).map(at);
  const keyShape = shapeOf(shape.key);
  const keyTexts = [...new Set(Object.keys(value).flatMap((k) => scalarTexts(`${member}.key`, keyShape, k, hooks)))];
  if (keyTexts.length > 0) out.push({ ...at(`Map keys must satisfy constraint: [${keyTexts.join(', ')}]`), constraint: 'map-key' });
  const valueShape = shapeOf(shape.value);
  if (isScalar(valueShape)) {
    const texts = [...new Set(Object.values(value).flatMap((v) => scalarTexts(`${member}.value`, valueShape, v, hooks)))];
    if (texts.length > 0) out.push({ ...at(`Map value must satisfy constraint: [${texts.join(', ')}]`), constraint: 'map-value' });
    return out;
  }
  for (const [k, v] of Object.entries(value)) out.push(...shapeViolations(`${member}.${k}`, `${wire}.${k}`, shape.value, v, hooks));
  return out;
}

/** Every model constraint `value` breaks at `member` (path in model names) and below; `wire` is its path as AWS names it. */
export function shapeViolations(member: string, wire: string, shapeName: string, value: unknown, hooks: Hooks): ModelViolation[] {
  if (value === undefined) return [];
  const shape = shapeOf(shapeName);
  if (shape.type === 'structure') {
    const sent = value as Record<string, unknown>;
    const missing = shape.required.filter((m) => sent[m] === undefined)
      .map((m): ModelViolation => ({ member: `${member}.${m}`, path: `${wire}.${lowerCamel(m)}`, constraint: 'required', value: null, text: 'Member must not be null' }));
    const below = Object.entries(shape.members).flatMap(([m, s]) => shapeViolations(`${member}.${m}`, `${wire}.${lowerCamel(m)}`, s.shape, sent[m], hooks));
    return [...missing, ...below];
  }
  if (shape.type === 'list') {
    const list = value as unknown[];
    const size = bounds('length', list.length, shape.minSize, shape.maxSize)
      .map((text): ModelViolation => ({ member, path: wire, constraint: 'size', value: javaText(list), text }));
    return [...size, ...list.flatMap((v, i) => shapeViolations(`${member}.member`, `${wire}.${i + 1}.member`, shape.member, v, hooks))];
  }
  if (shape.type === 'map') return mapViolations(member, wire, shape, value as Record<string, unknown>, hooks);
  return scalarFound(member, shape, value, hooks).map(([constraint, text]) => ({ member, path: wire, constraint, value, text }));
}

/** The violations of a top-level member of today's edition. */
export function memberShapeViolations(member: string, shapeName: string, value: unknown, hooks: Hooks): ModelViolation[] {
  return shapeViolations(member, lowerCamel(member), shapeName, value, hooks);
}
