/**
 * The model loader: the JSON data of spec/ as typed values, plus ajv validators compiled from it.
 * Nothing else in the suite writes a limit, pattern, enum or status: it reads them from here.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import modelJson from './model.json' with { type: 'json' };
import rulesJson from './rules.json' with { type: 'json' };
import seedProfileJson from './profile-seed.json' with { type: 'json' };
import awsProfileJson from './profile-aws.json' with { type: 'json' };
import awsModelJson from './aws-model.json' with { type: 'json' };
import parityJson from './parity.json' with { type: 'json' };
import { anchoredSource, codePointLength, matchesPattern } from './semantics.ts';
import { PROFILE_NAMES, type AwsModel, type Model, type ParityRule, type ParitySpec, type Profile, type ProfileName, type Rule, type RuleExpectation, type RequestMember } from './types.ts';

export * from './types.ts';
export * from './semantics.ts';

export const model = modelJson as unknown as Model;
export const rules = (rulesJson as { rules: Rule[] }).rules;
export const awsModel = awsModelJson as unknown as AwsModel;
export const profiles: Record<ProfileName, Profile> = {
  seed: seedProfileJson as unknown as Profile,
  aws: awsProfileJson as unknown as Profile,
};

const ruleIndex = new Map(rules.map((r) => [r.id, r]));

/** Parity rules (spec/parity.json): AWS's recorded values, checked and scored apart from conformance. */
export const parity = parityJson as unknown as ParitySpec;
export const parityRules: readonly ParityRule[] = parity.rules;
const parityIndex = new Map(parityRules.map((r) => [r.id, r]));

export function parityRuleById(id: string): ParityRule {
  const rule = parityIndex.get(id);
  if (!rule) throw new Error(`unknown parity rule id: ${id}`);
  return rule;
}

export function isParityRule(id: string): boolean {
  return parityIndex.has(id);
}

/**
 * Rules generated from a model edition's shapes and the overlay (properties/edition-rules.ts), with their
 * expectations per profile. Ids follow member paths, so the same id always means the same constraint:
 * registering is idempotent, and spec/rules.json's rules (the seed edition's) are never replaced.
 */
const generatedIndex = new Map<string, Rule>();
const generatedExpectations: Record<ProfileName, Map<string, RuleExpectation>> = { seed: new Map(), aws: new Map() };

export interface GeneratedRule { rule: Rule; expectations: Record<ProfileName, RuleExpectation> }

export function registerRules(generated: readonly GeneratedRule[]): void {
  for (const g of generated) {
    if (ruleIndex.has(g.rule.id)) continue;
    generatedIndex.set(g.rule.id, g.rule);
    for (const p of PROFILE_NAMES) generatedExpectations[p].set(g.rule.id, g.expectations[p]);
  }
}

export function ruleById(id: string): Rule {
  const rule = ruleIndex.get(id) ?? generatedIndex.get(id);
  if (!rule) throw new Error(`unknown rule id: ${id}`);
  return rule;
}

/** A rule of spec/rules.json (the seed edition's registry). */
export function hasRule(id: string): boolean {
  return ruleIndex.has(id);
}

/** A rule of spec/rules.json or one registered from an edition. */
export function isKnownRule(id: string): boolean {
  return ruleIndex.has(id) || generatedIndex.has(id);
}

export function expectationFor(profile: ProfileName, ruleId: string): RuleExpectation {
  const e = profiles[profile].expectations[ruleId] ?? generatedExpectations[profile].get(ruleId);
  if (!e) throw new Error(`profile ${profile} has no expectation for rule ${ruleId}`);
  return e;
}

export function requestMember(name: string): RequestMember {
  const m = model.request.members[name];
  if (!m) throw new Error(`unknown request member: ${name}`);
  return m;
}

/** The rule id of a member's constraint, by the registry's naming convention `<Member>.<constraint>`. */
export function memberRule(member: string, constraint: 'type' | 'range' | 'length' | 'pattern' | 'enum' | 'required' | 'default'): string {
  return `${member}.${constraint}`;
}

// ---------- JSON Schemas built from the model ----------

function memberSchema(m: { type: string; minimum?: number; maximum?: number; minLength?: number; maxLength?: number; pattern?: string; enum?: string[] }): Record<string, unknown> {
  const s: Record<string, unknown> = { type: m.type === 'timestamp' ? 'number' : m.type };
  if (m.minimum !== undefined) s.minimum = m.minimum;
  if (m.maximum !== undefined) s.maximum = m.maximum;
  if (m.minLength !== undefined) s.minLength = m.minLength;
  if (m.maxLength !== undefined) s.maxLength = m.maxLength;
  if (m.pattern !== undefined) s.pattern = anchoredSource(m.pattern);
  if (m.enum !== undefined) s.enum = m.enum;
  return s;
}

export function requestSchema(): Record<string, unknown> {
  const members = model.request.members;
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(members).filter((k) => members[k]?.required),
    properties: Object.fromEntries(Object.entries(members).map(([k, m]) => [k, memberSchema(m)])),
  };
}

/** The response members of a profile: the seed's, or under `aws` with today's wider patterns (aws-model.json). */
function responseMembersOf(profile: ProfileName): Model['response']['members'] {
  if (profile !== 'aws') return model.response.members;
  return Object.fromEntries(Object.entries(model.response.members).map(([k, m]) => [k, { ...m, ...(awsModel.responseMembers[k] ?? {}) }]));
}

export function responseSchema(profile: ProfileName): Record<string, unknown> {
  const members = responseMembersOf(profile);
  const extra = expectationFor(profile, 'response.members.additional').params?.allowedExtraMembers;
  return {
    type: 'object',
    additionalProperties: extra === 'any',
    required: Object.keys(members),
    properties: Object.fromEntries(Object.entries(members).map(([k, m]) => [k, memberSchema(m)])),
  };
}

export function errorBodySchema(): Record<string, unknown> {
  return {
    type: 'object',
    anyOf: [
      { required: ['message'], properties: { message: { type: 'string' } } },
      { required: ['Message'], properties: { Message: { type: 'string' } } },
    ],
  };
}

const ajv = new Ajv({ allErrors: true, strict: true, unicodeRegExp: false });

export const validators: {
  request: ValidateFunction;
  response: Record<ProfileName, ValidateFunction>;
  errorBody: ValidateFunction;
} = {
  request: ajv.compile(requestSchema()),
  response: { seed: ajv.compile(responseSchema('seed')), aws: ajv.compile(responseSchema('aws')) },
  errorBody: ajv.compile(errorBodySchema()),
};

// ---------- request violations: which rules a request body breaks ----------

export interface Violation { rule: string; path: string; args: Record<string, unknown> }

const KEYWORD_CONSTRAINT: Record<string, 'type' | 'range' | 'length' | 'pattern' | 'enum'> = {
  type: 'type', minimum: 'range', maximum: 'range', minLength: 'length', maxLength: 'length', pattern: 'pattern', enum: 'enum',
};

function violationFromAjv(e: ErrorObject, prefix = ''): Violation {
  if (e.keyword === 'required') {
    const member = String((e.params as { missingProperty: string }).missingProperty);
    return { rule: prefix ? `${prefix}${member}.type` : memberRule(member, 'required'), path: `/${member}`, args: { missing: true } };
  }
  if (e.keyword === 'additionalProperties') {
    const member = String((e.params as { additionalProperty: string }).additionalProperty);
    return { rule: prefix ? `${prefix}members.additional` : 'request.unknown-member', path: `/${member}`, args: { member } };
  }
  const member = e.instancePath.split('/')[1] ?? '';
  const constraint = KEYWORD_CONSTRAINT[e.keyword];
  if (!member) return { rule: prefix ? `${prefix}body.json` : 'request.body.json', path: '', args: { keyword: e.keyword } };
  if (!constraint) throw new Error(`unmapped ajv keyword ${e.keyword}`);
  return { rule: `${prefix}${memberRule(member, constraint)}`, path: e.instancePath, args: { keyword: e.keyword, ...e.params } };
}

/** The event-source kind of an ARN by its service segment (model.eventSources), or undefined. */
export function eventSourceKind(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const service = arn.split(':')[2];
  return Object.entries(model.eventSources).find(([, v]) => v.arnService === service)?.[0];
}

/** A bare function name: no ':' at all (the seed: "If you specify only the function name"). */
export function isBareName(value: string): boolean {
  return !value.includes(':');
}

function extraViolations(body: Record<string, unknown>): Violation[] {
  const out: Violation[] = [];
  const fn = model.request.members.FunctionName;
  const name = body.FunctionName;
  if (fn?.bareNameMaxLength !== undefined && typeof name === 'string' && isBareName(name)
      && (fn.pattern === undefined || matchesPattern(fn.pattern, name))
      && codePointLength(name) > fn.bareNameMaxLength) {
    out.push({ rule: 'FunctionName.bare-name-length', path: '/FunctionName', args: { length: codePointLength(name), max: fn.bareNameMaxLength } });
  }
  for (const c of model.request.crossField) {
    if (body[c.when.member] !== c.when.equals) continue;
    if (c.requireMember && body[c.requireMember] === undefined) {
      out.push({ rule: c.rule, path: `/${c.requireMember}`, args: { when: c.when } });
    }
    if (c.requireEventSource) {
      const kind = eventSourceKind(body.EventSourceArn);
      if (kind !== undefined && kind !== c.requireEventSource) {
        out.push({ rule: c.rule, path: `/${c.when.member}`, args: { when: c.when, eventSource: kind } });
      }
    }
  }
  return out;
}

/** Every rule of the model that a parsed request body breaks (empty: the request is valid by the model). */
export function requestViolations(body: unknown): Violation[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [{ rule: 'request.body.json', path: '', args: { reason: 'not a JSON object' } }];
  }
  const ok = validators.request(body);
  const base = ok ? [] : (validators.request.errors ?? []).map((e) => violationFromAjv(e));
  // A value of the wrong JSON type breaks only the type rule (ajv also reports enum for it).
  const wrongType = new Set(base.filter((v) => v.rule.endsWith('.type')).map((v) => v.path));
  const seen = new Set<string>();
  return [...base, ...extraViolations(body as Record<string, unknown>)].filter((v) => {
    if (wrongType.has(v.path) && !v.rule.endsWith('.type')) return false;
    const key = `${v.rule}${v.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every response rule a parsed success body breaks under a profile (member presence and type, pattern, enum, range, extra members). */
export function responseViolations(body: unknown, profile: ProfileName): Violation[] {
  const validate = validators.response[profile];
  if (validate(body)) return [];
  const all = (validate.errors ?? []).map((e) => violationFromAjv(e, 'response.'));
  // As for requests: a member of the wrong JSON type breaks only its type rule (ajv also reports enum for it).
  const wrongType = new Set(all.filter((v) => v.rule.endsWith('.type')).map((v) => v.path));
  return all.filter((v) => !wrongType.has(v.path) || v.rule.endsWith('.type'));
}

/**
 * Would the target's resources, bound into a valid case, pass the model? Under `seed` the seed model decides;
 * under `aws` today's wider FunctionName and EventSourceArn patterns do (a GovCloud or China target is fine).
 */
export function bindingViolations(body: Record<string, unknown>, profile: ProfileName): Violation[] {
  if (profile === 'seed') return requestViolations(body);
  const out: Violation[] = [];
  for (const member of ['FunctionName', 'EventSourceArn']) {
    const pattern = awsModel.members[member]?.pattern;
    const value = body[member];
    if (pattern && typeof value === 'string' && !matchesPattern(pattern, value)) out.push({ rule: `${member}.pattern`, path: `/${member}`, args: { value } });
  }
  return out;
}
