/** Invalid and boundary FunctionName cases (RequestBody, FunctionName). */
import { awsModel } from '../../spec/index.ts';
import { EXAMPLE_RESOURCES, bindString, ph } from '../bind.ts';
import { baseBody, facts } from '../facts.ts';
import type { Case } from '../types.ts';
import { makeCase, without } from './make.ts';
import { boundLength, missingName, qualifiedOfLength } from './names.ts';

const MISSING = { functionExists: false };
const EXPECT_MISSING = 'error.ResourceNotFound.function';

function withName(value: string): Record<string, unknown> {
  return { ...baseBody(), FunctionName: value };
}

function lengthCases(): Case[] {
  const { min, max } = facts.fn;
  return [
    makeCase('FunctionName.length', false, `FunctionName of length ${min - 1} (min-1)`, {
      body: withName(''.padEnd(min - 1, 'a')), source: 'boundary', state: MISSING,
      args: { boundary: 'min-1', length: min - 1, entailed: ['FunctionName.pattern'], entailedWhy: 'the pattern needs at least one name character' },
    }),
    makeCase('FunctionName.length', false, `FunctionName of length ${min} (min) naming no function`, {
      body: withName(missingName(min)), source: 'boundary', state: MISSING, args: { boundary: 'min', length: min, expect: EXPECT_MISSING },
    }),
    makeCase('FunctionName.length', false, `FunctionName of length ${max} (max) naming no function`, {
      body: withName(qualifiedOfLength(max)), source: 'boundary', state: MISSING, args: { boundary: 'max', length: max, expect: EXPECT_MISSING },
    }),
    makeCase('FunctionName.length', false, `FunctionName of length ${max + 1} (max+1)`, {
      body: withName(qualifiedOfLength(max + 1)), source: 'boundary', state: MISSING, args: { boundary: 'max+1', length: max + 1 },
    }),
    overLongRealArnCase(),
  ];
}

/**
 * The real function's full ARN with its region padded past every model's length limit (seed and today's AWS):
 * over-long whatever the function's name, and resolved to the real function by a target that skips the length
 * check and does not compare an ARN's region (moto resolves ARNs by the name after `function:`).
 */
function overLongRealArnCase(): Case {
  const limit = Math.max(facts.fn.max, awsModel.members.FunctionName?.maxLength ?? facts.fn.max);
  const fixed = boundLength(`arn:aws:lambda:us--1:${ph('ACCOUNT')}:function:`);
  const value = `arn:aws:lambda:us-${'x'.repeat(limit - fixed)}-1:${ph('ACCOUNT')}:function:${ph('FUNCTION_NAME')}`;
  return makeCase('FunctionName.length', false, `FunctionName over ${limit} characters: the real function's ARN with a padded region`, {
    // On a target the length is lengthWithoutName + the length of its function's name; `length` is the one with the example resources.
    body: withName(value), state: MISSING, args: { length: bindString(value, EXAMPLE_RESOURCES).length, lengthWithoutName: limit, embeds: 'FUNCTION_NAME' },
  });
}

function bareNameCases(): Case[] {
  const m = facts.fn.bareMax;
  return [
    makeCase('FunctionName.bare-name-length', false, `bare name of ${m} characters (max) naming no function`, {
      body: withName(missingName(m)), source: 'boundary', state: MISSING, args: { boundary: 'max', length: m, expect: EXPECT_MISSING },
    }),
    makeCase('FunctionName.bare-name-length', false, `bare name of ${m + 1} characters (max+1)`, {
      body: withName(missingName(m + 1)), source: 'boundary', state: MISSING, args: { boundary: 'max+1', length: m + 1 },
    }),
  ];
}

/** Pattern violations; several embed the real function name, so a target that searches instead of matching in full may accept them. */
export const FUNCTION_NAME_PATTERN_VIOLATIONS: Array<[string, string, Record<string, unknown>?]> = [
  ['a space after the real name (matches only unanchored)', `${ph('FUNCTION_NAME')} x`, { unanchoredOnly: true }],
  ['a ! after the real name (matches only unanchored)', `${ph('FUNCTION_NAME')}!`, { unanchoredOnly: true }],
  ['a trailing newline after the real name', `${ph('FUNCTION_NAME')}\n`, { unanchoredOnly: true }],
  ['a prefix before the real ARN (matches only unanchored)', `x/arn:${ph('PARTITION')}:lambda:${ph('REGION')}:${ph('ACCOUNT')}:function:${ph('FUNCTION_NAME')}`, { unanchoredOnly: true }],
  ['an empty qualifier', `${ph('FUNCTION_NAME')}:`],
  ['two qualifiers', `${ph('FUNCTION_NAME')}:${ph('ALIAS')}:extra`],
  ['a qualifier with $ that is not $LATEST', `${ph('FUNCTION_NAME')}:$LATES`],
  ['an ARN with no name', `arn:${ph('PARTITION')}:lambda:${ph('REGION')}:${ph('ACCOUNT')}:function:`],
  ['a dot in the name (allowed by today\'s AWS model, not by the seed)', 'esm.conformance.missing'],
  ['non-ASCII letters', 'fünction-ñame'],
  ['71 astral characters: 71 code points, 142 UTF-16 units (within the length limit by code points)', '\u{1F600}'.repeat(71), { lengthCodePoints: 71, lengthUtf16: 142 }],
];

function patternCases(): Case[] {
  return FUNCTION_NAME_PATTERN_VIOLATIONS.map(([what, value, args]) =>
    makeCase('FunctionName.pattern', false, `FunctionName with ${what}`, { body: withName(value), state: MISSING, args: { ...args, what } }));
}

export function functionNameCases(): Case[] {
  return [
    makeCase('FunctionName.required', false, 'FunctionName missing', { body: without(baseBody(), 'FunctionName'), state: MISSING }),
    ...lengthCases(),
    ...bareNameCases(),
    ...patternCases(),
    makeCase(EXPECT_MISSING, false, 'a bare name that names no function', { body: withName(missingName(facts.fn.bareMax - 8)), state: MISSING }),
    makeCase(EXPECT_MISSING, false, 'a full ARN that names no function', {
      body: withName(`arn:${ph('PARTITION')}:lambda:${ph('REGION')}:${ph('ACCOUNT')}:function:${missingName(facts.fn.bareMax - 10)}`), state: MISSING,
    }),
    makeCase(EXPECT_MISSING, false, 'the real function with an alias that does not exist', {
      body: withName(`${ph('FUNCTION_NAME')}:${missingName(20).replace(/-/g, '')}`), state: MISSING, args: { variant: 'qualifier' },
    }),
  ];
}
