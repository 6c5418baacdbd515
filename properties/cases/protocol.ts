/** Bodies that are not a JSON object, unknown members, and the stateful cases (duplicate, missing resources are elsewhere). */
import { ph } from '../bind.ts';
import { baseBody } from '../facts.ts';
import type { Case } from '../types.ts';
import { makeCase } from './make.ts';

export const NOT_A_JSON_OBJECT: Array<[string, string]> = [
  ['an empty body', ''],
  ['plain text', 'not json'],
  ['an unterminated object', '{'],
  ['a JSON array', '[]'],
  ['JSON null', 'null'],
  ['a JSON string', '"FunctionName"'],
  ['a missing value', '{"FunctionName": }'],
  ['a trailing comma', '{"FunctionName":"x",}'],
];

export function protocolCases(): Case[] {
  const truncated = JSON.stringify(baseBody()).slice(0, -2);
  return [
    ...NOT_A_JSON_OBJECT.map(([what, raw]) => makeCase('request.body.json', false, `body: ${what}`, { raw, args: { what } })),
    makeCase('request.body.json', false, 'body: a valid request cut short', { raw: truncated, args: { what: 'truncated' } }),
    makeCase('request.unknown-member', false, 'an unknown member UnknownMember', { body: { ...baseBody(), UnknownMember: 'x' }, args: { member: 'UnknownMember' } }),
    makeCase('request.unknown-member', false, 'an unknown object member ConformanceProbe', { body: { ...baseBody(), ConformanceProbe: { nested: true } }, args: { member: 'ConformanceProbe' } }),
  ];
}

export function duplicateCases(): Case[] {
  return (['kinesis', 'dynamodb'] as const).map((kind) =>
    makeCase('error.ResourceConflict.duplicate', false, `the same function and ${kind} stream mapped twice`, {
      body: baseBody(kind), scenario: 'duplicate', state: { mappingExists: true }, args: { kind },
    }));
}

/** Another function already mapped to the same stream: no conflict, the create is accepted (recorded). */
export function sharedSourceCases(): Case[] {
  return (['kinesis', 'dynamodb'] as const).map((kind) =>
    makeCase('error.ResourceConflict.other-function', true, `another function already mapped to the same ${kind} stream`, {
      body: baseBody(kind), scenario: 'shared-source',
      args: { kind, precreate: { ...baseBody(kind), FunctionName: ph('OTHER_FUNCTION_NAME') } },
    }));
}
