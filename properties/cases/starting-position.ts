/** StartingPosition and StartingPositionTimestamp cases, including the cross-field rules. */
import { SAMPLE_TIMESTAMP, STREAM_OF, baseBody, facts } from '../facts.ts';
import type { Case } from '../types.ts';
import { makeCase, without } from './make.ts';

function enumViolations(): string[] {
  const lower = facts.positions.map((p) => p.toLowerCase());
  const title = facts.positions.map((p) => p.charAt(0) + p.slice(1).toLowerCase());
  return [...lower, ...title, facts.positions[0]!.replace('_', '-'), ` ${facts.positions[0]}`, '', 'AT_SEQUENCE_NUMBER'];
}

export function startingPositionCases(): Case[] {
  const otherKind = Object.keys(STREAM_OF).find((k) => k !== facts.atTimestampSource) as 'dynamodb';
  return [
    makeCase('StartingPosition.required', false, 'StartingPosition missing (Kinesis)', { body: without(baseBody('kinesis'), 'StartingPosition') }),
    makeCase('StartingPosition.required', false, 'StartingPosition missing (DynamoDB)', { body: without(baseBody('dynamodb'), 'StartingPosition') }),
    // An empty string may read as no value (the profile's `empty` variant).
    ...enumViolations().map((v) => makeCase('StartingPosition.enum', false, `StartingPosition ${JSON.stringify(v)}`, { body: { ...baseBody(), StartingPosition: v }, args: { value: v, ...(v.trim() === '' ? { variant: 'empty' } : {}) } })),
    makeCase(facts.sourceRule, false, `${facts.atTimestamp} on a ${otherKind} stream (with a timestamp)`, {
      body: { ...baseBody(otherKind), StartingPosition: facts.atTimestamp, [facts.timestampMember]: SAMPLE_TIMESTAMP },
    }),
    makeCase(facts.atTimestampRule, false, `${facts.atTimestamp} without ${facts.timestampMember}`, {
      body: { ...baseBody(facts.atTimestampSource as 'kinesis'), StartingPosition: facts.atTimestamp },
    }),
  ];
}
