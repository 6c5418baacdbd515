/**
 * Echo checks of today's members (properties/checks/edition-response.ts): the order of an object's members
 * is no difference; a filter Pattern echoed as the same JSON written another way (spaces, key order) is an
 * INFO note, never a fail (AWS's byte-exact echo is not recorded: LocalStack's snapshots parse patterns);
 * another pattern, a changed value, a missing or extra part is a fail.
 */
import { describe, expect, it } from 'vitest';
import { compareEcho, editionSuccessFailures } from '../properties/checks/edition-response.ts';
import { editionRulesFor } from '../engine/run.ts';

// Today's edition, its generated rules (response.<Member>.echo among them) registered as a run does.
const today = editionRulesFor('aws').edition;
const SQS = 'arn:aws:sqs:us-east-1:123456789012:esm-conformance-queue';
const sent = {
  FunctionName: 'esm-conformance-fn', EventSourceArn: SQS,
  FilterCriteria: { Filters: [{ Pattern: '{"body":{"testItem":["test24"],"test2":["go"]}}' }] },
  ScalingConfig: { MaximumConcurrency: 5 },
};
const answer = (over: Record<string, unknown>) => ({ UUID: '6f1a5d2e-6a57-4d5a-9b5e-1d2c3b4a5f60', BatchSize: 10, ...sent, ...over });
const echoes = (over: Record<string, unknown>) => editionSuccessFailures(today, sent, answer(over), today)
  .filter((f) => f.rule.endsWith('.echo')).map((f) => [f.rule, f.code, f.verdict]);

describe('echo of today\'s members', () => {
  it('the same value passes with no note', () => {
    expect(echoes({})).toEqual([]);
  });

  it('an object\'s members in another order are the same value; a list\'s items in another order are reformatted', () => {
    expect(compareEcho({ Type: 'BASIC_AUTH', URI: 'arn:x' }, { URI: 'arn:x', Type: 'BASIC_AUTH' })).toBe('same');
    expect(compareEcho([{ a: 1, b: [2, 3] }], [{ b: [2, 3], a: 1 }])).toBe('same');
    expect(compareEcho([1, 2], [2, 1])).toBe('reformatted');
    expect(compareEcho([1, 2], [2, 2])).toBe('other');
    expect(compareEcho({ a: 1 }, { a: 1, b: null })).toBe('other');
    expect(compareEcho('{"a":1}', '{ "a" : 1 }')).toBe('reformatted');
    expect(compareEcho('x', 'y')).toBe('other');
    // Two filters both reordered and rewritten (a server that keeps them as a set of parsed patterns).
    expect(compareEcho([{ Pattern: '{"a":[1]}' }, { Pattern: '{"b":[2]}' }], [{ Pattern: '{"b": [2]}' }, { Pattern: '{"a": [1]}' }])).toBe('reformatted');
  });

  it('a Pattern written with spaces (as Python\'s json.dumps writes it) is an INFO note', () => {
    expect(echoes({ FilterCriteria: { Filters: [{ Pattern: '{"body": {"testItem": ["test24"], "test2": ["go"]}}' }] } }))
      .toEqual([['response.FilterCriteria.echo', 'echo-reformatted', 'info']]);
  });

  it('a Pattern with its keys sorted is an INFO note too (the same filter)', () => {
    expect(echoes({ FilterCriteria: { Filters: [{ Pattern: '{"body":{"test2":["go"],"testItem":["test24"]}}' }] } }))
      .toEqual([['response.FilterCriteria.echo', 'echo-reformatted', 'info']]);
  });

  it.each([
    ['another pattern', { FilterCriteria: { Filters: [{ Pattern: '{"body":{"testItem":["test25"],"test2":["go"]}}' }] } }],
    ['a pattern that is not JSON', { FilterCriteria: { Filters: [{ Pattern: 'simple string' }] } }],
    ['a filter more', { FilterCriteria: { Filters: [{ Pattern: sent.FilterCriteria.Filters[0]!.Pattern }, { Pattern: '{"a":[1]}' }] } }],
    ['no FilterCriteria', { FilterCriteria: undefined }],
  ])('%s is a fail', (_what, over) => {
    expect(echoes(over)).toEqual([['response.FilterCriteria.echo', 'member-not-echoed', 'fail']]);
  });

  it('a changed number is a fail, a member more in a structure too', () => {
    expect(echoes({ ScalingConfig: { MaximumConcurrency: 6 } })).toEqual([['response.ScalingConfig.echo', 'member-not-echoed', 'fail']]);
    expect(echoes({ ScalingConfig: { MaximumConcurrency: 5, Extra: 1 } })).toEqual([['response.ScalingConfig.echo', 'member-not-echoed', 'fail']]);
  });
});
