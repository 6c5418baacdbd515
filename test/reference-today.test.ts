/**
 * The embedded reference serves today's CreateEventSourceMapping (the `aws` edition and the overlay):
 * for each kind, a request with every required and allowed member of today's model is accepted and echoed
 * as the overlay's echo facts say, with the kind's defaults. Sources: spec/overlay/overlay.json (kinds,
 * defaults, echo, response), aws-observed.md "Today's members and event-source kinds".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, type RawAnswer } from '../reference/client.ts';
import { startReference, type ReferenceHandle } from '../reference/server.ts';
import { overlay } from '../spec/overlay/index.ts';
import { echoOf, fullRequest, kind } from './helpers/today-requests.ts';
import { canonicalDestinations } from '../reference/respond.ts';
import { isEmptyValue } from '../spec/overlay/index.ts';

let ref: ReferenceHandle;
beforeAll(async () => { ref = await startReference(); });
afterAll(async () => { await ref.close(); });

/** The members a kind's response must hold for a sent request, by the overlay's echo and default facts. */
function expectEchoedAndDefaults(id: string, sent: Record<string, unknown>, got: Record<string, unknown>): void {
  const k = kind(id);
  for (const [member, v] of Object.entries(sent)) {
    if (member === 'FunctionName') continue;
    const rule = echoOf(member);
    const expected = rule === 'when-non-empty' ? (isEmptyValue(v) ? undefined : v) : rule === false ? undefined
      : rule === 'destinations' ? canonicalDestinations(v) : v;
    if (expected === undefined) expect(got[member], member).toBeUndefined();
    else expect(got[member], member).toEqual(expected);
  }
  for (const [member, fact] of Object.entries(k.defaults)) {
    if (sent[member] !== undefined) continue;
    const want = member === 'State' && sent.Enabled === false ? overlay.disabledState.value : fact.value;
    expect(got[member], `default ${member}`).toEqual(want);
  }
  for (const member of k.response?.absent?.value ?? []) expect(got[member], `absent ${member}`).toBeUndefined();
  expect(got.UUID).toMatch(/^[0-9a-f-]{36}$/);
  expect(got.EventSourceMappingArn).toBe(`arn:aws:lambda:${ref.resources.region}:${ref.resources.account}:event-source-mapping:${String(got.UUID)}`);
  expect(got.State).toBe(sent.Enabled === false ? 'Disabled' : (k.defaults.State?.value ?? 'Creating'));
}

async function accepted(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const a: RawAnswer = await create(ref.url, body);
  expect(a.status, a.text).toBe(202);
  return a.json!;
}

describe('every required and allowed member of today\'s model, per kind', () => {
  for (const id of Object.keys(overlay.kinds)) {
    it(`${id}: accepted with 202, its members echoed as AWS does and the kind's defaults`, async () => {
      const sent = fullRequest(id, ref.resources);
      expectEchoedAndDefaults(id, sent, await accepted(sent));
      // Enabled: true as well (the full value of a boolean is false): State is the kind's default then.
      const enabled = { ...fullRequest(id, ref.resources), Enabled: true, FunctionName: ref.resources.otherFunctionName };
      expectEchoedAndDefaults(id, enabled, await accepted(enabled));
    });
  }
  it('sqs fifo: the FIFO queue takes every SQS member too', async () => {
    const sent = fullRequest('sqs', ref.resources, { variant: 'fifo' });
    expectEchoedAndDefaults('sqs', sent, await accepted(sent));
  });
  it('msk and self-managed Kafka: the disputed members (the model gives them to Kafka) are accepted and echoed', async () => {
    for (const id of ['msk', 'self-managed-kafka']) {
      const sent = { ...fullRequest(id, ref.resources, { disputed: true }), MaximumRetryAttempts: 3, FunctionName: `${ref.resources.functionName}:${ref.resources.alias}` };
      expectEchoedAndDefaults(id, sent, await accepted(sent));
    }
  });
  it('minimal requests: SQS answers its recorded defaults (BatchSize 10, USER_INITIATED, no stream members)', async () => {
    const got = await accepted({ FunctionName: `${ref.resources.functionName}:$LATEST`, EventSourceArn: ref.resources.sources!.sqs, Enabled: false });
    expect(got).toMatchObject({ BatchSize: 10, StateTransitionReason: 'USER_INITIATED', State: 'Disabled', FunctionResponseTypes: [], MaximumBatchingWindowInSeconds: 0 });
    for (const m of ['LastProcessingResult', 'StartingPosition', 'ParallelizationFactor', 'DestinationConfig', 'Enabled']) expect(got[m], m).toBeUndefined();
  });
  it('a mapping made of today\'s members reads back as it was answered', async () => {
    const got = await accepted({ ...fullRequest('kinesis', ref.resources), FunctionName: `${ref.resources.functionName}:${ref.resources.version}` });
    const read = await fetch(`${ref.url}/2015-03-31/event-source-mappings/${String(got.UUID)}`);
    expect(await read.json()).toEqual(got);
  });
});
