/** Checks of every error answer: its code, header, body keys, and the status a documented code comes with. */
import { expectationFor, model, type ProfileName } from '../../spec/index.ts';
import type { Failure, ObservedAnswer } from '../types.ts';
import { failure } from './failure.ts';
import { errorCode, headerCode, isObject, parseJson } from './parse.ts';

/** `InvalidParameterValueException` -> `error.InvalidParameterValue.status`. */
export function statusRuleOf(code: string): string {
  return `error.${code.replace(/Exception$/, '')}.status`;
}

function bodyFailures(a: ObservedAnswer, code: string | undefined, profile: ProfileName): Failure[] {
  const p = parseJson(a.body);
  if (!p.ok || !isObject(p.value)) return [failure('error.body', 'error-body-not-json-object', '', { body: a.body.slice(0, 200) })];
  const body = p.value;
  const params = expectationFor(profile, 'error.body').params ?? {};
  const hasLower = typeof body.message === 'string';
  const hasUpper = typeof body.Message === 'string';
  if (!hasLower && !hasUpper) return [failure('error.body', 'error-message-missing', '', { keys: Object.keys(body) })];
  if (params.messageKey !== 'per-code' || !code) return [];
  const lower = (params.lowercase as string[] | undefined) ?? [];
  const upper = (params.capitalised as string[] | undefined) ?? [];
  if (lower.includes(code) && !hasLower) return [failure('error.body', 'error-message-key', '/message', { code, expected: 'message', keys: Object.keys(body) })];
  if (upper.includes(code) && !hasUpper) return [failure('error.body', 'error-message-key', '/Message', { code, expected: 'Message', keys: Object.keys(body) })];
  return [];
}

export function errorShapeFailures(a: ObservedAnswer, profile: ProfileName): Failure[] {
  const out: Failure[] = [];
  const code = errorCode(a);
  if (!code) out.push(failure('error.code', 'error-code-missing', '', { status: a.status }));
  if (!headerCode(a)) {
    const required = expectationFor(profile, 'error.header').params?.required === true;
    out.push(failure('error.header', 'error-header-missing', '/headers/x-amzn-errortype', { status: a.status }, required ? undefined : 'info'));
  }
  out.push(...bodyFailures(a, code, profile));
  const documented = code ? model.errors.list[code] : undefined;
  if (code && documented && documented.status !== a.status) {
    out.push(failure(statusRuleOf(code), 'error-status-mismatch', '', { code, status: a.status, documented: documented.status }));
  }
  if (a.status === 429) {
    if (code !== 'TooManyRequestsException') out.push(failure('error.TooManyRequests.status', 'throttle-code', '', { code: code ?? null }));
    if (!a.headers['retry-after']) {
      const required = expectationFor(profile, 'error.TooManyRequests.retry-after').params?.required === true;
      out.push(failure('error.TooManyRequests.retry-after', 'retry-after-missing', '/headers/retry-after', {}, required ? undefined : 'info'));
    }
  }
  return out;
}
