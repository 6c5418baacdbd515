/**
 * An edition's shapes as a JSON Schema, compiled with ajv: the model's own verdict on a value of any shape,
 * used to hold the generators to account. Violations come back as rule ids by member path (rule-id.ts).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { anchoredSource } from '../../spec/semantics.ts';
import type { Edition, Shape } from '../../spec/editions/types.ts';
import { pathAt, ruleId, type Constraint } from './rule-id.ts';

const ref = (name: string) => ({ $ref: `#/definitions/${name}` });

function shapeSchema(s: Shape): Record<string, unknown> {
  switch (s.type) {
    case 'string': return { type: 'string', minLength: s.minLength, maxLength: s.maxLength, pattern: s.pattern === undefined ? undefined : anchoredSource(s.pattern), enum: s.enum };
    case 'integer': case 'long': return { type: 'integer', minimum: s.min, maximum: s.max };
    case 'boolean': return { type: 'boolean' };
    case 'timestamp': return { type: 'number' };
    case 'list': return { type: 'array', items: ref(s.member), minItems: s.minSize, maxItems: s.maxSize };
    case 'map': return { type: 'object', propertyNames: ref(s.key), additionalProperties: ref(s.value), minProperties: s.minSize, maxProperties: s.maxSize };
    case 'structure': {
      // Members that travel in the URI or a header are not part of the JSON body.
      const body = Object.entries(s.members).filter(([, m]) => m.location === undefined);
      return {
        type: 'object', additionalProperties: false, required: s.required.filter((r) => body.some(([k]) => k === r)),
        properties: Object.fromEntries(body.map(([k, m]) => [k, ref(m.shape)])),
      };
    }
  }
}

const dropUndefined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function editionSchema(edition: Edition, root: string): Record<string, unknown> {
  return {
    definitions: Object.fromEntries(Object.entries(edition.shapes).map(([n, s]) => [n, dropUndefined(shapeSchema(s))])),
    ...ref(root),
  };
}

export interface ShapeViolation { rule: string; pointer: string }

const CONSTRAINT: Record<string, Constraint> = {
  type: 'type', minimum: 'range', maximum: 'range', minLength: 'length', maxLength: 'length', pattern: 'pattern', enum: 'enum',
  minItems: 'size', maxItems: 'size', minProperties: 'size', maxProperties: 'size',
};

function violation(edition: Edition, root: string, e: ErrorObject): ShapeViolation | undefined {
  const { path } = pathAt(edition, root, e.instancePath);
  if (e.keyword === 'propertyNames' || e.keyword === '$ref') return undefined;
  if (e.keyword === 'required') return { rule: ruleId([...path, String(e.params.missingProperty)], 'required'), pointer: `${e.instancePath}/${String(e.params.missingProperty)}` };
  if (e.keyword === 'additionalProperties') return { rule: [...path, 'unknown-member'].join('.'), pointer: `${e.instancePath}/${String(e.params.additionalProperty)}` };
  const c = CONSTRAINT[e.keyword];
  if (!c) throw new Error(`unmapped ajv keyword ${e.keyword}`);
  if (e.propertyName !== undefined) return { rule: ruleId([...path, 'key'], c), pointer: `${e.instancePath}#key:${e.propertyName}` };
  return { rule: ruleId(path, c), pointer: e.instancePath };
}

/** A checker of values of `root`: the rules a value breaks (a wrong JSON type breaks only its type rule). */
export function shapeChecker(edition: Edition, root: string): (value: unknown) => ShapeViolation[] {
  const validate: ValidateFunction = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(editionSchema(edition, root));
  return (value) => {
    if (validate(value)) return [];
    const all = (validate.errors ?? []).map((e) => violation(edition, root, e)).filter((v): v is ShapeViolation => v !== undefined);
    const wrongType = new Set(all.filter((v) => v.rule.endsWith('.type')).map((v) => v.pointer));
    const seen = new Set<string>();
    return all.filter((v) => (!wrongType.has(v.pointer) || v.rule.endsWith('.type')) && !seen.has(`${v.rule} ${v.pointer}`) && seen.add(`${v.rule} ${v.pointer}`));
  };
}
