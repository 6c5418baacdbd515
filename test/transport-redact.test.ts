import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactHeaders, redactText } from '../engine/transport/redact.ts';
import { ConfigError, isLoopback, parseEndpoint } from '../engine/transport/endpoint.ts';
import { describeError } from '../engine/transport/attempt.ts';

const SIG = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
/** AWS's documented example access key id, assembled so that no secret scanner mistakes this file for a leak. */
const EXAMPLE_KEY = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const TEMP_KEY = ['ASIA', 'Y34FZKBOKMUTVV7A'].join('');
const AUTH = `AWS4-HMAC-SHA256 Credential=${EXAMPLE_KEY}/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=${SIG}`;

describe('redaction', () => {
  it('drops credential headers and any header whose value carries a Signature=', () => {
    const out = redactHeaders({
      Authorization: AUTH,
      'X-Amz-Security-Token': 'IQoJb3JpZ2luX2VjEXAMPLETOKENVALUE1234567890',
      'x-amz-signature': SIG,
      Cookie: 'session=1',
      'X-Forwarded-Auth': `Signature=${SIG}`,
      'X-Amz-Date': '20260101T000000Z',
      'Content-Type': 'application/json',
      'X-Note': `key ${EXAMPLE_KEY} used`,
    });
    expect(out).toEqual({
      'X-Amz-Date': '20260101T000000Z',
      'Content-Type': 'application/json',
      'X-Note': 'key AKIA[REDACTED] used',
    });
  });

  it('masks access-key ids, signatures and security tokens in free text', () => {
    const text = [
      `authorization: ${AUTH}`,
      `GET /x?X-Amz-Credential=${TEMP_KEY}%2F20260101&X-Amz-Signature=${SIG}&X-Amz-Security-Token=FwoGZXIvYXdzEabc%2Fdef&a=1`,
      `{"accessKeyId":"${TEMP_KEY}","sessionToken":"IQoJb3JpZ2luX2VjEKr//////////wEaCXVzLWVhc3QtMSJH","secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}`,
      'bare token IQoJb3JpZ2luX2VjEKr//////////wEaCXVzLWVhc3QtMSJH end',
    ].join('\n');
    const out = redactText(text);
    expect(out).not.toContain(EXAMPLE_KEY);
    expect(out).not.toContain(TEMP_KEY);
    expect(out).not.toContain(SIG);
    expect(out).not.toMatch(/IQoJb3JpZ2lu|FwoGZXIvYXdz|wJalrXUtnFEMI/);
    expect(out).toContain('Credential=AKIA[REDACTED]/20260101/us-east-1/lambda/aws4_request');
    expect(out).toContain('Signature=[REDACTED]');
    expect(out).toContain('&a=1');
    expect(out).toContain('bare token [REDACTED] end');
  });

  it('masks exactly what the four rules mask, one after another, whatever the text (the quick "nothing to mask" test skips nothing)', () => {
    const MASK = '[REDACTED]';
    const rules: Array<[RegExp, string]> = [
      [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, `$1${MASK}`],
      [/(Signature=)[0-9a-fA-F]+/gi, `$1${MASK}`],
      [/((?:X-Amz-Security-Token|SessionToken|Session_Token|SecretAccessKey|Secret_Access_Key)["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi, `$1${MASK}`],
      [/\b(?:IQoJb3JpZ2lu|FwoGZXIvYXdz)[A-Za-z0-9+/=%]{16,}/g, MASK],
    ];
    const reference = (s: string) => rules.reduce((text, [p, r]) => text.replace(p, r), s);
    const piece = fc.oneof(
      fc.constantFrom(EXAMPLE_KEY, TEMP_KEY, 'akia', 'AKIA', 'ASIA', 'Signature=', 'SIGNATURE=', 'signature=', SIG, 'x-amz-security-token', 'X-Amz-Security-Token', 'sessiontoken', 'SESSION_TOKEN', 'secretaccesskey', 'Secret_Access_Key', 'Token', 'secret',
        'IQoJb3JpZ2lu', 'FwoGZXIvYXdz', 'iqojb3jpz2lu', 'EXAMPLE1234567890', '0123456789ABCDEF', '=', ':', '"', "'", ' ', '&', '\n', 'ſ', 'K', '\u017fignature=', 'To\u212aen'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
      const s = parts.join('');
      return redactText(s) === reference(s);
    }), { numRuns: 5000 });
  });

  it('leaves ordinary text alone', () => {
    const text = '{"FunctionName":"AKIA-short","BatchSize":10,"Signature":"x"}';
    expect(redactText(text)).toBe(text);
  });
});

describe('endpoint parsing', () => {
  it('accepts http and https origins', () => {
    expect(parseEndpoint('http://localhost:4566').host).toBe('localhost:4566');
    expect(parseEndpoint('https://lambda.eu-west-1.amazonaws.com/').host).toBe('lambda.eu-west-1.amazonaws.com');
  });

  it.each(['ftp://x.example', 'not a url', 'localhost:4566', 'http://u:p@x.example', 'http://x.example/prefix', 'http://x.example/?a=1'])(
    'rejects %s with a one-line ConfigError',
    (s) => {
      let caught: unknown;
      try {
        parseEndpoint(s);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as Error).name).toBe('ConfigError');
      expect((caught as Error).message).not.toContain('\n');
    },
  );

  it('recognises loopback hosts', () => {
    for (const s of ['http://localhost:1', 'http://127.0.0.1', 'http://127.9.8.7:80', 'http://[::1]:4566', 'http://[::ffff:127.0.0.1]']) {
      expect(isLoopback(new URL(s)), s).toBe(true);
    }
    for (const s of ['http://128.0.0.1', 'http://localhost.evil.example', 'http://[::2]', 'https://lambda.us-east-1.amazonaws.com']) {
      expect(isLoopback(new URL(s)), s).toBe(false);
    }
  });
});

describe('error descriptions', () => {
  it('flattens AggregateErrors and keeps one line', () => {
    const a = Object.assign(new Error('connect ECONNREFUSED ::1:1'), { code: 'ECONNREFUSED' });
    const b = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(describeError(new AggregateError([a, b], ''))).toBe('connect ECONNREFUSED ::1:1; connect ECONNREFUSED 127.0.0.1:1');
    expect(describeError(Object.assign(new Error('multi\nline'), { code: 'EX' }))).toBe('EX: multi line');
  });
});
