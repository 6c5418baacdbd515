/** Rejecting a valid request is always a MUST failure, even for a case of a SHOULD rule. */
import { describe, expect, it } from 'vitest';
import { judge } from '../properties/checks/judge.ts';
import { validCases } from '../properties/cases/valid.ts';
import { startingPositionCases } from '../properties/cases/starting-position.ts';
import { functionNameCases } from '../properties/cases/function-name.ts';
import { FAMILIES } from '../properties/arbitraries.ts';
import fc from 'fast-check';
import type { Case } from '../properties/types.ts';
import { bindValue, EXAMPLE_RESOURCES } from '../properties/bind.ts';

const rejected = { status: 400, headers: { 'x-amzn-errortype': 'InvalidParameterValueException', 'content-type': 'application/json' }, body: '{"Type":"User","message":"no"}' };

describe('a rejected valid request', () => {
  const shouldCase = validCases().find((c) => c.rule === 'Enabled.default' && c.request.body?.Enabled === false)!;
  const mustCase = validCases().find((c) => c.rule === 'StartingPosition.enum')!;

  it('fails response.status (MUST) when the case is of a SHOULD rule', () => {
    const j = judge(shouldCase, { answer: rejected, sent: bindValue(shouldCase.request.body!, EXAMPLE_RESOURCES) }, 'aws');
    expect(j.verdict).toBe('fail');
    expect(j.failures).toContainEqual(expect.objectContaining({ rule: 'response.status', code: 'valid-rejected', verdict: 'fail' }));
  });

  it("fails the case's own rule when that rule is a MUST", () => {
    const j = judge(mustCase, { answer: rejected, sent: bindValue(mustCase.request.body!, EXAMPLE_RESOURCES) }, 'aws');
    expect(j.failures).toContainEqual(expect.objectContaining({ rule: 'StartingPosition.enum', code: 'valid-rejected', verdict: 'fail' }));
  });
});

describe('an empty StartingPosition (not recorded: outside the enum, or no value)', () => {
  const cases = startingPositionCases().filter((c) => c.rule === 'StartingPosition.enum');
  const empty = cases.find((c) => c.request.body?.StartingPosition === '')!;
  const lower = cases.find((c) => c.request.body?.StartingPosition === 'latest')!;
  const answer = (code: string) => ({ status: 400, headers: { 'x-amzn-errortype': code, 'content-type': 'application/json' }, body: '{"Type":"User","message":"1 validation error detected"}' });
  const judged = (c: typeof empty, code: string) => judge(c, { answer: answer(code), sent: bindValue(c.request.body!, EXAMPLE_RESOURCES) }, 'aws').verdict;

  it('passes either refusal under the aws profile', () => {
    expect(judged(empty, 'ValidationException')).toBe('pass');
    expect(judged(empty, 'InvalidParameterValueException')).toBe('pass');
    expect(judged(empty, 'ResourceNotFoundException')).toBe('fail');
  });

  it('a value outside the enum still needs the recorded ValidationException', () => {
    expect(judged(lower, 'ValidationException')).toBe('pass');
    expect(judged(lower, 'InvalidParameterValueException')).toBe('fail');
  });
});

describe('values the evidence does not cover (audit of 2026-12-06): a faithful AWS may answer otherwise', () => {
  // The message key each code carries in AWS's model (ResourceNotFoundException: Message).
  const refusal = (code: string, status = 400) => ({ status, headers: { 'x-amzn-errortype': code, 'content-type': 'application/json' }, body: JSON.stringify({ Type: 'User', [code === 'ResourceNotFoundException' ? 'Message' : 'message']: 'no' }) });
  const verdict = (c: Case, status: number, code: string) => judge(c, { answer: refusal(code, status), sent: bindValue(c.request.body!, EXAMPLE_RESOURCES) }, 'aws');

  it('FunctionName forms the documentation does not list (account:name, region:account:function:name) may be refused; the listed ones may not', () => {
    const byForm = new Map(validCases().filter((c) => c.rule === 'FunctionName.pattern' && c.args.qualifier === undefined).map((c) => [c.args.form, c]));
    for (const form of ['account:name', 'partial ARN region:account:function:name']) {
      const j = verdict(byForm.get(form)!, 400, 'InvalidParameterValueException');
      expect({ form, verdict: j.verdict, notes: j.notes?.map((n) => n.code) }).toEqual({ form, verdict: 'pass', notes: ['refused-by-target'] });
    }
    for (const form of ['bare name', 'full ARN', 'account:function:name']) expect({ form, verdict: verdict(byForm.get(form)!, 400, 'InvalidParameterValueException').verdict }).toEqual({ form, verdict: 'fail' });
  });

  it('BatchSize 10000 on a stream without a batching window may be refused (today\'s model documents a window above 10)', () => {
    const max = validCases().find((c) => c.rule === 'BatchSize.range' && c.args.boundary === 'max')!;
    expect(verdict(max, 400, 'InvalidParameterValueException').verdict).toBe('pass');
    const min = validCases().find((c) => c.rule === 'BatchSize.range' && c.args.boundary === 'min')!;
    expect(verdict(min, 400, 'InvalidParameterValueException').verdict).toBe('fail');
    // The random valid family marks the same (overlay doubtfulRanges), and nothing else on BatchSize.
    const sample = fc.sample(FAMILIES.valid!, { seed: 11, numRuns: 400 }).filter((c) => typeof c.request.body?.BatchSize === 'number');
    const documented = (c: Case) => !['{{ACCOUNT}}:{{FUNCTION_NAME}}', '{{REGION}}:{{ACCOUNT}}:function:{{FUNCTION_NAME}}'].some((f) => String(c.request.body?.FunctionName).startsWith(f));
    const big = sample.filter((c) => (c.request.body!.BatchSize as number) > 10 && documented(c));
    const small = sample.filter((c) => (c.request.body!.BatchSize as number) <= 10 && documented(c));
    expect(big.length).toBeGreaterThan(10);
    expect(small.length).toBeGreaterThan(0);
    expect(big.every((c) => c.args.mayBeRefused === true)).toBe(true);
    expect(small.some((c) => c.args.mayBeRefused === true)).toBe(false);
  });

  it('an alias that does not exist on a real function: the recorded 400 or the seed\'s 404', () => {
    const c = functionNameCases().find((x) => x.title === 'the real function with an alias that does not exist')!;
    expect(verdict(c, 400, 'InvalidParameterValueException').verdict).toBe('pass');
    expect(verdict(c, 404, 'ResourceNotFoundException').verdict).toBe('pass');
    const missing = functionNameCases().find((x) => x.title === 'a bare name that names no function')!;
    expect(verdict(missing, 404, 'ResourceNotFoundException').verdict).toBe('fail');
  });

  it('a random StartingPosition of only spaces reads like the empty one', () => {
    const c = FAMILIES['StartingPosition.enum']!;
    const blank = fc.sample(c, { seed: 7, numRuns: 3000 }).find((x) => String(x.request.body?.StartingPosition).trim() === '' && x.request.body?.StartingPosition !== '');
    expect(blank?.args.variant).toBe('empty');
    expect(verdict(blank!, 400, 'InvalidParameterValueException').verdict).toBe('pass');
  });
});
