/** Invalid EventSourceArn cases (RequestBody, EventSourceArn). */
import { ph } from '../bind.ts';
import { baseBody } from '../facts.ts';
import type { Case } from '../types.ts';
import { makeCase, without } from './make.ts';

const KINESIS = ph('KINESIS_STREAM_ARN');
const MISSING = { streamExists: false };

/** Pattern violations; some embed the real stream ARN, so a target that searches instead of matching in full may accept them. */
export const ARN_PATTERN_VIOLATIONS: Array<[string, string, Record<string, unknown>?]> = [
  ['no ARN at all', 'not-an-arn'],
  ['a prefix before the real ARN (matches only unanchored)', `x${KINESIS}`, { unanchoredOnly: true }],
  ['a newline after the real ARN (matches only unanchored)', `${KINESIS}\n`, { unanchoredOnly: true }],
  ['an upper-case region', `arn:aws:kinesis:US-EAST-1:${ph('ACCOUNT')}:stream/esm-conformance-x`],
  ['an 11-digit account', `arn:aws:kinesis:${ph('REGION')}:12345678901:stream/esm-conformance-x`],
  ['an empty service', `arn:aws::${ph('REGION')}:${ph('ACCOUNT')}:stream/esm-conformance-x`],
  ['another partition (allowed by today\'s AWS model, not by the seed)', `arn:aws-cn:kinesis:cn-north-1:${ph('ACCOUNT')}:stream/esm-conformance-x`],
  ['upper-case ARN prefix', `ARN:AWS:kinesis:${ph('REGION')}:${ph('ACCOUNT')}:stream/esm-conformance-x`],
];

export function eventSourceArnCases(): Case[] {
  return [
    makeCase('EventSourceArn.required', false, 'EventSourceArn missing', { body: without(baseBody(), 'EventSourceArn'), state: MISSING }),
    ...ARN_PATTERN_VIOLATIONS.map(([what, value, args]) =>
      makeCase('EventSourceArn.pattern', false, `EventSourceArn with ${what}`, { body: { ...baseBody(), EventSourceArn: value }, state: MISSING, args: { ...args, what } })),
    makeCase('EventSourceArn.stream-exists', false, 'a well-formed Kinesis stream ARN that names no stream', {
      body: { ...baseBody(), EventSourceArn: ph('MISSING_STREAM_ARN') }, state: MISSING,
    }),
  ];
}
