/**
 * JSON types of the request members that the seed page does not define, read from today's edition's
 * shapes at any depth: a structure is an object of its own members (an unknown member is refused, as at
 * the top), a list an array, a map an object, a scalar its JSON type. A JSON null is read as absent, as
 * at the top (parse.ts). AWS's answers to wrong types are unrecorded; this server answers 400
 * InvalidParameterValueException, the same choice as for the seed members.
 */
import type { MemberType } from '../spec/index.ts';
import type { Shape } from '../spec/editions/types.ts';
import { ApiError, INVALID_PARAMETER } from './errors.ts';
import type { Hooks } from './hooks.ts';
import { shapeOf } from './today.ts';

const SCALAR: Partial<Record<Shape['type'], MemberType>> = {
  string: 'string', integer: 'integer', long: 'integer', boolean: 'boolean', timestamp: 'timestamp',
};

const TYPE_OK: Record<Shape['type'], (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  long: (v) => typeof v === 'number' && Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  timestamp: (v) => typeof v === 'number' && Number.isFinite(v),
  structure: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  map: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  list: (v) => Array.isArray(v),
};

const TYPE_WORDS: Record<Shape['type'], string> = {
  string: 'a string', integer: 'an integer', long: 'an integer', boolean: 'a boolean',
  timestamp: 'a timestamp (epoch seconds)', structure: 'an object', map: 'an object', list: 'a list',
};

function wrongType(path: string, shape: Shape): ApiError {
  return new ApiError(INVALID_PARAMETER, `Invalid type for parameter ${path}: expected ${TYPE_WORDS[shape.type]}`);
}

function readStructure(path: string, shape: Extract<Shape, { type: 'structure' }>, sent: Record<string, unknown>, hooks: Hooks): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const allowed = Object.keys(shape.members);
  for (const [name, value] of Object.entries(sent)) {
    const member = shape.members[name];
    if (member === undefined) {
      if (!hooks.unknownMembersRejected) continue;
      throw new ApiError(INVALID_PARAMETER, `Unknown parameter in ${path}: "${name}", must be one of: ${allowed.join(', ')}`);
    }
    const read = readShape(`${path}.${name}`, member.shape, value, hooks);
    if (read !== undefined) out[name] = read;
  }
  return out;
}

/** The value as the server reads it (nulls dropped), or the wrong-type / unknown-member error. */
export function readShape(path: string, shapeName: string, sent: unknown, hooks: Hooks): unknown {
  if (sent === null) return undefined;
  const shape = shapeOf(shapeName);
  const scalar = SCALAR[shape.type];
  const value = scalar === undefined ? sent : hooks.coerce(scalar, sent);
  if (!TYPE_OK[shape.type](value)) throw wrongType(path, shape);
  if (shape.type === 'structure') return readStructure(path, shape, value as Record<string, unknown>, hooks);
  if (shape.type === 'list') {
    return (value as unknown[]).map((v, i) => {
      const read = readShape(`${path}[${i}]`, shape.member, v, hooks);
      if (read === undefined) throw wrongType(`${path}[${i}]`, shapeOf(shape.member));
      return read;
    });
  }
  if (shape.type === 'map') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const read = readShape(`${path}.${k}`, shape.value, v, hooks);
      if (read === undefined) throw wrongType(`${path}.${k}`, shapeOf(shape.value));
      out[k] = read;
    }
    return out;
  }
  return value;
}
