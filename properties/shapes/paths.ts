/**
 * Member paths of a shape at any depth, and putting a value at a path: the parents are built as their
 * minimal valid values (the root from a given base), so that only the value at the path is new.
 */
import type { Edition, Shape } from '../../spec/editions/types.ts';
import { distinctStrings, shapeOf, value, ShapeGenerationError } from './values.ts';

export interface MemberPath {
  path: string[];
  shapeName: string;
  shape: Shape;
  /** Set for a structure member: whether its structure requires it. */
  required?: boolean;
}

/** Every member path under `root` (structure members, `.member` of lists, `.key` and `.value` of maps). */
export function memberPaths(edition: Edition, root: string, prefix: string[] = [], depth = 0): MemberPath[] {
  const s = shapeOf(edition, root);
  if (depth > 12) throw new ShapeGenerationError(`shape ${root} nests too deep`);
  const child = (name: string, part: string, required?: boolean): MemberPath[] => [
    { path: [...prefix, part], shapeName: name, shape: shapeOf(edition, name), ...(required === undefined ? {} : { required }) },
    ...memberPaths(edition, name, [...prefix, part], depth + 1),
  ];
  if (s.type === 'structure') {
    return Object.entries(s.members).filter(([, m]) => m.location === undefined).flatMap(([k, m]) => child(m.shape, k, s.required.includes(k)));
  }
  if (s.type === 'list') return child(s.member, 'member');
  if (s.type === 'map') return [...child(s.key, 'key'), ...child(s.value, 'value')];
  return [];
}

/** Marks a member to be left out (a missing required member). */
export const ABSENT = Symbol('absent');
export type Leaf = unknown | typeof ABSENT;

/** A value of `shapeName` with `leaf` at `path` (a map key when the path ends in `.key`). */
export function put(edition: Edition, shapeName: string, path: string[], leaf: Leaf, start?: Record<string, unknown>): unknown {
  if (path.length === 0) return leaf;
  const s = shapeOf(edition, shapeName);
  const [head, ...rest] = path as [string, ...string[]];
  if (s.type === 'structure') {
    const out = { ...((start ?? value(edition, shapeName)) as Record<string, unknown>) };
    const inner = rest.length === 0 ? leaf : put(edition, s.members[head]!.shape, rest, leaf);
    if (inner === ABSENT) delete out[head];
    else out[head] = inner;
    return out;
  }
  if (s.type === 'list') {
    const items = value(edition, shapeName) as unknown[];
    const first = put(edition, s.member, rest, leaf);
    return [first, ...items.slice(1)];
  }
  if (s.type === 'map') {
    const keyShape = shapeOf(edition, s.key);
    if (keyShape.type !== 'string') throw new ShapeGenerationError(`map ${shapeName} has keys of type ${keyShape.type}`);
    const entries = Object.entries(value(edition, shapeName) as Record<string, unknown>);
    if (head === 'key') {
      const others = entries.slice(1).filter(([k]) => k !== leaf);
      return Object.fromEntries([[String(leaf), value(edition, s.value)], ...others]);
    }
    const key = entries[0]?.[0] ?? distinctStrings(keyShape, 1, s.key)[0]!;
    return Object.fromEntries([[key, put(edition, s.value, rest, leaf)], ...entries.slice(1)]);
  }
  throw new ShapeGenerationError(`path ${path.join('.')} goes below the ${s.type} shape ${shapeName}`);
}
