/**
 * Named variants of the reference server, each departing from AWS in exactly one way, and the rules
 * (spec/rules.json ids) that a conformance suite run with the aws profile should flag for it.
 * The departures themselves are hooks (deviation-hooks.ts); `startReference({ deviation })` selects one.
 */
export interface DeviationInfo {
  description: string;
  /** conformance (default): the rules (spec/rules.json) a run flags; parity: the parity rules (spec/parity.json) it mismatches; faithful: a conformant alternative, flagged by none. */
  rules: string[];
  kind?: 'conformance' | 'parity' | 'faithful';
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
  'wrong-types-coerced': {
    description: 'A string that spells a value of the member\'s type is coerced and accepted: a numeric string BatchSize such as "100" '
      + 'is read as the integer, "true"/"false" for Enabled as the boolean (AWS\'s JSON protocol refuses a string for these).',
    rules: ['BatchSize.type', 'Enabled.type'],
  },
  'unknown-members-ignored': {
    description: 'Request members the operation does not define are ignored (not echoed) and the request is accepted with 202: '
      + 'AWS\'s answer is not recorded, and this is as conformant as refusing them (aws-observed.md, Unknown).',
    rules: ['request.unknown-member'],
    kind: 'faithful',
  },
  'missing-stream-accepted': {
    description: 'A well-formed Kinesis or DynamoDB stream ARN that names no stream is accepted with 202 (the stream is never looked up).',
    rules: ['EventSourceArn.stream-exists'],
  },
  'function-name-required-404': {
    description: 'A request without FunctionName is answered 404 ResourceNotFoundException instead of the model\'s 400 ValidationException.',
    rules: ['FunctionName.required'],
  },
  'event-source-arn-required-500': {
    description: 'A request without EventSourceArn is answered 500 ServiceException instead of 400 InvalidParameterValueException '
      + '"Unrecognized event source.".',
    rules: ['EventSourceArn.required'],
  },
  'error-message-capitalised': {
    description: 'Every error body carries its text under "Message", also for InvalidParameterValueException and ResourceConflictException, '
      + 'whose bodies AWS was recorded to key with a lower-case "message".',
    rules: ['error.body'],
  },
  'event-source-arn-not-echoed': {
    description: 'The mapping answers give a DynamoDB stream\'s table ARN (the ARN without "/stream/<label>") as EventSourceArn, '
      + 'not the stream ARN that was sent.',
    rules: ['response.EventSourceArn.echo'],
  },
  'batch-size-not-echoed': {
    description: 'The mapping answers give BatchSize as the model default (100) whatever BatchSize was sent.',
    rules: ['response.BatchSize.echo'],
  },
  'one-mapping-per-stream': {
    description: 'A second mapping on a stream is refused with 409 ResourceConflictException even for another function (AWS accepts both).',
    rules: ['error.ResourceConflict.other-function'],
  },
  'state-enabled-on-create': {
    description: 'A new mapping answers State "Enabled" at once (as moto does) instead of "Creating".',
    rules: ['parity.State.create'], kind: 'parity',
  },
  'transition-reason-user-initiated': {
    description: 'StateTransitionReason is "User initiated" (as moto answers) instead of AWS\'s "User action" for a stream.',
    rules: ['parity.StateTransitionReason.create'], kind: 'parity',
  },
  'processing-result-ok': {
    description: 'LastProcessingResult is "OK" on create instead of "No records processed".',
    rules: ['parity.LastProcessingResult.create'], kind: 'parity',
  },
  'uuid-without-dashes': {
    description: 'Mapping UUIDs are 32 hexadecimal digits without dashes, not AWS\'s 36-character form (the mapping ARN keeps the dashed form, which the model\'s pattern requires, so it no longer ends in the UUID).',
    rules: ['parity.UUID.form', 'parity.message.duplicate', 'parity.message.duplicate-sqs', 'parity.message.duplicate-kafka', 'parity.EventSourceMappingArn.form'], kind: 'parity',
  },
  'mapping-arn-missing': {
    description: 'Answers carry no EventSourceMappingArn.',
    rules: ['parity.EventSourceMappingArn.form'], kind: 'parity',
  },
  'starting-position-not-echoed': {
    description: 'Answers leave out StartingPosition (the one sent, and self-managed Kafka\'s default).',
    rules: ['parity.StartingPosition.echo', 'parity.default.StartingPosition'], kind: 'parity',
  },
  'never-returned-members-returned': {
    description: 'Answers carry Enabled and an empty Tags map, which AWS never returns.',
    rules: ['parity.response.never-returned'], kind: 'parity',
  },
  'stream-defaults-missing': {
    description: 'Answers leave out the members newer than the seed page (FunctionResponseTypes, MaximumBatchingWindowInSeconds, ParallelizationFactor, '
      + 'MaximumRecordAgeInSeconds, MaximumRetryAttempts, BisectBatchOnFunctionError, TumblingWindowInSeconds, DestinationConfig).',
    rules: ['parity.default.FunctionResponseTypes', 'parity.default.MaximumBatchingWindowInSeconds', 'parity.default.ParallelizationFactor',
      'parity.default.MaximumRecordAgeInSeconds', 'parity.default.MaximumRetryAttempts', 'parity.default.BisectBatchOnFunctionError',
      'parity.default.TumblingWindowInSeconds', 'parity.default.DestinationConfig'],
    kind: 'parity',
  },
  'kafka-consumer-group-named': {
    description: 'A self-managed Kafka mapping created without SelfManagedKafkaEventSourceConfig answers the consumer group "lambda-consumers" instead of its own UUID.',
    rules: ['parity.default.ConsumerGroupId'], kind: 'parity',
  },
  'kafka-starting-position-latest': {
    description: 'A self-managed Kafka mapping created without StartingPosition answers LATEST instead of TRIM_HORIZON.',
    rules: ['parity.default.StartingPosition'], kind: 'parity',
  },
  'error-type-missing': {
    description: 'Error bodies carry no "Type":"User".',
    rules: ['parity.error.Type'], kind: 'parity',
  },
  'messages-reworded': {
    description: 'Every error message is reworded ("Request failed: ..." before AWS\'s text).',
    rules: ['parity.message.event-source-missing', 'parity.message.function-missing', 'parity.message.starting-position-missing',
      'parity.message.starting-position-enum', 'parity.message.at-timestamp-source', 'parity.message.timestamp-missing',
      'parity.message.stream-missing', 'parity.message.sqs-queue-missing', 'parity.message.duplicate', 'parity.message.duplicate-sqs', 'parity.message.duplicate-kafka',
      'parity.message.filter-pattern', 'parity.message.sqs-batching-window', 'parity.message.sqs-destination-unsupported',
      'parity.message.kafka-source-access-missing', 'parity.order.validation-before-event-source',
      'parity.order.event-source-before-function', 'parity.order.function-before-source', 'parity.order.validation-before-duplicate'],
    kind: 'parity',
  },
  'lookups-before-validation': {
    description: 'The event source, function, stream and duplicate checks come before model validation (AWS validates first).',
    rules: ['parity.order.validation-before-event-source', 'parity.order.validation-before-function', 'parity.order.validation-before-duplicate'],
    kind: 'parity',
  },
  'function-before-event-source': {
    description: 'The function is looked up before a missing event source is refused (AWS refuses the missing event source first).',
    rules: ['parity.order.event-source-before-function'], kind: 'parity',
  },
  'source-before-function': {
    description: 'The stream is looked up before the function (AWS looks up the function first).',
    rules: ['parity.order.function-before-source'], kind: 'parity',
  },
} satisfies Record<string, DeviationInfo>;

export type DeviationName = keyof typeof CATALOGUE;

export const DEVIATIONS: Record<string, DeviationInfo> = CATALOGUE;

export const DEVIATION_NAMES = Object.keys(CATALOGUE) as DeviationName[];

export function isDeviationName(name: string): name is DeviationName {
  return Object.hasOwn(CATALOGUE, name);
}
