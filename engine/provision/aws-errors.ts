/** Classifying SDK v3 errors by their service error name (never by HTTP status alone: a proxy can 404 too). */
import { SILENT_CODES } from '../target-health.ts';

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

const NOT_FOUND = new Set(['ResourceNotFoundException', 'NoSuchEntityException', 'NoSuchEntity', 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue']);

const RETRYABLE = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'ProvisionedThroughputExceededException',
  'ResourceInUseException',
  'ResourceConflictException',
  'DeleteConflictException',
  'ConcurrentModificationException',
]);

export function errorName(error: unknown): string {
  const name = (error as SdkErrorShape | undefined)?.name;
  return typeof name === 'string' && name !== '' ? name : 'Error';
}

export function httpStatus(error: unknown): number | undefined {
  return (error as SdkErrorShape | undefined)?.$metadata?.httpStatusCode;
}

/** `Name: message` on one line. */
export function describeError(error: unknown): string {
  const message = (error as SdkErrorShape | undefined)?.message;
  const text = typeof message === 'string' ? message : String(error);
  return `${errorName(error)}: ${text}`.replace(/\s+/g, ' ').trim();
}

export function isNotFound(error: unknown): boolean {
  return NOT_FOUND.has(errorName(error));
}

/** Throttling, a resource busy with another change, or a server-side failure: worth another try. */
export function isRetryable(error: unknown): boolean {
  const status = httpStatus(error);
  return RETRYABLE.has(errorName(error)) || (status !== undefined && status >= 500);
}

/** The service answered 4xx: the request was refused, so it created nothing. */
/** Errors of a connection that was never made: the request did not reach the service. */
const NEVER_CONNECTED = new Set([...SILENT_CODES, 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

/** A connection that was never made (nothing listens, no route, no such host): the target does not answer. */
export function neverConnected(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return httpStatus(error) === undefined && typeof code === 'string' && SILENT_CODES.has(code);
}

/** The create created nothing: the service refused it (4xx), or the request never reached the service. */
export function wasRejected(error: unknown): boolean {
  const status = httpStatus(error);
  if (status !== undefined && status >= 400 && status < 500) return true;
  if (status !== undefined) return false;
  if (errorName(error) === 'CredentialsProviderError') return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (NEVER_CONNECTED.has(code) || NOT_AN_HTTP_SERVICE.test(code));
}

/**
 * Codes of a peer that does not speak HTTP (an SSH port: Node's HTTP parser refuses the first bytes) or
 * not TLS on an https endpoint: no AWS-compatible service read the request, so nothing was created.
 */
const NOT_AN_HTTP_SERVICE = /^(HPE_INVALID_CONSTANT|HPE_INVALID_VERSION|HPE_INVALID_STATUS|EPROTO|ERR_SSL_WRONG_VERSION_NUMBER|ERR_SSL_PACKET_LENGTH_TOO_LONG|ERR_TLS_CERT_ALTNAME_INVALID|SELF_SIGNED_CERT_IN_CHAIN)$/;

/** AWS's answer while a just-created role has not yet propagated to Lambda. */
export function isRoleNotYetAssumable(error: unknown): boolean {
  const message = (error as SdkErrorShape | undefined)?.message;
  return (
    errorName(error) === 'InvalidParameterValueException' &&
    typeof message === 'string' &&
    /cannot be assumed by Lambda/i.test(message)
  );
}
