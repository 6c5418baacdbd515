/** Rejecting a valid request is always a MUST failure, even for a case of a SHOULD rule. */
import { describe, expect, it } from 'vitest';
import { judge } from '../properties/checks/judge.ts';
import { validCases } from '../properties/cases/valid.ts';
import { startingPositionCases } from '../properties/cases/starting-position.ts';
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
