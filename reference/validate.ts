/**
 * Model validation with today's AWS constraints: the seed page's members by spec/aws-model.json (required
 * members, ranges, lengths in code points, patterns matched in full, enums, the bare-name length), every
 * other member of today's edition by its shapes at any depth (shape-validate.ts). Every broken
 * constraint is collected and answered at once, as AWS does ("N validation errors detected: ...").
 */
import { awsModel, codePointLength, isBareName, model, type RequestMember } from '../spec/index.ts';
import { ApiError, validationMessage, type ModelViolation } from './errors.ts';
import { awsConstraints, type Hooks } from './hooks.ts';
import type { Body } from './parse.ts';
import { memberShapeViolations } from './shape-validate.ts';
import { CREATE_INPUT } from './today.ts';

type Check = (member: string, c: Partial<RequestMember>, value: unknown, hooks: Hooks) => ModelViolation[];

function violation(member: string, constraint: ModelViolation['constraint'], value: unknown, text: string): ModelViolation {
  return { member, constraint, value, text };
}

const rangeCheck: Check = (member, c, value) => {
  if (typeof value !== 'number') return [];
  const out: ModelViolation[] = [];
  if (c.minimum !== undefined && value < c.minimum) {
    out.push(violation(member, 'range', value, `Member must have value greater than or equal to ${c.minimum}`));
  }
  if (c.maximum !== undefined && value > c.maximum) {
    out.push(violation(member, 'range', value, `Member must have value less than or equal to ${c.maximum}`));
  }
  return out;
};

const lengthCheck: Check = (member, c, value) => {
  if (typeof value !== 'string') return [];
  const n = codePointLength(value);
  const out: ModelViolation[] = [];
  if (c.minLength !== undefined && n < c.minLength) {
    out.push(violation(member, 'length', value, `Member must have length greater than or equal to ${c.minLength}`));
  }
  if (c.maxLength !== undefined && n > c.maxLength) {
    out.push(violation(member, 'length', value, `Member must have length less than or equal to ${c.maxLength}`));
  }
  return out;
};

const patternCheck: Check = (member, c, value, hooks) => {
  if (typeof value !== 'string' || c.pattern === undefined) return [];
  if (hooks.patternMatch(member, c.pattern, value) !== undefined) return [];
  return [violation(member, 'pattern', value, `Member must satisfy regular expression pattern: ${c.pattern}`)];
};

const enumCheck: Check = (member, c, value, hooks) => {
  if (typeof value !== 'string' || c.enum === undefined) return [];
  if (hooks.enumValue(c.enum, value) !== undefined) return [];
  // AWS lists the values in its own order (recorded for StartingPosition), not the model's.
  return [violation(member, 'enum', value, `Member must satisfy enum value set: [${(c.enumMessageOrder ?? c.enum).join(', ')}]`)];
};

/** A bare name (no ':') has its own, shorter limit; checked only when the value is otherwise valid. */
function bareNameCheck(member: string, c: Partial<RequestMember>, value: unknown): ModelViolation[] {
  if (typeof value !== 'string' || c.bareNameMaxLength === undefined || !isBareName(value)) return [];
  if (codePointLength(value) <= c.bareNameMaxLength) return [];
  return [violation(member, 'bare-name-length', value, `Member must have length less than or equal to ${c.bareNameMaxLength}`)];
}

function memberViolations(member: string, c: Partial<RequestMember>, value: unknown, hooks: Hooks): ModelViolation[] {
  const found = [rangeCheck, lengthCheck, patternCheck, enumCheck].flatMap((check) => check(member, c, value, hooks));
  return found.length > 0 ? found : bareNameCheck(member, c, value);
}

/** Does one member's value pass today's model constraints (as this server's hooks apply them)? */
export function memberPasses(member: string, value: unknown, hooks: Hooks): boolean {
  const c = hooks.constraints(awsConstraints())[member] ?? {};
  return memberViolations(member, c, value, hooks).length === 0;
}

export function missingViolation(member: string): ModelViolation {
  return violation(member, 'required', null, 'Member must not be null');
}

/**
 * Validates `body` against the model; throws the model error when anything is broken. Returns the body
 * with each enum member replaced by the enum value it stands for.
 */
export function validateModel(body: Body, hooks: Hooks, required: readonly string[] = awsModel.requiredMembers): Body {
  for (const member of required) {
    const answer = body[member] === undefined ? hooks.missingMember(member) : undefined;
    if (answer) throw answer;
  }
  const constraints = hooks.constraints(awsConstraints());
  const violations: ModelViolation[] = [];
  const values: Body = { ...body };
  const members = [...new Set([...Object.keys(constraints), ...required])];
  for (const member of members) {
    const c = constraints[member] ?? {};
    const value = body[member];
    if (value === undefined) {
      if (required.includes(member)) violations.push(missingViolation(member));
      continue;
    }
    violations.push(...memberViolations(member, c, value, hooks));
    if (typeof value === 'string' && c.enum) values[member] = hooks.enumValue(c.enum, value) ?? value;
  }
  for (const [member, value] of Object.entries(body)) {
    const shaped = CREATE_INPUT.members[member];
    if (shaped && !model.request.members[member]) violations.push(...memberShapeViolations(member, shaped.shape, value, hooks));
  }
  if (violations.length > 0) throw new ApiError(hooks.modelErrorCode(violations), validationMessage(violations));
  return values;
}
