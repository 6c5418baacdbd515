import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { describeError, isNotFound, isRetryable, isRoleNotYetAssumable, wasRejected } from '../engine/provision/aws-errors.ts';
import { crc32 } from '../engine/provision/crc32.ts';
import { functionZip, parseFunctionArn } from '../engine/provision/naming.ts';
import { storeZip } from '../engine/provision/store-zip.ts';
import { pollUntil, retryWhile, sleep } from '../engine/provision/wait.ts';

const sdkError = (name: string, message: string, status?: number): Error =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('store-only zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it("writes archives that Python's zipfile reads back byte for byte", () => {
    const zip = storeZip([
      { name: 'index.js', content: 'exports.handler = async () => 1;\n' },
      { name: 'dir/é.txt', content: new Uint8Array([0, 1, 2, 255]) },
    ]);
    const script = [
      'import sys, zipfile, io',
      'z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))',
      'assert z.testzip() is None',
      'print([(i.filename, z.read(i).hex()) for i in z.infolist()])',
    ].join('\n');
    const out = execFileSync('python3', ['-c', script], { input: zip }).toString().trim();
    expect(out).toBe(`[('index.js', '${Buffer.from('exports.handler = async () => 1;\n').toString('hex')}'), ('dir/é.txt', '000102ff')]`);
  });

  it('builds the same function package every time', () => {
    expect(functionZip().equals(functionZip())).toBe(true);
  });
});

describe('error classification', () => {
  it('separates not-found, retryable, rejected and the IAM propagation error', () => {
    expect(isNotFound(sdkError('ResourceNotFoundException', 'gone', 404))).toBe(true);
    expect(isNotFound(sdkError('NoSuchEntityException', 'gone', 404))).toBe(true);
    expect(isNotFound(sdkError('Error', 'proxy says 404', 404))).toBe(false);
    expect(isRetryable(sdkError('TooManyRequestsException', 'slow down', 429))).toBe(true);
    expect(isRetryable(sdkError('ServiceException', 'oops', 500))).toBe(true);
    expect(isRetryable(sdkError('AccessDeniedException', 'no', 400))).toBe(false);
    expect(wasRejected(sdkError('ResourceInUseException', 'exists', 400))).toBe(true);
    expect(wasRejected(new Error('socket hang up'))).toBe(false);
    const propagation = sdkError('InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.', 400);
    expect(isRoleNotYetAssumable(propagation)).toBe(true);
    expect(describeError(sdkError('X', 'two\nlines'))).toBe('X: two lines');
  });

  it('parses function ARNs with and without qualifier', () => {
    expect(parseFunctionArn('arn:aws:lambda:us-east-1:123456789012:function:f:live')).toEqual({ account: '123456789012', name: 'f', qualifier: 'live' });
    expect(parseFunctionArn('arn:aws:lambda:us-east-1:123456789012:function:f')).toEqual({ account: '123456789012', name: 'f' });
    expect(parseFunctionArn('f')).toBeUndefined();
  });
});

describe('bounded waiting', () => {
  it('retries with backoff only while the error is retryable and the time allows', async () => {
    let calls = 0;
    const flaky = async (): Promise<string> => (++calls < 3 ? Promise.reject(new Error('busy')) : 'ok');
    expect(await retryWhile(flaky, () => true, { intervalMs: 1, timeoutMs: 1_000 })).toBe('ok');
    calls = 0;
    await expect(retryWhile(flaky, () => false, { intervalMs: 1, timeoutMs: 1_000 })).rejects.toThrow('busy');
    expect(calls).toBe(1);
    const started = Date.now();
    await expect(retryWhile(() => Promise.reject(new Error('always')), () => true, { intervalMs: 5, timeoutMs: 100 })).rejects.toThrow('always');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('polls until a value, times out with what it waited for, and stops on abort', async () => {
    let n = 0;
    expect(await pollUntil('n to reach 3', async () => (++n >= 3 ? n : undefined), { intervalMs: 1, timeoutMs: 1_000 })).toBe(3);
    await expect(pollUntil('never', async () => undefined, { intervalMs: 5, timeoutMs: 30 })).rejects.toThrow(/timed out after 30 ms waiting for never/);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled')), 10);
    await expect(sleep(10_000, controller.signal)).rejects.toThrow('cancelled');
  });
});

describe('findRunMappings against a target that takes no connection', () => {
  it('logs one line for the whole listing, not one per function, qualifier and source', async () => {
    const { findRunMappings } = await import('../engine/provision/find-mappings.ts');
    const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }));
    const clients = { lambda: { send: refused }, dynamodb: { send: refused } } as never;
    const e = (kind: string, id: string, extra: Record<string, string> = {}) => ({ runId: 'r1', kind, id, endpoint: 'http://127.0.0.1:9', region: 'us-east-1', createdAt: '2026-01-01T00:00:00Z', ...extra });
    const entries = [
      e('lambda-function', 'fn-a'), e('lambda-function', 'fn-b'),
      e('lambda-alias', 'arn:aws:lambda:us-east-1:123456789012:function:fn-a:live'), e('lambda-version', 'arn:aws:lambda:us-east-1:123456789012:function:fn-a:1'),
      e('kinesis-stream', 's', { arn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s' }),
    ] as never;
    const log: string[] = [];
    expect(await findRunMappings(clients, entries, (l) => log.push(l))).toEqual([]);
    expect(log).toEqual(["could not list the run's mappings: Error: connect ECONNREFUSED 127.0.0.1:9; the target does not answer"]);
  });
});
