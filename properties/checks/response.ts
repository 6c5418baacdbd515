/** Checks of a 2xx answer to a valid request: status, body, members, echoes, defaults, FunctionArn, State, read-back. */
import { anchoredPattern, awsModel, expectationFor, model, responseViolations, type ProfileName } from '../../spec/index.ts';
import { facts } from '../facts.ts';
import type { Exchange, Failure } from '../types.ts';
import type { Edition } from '../../spec/editions/types.ts';
import { kindOf, overlay } from '../../spec/overlay/index.ts';
import { absentForKind, editionSuccessFailures } from './edition-response.ts';
import { failure } from './failure.ts';
import { isObject, parseJson } from './parse.ts';

/**
 * Name and qualifier of a FunctionName or FunctionArn: by the seed's FunctionName pattern (groups 5 and 7),
 * else by today's wider AWS pattern (other partitions, gov/iso regions; groups from aws-model.json).
 */
export function functionParts(value: string): { name: string; qualifier?: string } | undefined {
  const seed = anchoredPattern(facts.fn.pattern).exec(value);
  const aws = seed ? undefined : anchoredPattern(awsModel.members.FunctionName?.pattern ?? '').exec(value);
  const name = seed ? seed[5] : aws?.[awsModel.functionNameGroups.name];
  const qualifier = seed ? seed[7] : aws?.[awsModel.functionNameGroups.qualifier];
  if (name === undefined) return undefined;
  return qualifier === undefined ? { name } : { name, qualifier };
}

/** A function as a listing names it (in FunctionArn): its name, from any spelling (name, ARN, partial ARN, qualified). */
export const bareFunctionName = (given: string): string => functionParts(given)?.name ?? given;

function functionArnFailures(sent: Record<string, unknown>, body: Record<string, unknown>, profile: ProfileName): Failure[] {
  if (typeof sent.FunctionName !== 'string' || typeof body.FunctionArn !== 'string') return [];
  const want = functionParts(sent.FunctionName);
  const got = functionParts(body.FunctionArn);
  if (!want) return [];
  const args = { sent: sent.FunctionName, got: body.FunctionArn };
  if (!got || got.name !== want.name) return [failure('response.FunctionArn.function', 'function-arn-other-function', '/FunctionArn', args)];
  const mode = expectationFor(profile, 'response.FunctionArn.function').params?.qualifier;
  const ok = mode === 'as-sent' ? got.qualifier === want.qualifier : got.qualifier === undefined || got.qualifier === want.qualifier;
  return ok ? [] : [failure('response.FunctionArn.function', 'function-arn-qualifier', '/FunctionArn', { ...args, mode })];
}

/** The BatchSize a mapping gets when none is sent: the kind's default (overlay; SQS 10), else the model's. */
function defaultBatchSize(sent: Record<string, unknown>): unknown {
  const kind = kindOf(sent);
  const d = kind === undefined ? undefined : overlay.kinds[kind]?.defaults.BatchSize?.value;
  return d ?? facts.batch.default;
}

function echoFailures(sent: Record<string, unknown>, body: Record<string, unknown>): Failure[] {
  const out: Failure[] = [];
  if (sent.BatchSize !== undefined && body.BatchSize !== sent.BatchSize) {
    out.push(failure('response.BatchSize.echo', 'batch-size-not-echoed', '/BatchSize', { sent: sent.BatchSize, got: body.BatchSize }));
  }
  const batchDefault = defaultBatchSize(sent);
  if (sent.BatchSize === undefined && body.BatchSize !== batchDefault) {
    out.push(failure('BatchSize.default', 'batch-size-default', '/BatchSize', { expected: batchDefault, got: body.BatchSize ?? null }));
  }
  if (body.EventSourceArn !== sent.EventSourceArn) {
    out.push(failure('response.EventSourceArn.echo', 'event-source-arn-not-echoed', '/EventSourceArn', { sent: sent.EventSourceArn, got: body.EventSourceArn ?? null }));
  }
  return out;
}

function stateFailures(sent: Record<string, unknown>, body: Record<string, unknown>, profile: ProfileName): Failure[] {
  if (typeof body.State !== 'string') return [];
  const params = expectationFor(profile, 'Enabled.default').params ?? {};
  const disabled = sent.Enabled === false;
  const allowed = ((disabled ? params.disabledStates : params.enabledStates) as string[] | undefined) ?? [];
  return allowed.includes(body.State) ? [] : [failure('Enabled.default', 'initial-state', '/State', { enabled: sent.Enabled ?? null, got: body.State, allowed })];
}

function readbackFailures(x: Exchange, body: Record<string, unknown>): Failure[] {
  const rb = x.readback;
  if (!rb) return [];
  const p = parseJson(rb.body);
  if (rb.status !== 200 || !p.ok || !isObject(p.value)) return [failure('response.UUID.readback', 'readback-failed', '', { status: rb.status, uuid: body.UUID ?? null })];
  const got = p.value;
  const same = ['UUID', 'EventSourceArn', 'FunctionArn'].filter((k) => got[k] !== body[k]);
  return same.length ? [failure('response.UUID.readback', 'readback-differs', '', { members: same, uuid: body.UUID ?? null })] : [];
}

export function successFailures(x: Exchange, profile: ProfileName, edition?: Edition, today?: Edition): Failure[] {
  const a = x.answer;
  const out: Failure[] = [];
  if (a.status !== model.operation.successStatus) out.push(failure('response.status', 'wrong-success-status', '', { status: a.status, expected: model.operation.successStatus }));
  if (!(a.headers['content-type'] ?? '').toLowerCase().startsWith(model.operation.contentType)) {
    out.push(failure('response.content-type', 'content-type', '/headers/content-type', { got: a.headers['content-type'] ?? null }));
  }
  const p = parseJson(a.body);
  if (!p.ok || !isObject(p.value)) return [...out, failure('response.body.json', 'body-not-json-object', '', { body: a.body.slice(0, 200) })];
  const body = p.value;
  const sent = x.sent ?? {};
  // A kind that does not return a seed member (SQS: no LastProcessingResult) is not failed for its absence.
  const absent = profile === 'aws' ? absentForKind(kindOf(sent)) : new Set<string>();
  const violations = responseViolations(body, profile).filter((v) => !(v.args.missing && absent.has(v.path.slice(1))));
  const extra = violations.filter((v) => v.rule === 'response.members.additional').map((v) => String(v.args.member));
  if (extra.length) out.push(failure('response.members.additional', 'extra-members', '', { members: extra }));
  out.push(...violations.filter((v) => v.rule !== 'response.members.additional').map((v) => failure(v.rule, v.args.missing ? 'member-missing' : `member-${String(v.args.keyword ?? 'invalid')}`, v.path, { ...v.args, got: v.path ? body[v.path.slice(1)] ?? null : null })));
  out.push(...echoFailures(sent, body), ...functionArnFailures(sent, body, profile), ...stateFailures(sent, body, profile), ...readbackFailures(x, body));
  out.push(...editionSuccessFailures(edition, sent, body, profile === 'aws' ? today : undefined));
  return out;
}
