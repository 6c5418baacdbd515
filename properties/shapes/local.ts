/**
 * The values of one member, in place: valid boundaries and invalid values, each with the constraint it is
 * about. `value: undefined` means none could be built (listed as unreachable, with `reason`).
 */
import type { Edition, Shape, StringShape } from '../../spec/editions/types.ts';
import type { Constraint } from './rule-id.ts';
import { ABSENT, type MemberPath } from './paths.ts';
import { astralOfLength, fitsPattern, patternBreaker, validOfLength } from './strings.ts';
import { distinctStrings, shapeOf, value } from './values.ts';

export interface Local { label: string; constraint: Constraint; value: unknown; entails?: Constraint[]; reason?: string; rulePath?: string[] }

const WRONG_TYPE: Record<Shape['type'], unknown> = {
  string: 7, integer: '7', long: '7', boolean: 'true', timestamp: 'yesterday', structure: ['not', 'an', 'object'], list: { not: 'a list' }, map: ['not', 'a', 'map'],
};

const unreachable = (label: string, constraint: Constraint, reason: string): Local => ({ label, constraint, value: undefined, reason });

function stringValid(s: StringShape): Local[] {
  if (s.enum) return s.enum.map((v) => ({ label: `enum ${v}`, constraint: 'enum' as const, value: v }));
  const out: Local[] = [];
  if (s.minLength !== undefined) out.push({ label: 'min', constraint: 'length', value: validOfLength(s, s.minLength), reason: `no value of ${s.minLength} code points matches` });
  if (s.maxLength !== undefined) {
    out.push({ label: 'max', constraint: 'length', value: validOfLength(s, s.maxLength), reason: `no value of ${s.maxLength} code points matches` });
    const astral = astralOfLength(s, s.maxLength);
    if (astral !== undefined) out.push({ label: 'max-astral', constraint: 'length', value: astral });
  }
  return out;
}

function stringInvalid(s: StringShape): Local[] {
  const out: Local[] = [];
  if (s.enum) {
    const first = s.enum[0]!;
    const other = first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase();
    out.push({ label: 'enum-unknown', constraint: 'enum', value: `NOT_${first}_X` });
    out.push(s.enum.includes(other) ? unreachable('enum-wrong-case', 'enum', 'the other case is a value too') : { label: 'enum-wrong-case', constraint: 'enum', value: other });
    return out;
  }
  if (s.minLength !== undefined && s.minLength > 0) {
    const short = validOfLength(s, s.minLength - 1) ?? (s.minLength === 1 ? '' : undefined);
    out.push(short === undefined ? unreachable('below-min', 'length', 'no shorter value') : { label: 'below-min', constraint: 'length', value: short, ...(fitsPattern(s, short) ? {} : { entails: ['pattern'] as Constraint[] }) });
  }
  if (s.maxLength !== undefined) {
    out.push({ label: 'above-max', constraint: 'length', value: validOfLength(s, s.maxLength + 1), reason: `no value of ${s.maxLength + 1} code points matches the pattern` });
    const astral = astralOfLength(s, s.maxLength + 1);
    if (astral !== undefined) out.push({ label: 'above-max-astral', constraint: 'length', value: astral });
  }
  if (s.pattern !== undefined) {
    out.push({ label: 'no-match', constraint: 'pattern', value: patternBreaker(s, false), reason: 'every string of a fitting length matches' });
    out.push({ label: 'matches-only-unanchored', constraint: 'pattern', value: patternBreaker(s, true), reason: 'no fitting string matches only when searched for' });
  }
  return out;
}

function sizeLocals(edition: Edition, m: MemberPath, valid: boolean): Local[] {
  const s = m.shape;
  if (s.type !== 'list' && s.type !== 'map') return [];
  const make = (n: number): unknown => {
    if (s.type === 'list') return Array.from({ length: n }, () => value(edition, s.member));
    const key = shapeOf(edition, s.key);
    const keys = key.type === 'string' ? distinctStrings(key, n, s.key) : [];
    return keys.length === n ? Object.fromEntries(keys.map((k) => [k, value(edition, s.value)])) : undefined;
  };
  const reason = (n: number) => `no ${n} distinct valid keys`;
  const out: Local[] = [];
  if (valid) {
    if (s.minSize !== undefined) out.push({ label: 'min', constraint: 'size', value: make(s.minSize), reason: reason(s.minSize) });
    if (s.maxSize !== undefined) out.push({ label: 'max', constraint: 'size', value: make(s.maxSize), reason: reason(s.maxSize) });
  } else {
    if (s.minSize !== undefined && s.minSize > 0) out.push({ label: 'below-min', constraint: 'size', value: make(s.minSize - 1), reason: reason(s.minSize - 1) });
    if (s.maxSize !== undefined) out.push({ label: 'above-max', constraint: 'size', value: make(s.maxSize + 1), reason: reason(s.maxSize + 1) });
  }
  return out;
}

export function localValid(edition: Edition, m: MemberPath): Local[] {
  const s = m.shape;
  const out: Local[] = m.required === false ? [{ label: 'present', constraint: 'type', value: value(edition, m.shapeName) }] : [];
  if (s.type === 'integer' || s.type === 'long') {
    if (s.min !== undefined) out.push({ label: 'min', constraint: 'range', value: s.min });
    if (s.max !== undefined) out.push({ label: 'max', constraint: 'range', value: s.max });
  }
  if (s.type === 'string') out.push(...stringValid(s));
  return [...out, ...sizeLocals(edition, m, true)];
}

export function localInvalid(edition: Edition, m: MemberPath): Local[] {
  const s = m.shape;
  const out: Local[] = [{ label: 'wrong-type', constraint: 'type', value: WRONG_TYPE[s.type] }];
  if (s.type === 'integer' || s.type === 'long') out.push({ label: 'not-an-integer', constraint: 'type', value: (s.min ?? 0) + 0.5 });
  if (m.required) out.push({ label: 'missing', constraint: 'required', value: ABSENT });
  if ((s.type === 'integer' || s.type === 'long')) {
    if (s.min !== undefined) out.push({ label: 'below-min', constraint: 'range', value: s.min - 1 });
    if (s.max !== undefined) out.push({ label: 'above-max', constraint: 'range', value: s.max + 1 });
  }
  if (s.type === 'string') out.push(...stringInvalid(s));
  return [...out, ...sizeLocals(edition, m, false)];
}

