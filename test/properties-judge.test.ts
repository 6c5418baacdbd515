/**
 * The oracle per profile and the judge on crafted exchanges: graded verdicts and failure records.
 */
import { describe, expect, it } from 'vitest';
import { expectationFor, PROFILE_NAMES, rules, type ProfileName } from '../spec/index.ts';
import { EXAMPLE_RESOURCES, bindValue, ph } from '../properties/bind.ts';
import { judge, outcomeMatches } from '../properties/checks/judge.ts';
import { worst } from '../properties/checks/failure.ts';
import { makeCase } from '../properties/cases/make.ts';
import { baseBody } from '../properties/facts.ts';
import { admitsAcceptance, expect as oracle, expectationRule } from '../properties/oracle.ts';
import { buildPlan, fixedCases } from '../properties/plan.ts';
import type { Case, Exchange, ObservedAnswer, Verdict } from '../properties/types.ts';
import { VERDICTS } from '../properties/types.ts';

const R = EXAMPLE_RESOURCES;
const FIXED = fixedCases();

function find(pred: (c: Case) => boolean, what: string): Case {
  const c = FIXED.find(pred);
  if (!c) throw new Error(`no fixed case: ${what}`);
  return c;
}

const sent = (c: Case) => bindValue(c.request.body!, R);

/** What real AWS answers to a valid create (aws-observed.md, Successful create), for the bound request. */
function awsSuccessBody(body: Record<string, unknown>, change: Record<string, unknown> = {}): Record<string, unknown> {
  const fn = String(body.FunctionName);
  const parts = fn.split(':');
  const qualified = parts.length > 1 && !/^\d{12}$/.test(parts[parts.length - 2] ?? '') && parts[parts.length - 2] !== 'function';
  const name = qualified ? parts[parts.length - 2]! : parts[parts.length - 1]!;
  const qualifier = qualified ? `:${parts[parts.length - 1]}` : '';
  return {
    UUID: 'a1b2c3d4-5678-90ab-cdef-111122223333',
    StartingPosition: body.StartingPosition,
    BatchSize: body.BatchSize ?? 100,
    MaximumBatchingWindowInSeconds: 0,
    ParallelizationFactor: 1,
    EventSourceArn: body.EventSourceArn,
    FunctionArn: `arn:aws:lambda:${R.region}:${R.account}:function:${name}${qualifier}`,
    LastModified: 1700000000.123,
    LastProcessingResult: 'No records processed',
    State: 'Creating',
    StateTransitionReason: 'User action',
    DestinationConfig: { OnFailure: {} },
    MaximumRecordAgeInSeconds: -1,
    BisectBatchOnFunctionError: false,
    MaximumRetryAttempts: -1,
    TumblingWindowInSeconds: 0,
    FunctionResponseTypes: [],
    EventSourceMappingArn: `arn:aws:lambda:${R.region}:${R.account}:event-source-mapping:a1b2c3d4-5678-90ab-cdef-111122223333`,
    ...change,
  };
}

function success(c: Case, change: Record<string, unknown> = {}): Exchange {
  const body = sent(c);
  return { sent: body, answer: { status: 202, headers: { 'content-type': 'application/json' }, body: JSON.stringify(awsSuccessBody(body, change)) } };
}

const MESSAGE_KEY: Record<string, string> = {
  InvalidParameterValueException: 'message', ResourceConflictException: 'message', TooManyRequestsException: 'message',
  ValidationException: 'message', ResourceNotFoundException: 'Message', ServiceException: 'Message',
};

/** An error answer shaped as real AWS shapes it (header, Type, message key per code). */
function awsError(status: number, code: string, extraHeaders: Record<string, string> = {}): Exchange {
  const answer: ObservedAnswer = {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code, ...extraHeaders },
    body: JSON.stringify({ Type: 'User', [MESSAGE_KEY[code] ?? 'message']: 'something' }),
  };
  return { answer };
}

const VALID_ALIAS = () => find((c) => c.valid && c.args.form === 'bare name' && c.args.qualifier === 'alias', 'valid bare name with alias');
const VALID_PLAIN = () => find((c) => c.valid && c.rule === 'Enabled.default' && c.request.body!.Enabled === undefined, 'Enabled omitted');
const ENUM_CASE = () => find((c) => !c.valid && c.rule === 'StartingPosition.enum', 'StartingPosition enum violation');
const MISSING_FN = () => find((c) => c.rule === 'error.ResourceNotFound.function', 'missing function');
const DUPLICATE = () => find((c) => c.scenario === 'duplicate', 'duplicate');
const FN_MIN = () => find((c) => c.rule === 'FunctionName.length' && c.args.boundary === 'min', 'FunctionName length min');
const BEYOND_INT32 = () => find((c) => c.rule === 'BatchSize.range' && c.args.variant === 'beyond-int32', 'BatchSize beyond int32');
const NULL_BATCH = () => find((c) => c.rule === 'BatchSize.type' && c.args.variant === 'null', 'BatchSize null');
const BATCH_ZERO = () => find((c) => c.rule === 'BatchSize.range' && c.request.body?.BatchSize === 0, 'BatchSize 0');

describe('the oracle per profile', () => {
  it('StartingPosition not in the enum: seed IPVE, aws ValidationException (recorded)', () => {
    const c = ENUM_CASE();
    expect(oracle(c, 'seed').outcomes).toEqual([{ status: 400, codes: ['InvalidParameterValueException'] }]);
    const aws = oracle(c, 'aws');
    expect(aws.outcomes).toEqual([{ status: 400, codes: ['ValidationException'] }]);
    expect(aws.provenance).toMatchObject({ source: 'aws-observed', evidence: 'recorded' });
  });

  it('missing function: seed 404 ResourceNotFoundException, aws 400 InvalidParameterValueException', () => {
    const c = MISSING_FN();
    expect(oracle(c, 'seed').outcomes).toEqual([{ status: 404, codes: ['ResourceNotFoundException'] }]);
    expect(oracle(c, 'aws').outcomes).toEqual([{ status: 400, codes: ['InvalidParameterValueException'] }]);
  });

  it('a length boundary that is model-valid is decided by the missing-function expectation (args.expect)', () => {
    const c = FN_MIN();
    expect(expectationRule(c)).toBe('error.ResourceNotFound.function');
    expect(oracle(c, 'seed').rule).toBe('error.ResourceNotFound.function');
    expect(oracle(c, 'aws').outcomes).toEqual([{ status: 400, codes: ['InvalidParameterValueException'] }]);
  });

  it('duplicate: 409 ResourceConflictException under both', () => {
    const c = DUPLICATE();
    for (const p of PROFILE_NAMES) {
      expect(expectationRule(c)).toBe('error.ResourceConflict.duplicate');
      expect(oracle(c, p).outcomes, p).toEqual([{ status: 409, codes: ['ResourceConflictException'] }]);
    }
  });

  it('BatchSize beyond int32: seed 400 IPVE, aws any 4xx (the variant)', () => {
    const c = BEYOND_INT32();
    expect(oracle(c, 'seed').outcomes).toEqual([{ status: 400, codes: ['InvalidParameterValueException'] }]);
    expect(oracle(c, 'aws').outcomes).toEqual([{ status: '4xx' }]);
    expect(oracle(BATCH_ZERO(), 'aws').outcomes).toEqual([{ status: 400, codes: ['ValidationException', 'InvalidParameterValueException'] }]);
  });

  it('null for an optional member: seed rejects, aws admits 202 or any 4xx', () => {
    const c = NULL_BATCH();
    expect(oracle(c, 'seed').outcomes).toEqual([{ status: 400, codes: ['InvalidParameterValueException'] }]);
    expect(admitsAcceptance(oracle(c, 'seed'))).toBe(false);
    expect(oracle(c, 'aws').outcomes).toEqual([{ status: 202 }, { status: '4xx' }]);
    expect(admitsAcceptance(oracle(c, 'aws'))).toBe(true);
    expect(admitsAcceptance(oracle(BATCH_ZERO(), 'aws'))).toBe(false);
  });

  it('a valid case expects 202 under both', () => {
    for (const p of PROFILE_NAMES) expect(oracle(VALID_PLAIN(), p)).toMatchObject({ rule: 'response.status', outcomes: [{ status: 202 }] });
  });

  it('is total over the plan: every case has non-empty outcomes under both profiles, with provenance', () => {
    for (const c of buildPlan({ seed: 42, runs: 5 })) {
      for (const p of PROFILE_NAMES) {
        const x = oracle(c, p);
        expect(x.outcomes.length, `${p} ${c.title}`).toBeGreaterThan(0);
        expect(x.provenance.ref.length).toBeGreaterThan(0);
        // The only invalid cases a profile lets through with 202: null for an optional member (aws, by the
        // AWS JSON protocol) and an unknown member (seed: it does not say how others are treated; aws: AWS's
        // answer is unknown, and ignoring the member is as conformant as refusing it).
        const accepted = c.valid || (p === 'aws' && c.args.variant === 'null') || c.rule === 'request.unknown-member';
        expect(admitsAcceptance(x), `${p} ${c.title}`).toBe(accepted);
      }
    }
  });
});

describe('outcomeMatches', () => {
  const x = { profile: 'aws' as const, rule: 'r', provenance: { source: 'seed' as const, ref: 'x', evidence: 'seed' as const } };
  const a = (status: number): ObservedAnswer => ({ status, headers: {}, body: '' });
  it('4xx admits any 4xx with a code, and needs a code', () => {
    const any = { ...x, outcomes: [{ status: '4xx' as const }] };
    expect(outcomeMatches(any, a(400), 'Whatever')).toBe(true);
    expect(outcomeMatches(any, a(422), 'Whatever')).toBe(true);
    expect(outcomeMatches(any, a(400), undefined)).toBe(false);
    expect(outcomeMatches(any, a(500), 'ServiceException')).toBe(false);
    expect(outcomeMatches(any, a(202), undefined)).toBe(false);
  });
  it('codes are an any-of set at the exact status', () => {
    const set = { ...x, outcomes: [{ status: 400, codes: ['ValidationException', 'InvalidParameterValueException'] }] };
    expect(outcomeMatches(set, a(400), 'ValidationException')).toBe(true);
    expect(outcomeMatches(set, a(400), 'InvalidParameterValueException')).toBe(true);
    expect(outcomeMatches(set, a(400), 'ResourceNotFoundException')).toBe(false);
    expect(outcomeMatches(set, a(404), 'ValidationException')).toBe(false);
  });
});

describe('judge: successful creates', () => {
  it('a faithful AWS answer passes under aws', () => {
    for (const c of [VALID_ALIAS(), VALID_PLAIN()]) {
      const j = judge(c, success(c), 'aws');
      expect(j.failures, c.title).toEqual([]);
      expect(j.verdict).toBe('pass');
    }
  });

  it('the same answer is non-strict under seed, for its extra members only', () => {
    const j = judge(VALID_ALIAS(), success(VALID_ALIAS()), 'seed');
    expect(j.verdict).toBe('non-strict');
    expect(j.failures).toEqual([expect.objectContaining({ rule: 'response.members.additional', code: 'extra-members', level: 'SHOULD', verdict: 'non-strict' })]);
    const extra = ['StartingPosition', 'MaximumBatchingWindowInSeconds', 'ParallelizationFactor', 'DestinationConfig', 'MaximumRecordAgeInSeconds',
      'BisectBatchOnFunctionError', 'MaximumRetryAttempts', 'TumblingWindowInSeconds', 'FunctionResponseTypes', 'EventSourceMappingArn'];
    expect([...(j.failures[0]!.args.members as string[])].sort()).toEqual(extra.sort());
  });

  it('a seed-shaped answer passes under both', () => {
    const c = VALID_PLAIN();
    const seedOnly = ['UUID', 'BatchSize', 'EventSourceArn', 'FunctionArn', 'LastModified', 'LastProcessingResult', 'State', 'StateTransitionReason'];
    const full = awsSuccessBody(sent(c));
    const body = Object.fromEntries(seedOnly.map((k) => [k, full[k]]));
    for (const p of PROFILE_NAMES) {
      const j = judge(c, { sent: sent(c), answer: { status: 202, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } }, p);
      expect(j.verdict, p).toBe('pass');
    }
  });

  it('FunctionArn without the qualifier sent: fails under aws (as-sent), passes under seed', () => {
    const c = VALID_ALIAS();
    const ex = success(c, { FunctionArn: `arn:aws:lambda:${R.region}:${R.account}:function:${R.functionName}` });
    const aws = judge(c, ex, 'aws');
    expect(aws.verdict).toBe('fail');
    expect(aws.failures).toEqual([expect.objectContaining({ rule: 'response.FunctionArn.function', code: 'function-arn-qualifier' })]);
    expect(judge(c, ex, 'seed').failures.filter((f) => f.rule !== 'response.members.additional')).toEqual([]);
  });

  it('FunctionArn of another function fails under both', () => {
    const c = VALID_ALIAS();
    const ex = success(c, { FunctionArn: `arn:aws:lambda:${R.region}:${R.account}:function:other:${R.alias}` });
    for (const p of PROFILE_NAMES) {
      expect(judge(c, ex, p).failures.map((f) => f.code), p).toContain('function-arn-other-function');
      expect(judge(c, ex, p).verdict).toBe('fail');
    }
  });

  it('Enabled false answered State Creating passes under aws; State Enabled is non-strict', () => {
    const c = find((x) => x.valid && x.rule === 'Enabled.default' && x.request.body!.Enabled === false, 'Enabled false');
    expect(judge(c, success(c), 'aws').verdict).toBe('pass');
    expect(judge(c, success(c, { State: 'Disabled' }), 'aws').verdict).toBe('pass');
    const j = judge(c, success(c, { State: 'Enabled' }), 'aws');
    expect(j.verdict).toBe('non-strict');
    expect(j.failures).toEqual([expect.objectContaining({ rule: 'Enabled.default', code: 'initial-state' })]);
  });

  it('a default create answered State Disabled is non-strict under both', () => {
    const c = VALID_PLAIN();
    for (const p of PROFILE_NAMES) {
      expect(judge(c, success(c, { State: 'Disabled' }), p).failures.map((f) => f.rule), p).toContain('Enabled.default');
    }
  });

  it('a valid request rejected fails under its own rule', () => {
    const c = VALID_ALIAS();
    const j = judge(c, awsError(400, 'InvalidParameterValueException'), 'aws');
    expect(j.verdict).toBe('fail');
    expect(j.failures).toEqual([expect.objectContaining({ rule: c.rule, code: 'valid-rejected' })]);
    expect(j.errorCode).toBe('InvalidParameterValueException');
  });

  it('a wrong default BatchSize or an unechoed BatchSize fails', () => {
    const c = VALID_PLAIN();
    expect(judge(c, success(c, { BatchSize: 10 }), 'aws').failures.map((f) => f.rule)).toEqual(['BatchSize.default']);
    const b = find((x) => x.valid && x.rule === 'BatchSize.range' && x.args.boundary === 'max', 'BatchSize max');
    expect(judge(b, success(b, { BatchSize: 100 }), 'aws').failures.map((f) => f.rule)).toEqual(['response.BatchSize.echo']);
  });

  it('read-back: same mapping passes, differing or failing read-back fails', () => {
    const c = VALID_PLAIN();
    const ex = success(c);
    const created = JSON.parse(ex.answer.body) as Record<string, unknown>;
    const rb = (status: number, body: unknown): ObservedAnswer => ({ status, headers: {}, body: JSON.stringify(body) });
    expect(judge(c, { ...ex, readback: rb(200, created) }, 'aws').verdict).toBe('pass');
    const differs = judge(c, { ...ex, readback: rb(200, { ...created, UUID: 'other' }) }, 'aws');
    expect(differs.failures).toEqual([expect.objectContaining({ rule: 'response.UUID.readback', code: 'readback-differs', args: expect.objectContaining({ members: ['UUID'] }) })]);
    expect(judge(c, { ...ex, readback: rb(404, { Message: 'x' }) }, 'aws').failures.map((f) => f.code)).toEqual(['readback-failed']);
  });
});

describe('judge: invalid requests', () => {
  it('an invalid case answered 202 fails with invalid-accepted under the expectation rule', () => {
    const c = FN_MIN();
    for (const p of PROFILE_NAMES) {
      const j = judge(c, success(c), p);
      expect(j.verdict, p).toBe('fail');
      expect(j.failures, p).toEqual([expect.objectContaining({ code: 'invalid-accepted', rule: 'error.ResourceNotFound.function', level: 'MUST', verdict: 'fail' })]);
    }
    const e = ENUM_CASE();
    expect(judge(e, success(e), 'aws').failures).toEqual([expect.objectContaining({ code: 'invalid-accepted', rule: 'StartingPosition.enum' })]);
  });

  it('the right error passes, per profile', () => {
    expect(judge(ENUM_CASE(), awsError(400, 'ValidationException'), 'aws').verdict).toBe('pass');
    expect(judge(ENUM_CASE(), awsError(400, 'InvalidParameterValueException'), 'seed').verdict).toBe('pass');
    expect(judge(MISSING_FN(), awsError(400, 'InvalidParameterValueException'), 'aws').verdict).toBe('pass');
    expect(judge(MISSING_FN(), awsError(404, 'ResourceNotFoundException'), 'seed').verdict).toBe('pass');
    expect(judge(DUPLICATE(), awsError(409, 'ResourceConflictException'), 'aws').verdict).toBe('pass');
  });

  it('a wrong error code fails with wrong-error', () => {
    const j = judge(ENUM_CASE(), awsError(400, 'InvalidParameterValueException'), 'aws');
    expect(j.verdict).toBe('fail');
    expect(j.failures).toEqual([expect.objectContaining({
      code: 'wrong-error', rule: 'StartingPosition.enum',
      args: expect.objectContaining({ code: 'InvalidParameterValueException', expectedBy: 'StartingPosition.enum', evidence: 'recorded' }),
    })]);
    const seedOn404 = judge(MISSING_FN(), awsError(400, 'InvalidParameterValueException'), 'seed');
    expect(seedOn404.failures.map((f) => f.code)).toEqual(['wrong-error']);
  });

  it('a code at a status other than its documented one fails that error status rule', () => {
    const j = judge(MISSING_FN(), awsError(400, 'ResourceNotFoundException'), 'aws');
    expect(j.failures.map((f) => f.rule).sort()).toEqual(['error.ResourceNotFound.function', 'error.ResourceNotFound.status']);
  });

  it('null BatchSize accepted is fine under aws, not under seed', () => {
    const c = NULL_BATCH();
    const ex: Exchange = { sent: sent(c), answer: success(VALID_PLAIN()).answer };
    expect(judge(c, ex, 'aws').verdict).toBe('pass');
    expect(judge(c, ex, 'seed').failures.map((f) => f.code)).toEqual(['invalid-accepted']);
  });

  it('429 after the retries is inconclusive', () => {
    const j = judge(ENUM_CASE(), awsError(429, 'TooManyRequestsException', { 'retry-after': '1' }), 'aws');
    expect(j).toMatchObject({ verdict: 'inconclusive', failures: [] });
    const valid = judge(VALID_PLAIN(), awsError(429, 'TooManyRequestsException', { 'retry-after': '1' }), 'aws');
    expect(valid.verdict).toBe('inconclusive');
    const noRetryAfter = judge(VALID_PLAIN(), awsError(429, 'TooManyRequestsException'), 'aws');
    expect(noRetryAfter.verdict).toBe('inconclusive');
    expect(noRetryAfter.failures.map((f) => f.rule)).toEqual(['error.TooManyRequests.retry-after']);
  });

  it('a 429 that is not TooManyRequestsException is inconclusive: its shape is reported non-strict, never a fail of the case', () => {
    const j = judge(VALID_PLAIN(), awsError(429, 'SlowDown', { 'retry-after': '1' }), 'aws');
    expect(j.verdict).toBe('inconclusive');
    expect(j.failures.map((f) => f.code)).toContain('throttle-code');
    expect(j.failures.every((f) => f.verdict !== 'fail')).toBe(true);
    // A proxy's bare 429 (no error code, no JSON) on an invalid case: the same.
    const bare = judge(ENUM_CASE(), { answer: { status: 429, headers: { 'content-type': 'text/plain' }, body: 'Too Many Requests' } }, 'aws');
    expect(bare.verdict).toBe('inconclusive');
    expect(bare.failures.length).toBeGreaterThan(0);
    expect(bare.failures.every((f) => f.verdict === 'non-strict' || f.verdict === 'info')).toBe(true);
  });

  it('503 (and 502, 504) with an error code is inconclusive', () => {
    for (const status of [502, 503, 504]) {
      for (const c of [ENUM_CASE(), VALID_PLAIN()]) {
        expect(judge(c, awsError(status, 'ServiceUnavailableException'), 'aws').verdict, `${status} ${c.title}`).toBe('inconclusive');
      }
    }
  });

  it('500 ServiceException: inconclusive for a valid request, fail for an invalid one', () => {
    expect(judge(VALID_PLAIN(), awsError(500, 'ServiceException'), 'aws')).toMatchObject({ verdict: 'inconclusive', failures: [] });
    const c = ENUM_CASE();
    const j = judge(c, awsError(500, 'ServiceException'), 'aws');
    expect(j.verdict).toBe('fail');
    expect(j.failures.map((f) => f.code)).toContain('server-error-on-invalid-input');
    expect(j.failures.find((f) => f.code === 'server-error-on-invalid-input')!.rule).toBe(c.rule);
  });

  it('a 500 without ServiceException fails error.Service.status', () => {
    const j = judge(VALID_PLAIN(), { answer: { status: 500, headers: {}, body: 'Internal Server Error' } }, 'aws');
    expect(j.verdict).toBe('fail');
    expect(j.failures.map((f) => f.rule)).toContain('error.Service.status');
  });
});

describe('judge: error shape', () => {
  it('the error code is read from the header first, then the body, sanitised', () => {
    const c = ENUM_CASE();
    const headerWins = judge(c, { answer: { status: 400, headers: { 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/' }, body: JSON.stringify({ __type: 'InvalidParameterValueException', message: 'm' }) } }, 'aws');
    expect(headerWins.errorCode).toBe('ValidationException');
    expect(headerWins.verdict).toBe('pass');
    const bodyOnly = judge(c, { answer: { status: 400, headers: {}, body: JSON.stringify({ __type: 'aws.lambda#ValidationException', message: 'm' }) } }, 'seed');
    expect(bodyOnly.errorCode).toBe('ValidationException');
  });

  it('a missing X-Amzn-ErrorType is non-strict under aws and only info under seed', () => {
    const ans: ObservedAnswer = { status: 400, headers: {}, body: JSON.stringify({ __type: 'ValidationException', message: 'm' }) };
    const aws = judge(ENUM_CASE(), { answer: ans }, 'aws');
    expect(aws.verdict).toBe('non-strict');
    expect(aws.failures).toEqual([expect.objectContaining({ rule: 'error.header', verdict: 'non-strict' })]);
    const seedAns: ObservedAnswer = { ...ans, body: JSON.stringify({ __type: 'InvalidParameterValueException', message: 'm' }) };
    const seed = judge(ENUM_CASE(), { answer: seedAns }, 'seed');
    expect(seed.verdict).toBe('info');
    expect(seed.failures).toEqual([expect.objectContaining({ rule: 'error.header', verdict: 'info' })]);
  });

  it('the message key per code: non-strict under aws, accepted under seed', () => {
    const ans: ObservedAnswer = { status: 400, headers: { 'x-amzn-errortype': 'InvalidParameterValueException' }, body: JSON.stringify({ Message: 'm' }) };
    const aws = judge(MISSING_FN(), { answer: ans }, 'aws');
    expect(aws.failures).toEqual([expect.objectContaining({ rule: 'error.body', code: 'error-message-key' })]);
    expect(aws.verdict).toBe('non-strict');
    expect(judge(ENUM_CASE(), { answer: ans }, 'seed').verdict).toBe('pass');
  });

  it('an error without a code fails error.code', () => {
    const j = judge(ENUM_CASE(), { answer: { status: 400, headers: {}, body: JSON.stringify({ message: 'bad' }) } }, 'aws');
    expect(j.verdict).toBe('fail');
    expect(j.failures.map((f) => f.rule)).toContain('error.code');
  });
});

describe('verdict ordering (worst)', () => {
  const ORDER: Verdict[] = ['error', 'fail', 'inconclusive', 'non-strict', 'info', 'expected-fail', 'pass'];
  it('is a total order: error > fail > inconclusive > non-strict > info > expected-fail > pass', () => {
    expect([...ORDER].sort()).toEqual([...VERDICTS].sort());
    for (let i = 0; i < ORDER.length; i++) {
      for (let j = i; j < ORDER.length; j++) {
        expect(worst([ORDER[j]!, ORDER[i]!]), `${ORDER[i]} vs ${ORDER[j]}`).toBe(ORDER[i]);
        expect(worst([ORDER[i]!, ORDER[j]!])).toBe(ORDER[i]);
      }
    }
  });
  it('of nothing is pass', () => {
    expect(worst([])).toBe('pass');
    expect(worst(['pass', 'pass'])).toBe('pass');
  });
});

describe('failure records', () => {
  it('carry the level of their rule and a verdict that follows it', () => {
    const byId = new Map(rules.map((r) => [r.id, r]));
    const c = VALID_PLAIN();
    const bad = judge(c, success(c, { UUID: 5, State: 'Disabled', LastModified: 'x' }), 'aws');
    expect(bad.failures.length).toBeGreaterThan(2);
    for (const f of bad.failures) {
      expect(f.level).toBe(byId.get(f.rule)!.level);
      expect(f.verdict).toBe(f.level === 'MUST' ? 'fail' : 'non-strict');
    }
  });
  it('expectations name the profile they come from', () => {
    for (const p of PROFILE_NAMES as ProfileName[]) {
      expect(oracle(ENUM_CASE(), p).profile).toBe(p);
      expect(oracle(ENUM_CASE(), p).provenance).toEqual(expectationFor(p, 'StartingPosition.enum').provenance);
    }
  });
  it('placeholders are bound before judging (the example sent body holds no placeholder)', () => {
    expect(JSON.stringify(sent(VALID_ALIAS()))).not.toContain('{{');
    expect(JSON.stringify(VALID_ALIAS().request.body)).toContain(ph('FUNCTION_NAME'));
    expect(makeCase('response.status', true, 't', { body: baseBody() }).valid).toBe(true);
  });
});
