/**
 * The decided constraint semantics (spec/semantics.ts) and the request validator built on them
 * (spec/index.ts): whole-value pattern matching, code-point lengths, and which rule each violation names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anchoredPattern, codePointLength, eventSourceKind, isBareName, matchesPattern, matchesUnanchored, model,
  requestMember, requestViolations, responseViolations, validators,
} from '../spec/index.ts';

const FN = requestMember('FunctionName').pattern!;
const ARN = requestMember('EventSourceArn').pattern!;
const KINESIS = 'arn:aws:kinesis:us-east-1:123456789012:stream/s';
const DYNAMODB = 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000';
const GRIN = '\u{1F600}';

function body(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { FunctionName: 'my-function', EventSourceArn: KINESIS, StartingPosition: 'LATEST', ...extra };
}

function rulesOf(b: unknown): string[] {
  return requestViolations(b).map((v) => v.rule).sort();
}

describe('patterns match the whole value', () => {
  it.each([
    ['FunctionName', FN, 'my function'],
    ['FunctionName', FN, 'my-function!'],
    ['FunctionName', FN, 'x/arn:aws:lambda:us-east-1:123456789012:function:f'],
    ['FunctionName', FN, 'f:a:b'],
    ['EventSourceArn', ARN, `x${KINESIS}`],
    ['EventSourceArn', ARN, `xarn:aws:kinesis:us-east-1:123456789012:stream/s`],
  ])('%s %j matches only unanchored', (_m, pattern, value) => {
    expect(matchesUnanchored(pattern, value)).toBe(true);
    expect(matchesPattern(pattern, value)).toBe(false);
  });

  it('values that match in full pass both ways', () => {
    for (const v of ['f', 'my-function', 'my_function:$LATEST', '123456789012:f', 'arn:aws:lambda:us-east-1:123456789012:function:f:live']) {
      expect(matchesPattern(FN, v), v).toBe(true);
      expect(matchesUnanchored(FN, v), v).toBe(true);
    }
    expect(matchesPattern(ARN, KINESIS)).toBe(true);
    expect(matchesPattern(ARN, DYNAMODB)).toBe(true);
  });

  it('a newline before, inside or after the value is not accepted ($ is the end of the value, . is not a line terminator)', () => {
    for (const v of ['f\n', '\nf', 'f\nf', 'f\r\n', 'f\u2028']) {
      expect(matchesPattern(FN, v), JSON.stringify(v)).toBe(false);
      expect(matchesUnanchored(FN, v), JSON.stringify(v)).toBe(true);
    }
    for (const v of [`${KINESIS}\n`, `${KINESIS}\nx`, `${KINESIS}\r`, `${KINESIS}\u2029`]) {
      expect(matchesPattern(ARN, v), JSON.stringify(v)).toBe(false);
      expect(matchesUnanchored(ARN, v), JSON.stringify(v)).toBe(true);
    }
  });

  it('the compiled pattern carries no flags that would loosen anchoring', () => {
    const re = anchoredPattern(FN);
    expect(re.source.startsWith('^(?:')).toBe(true);
    expect(re.source.endsWith(')$')).toBe(true);
    expect(re.multiline).toBe(false);
    expect(re.global).toBe(false);
    expect(re.sticky).toBe(false);
  });

  it('the seed character class [a-zA-Z0-9-_] is a literal - and _, not a range', () => {
    for (const c of ['-', '_', 'a', 'Z', '0']) expect(matchesPattern(FN, `f${c}`), c).toBe(true);
    for (const c of ['.', '/', '^', '`', '[', '\\', ']']) expect(matchesPattern(FN, `f${c}`), c).toBe(false);
  });

  it('the request validator decides patterns exactly as matchesPattern does', () => {
    const chars = fc.constantFrom('a', 'Z', '9', '-', '_', ':', '$', ' ', '\n', 'é', GRIN, 'arn:aws:lambda:', 'us-east-1:', '123456789012:', 'function:', '$LATEST');
    fc.assert(fc.property(fc.array(chars, { minLength: 1, maxLength: 12 }).map((a) => a.join('')), (name) => {
      const v = requestViolations(body({ FunctionName: name })).map((x) => x.rule);
      expect(v.includes('FunctionName.pattern')).toBe(!matchesPattern(FN, name));
    }), { seed: 42, numRuns: 300 });
  });
});

describe('lengths count code points', () => {
  it('an astral character has length 1, although it is 2 UTF-16 units', () => {
    expect(GRIN.length).toBe(2);
    expect(codePointLength(GRIN)).toBe(1);
    expect(codePointLength('a\u{1F600}é')).toBe(3);
    expect(codePointLength('')).toBe(0);
  });

  it('a lone surrogate counts as one', () => {
    expect(codePointLength('\uD83D')).toBe(1);
    expect(codePointLength('a\uDE00b')).toBe(3);
  });

  it('a FunctionName of 71 astral characters (142 UTF-16 units) breaks only the pattern, not the length', () => {
    const name = GRIN.repeat(71);
    expect(name.length).toBe(142);
    expect(rulesOf(body({ FunctionName: name }))).toEqual(['FunctionName.pattern']);
    expect(validators.request(body({ FunctionName: name }))).toBe(false);
    expect(validators.request.errors!.map((e) => e.keyword)).not.toContain('maxLength');
  });

  it('140 astral characters are within the length, 141 are beyond it', () => {
    expect(rulesOf(body({ FunctionName: GRIN.repeat(140) }))).toEqual(['FunctionName.pattern']);
    expect(rulesOf(body({ FunctionName: GRIN.repeat(141) }))).toEqual(['FunctionName.length', 'FunctionName.pattern']);
  });

  it('ajv maxLength/minLength agree with codePointLength', () => {
    const { minLength, maxLength } = requestMember('FunctionName');
    const piece = fc.constantFrom('a', 'é', GRIN, '\u{10FFFF}', '\u4E2D');
    fc.assert(fc.property(fc.array(piece, { minLength: 0, maxLength: maxLength! + 10 }).map((a) => a.join('')), (name) => {
      const hasLength = requestViolations(body({ FunctionName: name })).some((v) => v.rule === 'FunctionName.length');
      const n = codePointLength(name);
      expect(hasLength).toBe(n < minLength! || n > maxLength!);
    }), { seed: 7, numRuns: 200 });
  });
});

describe('requestViolations names the rule of each ajv keyword', () => {
  it.each([
    ['type', { BatchSize: 'x' }, 'BatchSize.type', '/BatchSize'],
    ['minimum', { BatchSize: 0 }, 'BatchSize.range', '/BatchSize'],
    ['maximum', { BatchSize: 10001 }, 'BatchSize.range', '/BatchSize'],
    ['pattern', { EventSourceArn: 'not-an-arn' }, 'EventSourceArn.pattern', '/EventSourceArn'],
    ['enum', { StartingPosition: 'latest' }, 'StartingPosition.enum', '/StartingPosition'],
    ['maxLength', { FunctionName: `123456789012:function:f:${'q'.repeat(140)}` }, 'FunctionName.length', '/FunctionName'],
    ['additionalProperties', { Unknown: 1 }, 'request.unknown-member', '/Unknown'],
  ])('%s', (keyword, extra, rule, path) => {
    const v = requestViolations(body(extra));
    expect(v.map((x) => x.rule)).toEqual([rule]);
    expect(v[0]!.path).toBe(path);
    if (keyword !== 'additionalProperties') expect(v[0]!.args.keyword).toBe(keyword);
  });

  it('minLength: the empty FunctionName breaks the length and (necessarily) the pattern', () => {
    const v = requestViolations(body({ FunctionName: '' }));
    expect(v.map((x) => x.rule).sort()).toEqual(['FunctionName.length', 'FunctionName.pattern']);
    expect(v.find((x) => x.rule === 'FunctionName.length')!.args.keyword).toBe('minLength');
  });

  it.each(['FunctionName', 'EventSourceArn', 'StartingPosition'])('required: %s missing', (member) => {
    const b = body();
    delete b[member];
    const v = requestViolations(b);
    expect(v.map((x) => x.rule)).toEqual([`${member}.required`]);
    expect(v[0]).toMatchObject({ path: `/${member}`, args: { missing: true } });
  });

  it('every member the model marks required is required by the validator, and no other', () => {
    for (const [name, m] of Object.entries(model.request.members)) {
      const b = body({ BatchSize: 5, Enabled: true, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: 1569284520.333 });
      delete b[name];
      const v = rulesOf(b);
      if (m.required) expect(v, name).toContain(`${name}.required`);
      else expect(v.filter((r) => r.endsWith('.required')), name).toEqual([]);
    }
  });

  it.each([['an array', []], ['null', null], ['a string', 'x'], ['a number', 1]])('a body that is %s breaks request.body.json', (_w, b) => {
    expect(rulesOf(b)).toEqual(['request.body.json']);
  });

  it('several independent violations are all reported', () => {
    expect(rulesOf(body({ BatchSize: 0, StartingPosition: 'x', Unknown: true }))).toEqual(['BatchSize.range', 'StartingPosition.enum', 'request.unknown-member']);
  });

  it('a valid body has no violations', () => {
    expect(rulesOf(body())).toEqual([]);
    expect(rulesOf(body({ BatchSize: 1, Enabled: false }))).toEqual([]);
    expect(rulesOf(body({ BatchSize: 10000, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: 1 }))).toEqual([]);
  });
});

describe('a wrong JSON type breaks only the type rule', () => {
  const wrong = [[], {}, null, true, 7, 1.5, 'x'];
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const right: Record<string, (v: unknown) => boolean> = {
    integer: (v) => Number.isInteger(v), boolean: (v) => typeof v === 'boolean', string: (v) => typeof v === 'string', timestamp: (v) => typeof v === 'number',
  };
  for (const [name, m] of Object.entries(model.request.members)) {
    for (const value of wrong) {
      if (right[m.type]!(value)) continue;
      it(`${name} as ${typeOf(value)} ${JSON.stringify(value)}`, () => {
        expect(rulesOf(body({ [name]: value }))).toEqual([`${name}.type`]);
      });
    }
  }

  it('StartingPosition as a number gives no enum noise and no cross-field rule', () => {
    expect(rulesOf(body({ StartingPosition: 3, EventSourceArn: DYNAMODB }))).toEqual(['StartingPosition.type']);
  });

  it('BatchSize -0.5 breaks the type, not also the range', () => {
    expect(rulesOf(body({ BatchSize: -0.5 }))).toEqual(['BatchSize.type']);
  });
});

describe('cross-field rules', () => {
  const TS = 1569284520.333;
  it('AT_TIMESTAMP on Kinesis needs StartingPositionTimestamp', () => {
    const v = requestViolations(body({ StartingPosition: 'AT_TIMESTAMP' }));
    expect(v.map((x) => x.rule)).toEqual(['StartingPositionTimestamp.required-for-at-timestamp']);
    expect(v[0]!.path).toBe('/StartingPositionTimestamp');
    expect(rulesOf(body({ StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: TS }))).toEqual([]);
  });

  it('AT_TIMESTAMP is Kinesis-only: on DynamoDB it is rejected even with a timestamp', () => {
    const v = requestViolations(body({ EventSourceArn: DYNAMODB, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: TS }));
    expect(v.map((x) => x.rule)).toEqual(['StartingPosition.at-timestamp-kinesis-only']);
    expect(v[0]!.args).toMatchObject({ eventSource: 'dynamodb' });
  });

  it('AT_TIMESTAMP on DynamoDB without a timestamp breaks both', () => {
    expect(rulesOf(body({ EventSourceArn: DYNAMODB, StartingPosition: 'AT_TIMESTAMP' })))
      .toEqual(['StartingPosition.at-timestamp-kinesis-only', 'StartingPositionTimestamp.required-for-at-timestamp']);
  });

  it('the other positions need no timestamp and are valid on both stream kinds', () => {
    for (const p of ['TRIM_HORIZON', 'LATEST']) {
      for (const arn of [KINESIS, DYNAMODB]) expect(rulesOf(body({ StartingPosition: p, EventSourceArn: arn })), `${p} ${arn}`).toEqual([]);
    }
  });

  it('eventSourceKind reads the service segment', () => {
    expect(eventSourceKind(KINESIS)).toBe('kinesis');
    expect(eventSourceKind(DYNAMODB)).toBe('dynamodb');
    expect(eventSourceKind('arn:aws:sqs:us-east-1:123456789012:q')).toBeUndefined();
    expect(eventSourceKind(5)).toBeUndefined();
  });
});

describe('the bare-name length rule', () => {
  const max = requestMember('FunctionName').bareNameMaxLength!;
  it('applies to bare names that match the pattern', () => {
    expect(rulesOf(body({ FunctionName: 'a'.repeat(max) }))).toEqual([]);
    const v = requestViolations(body({ FunctionName: 'a'.repeat(max + 1) }));
    expect(v.map((x) => x.rule)).toEqual(['FunctionName.bare-name-length']);
    expect(v[0]!.args).toEqual({ length: max + 1, max });
  });

  it('counts code points, like the other lengths', () => {
    // 65 astral characters do not match the pattern: only the pattern rule, not the bare-name rule.
    expect(rulesOf(body({ FunctionName: GRIN.repeat(max + 1) }))).toEqual(['FunctionName.pattern']);
  });

  it('does not apply to a bare name that fails the pattern (the pattern rule alone)', () => {
    expect(rulesOf(body({ FunctionName: `${'a'.repeat(max + 5)}!` }))).toEqual(['FunctionName.pattern']);
  });

  it('does not apply to names with a qualifier or an ARN prefix', () => {
    const long = 'a'.repeat(max + 6);
    expect(isBareName(long)).toBe(true);
    expect(isBareName(`${long}:1`)).toBe(false);
    expect(rulesOf(body({ FunctionName: `${long}:1` }))).toEqual([]);
    expect(rulesOf(body({ FunctionName: `123456789012:${long}` }))).toEqual([]);
    expect(rulesOf(body({ FunctionName: `arn:aws:lambda:us-east-1:123456789012:function:${long}` }))).toEqual([]);
  });
});

describe('responseViolations', () => {
  const ok = {
    BatchSize: 100, EventSourceArn: KINESIS, FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
    LastModified: 1700000000.5, LastProcessingResult: 'No records processed', State: 'Creating',
    StateTransitionReason: 'User action', UUID: 'a1b2c3d4-0000-0000-0000-000000000000',
  };
  it('a seed-shaped body passes both profiles', () => {
    expect(responseViolations(ok, 'seed')).toEqual([]);
    expect(responseViolations(ok, 'aws')).toEqual([]);
  });
  it('an extra member is additional under seed and allowed under aws', () => {
    const extra = { ...ok, ParallelizationFactor: 1 };
    expect(responseViolations(extra, 'seed').map((v) => v.rule)).toEqual(['response.members.additional']);
    expect(responseViolations(extra, 'aws')).toEqual([]);
  });
  it('a member of the wrong JSON type breaks only its type rule (no enum or pattern noise)', () => {
    const b = { ...ok, State: 5, FunctionArn: 7, BatchSize: 'x' };
    for (const p of ['seed', 'aws'] as const) {
      expect(responseViolations(b, p).map((v) => v.rule).sort(), p)
        .toEqual(['response.BatchSize.type', 'response.FunctionArn.type', 'response.State.type']);
    }
  });
  it.each([
    ['a missing UUID', { UUID: undefined }, 'response.UUID.type'],
    ['a string LastModified', { LastModified: '2024-01-01' }, 'response.LastModified.type'],
    ['BatchSize 0', { BatchSize: 0 }, 'response.BatchSize.range'],
    ['an unknown State', { State: 'Active' }, 'response.State.enum'],
    ['a FunctionArn without function:', { FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:f' }, 'response.FunctionArn.pattern'],
    ['an EventSourceArn with a newline', { EventSourceArn: `${KINESIS}\n` }, 'response.EventSourceArn.pattern'],
  ])('%s', (_w, change, rule) => {
    const b: Record<string, unknown> = { ...ok, ...change };
    for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
    for (const p of ['seed', 'aws'] as const) expect(responseViolations(b, p).map((v) => v.rule), p).toEqual([rule]);
  });
});
