import { describe, expect, it } from 'vitest';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { sigv4 } from '../engine/transport/sigv4.ts';
import { splitTarget } from '../engine/transport/sign.ts';
import { buildPlan } from '../properties/plan.ts';
import { bindValue, EXAMPLE_RESOURCES } from '../properties/bind.ts';

const DATE = new Date('2026-03-04T05:06:07.890Z');
const PLAIN = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const TOKEN = { ...PLAIN, sessionToken: 'session/token+value=' };

/** What @smithy/signature-v4 (the reference implementation) makes of the same request. */
async function smithy(method: string, target: string, headers: Record<string, string>, body: Uint8Array, credentials: typeof PLAIN): Promise<Record<string, string>> {
  const { path, query } = splitTarget(target);
  const signer = new SignatureV4({ service: 'lambda', region: 'eu-west-1', credentials, sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign({ method, protocol: 'http:', hostname: '127.0.0.1', path, query, headers: { ...headers }, body }, { signingDate: DATE });
  return signed.headers;
}

function ours(method: string, target: string, headers: Record<string, string>, body: Uint8Array, credentials: typeof PLAIN): Record<string, string> {
  const { path, query } = splitTarget(target);
  return sigv4({ method, path, query, headers, body, region: 'eu-west-1', service: 'lambda', credentials, date: DATE });
}

describe('sigv4: the same headers and signature as @smithy/signature-v4', () => {
  const plan = buildPlan({ seed: 7, runs: 15 });
  const bodies = plan.map((c) => new TextEncoder().encode(c.request.raw ?? JSON.stringify(bindValue(c.request.body ?? {}, EXAMPLE_RESOURCES))));
  const targets = [...new Set(plan.map((c) => c.request.path)), '/2015-03-31/event-source-mappings/a%3Ab', '/x/./y/../z//w/', '/p?b=2&a=1&a=0&c', '/p?Marker=a%2Fc&MaxItems=2&x-amz-signature=s'];
  const headerSets: Array<Record<string, string>> = [
    { host: '127.0.0.1:9', 'content-type': 'application/json' },
    { host: '127.0.0.1:9', 'Content-Type': 'application/x-amz-json-1.1', 'X-Odd': '  a \t  b  ', 'User-Agent': 'u', 'proxy-x': 'p', Authorization: 'old', 'X-Amz-Date': 'old' },
    { host: 'h', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-target': 'T' },
  ];

  it('for every case body of a plan, every path, header set and credential kind', async () => {
    expect(plan.length).toBeGreaterThan(100);
    let compared = 0;
    for (const [i, body] of bodies.entries()) {
      const target = targets[i % targets.length] as string;
      const headers = headerSets[i % headerSets.length] as Record<string, string>;
      const creds = i % 2 ? TOKEN : PLAIN;
      expect(ours('POST', target, headers, body, creds)).toEqual(await smithy('POST', target, headers, body, creds));
      compared += 1;
    }
    for (const target of targets) {
      for (const method of ['GET', 'DELETE']) expect(ours(method, target, headerSets[0]!, new Uint8Array(), PLAIN)).toEqual(await smithy(method, target, headerSets[0]!, new Uint8Array(), PLAIN));
    }
    expect(compared).toBe(plan.length);
  });

  it('dates that alternate between calls each sign with their own x-amz-date (the formatted second is cached)', async () => {
    const body = new TextEncoder().encode('{}');
    const dates = [DATE, new Date('2027-01-01T00:00:00.000Z'), new Date(DATE.getTime() + 999), new Date(DATE.getTime() + 1000), DATE];
    for (const date of dates) {
      const signer = new SignatureV4({ service: 'lambda', region: 'eu-west-1', credentials: PLAIN, sha256: Sha256, applyChecksum: false });
      const theirs = (await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', path: '/p', query: {}, headers: { host: 'h' }, body }, { signingDate: date })).headers;
      expect(sigv4({ method: 'POST', path: '/p', query: {}, headers: { host: 'h' }, body, region: 'eu-west-1', service: 'lambda', credentials: PLAIN, date })).toEqual(theirs);
    }
  });
});
