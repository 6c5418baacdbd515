/** Raw HTTP transport: send one request exactly as given, SigV4-signed over its final bytes. */
export { sendRaw } from './send.ts';
export { signRequest } from './sign.ts';
export { redactHeaders, redactText } from './redact.ts';
export { ConfigError, isLoopback, parseEndpoint } from './endpoint.ts';
export type {
  CredentialSource,
  RawFailure,
  RawRequest,
  RawResponse,
  RawResult,
  RetryPolicy,
  RetryRecord,
  SendOptions,
  SigningOptions,
} from './types.ts';
export { AdaptiveGate, type Gate } from './gate.ts';
