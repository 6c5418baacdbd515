/**
 * The body of a new mapping, per kind of event source, from the overlay: the kind's defaults (SQS:
 * BatchSize 10, StateTransitionReason USER_INITIATED, no stream-only members), every sent member that AWS
 * echoes (overlay `echo` facts; a member of the output shape that no fact names is echoed as sent,
 * inferred from the output shape) as sent, never Enabled or Tags, FilterCriteria only when it has filters,
 * and the members the kind never returns removed. UUID, FunctionArn, LastModified, EventSourceMappingArn and
 * State (Disabled for Enabled: false) as before.
 */
import { partitionOf } from '../properties/bind.ts';
import { isEmptyValue, overlay, type EchoFact } from '../spec/overlay/index.ts';
import type { Hooks } from './hooks.ts';
import type { Body } from './parse.ts';
import type { ReferenceResources, ResolvedFunction } from './resources.ts';
import { epochSeconds } from './store.ts';
import { CREATE_OUTPUT, kindById } from './today.ts';

/** Members the request names the source or function by: answered by the server's own members. */
const NOT_ECHOED_HERE = new Set(['FunctionName', 'BatchSize', 'EventSourceArn']);

function echoRule(member: string): EchoFact['echoed'] {
  return overlay.echo.find((e) => e.members.includes(member))?.echoed ?? Object.hasOwn(CREATE_OUTPUT.members, member);
}

function echoed(member: string, value: unknown): boolean {
  const rule = echoRule(member);
  if (rule === 'when-non-empty') return !isEmptyValue(value);
  return rule !== false && Object.hasOwn(CREATE_OUTPUT.members, member);
}

/**
 * Members of the seed page's response that a kind's overlay defaults do not give (MSK, self-managed Kafka,
 * MQ, DocumentDB): AWS's values for those kinds are unrecorded; these are SQS's recorded reason and the
 * streams' recorded processing result (inferred). A kind's `response.absent` members are removed after.
 */
const SEED_RESPONSE_FALLBACK: Record<string, string> = {
  StateTransitionReason: 'USER_INITIATED',
  LastProcessingResult: 'No records processed',
};

/**
 * DestinationConfig as AWS answers it (recorded: no destination sent -> {"OnFailure":{}}, a sent
 * OnFailure.Destination -> as sent): the parts with a non-empty Destination, and OnFailure always. What AWS
 * answers for {} or an empty Destination is not recorded; this is the canonical form inferred from those.
 */
export function canonicalDestinations(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { OnFailure: {} };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [part, v] of Object.entries(value)) {
    const d = (v as { Destination?: unknown } | null)?.Destination;
    if (typeof d === 'string' && d !== '') out[part] = { Destination: d };
  }
  return out;
}

export interface NewMapping { values: Body; kind: string; fn: ResolvedFunction; resources: ReferenceResources; hooks: Hooks }

export function mappingBody({ values, kind: kindId, fn, resources, hooks }: NewMapping): Record<string, unknown> {
  const kind = kindById(kindId);
  const defaults = hooks.responseDefaults(Object.fromEntries(Object.entries(kind.defaults).map(([m, f]) => [m, structuredClone(f.value)])));
  const uuid = hooks.newUuid();
  const body: Record<string, unknown> = {
    ...defaults,
    State: defaults.State ?? 'Creating',
    UUID: uuid,
    BatchSize: values.BatchSize ?? hooks.defaultBatchSize(Number(defaults.BatchSize)),
    FunctionArn: hooks.functionArn(fn),
    LastModified: epochSeconds(),
    EventSourceMappingArn: `arn:${partitionOf(resources.region)}:lambda:${resources.region}:${resources.account}:event-source-mapping:${uuid}`,
  };
  if (values.EventSourceArn !== undefined) body.EventSourceArn = values.EventSourceArn;
  for (const [member, value] of Object.entries(values)) {
    if (NOT_ECHOED_HERE.has(member) || !echoed(member, value)) continue;
    body[member] = echoRule(member) === 'destinations' ? canonicalDestinations(value) : structuredClone(value);
  }
  // A self-managed Kafka mapping created without its consumer configuration consumes as the group named by
  // its own UUID (parity.default.ConsumerGroupId: AWS's answer in LocalStack's AWS-validated snapshot).
  if (kindId === 'self-managed-kafka' && values.SelfManagedKafkaEventSourceConfig === undefined) body.SelfManagedKafkaEventSourceConfig = { ConsumerGroupId: uuid };
  for (const [member, v] of Object.entries(SEED_RESPONSE_FALLBACK)) body[member] ??= v;
  for (const member of kind.response?.absent?.value ?? []) delete body[member];
  if (values.Enabled === false) body.State = overlay.disabledState.value;
  return body;
}
