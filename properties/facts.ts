/** Facts derived from the model that the generators need. Every limit, pattern and enum comes from spec/. */
import { model, requestMember, type RequestMember } from '../spec/index.ts';
import { ph } from './bind.ts';

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`spec/model.json lacks ${what}`);
  return value;
}

const atRule = need(model.request.crossField.find((c) => c.requireMember), 'a cross-field rule that requires a member');
const sourceRule = need(model.request.crossField.find((c) => c.requireEventSource), 'a cross-field rule on the event source');

export const facts = {
  paths: model.operation.paths,
  defaultPath: need(model.operation.paths[0], 'operation.paths[0]'),
  positions: need(requestMember('StartingPosition').enum, 'StartingPosition.enum'),
  /** The StartingPosition value that needs a timestamp (AT_TIMESTAMP). */
  atTimestamp: String(atRule.when.equals),
  atTimestampRule: atRule.rule,
  timestampMember: need(atRule.requireMember, 'requireMember'),
  /** The only event-source kind that AT_TIMESTAMP is valid for, and its rule. */
  atTimestampSource: need(sourceRule.requireEventSource, 'requireEventSource'),
  sourceRule: sourceRule.rule,
  batch: { min: need(requestMember('BatchSize').minimum, 'BatchSize.minimum'), max: need(requestMember('BatchSize').maximum, 'BatchSize.maximum'), default: requestMember('BatchSize').default as number },
  fn: {
    min: need(requestMember('FunctionName').minLength, 'FunctionName.minLength'),
    max: need(requestMember('FunctionName').maxLength, 'FunctionName.maxLength'),
    bareMax: need(requestMember('FunctionName').bareNameMaxLength, 'FunctionName.bareNameMaxLength'),
    pattern: need(requestMember('FunctionName').pattern, 'FunctionName.pattern'),
  },
  arnPattern: need(requestMember('EventSourceArn').pattern, 'EventSourceArn.pattern'),
  members: model.request.members as Record<string, RequestMember>,
};

/** Positions that need nothing else (not AT_TIMESTAMP). */
export const plainPositions = facts.positions.filter((p) => p !== facts.atTimestamp);

export const STREAM_OF: Record<string, string> = { kinesis: ph('KINESIS_STREAM_ARN'), dynamodb: ph('DYNAMODB_STREAM_ARN') };

/** A past timestamp in epoch seconds with a fractional part, the form AWS records (1569284520.333). */
export const SAMPLE_TIMESTAMP = 1569284520.333;

/** The minimal valid body for a stream kind (placeholders unbound). */
export function baseBody(kind: 'kinesis' | 'dynamodb' = 'kinesis'): Record<string, unknown> {
  return { FunctionName: ph('FUNCTION_NAME'), EventSourceArn: STREAM_OF[kind], StartingPosition: plainPositions[0] };
}
