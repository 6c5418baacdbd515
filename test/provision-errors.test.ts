/** What counts as "created nothing" for the ledger, and dropping a run from the ledger by hand (cleanup --forget). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wasRejected } from '../engine/provision/aws-errors.ts';
import { Ledger } from '../engine/provision/ledger.ts';
import { main } from '../runner.ts';

const dir = mkdtempSync(join(tmpdir(), 'esm-forget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wasRejected', () => {
  it('a 4xx answer, a connection never made and missing credentials created nothing', () => {
    expect(wasRejected({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } })).toBe(true);
    expect(wasRejected(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }))).toBe(true);
    expect(wasRejected(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(wasRejected({ name: 'CredentialsProviderError', message: 'Could not load credentials' })).toBe(true);
  });
  it('a 5xx, a timeout or a reset connection may have created the resource', () => {
    expect(wasRejected({ name: 'ServiceException', $metadata: { httpStatusCode: 500 } })).toBe(false);
    expect(wasRejected(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(false);
    expect(wasRejected({ name: 'TimeoutError' })).toBe(false);
  });
});

describe('cleanup --forget', () => {
  it("drops a run's entries without deleting anything, and refuses an unknown run", async () => {
    const ledger = new Ledger(dir);
    await ledger.record({ runId: 'abcd1234', kind: 'kinesis-stream', id: 'esm-conformance-abcd1234', endpoint: 'https://lambda.nowhere.invalid', region: 'us-east-1', createdAt: new Date().toISOString(), state: 'pending' });
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s), isTty: false };
    expect(await main(['cleanup', '--ledger', dir, '--forget', 'abcd1234'], io)).toBe(0);
    expect(out.join('\n')).toContain('forgot run abcd1234: 1 ledger entry dropped');
    expect(await ledger.runs()).toEqual([]);
    expect(await main(['cleanup', '--ledger', dir, '--forget', 'abcd1234'], io)).toBe(2);
  });
});
