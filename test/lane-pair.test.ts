/**
 * A lane's view of its (function, source) pair: which of the run's functions a case maps, and the listing
 * that tells "none of the run's mappings left" from "could not tell" (a lane that cannot tell does not send).
 */
import { describe, expect, it } from 'vitest';
import { clearPair, laneTask, listPair, pairOf } from '../engine/lane.ts';
import type { CaseResult } from '../engine/report-types.ts';
import { MappingTracker } from '../engine/cleanup.ts';
import type { Wire } from '../engine/wire.ts';
import type { Case, Resources } from '../properties/types.ts';

const STREAM = 'arn:aws:kinesis:us-east-1:123456789012:stream/s';
const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:fn';
const resources: Resources = {
  region: 'us-east-1', account: '123456789012', functionName: FN_ARN, version: '1', alias: 'live',
  kinesisStreamArn: STREAM, dynamodbStreamArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000',
};
const pages = (answer: (marker: string | null) => unknown): Wire => ({
  endpoint: new URL('http://127.0.0.1:1'),
  send: async (_method, path) => ({ kind: 'response', status: 200, headers: {}, body: JSON.stringify(answer(new URL(path, 'http://x').searchParams.get('Marker'))), attempts: 1, durationMs: 0, retried: [] }),
});

describe('listPair', () => {
  it('matches the run\'s functions by name, whether the run was given a name or an ARN', async () => {
    const wire = pages(() => ({ EventSourceMappings: [{ UUID: 'a', FunctionArn: `${FN_ARN}:live` }, { UUID: 'b', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:other' }] }));
    expect(await listPair(wire, STREAM, [FN_ARN])).toEqual({ ok: true, uuids: ['a'] });
    expect(await listPair(wire, STREAM, ['fn'])).toEqual({ ok: true, uuids: ['a'] });
  });

  it('follows NextMarker, and a listing that does not end is "could not tell", never "none left"', async () => {
    const two = pages((m) => (m === null ? { EventSourceMappings: [], NextMarker: 'p2' } : { EventSourceMappings: [{ UUID: 'z', FunctionArn: FN_ARN }] }));
    expect(await listPair(two, STREAM, ['fn'])).toEqual({ ok: true, uuids: ['z'] });
    const repeating = pages(() => ({ EventSourceMappings: [], NextMarker: 'same' }));
    expect(await listPair(repeating, STREAM, ['fn'])).toEqual({ ok: false, problem: expect.stringMatching(/repeats its NextMarker/) });
    let n = 0;
    const endless = pages(() => ({ EventSourceMappings: [], NextMarker: `m${n++}` }));
    expect(await listPair(endless, STREAM, ['fn'])).toEqual({ ok: false, problem: expect.stringMatching(/still had a NextMarker after 20 pages/) });
  });
});

describe('pairOf', () => {
  it('names the run\'s function a case maps when the run was given it by ARN', () => {
    const c = { request: { path: '/', body: { FunctionName: '{{FUNCTION_NAME}}', EventSourceArn: '{{KINESIS_STREAM_ARN}}' } }, args: {} } as unknown as Case;
    expect(pairOf(c, resources, [FN_ARN, 'fn-2'])).toEqual({ stream: STREAM, functions: [FN_ARN] });
  });

  it('a self-managed Kafka case (no ARN) maps its first bootstrap server as kafka://host:port; a request with none maps no source', () => {
    const kafka = (servers: unknown) => ({ request: { path: '/', body: { FunctionName: '{{FUNCTION_NAME}}', SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: servers } } } }, args: {} }) as unknown as Case;
    const withKafka = { ...resources, sources: { 'self-managed-kafka': 'kafka.example.com:9092' } };
    expect(pairOf(kafka(['{{SOURCE_SELF_MANAGED_KAFKA}}', 'b:1']), withKafka, [FN_ARN])).toEqual({ stream: 'kafka://kafka.example.com:9092', functions: [FN_ARN] });
    expect(pairOf(kafka(['i:74']), resources, [FN_ARN]).stream).toBe('kafka://i:74');
    expect(pairOf(kafka('not a list'), withKafka, [FN_ARN]).stream).toBe('');
    // A cluster the target was not given: the case is not run, as for a source ARN it lacks.
    expect(() => pairOf(kafka(['{{SOURCE_SELF_MANAGED_KAFKA}}']), resources, [FN_ARN])).toThrow();
  });
});

describe('clearPair', () => {
  it('a pair that names no source at all is not listed with an empty filter: the lane cannot tell', async () => {
    const sent: string[] = [];
    const wire: Wire = { endpoint: new URL('http://127.0.0.1:1'), send: async (method, path) => { sent.push(`${method} ${path}`); return { kind: 'response', status: 200, headers: {}, body: '{"EventSourceMappings":[]}', attempts: 1, durationMs: 0, retried: [] }; } };
    expect(await clearPair(wire, new MappingTracker(wire), '', ['fn'])).toMatch(/names no source to list the mappings by/);
    expect(sent).toEqual([]);
    expect(await clearPair(wire, new MappingTracker(wire), STREAM, ['fn'])).toBeUndefined();
    expect(sent).toEqual([`GET /2015-03-31/event-source-mappings/?EventSourceArn=${encodeURIComponent(STREAM)}`]);
  });

  it('a self-managed Kafka pair (no ARN to filter by) lists every mapping and deletes only the function\'s mappings on that cluster', async () => {
    const sent: string[] = [];
    const kafkaOn = (servers: string[]) => ({ SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: servers } } });
    const listing = {
      EventSourceMappings: [
        { UUID: 'mine', FunctionArn: `${FN_ARN}:live`, ...kafkaOn(['other:1', 'kafka.example.com:9092']) },
        { UUID: 'other-cluster', FunctionArn: FN_ARN, ...kafkaOn(['other:1']) },
        { UUID: 'stream', FunctionArn: FN_ARN, EventSourceArn: STREAM },
        { UUID: 'other-function', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn-9', ...kafkaOn(['kafka.example.com:9092']) },
      ],
    };
    const wire: Wire = {
      endpoint: new URL('http://127.0.0.1:1'),
      send: async (method, path) => {
        sent.push(`${method} ${path}`);
        // The listing, then the delete of 'mine' (202) and the read-back that shows it gone (404).
        const [status, body] = method === 'GET' && path.endsWith('/') ? [200, JSON.stringify(listing)] : method === 'DELETE' ? [202, '{}'] : [404, '{"Message":"gone"}'];
        return { kind: 'response', status, headers: {}, body, attempts: 1, durationMs: 0, retried: [] };
      },
    };
    expect(await clearPair(wire, new MappingTracker(wire), 'kafka://kafka.example.com:9092', ['fn'])).toBeUndefined();
    expect(sent[0]).toBe('GET /2015-03-31/event-source-mappings/');
    expect(sent.filter((s) => s.startsWith('DELETE'))).toEqual(['DELETE /2015-03-31/event-source-mappings/mine']);
    // A mapping of the function that names no source at all may be on the cluster: the lane cannot tell.
    listing.EventSourceMappings.push({ UUID: 'nowhere', FunctionArn: FN_ARN } as (typeof listing.EventSourceMappings)[number]);
    sent.length = 0;
    expect(await clearPair(wire, new MappingTracker(wire), 'kafka://kafka.example.com:9092', ['fn'])).toMatch(/holds nowhere of the run's function, which names no source/);
    expect(sent.filter((s) => s.startsWith('DELETE'))).toEqual([]);
    // An ARN that does not start with arn: is still a filter, never the listing of every mapping.
    sent.length = 0;
    await listPair(wire, 'not-an-arn', ['fn']);
    expect(sent).toEqual(['GET /2015-03-31/event-source-mappings/?EventSourceArn=not-an-arn']);
  });
});

describe('laneTask', () => {
  it('runs a case that sends nothing (a resource the target lacks) without clearing, and keeps the lane\'s doubt for the next case', async () => {
    const log: string[] = [];
    const task = laneTask<string>({
      suspect: true,
      one: async (c) => { log.push(`one ${c.id}`); return { result: { caseId: c.id } as unknown as CaseResult, unsettled: false }; },
      clear: async (c) => { log.push(`clear ${c.id}`); return undefined; },
      notSent: (c) => ({ caseId: c.id } as unknown as CaseResult),
      sendsNothing: (c) => c.id === 'no-resource',
    });
    const c = (id: string) => ({ id }) as unknown as Case;
    await task(c('no-resource'), 'lane');
    await task(c('next'), 'lane');
    await task(c('after'), 'lane');
    expect(log).toEqual(['one no-resource', 'clear next', 'one next', 'one after']);
  });
});
