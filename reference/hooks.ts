/**
 * The points where a deviation may depart from AWS. FAITHFUL answers as AWS does (aws-observed.md);
 * each deviation (deviation-hooks.ts) overrides one of these (a missing check together with the lenient
 * lookup it exposes counts as one departure).
 */
import { randomUUID } from 'node:crypto';
import { awsModel, matchesPattern, type MemberType, type RequestMember } from '../spec/index.ts';
import { ApiError, INVALID_PARAMETER, VALIDATION, type ModelViolation } from './errors.ts';
import { qualifiedArn, type ResolvedFunction } from './resources.ts';

export type Constraints = Record<string, Partial<RequestMember>>;
export type Operation = 'create' | 'read';

export interface Hooks {
  /** The paths Create is routed on (model.operation.paths). */
  createPaths(paths: readonly string[]): string[];
  /** The HTTP status of a successful Create (model.operation.successStatus). */
  createStatus(status: number): number;
  /** true: the code travels in X-Amzn-ErrorType and the body has no `__type`. */
  errorCodeInHeader: boolean;
  /** The error code for a body that is not JSON. */
  unparseableBodyCode: string;
  /** The key of the error message in an error body of code `code` (spec/aws-model.json errorMessageKey). */
  errorMessageKey(code: string): string;
  /** A member the operation does not define is refused (false: it is ignored). */
  unknownMembersRejected: boolean;
  /** The value a member of model type `type` is read as, before its JSON type is checked. */
  coerce(type: MemberType, value: unknown): unknown;
  /** The answer to a request without `member` (FunctionName, EventSourceArn), or undefined for AWS's answer. */
  missingMember(member: string): ApiError | undefined;
  /** The model constraints the server validates with (spec/aws-model.json members). */
  constraints(c: Constraints): Constraints;
  /** The part of `value` matching `pattern` as AWS matches it (in full), or undefined. */
  patternMatch(member: string, pattern: string, value: string): string | undefined;
  /** The enum value `value` stands for, or undefined when it is not in the enum. */
  enumValue(allowed: readonly string[], value: string): string | undefined;
  /** The error code of a failed model validation. */
  modelErrorCode(violations: readonly ModelViolation[]): string;
  /** Kinesis and DynamoDB sources need a StartingPosition. */
  startingPositionRequired: boolean;
  /** AT_TIMESTAMP needs StartingPositionTimestamp. */
  timestampRequired: boolean;
  /** AT_TIMESTAMP is refused on sources other than the one the model allows. */
  atTimestampSourceChecked: boolean;
  /** The same function and stream twice is a conflict. */
  duplicatesRejected: boolean;
  /** Any second mapping on a stream is a conflict, whatever its function (AWS allows other functions). */
  oneMappingPerSource: boolean;
  /** The FunctionName (after pattern matching) that the function lookup resolves. */
  functionLookupName(name: string): string;
  /** Does the EventSourceArn sent name the seeded stream `seeded`? */
  sameStream(sent: string, seeded: string): boolean;
  /** The answer to a FunctionName that names no function. */
  missingFunction(name: string): ApiError;
  /** BatchSize when the request has none (model default). */
  defaultBatchSize(modelDefault: number): number;
  /** The FunctionArn the mapping records and returns. */
  functionArn(fn: ResolvedFunction): string;
  /** The response defaults of the request's kind (overlay), before the sent members are echoed over them. */
  responseDefaults(defaults: Record<string, unknown>): Record<string, unknown>;
  /** Last touch on a mapping body before it is sent. */
  shapeResponse(body: Record<string, unknown>, op: Operation): Record<string, unknown>;
  /** The UUID of a new mapping. */
  newUuid(): string;
  /** The text of an error message as sent. */
  errorText(code: string, message: string): string;
  /** Error bodies carry "Type":"User" (recorded). */
  errorType: boolean;
  /** Check order (recorded: model validation -> missing event source -> function -> source -> duplicate): lookups before validation. */
  lookupsBeforeValidation: boolean;
  /** Check order: the function lookup before the missing-event-source check. */
  functionBeforeEventSource: boolean;
  /** Check order: the stream lookup before the function lookup. */
  sourceBeforeFunction: boolean;
}

export const FAITHFUL: Hooks = {
  createPaths: (paths) => [...paths],
  createStatus: (status) => status,
  errorCodeInHeader: true,
  // AWS is unrecorded here (aws-observed.md "Unknown"); the aws profile accepts any 4xx, and this
  // server picks InvalidParameterValueException, the code Lambda uses for its own request checks.
  unparseableBodyCode: INVALID_PARAMETER,
  errorMessageKey: (code) => awsModel.errorMessageKey[code] ?? 'message',
  // AWS's answer to unknown members and wrong JSON types is unrecorded as well; this server refuses both.
  unknownMembersRejected: true,
  coerce: (_type, value) => value,
  missingMember: () => undefined,
  constraints: (c) => c,
  patternMatch: (_member, pattern, value) => (matchesPattern(pattern, value) ? value : undefined),
  enumValue: (allowed, value) => (allowed.includes(value) ? value : undefined),
  modelErrorCode: () => VALIDATION,
  startingPositionRequired: true,
  timestampRequired: true,
  atTimestampSourceChecked: true,
  duplicatesRejected: true,
  oneMappingPerSource: false,
  functionLookupName: (name) => name,
  sameStream: (sent, seeded) => sent === seeded,
  missingFunction: () => new ApiError(INVALID_PARAMETER, 'Function does not exist'),
  defaultBatchSize: (d) => d,
  functionArn: qualifiedArn,
  responseDefaults: (d) => d,
  shapeResponse: (body) => body,
  newUuid: () => randomUUID(),
  errorText: (_code, message) => message,
  errorType: true,
  lookupsBeforeValidation: false,
  functionBeforeEventSource: false,
  sourceBeforeFunction: false,
};

/** The constraints of today's AWS model, copied so that a hook may change them freely. */
export function awsConstraints(): Constraints {
  return structuredClone(awsModel.members);
}
