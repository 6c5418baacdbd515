/**
 * The first check of every request body: JSON, an object, only known members, each of its JSON type.
 * AWS's answers here are unrecorded (aws-observed.md "Unknown"); the aws profile accepts any 4xx with
 * a parseable error, and this server answers 400 InvalidParameterValueException for all of them: for a
 * body that is not JSON or not an object, for an unknown member and for a member of the wrong JSON type.
 */
import { model, type MemberType } from '../spec/index.ts';
import { ApiError, INVALID_PARAMETER } from './errors.ts';
import type { Hooks } from './hooks.ts';

export type Body = Record<string, unknown>;

function parseJson(raw: string, hooks: Hooks): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ApiError(hooks.unparseableBodyCode, 'Could not parse request body into json');
  }
}

const TYPE_CHECKS: Record<MemberType, (v: unknown) => boolean> = {
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  timestamp: (v) => typeof v === 'number' && Number.isFinite(v),
};

const TYPE_WORDS: Record<MemberType, string> = {
  integer: 'an integer',
  boolean: 'a boolean',
  string: 'a string',
  timestamp: 'a timestamp (epoch seconds)',
};

function checkMember(name: string, value: unknown, allowed: readonly string[]): void {
  const member = model.request.members[name];
  if (!member || !allowed.includes(name)) {
    throw new ApiError(INVALID_PARAMETER, `Unknown parameter in input: "${name}", must be one of: ${allowed.join(', ')}`);
  }
  if (value !== null && !TYPE_CHECKS[member.type](value)) {
    throw new ApiError(INVALID_PARAMETER, `Invalid type for parameter ${name}: expected ${TYPE_WORDS[member.type]}`);
  }
}

/**
 * The body as an object of known, well-typed members. A JSON null is read as an absent member, as the
 * AWS JSON protocol does (so a null FunctionName fails later as "Member must not be null").
 */
export function parseBody(raw: string, hooks: Hooks, allowed: readonly string[]): Body {
  const parsed = parseJson(raw, hooks);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError(INVALID_PARAMETER, 'The request body must be a JSON object');
  }
  const body: Body = {};
  for (const [name, value] of Object.entries(parsed)) {
    checkMember(name, value, allowed);
    if (value !== null) body[name] = value;
  }
  return body;
}

/** Every request member of the operation (model.json). */
export const CREATE_MEMBERS: readonly string[] = Object.keys(model.request.members);
