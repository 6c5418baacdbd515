/**
 * Named variants of the reference server, each departing from AWS in exactly one way, and the rules
 * (spec/rules.json ids) that a conformance suite run with the aws profile should flag for it.
 * The departures themselves are hooks (deviation-hooks.ts); `startReference({ deviation })` selects one.
 */
export interface DeviationInfo {
  description: string;
  rules: string[];
}

const CATALOGUE = {
  'status-200': {
    description: 'A successful Create answers HTTP 200 instead of 202.',
    rules: ['response.status'],
  },
  'error-code-in-body': {
    description: 'Errors carry no X-Amzn-ErrorType header; the code is only in the body as __type.',
    rules: ['error.header'],
  },
  'enum-wrong-code': {
    description: 'A StartingPosition outside the enum is answered InvalidParameterValueException, not ValidationException.',
    rules: ['StartingPosition.enum'],
  },
  'batch-size-no-max': {
    description: 'BatchSize above the model maximum is accepted (and echoed).',
    rules: ['BatchSize.range', 'response.BatchSize.range'],
  },
  'batch-size-no-min': {
    description: 'BatchSize below the model minimum is accepted (and echoed).',
    rules: ['BatchSize.range', 'response.BatchSize.range'],
  },
  'function-name-unanchored': {
    description: 'The FunctionName pattern is searched for instead of matched in full, and the function is looked up by the matching part.',
    rules: ['FunctionName.pattern'],
  },
  'function-name-no-length': {
    description: 'FunctionName length limits (the whole value and a bare name) are not enforced, and a function ARN is resolved by the name '
      + 'and qualifier after "function:" (as moto does; region and account are not compared): an over-long ARN of the real function is '
      + 'accepted, other over-long names fail the function lookup.',
    rules: ['FunctionName.length', 'FunctionName.bare-name-length'],
  },
  'event-source-arn-no-pattern': {
    description: 'The EventSourceArn pattern is not checked, and the stream is looked up by the fields after the partition (service, '
      + 'region, account, resource), as ARN parsers that split on ":" do: a malformed ARN that ends in a real stream\'s fields, such as '
      + 'one with a prefix, is accepted; other malformed ARNs fail the source lookup.',
    rules: ['EventSourceArn.pattern'],
  },
  'starting-position-case-insensitive': {
    description: 'StartingPosition is matched case-insensitively (e.g. "latest" is accepted as LATEST).',
    rules: ['StartingPosition.enum'],
  },
  'starting-position-optional': {
    description: 'A Kinesis or DynamoDB mapping without StartingPosition is accepted.',
    rules: ['StartingPosition.required'],
  },
  'at-timestamp-without-timestamp': {
    description: 'AT_TIMESTAMP without StartingPositionTimestamp is accepted.',
    rules: ['StartingPositionTimestamp.required-for-at-timestamp'],
  },
  'at-timestamp-on-dynamodb': {
    description: 'AT_TIMESTAMP is accepted on a DynamoDB stream.',
    rules: ['StartingPosition.at-timestamp-kinesis-only'],
  },
  'duplicates-allowed': {
    description: 'The same function and stream can be mapped twice (no 409 ResourceConflictException).',
    rules: ['error.ResourceConflict.duplicate'],
  },
  'missing-function-404': {
    description: 'A missing function is answered 404 ResourceNotFoundException (the seed page), not 400 InvalidParameterValueException (AWS).',
    rules: ['error.ResourceNotFound.function'],
  },
  'batch-size-default-10': {
    description: 'BatchSize defaults to 10 instead of 100 when omitted.',
    rules: ['BatchSize.default'],
  },
  'function-arn-drops-qualifier': {
    description: 'FunctionArn in the answer drops the version or alias qualifier that was sent.',
    rules: ['response.FunctionArn.function'],
  },
  'no-last-processing-result': {
    description: 'The mapping answers lack the LastProcessingResult member.',
    rules: ['response.LastProcessingResult.type'],
  },
  'state-active': {
    description: 'A new mapping reports State "Active" (not in the State enum) instead of "Creating".',
    rules: ['response.State.enum', 'Enabled.default'],
  },
  'last-modified-iso': {
    description: 'LastModified is an ISO-8601 string instead of epoch seconds as a JSON number.',
    rules: ['response.LastModified.type'],
  },
  'non-json-500': {
    description: 'A request body that is not JSON is answered 500 ServiceException instead of a 4xx.',
    rules: ['request.body.json'],
  },
  'trailing-slash-only': {
    description: 'Create is routed only on the path with a trailing slash; without it the answer is 404.',
    rules: ['operation.path'],
  },
  'uuid-not-readable': {
    description: 'The UUID in the Create answer is not the one the mapping is stored under, so GET cannot read it back.',
    rules: ['response.UUID.readback'],
  },
} satisfies Record<string, DeviationInfo>;

export type DeviationName = keyof typeof CATALOGUE;

export const DEVIATIONS: Record<string, DeviationInfo> = CATALOGUE;

export const DEVIATION_NAMES = Object.keys(CATALOGUE) as DeviationName[];

export function isDeviationName(name: string): name is DeviationName {
  return Object.hasOwn(CATALOGUE, name);
}
