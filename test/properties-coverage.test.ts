/**
 * Every rule of the registry is exercised: either some case of the plan carries it, or the judge emits it
 * as a failure on a crafted bad exchange. A rule that neither generators nor checks can reach fails here.
 */
import { describe, expect, it } from 'vitest';
import { rules, type ProfileName } from '../spec/index.ts';
import { EXAMPLE_RESOURCES, bindValue } from '../properties/bind.ts';
import { judge } from '../properties/checks/judge.ts';
import { buildPlan, fixedCases } from '../properties/plan.ts';
import type { Case, Exchange, ObservedAnswer } from '../properties/types.ts';

const R = EXAMPLE_RESOURCES;
const PLAN = buildPlan({ seed: 42, runs: 5 });
const FIXED = fixedCases();

function find(pred: (c: Case) => boolean, what: string): Case {
  const c = FIXED.find(pred);
  if (!c) throw new Error(`no fixed case: ${what}`);
  return c;
}

/** A valid case without BatchSize and Enabled, with an alias qualifier (so every success check applies). */
const VALID = find((c) => c.valid && c.args.form === 'bare name' && c.args.qualifier === 'alias', 'bare name with alias');
const VALID_BATCH = find((c) => c.valid && c.rule === 'BatchSize.range' && c.args.boundary === 'max', 'BatchSize max');
const INVALID = find((c) => !c.valid && c.rule === 'StartingPosition.enum', 'enum violation');
const SENT = bindValue(VALID.request.body!, R);

function seedBody(sent: Record<string, unknown>): Record<string, unknown> {
  return {
    UUID: 'a1b2c3d4-5678-90ab-cdef-111122223333',
    BatchSize: sent.BatchSize ?? 100,
    EventSourceArn: sent.EventSourceArn,
    FunctionArn: `arn:aws:lambda:${R.region}:${R.account}:function:${String(sent.FunctionName)}`,
    LastModified: 1700000000.123,
    LastProcessingResult: 'No records processed',
    State: 'Creating',
    StateTransitionReason: 'User action',
  };
}

const JSON_CT = { 'content-type': 'application/json' };

function created(change: Record<string, unknown> = {}, c: Case = VALID): Exchange {
  const sent = bindValue(c.request.body!, R);
  const body: Record<string, unknown> = { ...seedBody(sent), ...change };
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  return { sent, answer: { status: 202, headers: JSON_CT, body: JSON.stringify(body) } };
}

function error(status: number, headers: Record<string, string>, body: unknown): Exchange {
  return { answer: { status, headers: { ...JSON_CT, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) } };
}

interface Crafted { rule: string; what: string; c: Case; ex: Exchange; profile: ProfileName }

const RESPONSE_MEMBERS = ['BatchSize', 'EventSourceArn', 'FunctionArn', 'LastModified', 'LastProcessingResult', 'State', 'StateTransitionReason', 'UUID'];
const readback = (body: unknown): ObservedAnswer => ({ status: 200, headers: JSON_CT, body: JSON.stringify(body) });

/** One crafted bad exchange per rule that only a check (not a generated case) can exercise. */
const CRAFTED: Crafted[] = [
  { rule: 'response.status', what: 'a valid request answered 200', c: VALID, profile: 'aws', ex: { ...created(), answer: { ...created().answer, status: 200 } } },
  { rule: 'response.body.json', what: 'a 202 whose body is not JSON', c: VALID, profile: 'aws', ex: { sent: SENT, answer: { status: 202, headers: JSON_CT, body: 'OK' } } },
  { rule: 'response.content-type', what: 'a 202 with text/plain', c: VALID, profile: 'aws', ex: { ...created(), answer: { ...created().answer, headers: { 'content-type': 'text/plain' } } } },
  { rule: 'response.members.additional', what: 'an extra member under seed', c: VALID, profile: 'seed', ex: created({ EventSourceMappingArn: 'x' }) },
  ...RESPONSE_MEMBERS.map((m): Crafted => ({ rule: `response.${m}.type`, what: `a 202 without ${m}`, c: VALID, profile: 'aws', ex: created({ [m]: undefined }) })),
  { rule: 'response.BatchSize.range', what: 'a 202 with BatchSize 0', c: VALID, profile: 'aws', ex: created({ BatchSize: 0 }) },
  { rule: 'response.BatchSize.echo', what: 'BatchSize 10000 sent, 100 returned', c: VALID_BATCH, profile: 'aws', ex: created({ BatchSize: 100 }, VALID_BATCH) },
  { rule: 'BatchSize.default', what: 'BatchSize omitted, 10 returned', c: VALID, profile: 'aws', ex: created({ BatchSize: 10 }) },
  { rule: 'Enabled.default', what: 'Enabled omitted, State Disabled', c: VALID, profile: 'aws', ex: created({ State: 'Disabled' }) },
  { rule: 'response.EventSourceArn.pattern', what: 'an EventSourceArn that is no ARN', c: VALID, profile: 'aws', ex: created({ EventSourceArn: 'stream/x' }) },
  { rule: 'response.EventSourceArn.echo', what: 'another stream returned', c: VALID, profile: 'aws', ex: created({ EventSourceArn: SENT.EventSourceArn === R.kinesisStreamArn ? R.dynamodbStreamArn : R.kinesisStreamArn }) },
  { rule: 'response.FunctionArn.pattern', what: 'a FunctionArn without a region', c: VALID, profile: 'aws', ex: created({ FunctionArn: `arn:aws:lambda::${R.account}:function:${R.functionName}:${R.alias}` }) },
  { rule: 'response.FunctionArn.function', what: 'the FunctionArn of another function', c: VALID, profile: 'seed', ex: created({ FunctionArn: `arn:aws:lambda:${R.region}:${R.account}:function:other` }) },
  { rule: 'response.State.enum', what: 'State Active', c: VALID, profile: 'aws', ex: created({ State: 'Active' }) },
  { rule: 'response.UUID.readback', what: 'a read-back of another mapping', c: VALID, profile: 'aws', ex: { ...created(), readback: readback({ ...seedBody(SENT), UUID: 'other' }) } },
  { rule: 'error.InvalidParameterValue.status', what: 'InvalidParameterValueException with 404', c: INVALID, profile: 'aws', ex: error(404, { 'x-amzn-errortype': 'InvalidParameterValueException' }, { message: 'm' }) },
  { rule: 'error.ResourceConflict.status', what: 'ResourceConflictException with 400', c: INVALID, profile: 'aws', ex: error(400, { 'x-amzn-errortype': 'ResourceConflictException' }, { message: 'm' }) },
  { rule: 'error.ResourceNotFound.status', what: 'ResourceNotFoundException with 400', c: INVALID, profile: 'aws', ex: error(400, { 'x-amzn-errortype': 'ResourceNotFoundException' }, { Message: 'm' }) },
  { rule: 'error.Service.status', what: 'a 500 with no code', c: VALID, profile: 'aws', ex: error(500, {}, '') },
  { rule: 'error.TooManyRequests.status', what: 'a 429 without TooManyRequestsException', c: VALID, profile: 'aws', ex: error(429, { 'x-amzn-errortype': 'Throttled', 'retry-after': '1' }, { message: 'm' }) },
  { rule: 'error.TooManyRequests.retry-after', what: 'a 429 without Retry-After under aws', c: VALID, profile: 'aws', ex: error(429, { 'x-amzn-errortype': 'TooManyRequestsException' }, { message: 'm', Reason: 'CallerRateLimitExceeded' }) },
  { rule: 'error.code', what: 'a 400 with no code anywhere', c: INVALID, profile: 'aws', ex: error(400, {}, { message: 'bad' }) },
  { rule: 'error.header', what: 'an error without X-Amzn-ErrorType under aws', c: INVALID, profile: 'aws', ex: error(400, {}, { __type: 'ValidationException', message: 'm' }) },
  { rule: 'error.body', what: 'an error whose body is not JSON', c: INVALID, profile: 'aws', ex: error(400, { 'x-amzn-errortype': 'ValidationException' }, 'Bad Request') },
];

describe('crafted exchanges: each makes the judge emit its rule', () => {
  it.each(CRAFTED.map((x) => [x.rule, x.what, x] as const))('%s: %s', (rule, _what, x) => {
    const j = judge(x.c, x.ex, x.profile);
    expect(j.failures.map((f) => f.rule)).toContain(rule);
    expect(j.verdict).not.toBe('pass');
  });

  it('the same exchanges made faithful pass (the crafted fault is what the judge sees)', () => {
    expect(judge(VALID, created(), 'aws')).toMatchObject({ verdict: 'pass', failures: [] });
    expect(judge(VALID, created(), 'seed')).toMatchObject({ verdict: 'pass', failures: [] });
    expect(judge(VALID_BATCH, created({}, VALID_BATCH), 'aws').verdict).toBe('pass');
    expect(judge(VALID, { ...created(), readback: readback(seedBody(SENT)) }, 'aws').verdict).toBe('pass');
    expect(judge(INVALID, error(400, { 'x-amzn-errortype': 'ValidationException' }, { message: 'm' }), 'aws').verdict).toBe('pass');
  });
});

describe('coverage of the rule registry', () => {
  it('every rule is the rule of a generated case or a failure the judge emits, and nothing else is', () => {
    const fromCases = new Set(PLAN.map((c) => c.rule));
    const fromChecks = new Set(CRAFTED.flatMap((x) => judge(x.c, x.ex, x.profile).failures.map((f) => f.rule)));
    const covered = new Set([...fromCases, ...fromChecks]);
    const registry = rules.map((r) => r.id);
    const missing = registry.filter((id) => !covered.has(id));
    expect(missing, `rules no generator or check exercises: ${missing.join(', ')}`).toEqual([]);
    expect([...covered].filter((id) => !registry.includes(id))).toEqual([]);
  });

  it('every request rule (one with a member) has a generated case, not only a check', () => {
    const fromCases = new Set(PLAN.map((c) => c.rule));
    const request = rules.filter((r) => r.member !== undefined).map((r) => r.id);
    expect(request.filter((id) => !fromCases.has(id))).toEqual([]);
  });

  it('every rule a generated case carries has an invalid or a valid case with a JSON body or a raw body', () => {
    for (const id of new Set(PLAN.map((c) => c.rule))) {
      const cases = PLAN.filter((c) => c.rule === id);
      expect(cases.every((c) => c.request.body !== undefined || c.request.raw !== undefined), id).toBe(true);
    }
  });
});
