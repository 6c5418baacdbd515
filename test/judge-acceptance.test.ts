/** Rejecting a valid request is always a MUST failure, even for a case of a SHOULD rule. */
import { describe, expect, it } from 'vitest';
import { judge } from '../properties/checks/judge.ts';
import { validCases } from '../properties/cases/valid.ts';
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
