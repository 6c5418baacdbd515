/** The final sweep tells "listed, none left" from "could not list" and from a malformed list: leaks stay true. */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { MappingTracker } from '../engine/cleanup.ts';
import { sweepMappings } from '../engine/sweep.ts';
import type { Wire } from '../engine/wire.ts';
import type { Resources } from '../properties/types.ts';

const resources: Resources = {
  region: 'us-east-1', account: '123456789012', functionName: 'fn', version: '1', alias: 'live',
  kinesisStreamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s',
  dynamodbStreamArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000',
};
const wire: Wire = { endpoint: new URL('http://127.0.0.1:1'), send: async () => ({ kind: 'response', status: 404, headers: {}, body: '', attempts: 1, durationMs: 0, retried: [] }) };
const client = (answer: () => Promise<unknown>) => ({ send: answer }) as unknown as LambdaClient;
const sweep = (answer: () => Promise<unknown>) => sweepMappings(client(answer), [resources], new MappingTracker(wire), new Date());

describe('the sweep of the given streams', () => {
  it('a listing with an empty list: nothing left, no leak', async () => {
    expect(await sweep(async () => ({ EventSourceMappings: [] }))).toEqual({ found: 0, functions: [], leaks: [] });
  });

  it('a 2xx answer without the list (empty or garbled body) is a possible leak on each stream, never "none left"', async () => {
    const r = await sweep(async () => ({ $metadata: { httpStatusCode: 200 } }));
    expect(r.leaks).toHaveLength(2);
    for (const l of r.leaks) expect(l.error).toMatch(/^the listing of the source's mappings was malformed, so mappings of the run may remain/);
  });

  it('a listing that fails is a possible leak too, said as such', async () => {
    const r = await sweep(async () => { throw Object.assign(new Error('no complete answer within 300 ms'), { name: 'TimeoutError' }); });
    expect(r.leaks.map((l) => l.error)).toEqual([expect.stringMatching(/^could not list the source's mappings, so mappings of the run may remain/), expect.any(String)]);
  });

  it('lists each given stream once for every resource set\'s functions and deletes what each function left since the run began', async () => {
    const sets: Resources[] = [{ ...resources, otherFunctionName: 'fn-2' }, { ...resources, functionName: 'fn-3' }, { ...resources, functionName: 'fn-4' }];
    const listed: string[] = [];
    const arn = (name: string, q = '') => `arn:aws:lambda:us-east-1:123456789012:function:${name}${q}`;
    const since = new Date();
    const answer = async (cmd: { input: { EventSourceArn?: string } }) => {
      listed.push(cmd.input.EventSourceArn ?? '(every mapping)');
      if (cmd.input.EventSourceArn === undefined) {
        // The listing of every mapping: the run's Kafka mapping, and mappings on other sources it must not touch.
        return {
          EventSourceMappings: [
            { UUID: 'k', FunctionArn: arn('fn-4'), SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['kafka.example.com:9092'] } }, LastModified: new Date(since.getTime() + 1000) },
            { UUID: 'k2', FunctionArn: arn('fn-4'), SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['elsewhere:9092'] } }, LastModified: new Date(since.getTime() + 1000) },
            { UUID: 'a', FunctionArn: arn('fn-3', ':live'), EventSourceArn: resources.kinesisStreamArn, LastModified: new Date(since.getTime() + 1000) },
          ],
        };
      }
      if (cmd.input.EventSourceArn !== resources.kinesisStreamArn) return { EventSourceMappings: [] };
      return {
        EventSourceMappings: [
          { UUID: 'a', FunctionArn: arn('fn-3', ':live'), LastModified: new Date(since.getTime() + 1000) },
          { UUID: 'b', FunctionArn: arn('fn-2'), LastModified: new Date(since.getTime() + 1000) },
          { UUID: 'c', FunctionArn: arn('someone-else'), LastModified: new Date(since.getTime() + 1000) },
          { UUID: 'd', FunctionArn: arn('fn-4'), LastModified: new Date(since.getTime() - 3_600_000) },
        ],
      };
    };
    const deleted: string[] = [];
    const deletes: Wire = { endpoint: wire.endpoint, send: async (method, path) => { if (method === 'DELETE') deleted.push(path.split('/').at(-1)!); return { kind: 'response', status: method === 'DELETE' ? 202 : 404, headers: {}, body: '{}', attempts: 1, durationMs: 0, retried: [] }; } };
    const r = await sweepMappings({ send: answer } as unknown as LambdaClient, sets, new MappingTracker(deletes), since);
    expect(listed).toEqual([resources.kinesisStreamArn, resources.dynamodbStreamArn]);
    expect(deleted.sort()).toEqual(['a', 'b']);
    // Sources of other kinds are swept too (a create whose answer was lost may have made one there); a
    // self-managed Kafka cluster (host:port) has no ARN to list by: every mapping is listed, matched by its servers.
    listed.length = 0;
    deleted.length = 0;
    const queue = 'arn:aws:sqs:us-east-1:123456789012:q';
    const again = await sweepMappings({ send: answer } as unknown as LambdaClient, sets.map((x) => ({ ...x, sources: { sqs: queue, 'self-managed-kafka': 'kafka.example.com:9092' } })), new MappingTracker(deletes), since);
    expect(listed).toEqual([resources.kinesisStreamArn, resources.dynamodbStreamArn, queue, '(every mapping)']);
    expect(again).toEqual({ found: 3, functions: ['fn-2', 'fn-3', 'fn-4'], leaks: [] });
    expect(deleted.sort()).toEqual(['a', 'b', 'k']);
    // A cluster a random case named (alsoSources) is swept as well.
    deleted.length = 0;
    const third = await sweepMappings({ send: answer } as unknown as LambdaClient, sets, new MappingTracker(deletes), since, ['kafka://elsewhere:9092']);
    expect(third).toEqual({ found: 3, functions: ['fn-2', 'fn-3', 'fn-4'], leaks: [] });
    expect(deleted.sort()).toEqual(['a', 'b', 'k2']);
    expect(r).toEqual({ found: 2, functions: ['fn-2', 'fn-3'], leaks: [] });
  });

  it('a mapping of the run\'s function that names no source may be on a Kafka cluster: a possible leak, never "none left"', async () => {
    const answer = async (cmd: { input: { EventSourceArn?: string } }) => ({
      EventSourceMappings: cmd.input.EventSourceArn === undefined ? [{ UUID: 'x', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn', LastModified: new Date() }] : [],
    });
    const r = await sweepMappings({ send: answer } as unknown as LambdaClient, [{ ...resources, sources: { 'self-managed-kafka': 'kafka.example.com:9092' } }], new MappingTracker(wire), new Date());
    expect(r.found).toBe(0);
    expect(r.leaks).toEqual([{ kind: 'event-source-mapping', id: '(any on kafka://kafka.example.com:9092)', error: expect.stringMatching(/malformed, so mappings of the run may remain: .*holds x of .*which names no source/) }]);
  });

  it('a listing that does not end (a NextMarker seen before, or one still there after 100 pages) is a possible leak, never "none left"', async () => {
    const same = await sweep(async () => ({ EventSourceMappings: [], NextMarker: 'same' }));
    expect(same.leaks.map((l) => l.error)).toEqual([expect.stringMatching(/^the listing of the source's mappings was malformed, .*repeats its NextMarker/), expect.any(String)]);
    let page = 0;
    const endless = await sweep(async () => ({ EventSourceMappings: [], NextMarker: `m${page++}` }));
    expect(endless.leaks.map((l) => l.error)).toEqual([expect.stringMatching(/still had a NextMarker after 100 pages/), expect.any(String)]);
  });

  it('finds the run\'s mappings of a function given by ARN (listings name functions by ARN, matched by name)', async () => {
    const given = 'arn:aws:lambda:us-east-1:123456789012:function:fn';
    const deleted: string[] = [];
    const deletes: Wire = { endpoint: wire.endpoint, send: async (method, path) => { if (method === 'DELETE') deleted.push(path.split('/').at(-1)!); return { kind: 'response', status: method === 'DELETE' ? 202 : 404, headers: {}, body: '{}', attempts: 1, durationMs: 0, retried: [] }; } };
    const answer = async (cmd: { input: { EventSourceArn: string } }) => ({
      EventSourceMappings: cmd.input.EventSourceArn === resources.kinesisStreamArn ? [{ UUID: 'u', FunctionArn: `${given}:live`, LastModified: new Date(Date.now() + 1000) }] : [],
    });
    const r = await sweepMappings({ send: answer } as unknown as LambdaClient, [{ ...resources, functionName: given }], new MappingTracker(deletes), new Date());
    expect(r).toEqual({ found: 1, functions: [given], leaks: [] });
    expect(deleted).toEqual(['u']);
  });
});
