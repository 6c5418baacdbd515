/**
 * The first check of every request body: JSON, an object, only known members (today's edition's), each
 * of its JSON type (the seed page's members as the seed types them; the others by shape-parse.ts).
 * AWS's answers here are unrecorded (aws-observed.md "Unknown"); the aws profile accepts any 4xx with
 * a parseable error, and this server answers 400 InvalidParameterValueException for all of them: for a
 * body that is not JSON or not an object, for an unknown member and for a member of the wrong JSON type.
 * That is a choice inside the profile's any-of set, not evidence of AWS's answer.
 * A JSON null is read as an absent member (inferred, not recorded): for a missing StartingPosition AWS was
 * recorded answering "Value null at 'startingPosition' ... Member must not be null", so its validation sees
 * an absent member as null, and a JSON null most likely reads the same way.
 */
import { model, type MemberType } from '../spec/index.ts';
import { ApiError, INVALID_PARAMETER } from './errors.ts';
import type { Hooks } from './hooks.ts';
import { readShape } from './shape-parse.ts';
import { CREATE_INPUT } from './today.ts';

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

/** The member's value as the server reads it, or undefined for a null or an ignored unknown member. */
function checkMember(name: string, sent: unknown, allowed: readonly string[], hooks: Hooks): unknown {
  const member = model.request.members[name];
  const shaped = CREATE_INPUT.members[name];
  if ((!member && !shaped) || !allowed.includes(name)) {
    if (!hooks.unknownMembersRejected) return undefined;
    throw new ApiError(INVALID_PARAMETER, `Unknown parameter in input: "${name}", must be one of: ${allowed.join(', ')}`);
  }
  if (sent === null) return undefined; // read as absent (see the comment at the top)
  if (!member) return readShape(name, shaped!.shape, sent, hooks); // a member of today's edition only
  const value = hooks.coerce(member.type, sent);
  if (!TYPE_CHECKS[member.type](value)) {
    throw new ApiError(INVALID_PARAMETER, `Invalid type for parameter ${name}: expected ${TYPE_WORDS[member.type]}`);
  }
  return value;
}

/** The body as an object of known, well-typed members. */
export function parseBody(raw: string, hooks: Hooks, allowed: readonly string[]): Body {
  const parsed = parseJson(raw, hooks);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError(INVALID_PARAMETER, 'The request body must be a JSON object');
  }
  const body: Body = {};
  for (const [name, sent] of Object.entries(parsed)) {
    const value = checkMember(name, sent, allowed, hooks);
    if (value !== undefined) body[name] = value;
  }
  return body;
}

/** Every request member of today's operation (the `aws` edition; the seed page's six among them). */
export const CREATE_MEMBERS: readonly string[] = Object.keys(CREATE_INPUT.members);
