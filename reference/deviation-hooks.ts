/** The one hook each deviation (deviations.ts) overrides; everything else stays FAITHFUL. */
import { randomUUID } from 'node:crypto';
import { awsModel, model, type MemberType } from '../spec/index.ts';
import { ApiError, INVALID_PARAMETER, NOT_FOUND, SERVICE } from './errors.ts';
import { FAITHFUL, type Constraints, type Hooks } from './hooks.ts';
import { DEVIATIONS, isDeviationName, type DeviationName } from './deviations.ts';

/** The constraints with one member's keys removed. */
function without(member: string, ...keys: string[]): (c: Constraints) => Constraints {
  return (c) => {
    const m: Record<string, unknown> = { ...c[member] };
    for (const k of keys) delete m[k];
    return { ...c, [member]: m };
  };
}

const CREATING = awsModel.createResponseDefaults.State;
/** Members of AWS's create answer that are newer than the seed page (their recorded defaults). */
const NEWER_DEFAULTS = new Set(Object.keys(awsModel.createResponseDefaults).filter((k) => !['State', 'StateTransitionReason', 'LastProcessingResult'].includes(k)));
const MODEL_BATCH_SIZE = Number(model.request.members.BatchSize?.default);

/** A numeric string for an integer member and "true"/"false" for a boolean one read as the number or boolean they spell. */
function coerced(type: MemberType, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (type === 'integer' && /^-?\d+$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * A function ARN resolved as moto resolves it: by the name and qualifier after `function:`, without
 * comparing the ARN's partition, region or account. Other FunctionName forms are looked up as sent.
 */
function nameInArn(name: string): string {
  return /^arn:[^:]*:lambda:[^:]*:[^:]*:function:(.+)$/.exec(name)?.[1] ?? name;
}

/** An ARN as parsers that split it on ':' read it: service, region, account and resource; the text before them is not looked at. */
function arnFields(arn: string): string {
  return arn.split(':').slice(2).join(':');
}

const OVERRIDES: Record<DeviationName, Partial<Hooks>> = {
  'status-200': { createStatus: () => 200 },
  'error-code-in-body': { errorCodeInHeader: false },
  'enum-wrong-code': {
    modelErrorCode: (vs) => (vs.some((v) => v.constraint === 'enum') ? INVALID_PARAMETER : FAITHFUL.modelErrorCode(vs)),
  },
  'batch-size-no-max': { constraints: without('BatchSize', 'maximum') },
  'batch-size-no-min': { constraints: without('BatchSize', 'minimum') },
  'function-name-unanchored': {
    patternMatch: (member, pattern, value) =>
      member === 'FunctionName' ? new RegExp(pattern).exec(value)?.[0] : FAITHFUL.patternMatch(member, pattern, value),
  },
  'function-name-no-length': { constraints: without('FunctionName', 'maxLength', 'bareNameMaxLength'), functionLookupName: nameInArn },
  'event-source-arn-no-pattern': {
    constraints: without('EventSourceArn', 'pattern'),
    sameStream: (sent, seeded) => arnFields(sent) === arnFields(seeded),
  },
  'starting-position-case-insensitive': {
    enumValue: (allowed, value) => allowed.find((a) => a.toUpperCase() === value.toUpperCase()),
  },
  'starting-position-optional': { startingPositionRequired: false },
  'at-timestamp-without-timestamp': { timestampRequired: false },
  'at-timestamp-on-dynamodb': { atTimestampSourceChecked: false },
  'duplicates-allowed': { duplicatesRejected: false },
  'missing-function-404': { missingFunction: (name) => new ApiError(NOT_FOUND, `Function not found: ${name}`) },
  'batch-size-default-10': { defaultBatchSize: () => 10 },
  'function-arn-drops-qualifier': { functionArn: (fn) => fn.unqualifiedArn },
  'no-last-processing-result': {
    shapeResponse: ({ LastProcessingResult: _dropped, ...rest }) => rest,
  },
  'state-active': {
    shapeResponse: (body) => (body.State === CREATING ? { ...body, State: 'Active' } : body),
  },
  'last-modified-iso': {
    shapeResponse: (body) => ({ ...body, LastModified: new Date(Number(body.LastModified) * 1000).toISOString() }),
  },
  'non-json-500': { unparseableBodyCode: SERVICE },
  'trailing-slash-only': { createPaths: (paths) => paths.filter((p) => p.endsWith('/')) },
  'uuid-not-readable': {
    shapeResponse: (body, op) => (op === 'create' ? { ...body, UUID: randomUUID() } : body),
  },
  'wrong-types-coerced': { coerce: coerced },
  'unknown-members-ignored': { unknownMembersRejected: false },
  'missing-stream-accepted': { sameStream: () => true },
  'function-name-required-404': {
    missingMember: (member) => (member === 'FunctionName' ? new ApiError(NOT_FOUND, 'Function not found: null') : undefined),
  },
  'event-source-arn-required-500': {
    missingMember: (member) => (member === 'EventSourceArn' ? new ApiError(SERVICE, 'Internal error: event source ARN is null') : undefined),
  },
  'error-message-capitalised': { errorMessageKey: () => 'Message' },
  'event-source-arn-not-echoed': {
    shapeResponse: (body) => ({ ...body, EventSourceArn: String(body.EventSourceArn).replace(/\/stream\/[^/]+$/, '') }),
  },
  'batch-size-not-echoed': {
    shapeResponse: (body) => ({ ...body, BatchSize: MODEL_BATCH_SIZE }),
  },
  'one-mapping-per-stream': { oneMappingPerSource: true },
  'state-enabled-on-create': { shapeResponse: (body) => (body.State === CREATING ? { ...body, State: 'Enabled' } : body) },
  'transition-reason-user-initiated': { shapeResponse: (body) => ({ ...body, StateTransitionReason: 'User initiated' }) },
  'processing-result-ok': { shapeResponse: (body) => ({ ...body, LastProcessingResult: 'OK' }) },
  'uuid-without-dashes': {
    newUuid: () => randomUUID().replace(/-/g, ''),
    // Only the UUID member departs: the mapping's ARN keeps the model's dashed form (a parity departure alone).
    shapeResponse: (body) => ({ ...body, EventSourceMappingArn: String(body.EventSourceMappingArn).replace(/([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/, '$1-$2-$3-$4-$5') }),
  },
  'mapping-arn-missing': { shapeResponse: ({ EventSourceMappingArn: _dropped, ...rest }) => rest },
  'starting-position-not-echoed': { shapeResponse: ({ StartingPosition: _dropped, ...rest }) => rest },
  'never-returned-members-returned': { shapeResponse: (body) => ({ ...body, Enabled: body.State !== 'Disabled', Tags: {} }) },
  // The defaults are left out; a member that was sent is still echoed.
  'stream-defaults-missing': { responseDefaults: (d) => Object.fromEntries(Object.entries(d).filter(([k]) => !NEWER_DEFAULTS.has(k))) },
  'kafka-consumer-group-named': {
    shapeResponse: (body) => {
      const config = body.SelfManagedKafkaEventSourceConfig as { ConsumerGroupId?: unknown } | undefined;
      return config?.ConsumerGroupId === body.UUID ? { ...body, SelfManagedKafkaEventSourceConfig: { ...config, ConsumerGroupId: 'lambda-consumers' } } : body;
    },
  },
  // Only self-managed Kafka's defaults hold a StartingPosition (the overlay's, as recorded).
  'kafka-starting-position-latest': { responseDefaults: (d) => (d.StartingPosition === 'TRIM_HORIZON' ? { ...d, StartingPosition: 'LATEST' } : d) },
  'error-type-missing': { errorType: false },
  'messages-reworded': { errorText: (_code, message) => `Request failed: ${message}` },
  'lookups-before-validation': { lookupsBeforeValidation: true },
  'function-before-event-source': { functionBeforeEventSource: true },
  'source-before-function': { sourceBeforeFunction: true },
};

/** The hooks of a deviation, or FAITHFUL when none is named. Throws on an unknown name. */
export function hooksFor(deviation?: string): Hooks {
  if (deviation === undefined || deviation === '') return FAITHFUL;
  if (!isDeviationName(deviation)) {
    throw new Error(`unknown deviation "${deviation}"; known: ${Object.keys(DEVIATIONS).join(', ')}`);
  }
  return { ...FAITHFUL, ...OVERRIDES[deviation] };
}
