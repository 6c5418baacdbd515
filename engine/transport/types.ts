/**
 * Shared types of the raw HTTP transport: one request, sent exactly as given,
 * SigV4-signed over its final bytes.
 */
import type { AwsCredentialIdentity, Provider } from '@smithy/types';
import type { Gate } from './gate.ts';

export type CredentialSource = AwsCredentialIdentity | Provider<AwsCredentialIdentity>;

export interface RawRequest {
  /** Scheme, host and port to send to; its path is not used (see parseEndpoint). */
  endpoint: URL;
  method: string;
  /** Request target sent verbatim, optionally with a `?query`. */
  path: string;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

export interface SigningOptions {
  region: string;
  service: string;
  credentials: CredentialSource;
}

export interface RetryPolicy {
  /** Total attempts, including the first; values below 1 count as 1. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface SendOptions extends SigningOptions {
  timeoutMs: number;
  retry: RetryPolicy;
  signal?: AbortSignal;
  /** The run's gate (concurrency, priority, adaptive rate): every attempt passes it. */
  gate?: Gate;
  /** Lower is served first by the gate (lane work 0, other cases 1). */
  priority?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RetryRecord {
  status?: number;
  reason: string;
  waitedMs: number;
}

interface ResultBase {
  attempts: number;
  durationMs: number;
  retried: RetryRecord[];
}

export interface RawResponse extends ResultBase {
  kind: 'response';
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export interface RawFailure extends ResultBase {
  kind: 'timeout' | 'network' | 'aborted';
  /** One line, no stack. */
  message: string;
}

export type RawResult = RawResponse | RawFailure;
