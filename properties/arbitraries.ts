/**
 * fast-check arbitraries derived from the model, for breadth beyond the fixed and boundary cases.
 * Each family yields Cases; invalid families break exactly their rule (checked by requestViolations).
 */
import fc from 'fast-check';
import { matchesPattern, requestViolations } from '../spec/index.ts';
import { EXAMPLE_RESOURCES, bindValue } from './bind.ts';
import { SAMPLE_TIMESTAMP, STREAM_OF, baseBody, facts, plainPositions } from './facts.ts';
import { FUNCTION_NAME_FORMS, QUALIFIERS, UNDOCUMENTED_FORMS } from './cases/valid.ts';
import { inDoubtfulRange } from '../spec/overlay/index.ts';
import { JSON_TYPES, rightJsonTypes } from './cases/json-types.ts';
import { batchSizeRangeCase } from './cases/batch-size.ts';
import { missingName, qualifiedOfLength } from './cases/names.ts';
import { makeCase } from './cases/make.ts';
import type { Case } from './types.ts';

/** Does the body, bound to example resources, break exactly `rule` (or nothing, for valid)? */
function breaksOnly(body: Record<string, unknown>, rule: string | null): boolean {
  const v = requestViolations(bindValue(body, EXAMPLE_RESOURCES)).map((x) => x.rule);
  return rule === null ? v.length === 0 : v.length === 1 && v[0] === rule;
}

const validBody = fc.record({
  kind: fc.constantFrom('kinesis', 'dynamodb'),
  position: fc.constantFrom(...facts.positions),
  batch: fc.option(fc.integer({ min: facts.batch.min, max: facts.batch.max }), { nil: undefined }),
  enabled: fc.option(fc.boolean(), { nil: undefined }),
  form: fc.constantFrom(...Object.values(FUNCTION_NAME_FORMS)),
  qualifier: fc.option(fc.constantFrom(...Object.values(QUALIFIERS)), { nil: undefined }),
  timestamp: fc.double({ min: 1.5e9, max: SAMPLE_TIMESTAMP + 1.4e8, noNaN: true }).map((t) => Math.round(t * 1000) / 1000),
  path: fc.constantFrom(...facts.paths),
}).map((r) => {
  const position = r.position === facts.atTimestamp && r.kind !== facts.atTimestampSource ? plainPositions[0]! : r.position;
  const body: Record<string, unknown> = { FunctionName: r.qualifier ? `${r.form}:${r.qualifier}` : r.form, EventSourceArn: STREAM_OF[r.kind], StartingPosition: position };
  if (position === facts.atTimestamp) body[facts.timestampMember] = r.timestamp;
  if (r.batch !== undefined) body.BatchSize = r.batch;
  if (r.enabled !== undefined) body.Enabled = r.enabled;
  return { body, path: r.path, form: r.form, kind: r.kind };
});

const NAME_CHARS = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_');
const nameOf = (min: number, max: number) => fc.array(NAME_CHARS, { minLength: min, maxLength: max }).map((a) => a.join(''));
const wrongValue = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }));

function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Random families: name -> arbitrary of Case (unseeded; plan.ts samples them with the run's seed). */
export const FAMILIES: Record<string, fc.Arbitrary<Case>> = {
  'valid': validBody.filter((b) => breaksOnly(b.body, null)).map(({ body, path, form, kind }) => {
    // Values a faithful AWS may refuse (properties/cases/valid.ts, overlay doubtfulRanges): a refusal passes with an INFO note.
    const doubtful = UNDOCUMENTED_FORMS.has(form) || inDoubtfulRange(kind, body);
    return makeCase('response.status', true, 'random valid request', { body, path, source: 'random', ...(doubtful ? { args: { mayBeRefused: true } } : {}) });
  }),
  'BatchSize.range': fc.oneof(fc.integer({ min: -(2 ** 40), max: facts.batch.min - 1 }), fc.integer({ min: facts.batch.max + 1, max: 2 ** 40 }))
    .map((n) => batchSizeRangeCase(n, 'random out of range', 'random')),
  'FunctionName.length': fc.integer({ min: facts.fn.max + 1, max: facts.fn.max * 2 }).map((n) =>
    makeCase('FunctionName.length', false, `random FunctionName of length ${n}`, { body: { ...baseBody(), FunctionName: qualifiedOfLength(n) }, source: 'random', state: { functionExists: false }, args: { length: n } })),
  'FunctionName.bare-name-length': nameOf(facts.fn.bareMax + 1, facts.fn.max).map((name) =>
    makeCase('FunctionName.bare-name-length', false, `random bare name of ${name.length} characters`, { body: { ...baseBody(), FunctionName: name }, source: 'random', state: { functionExists: false }, args: { length: name.length } })),
  'FunctionName.pattern': fc.tuple(nameOf(1, facts.fn.bareMax - 1), fc.string({ minLength: 1, maxLength: 3, unit: 'grapheme' }), fc.nat())
    .map(([name, bad, at]) => { const i = at % (name.length + 1); return name.slice(0, i) + bad + name.slice(i); })
    .filter((v) => !matchesPattern(facts.fn.pattern, v) && breaksOnly({ ...baseBody(), FunctionName: v }, 'FunctionName.pattern'))
    .map((v) => makeCase('FunctionName.pattern', false, `random FunctionName ${JSON.stringify(v)}`, { body: { ...baseBody(), FunctionName: v }, source: 'random', state: { functionExists: false } })),
  'EventSourceArn.pattern': fc.string({ maxLength: 60, unit: 'grapheme' })
    .filter((v) => breaksOnly({ ...baseBody(), EventSourceArn: v }, 'EventSourceArn.pattern'))
    .map((v) => makeCase('EventSourceArn.pattern', false, `random EventSourceArn ${JSON.stringify(v)}`, { body: { ...baseBody(), EventSourceArn: v }, source: 'random', state: { streamExists: false } })),
  'StartingPosition.enum': fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...facts.positions).map((p) => p.toLowerCase()))
    .filter((v) => !facts.positions.includes(v))
    .map((v) => makeCase('StartingPosition.enum', false, `random StartingPosition ${JSON.stringify(v)}`, { body: { ...baseBody(), StartingPosition: v }, source: 'random', ...(v.trim() === '' ? { args: { variant: 'empty' } } : {}) })),
  'type': fc.tuple(fc.constantFrom(...Object.keys(facts.members)), wrongValue)
    .filter(([m, v]) => !rightJsonTypes(facts.members[m]!.type).includes(jsonTypeOf(v) as (typeof JSON_TYPES)[number]) && !(facts.members[m]!.type === 'integer' && Number.isInteger(v)))
    .map(([m, v]) => makeCase(`${m}.type`, false, `random ${m} as ${jsonTypeOf(v)}`, {
      body: { ...baseBody(), [m]: v }, source: 'random',
      args: { member: m, wrongType: jsonTypeOf(v), ...(v === null && !facts.members[m]!.required ? { variant: 'null' } : {}) },
      state: m === 'FunctionName' ? { functionExists: false } : m === 'EventSourceArn' ? { streamExists: false } : {},
    })),
  'request.unknown-member': fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }))
    .filter(([k]) => !Object.hasOwn(facts.members, k) && k !== '__proto__')
    .map(([k, v]) => makeCase('request.unknown-member', false, `random unknown member ${JSON.stringify(k)}`, { body: { ...baseBody(), [k]: v }, source: 'random', args: { member: k } })),
};

export { missingName };
