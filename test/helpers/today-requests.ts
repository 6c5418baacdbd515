/**
 * Requests of today's operation for the reference tests: for a kind of event source, every member the
 * overlay says it requires or allows (and, with `disputed`, the disputed ones), each filled with its shapes'
 * full value (properties/shapes `value(edition, shape, 'full')`), then pointed at the reference's seeded
 * function and source and given a valid filter pattern (a random string fits the model's `.*` pattern
 * but is no filter: overlay crossField FilterCriteria.filter-pattern).
 */
import { value } from '../../properties/shapes/index.ts';
import { loadEdition } from '../../spec/editions/store.ts';
import { overlay, type EchoFact, type Kind } from '../../spec/overlay/index.ts';
import type { ReferenceResources } from '../../reference/server.ts';

export const TODAY = loadEdition('aws');
const INPUT = TODAY.shapes[TODAY.operations.CreateEventSourceMapping!.input] as { members: Record<string, { shape: string }> };

export const VALID_FILTER = '{"body":{"kind":["conformance"]}}';

export function kind(id: string): Kind {
  return overlay.kinds[id]!;
}

/** Top-level members of the kind with one of the uses. */
export function membersOf(id: string, uses: readonly string[]): string[] {
  return Object.entries(kind(id).members).filter(([p, m]) => !p.includes('.') && uses.includes(m.use)).map(([p]) => p);
}

/** The seeded source members of a kind's request. */
export function sourceMembers(id: string, r: ReferenceResources, variant?: string): Record<string, unknown> {
  if (id === 'kinesis') return { EventSourceArn: r.kinesisStreamArn };
  if (id === 'dynamodb') return { EventSourceArn: r.dynamodbStreamArn };
  if (id === 'self-managed-kafka') return { SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: [r.sources!['self-managed-kafka']] } } };
  return { EventSourceArn: r.sources![variant === 'fifo' ? 'sqs-fifo' : id] };
}

/** A request of kind `id` using every required and allowed member (and the disputed ones when asked). */
export function fullRequest(id: string, r: ReferenceResources, opts: { disputed?: boolean; variant?: string } = {}): Record<string, unknown> {
  const uses = opts.disputed ? ['required', 'allowed', 'disputed'] : ['required', 'allowed'];
  const body: Record<string, unknown> = {};
  for (const m of membersOf(id, uses)) body[m] = value(TODAY, INPUT.members[m]!.shape, 'full');
  Object.assign(body, { FunctionName: r.functionName, ...sourceMembers(id, r, opts.variant) });
  if (body.FilterCriteria !== undefined) body.FilterCriteria = { Filters: [{ Pattern: VALID_FILTER }] };
  // AT_TIMESTAMP where the kind allows it and StartingPositionTimestamp with it; else the first position.
  if (body.StartingPosition !== undefined) {
    const positions = kind(id).startingPositions.value;
    body.StartingPosition = positions.includes('AT_TIMESTAMP') && body.StartingPositionTimestamp !== undefined ? 'AT_TIMESTAMP' : positions[0];
  }
  if (body.StartingPosition !== 'AT_TIMESTAMP') delete body.StartingPositionTimestamp;
  // A part of a member that the overlay gives other kinds (DestinationConfig.OnSuccess on a stream) is left out.
  for (const [path, use] of Object.entries(kind(id).members)) {
    const parts = path.split('.');
    if (parts.length !== 2 || uses.includes(use.use)) continue;
    const parent = body[parts[0]!] as Record<string, unknown> | undefined;
    if (parent && typeof parent === 'object') delete parent[parts[1]!];
  }
  return body;
}

/** How AWS echoes a sent member (overlay echo facts; a member of the output shape no fact names: echoed). */
export function echoOf(member: string): EchoFact['echoed'] {
  const output = TODAY.shapes[TODAY.operations.CreateEventSourceMapping!.output] as { members: Record<string, unknown> };
  return overlay.echo.find((e) => e.members.includes(member))?.echoed ?? Object.hasOwn(output.members, member);
}
