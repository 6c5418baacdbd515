/**
 * The event-source lookup and the duplicate check of every kind, against the seeded sources
 * (resources.ts). Recorded (aws-observed.md): a missing stream "Stream not found: <arn>", a missing SQS
 * queue and an SQS duplicate with their own messages, a stream duplicate. Unrecorded, answered as 400
 * InvalidParameterValueException with a message of this server's: a missing MSK cluster, MQ broker,
 * DocumentDB cluster or self-managed Kafka bootstrap server. A self-managed Kafka duplicate is the same
 * function and topics on a cluster sharing a bootstrap server, with its own message (AWS's answers in
 * LocalStack's AWS-validated snapshot test_create_event_source_self_managed, 2024-09-03: kafka:1000 again,
 * and kafka:1000,kafka:2000 over kafka:1000, were refused; another topic on the same cluster was accepted).
 */
import { ApiError, INVALID_PARAMETER } from './errors.ts';
import { overlay, selfManagedServers, valuesAt } from '../spec/overlay/index.ts';
import type { Hooks } from './hooks.ts';
import type { Body } from './parse.ts';
import { seededStreams, type ReferenceResources } from './resources.ts';
import type { Mapping, MappingStore } from './store.ts';
import { recordedError } from './today.ts';

const UNRECOGNIZED_SOURCE = 'Unrecognized event source.';
const KAFKA = 'self-managed-kafka';

/** The seeded sources of a kind: ARNs, or bootstrap servers for self-managed Kafka. */
function seededOf(r: ReferenceResources, kind: string): string[] {
  const streams = seededStreams(r);
  if (streams[kind] !== undefined) return [streams[kind]];
  const sources = r.sources ?? {};
  const ids = kind === 'sqs' ? ['sqs', 'sqs-fifo'] : [kind];
  return ids.flatMap((id) => (sources[id] === undefined ? [] : [sources[id]]));
}

/** The bootstrap servers a self-managed Kafka request names. */
export const bootstrapServers = (body: Body): string[] => selfManagedServers(body);

/** The key a mapping's source is stored (and listed) under: its ARN, or `kafka://<servers>`. */
export function sourceKey(body: Body, kind: string | undefined): string {
  return kind === KAFKA ? `kafka://${bootstrapServers(body).join(',')}` : String(body.EventSourceArn);
}

function notFound(kind: string, arn: string): ApiError {
  if (kind === 'kinesis' || kind === 'dynamodb') return new ApiError(INVALID_PARAMETER, `Stream not found: ${arn}`);
  if (kind === 'sqs') {
    const e = recordedError('sqs-queue-not-found');
    return new ApiError(e.code, e.message);
  }
  return new ApiError(INVALID_PARAMETER, `Event source not found: ${arn}`);
}

/** Throws unless the request names a seeded source of its kind. */
export function lookupSource(body: Body, kind: string | undefined, r: ReferenceResources, hooks: Hooks): void {
  if (kind === undefined) throw new ApiError(INVALID_PARAMETER, UNRECOGNIZED_SOURCE);
  const seeded = seededOf(r, kind);
  if (kind === KAFKA) {
    const sent = bootstrapServers(body);
    if (!sent.some((s) => seeded.includes(s))) throw new ApiError(INVALID_PARAMETER, `Kafka bootstrap servers not found: ${sent.join(', ')}`);
    return;
  }
  const arn = String(body.EventSourceArn);
  if (!seeded.some((s) => hooks.sameStream(arn, s))) throw notFound(kind, arn);
}

/** The conflict of a second mapping of the same function on the same source (per kind's message). */
export function checkDuplicate(functionArn: string, body: Body, kind: string | undefined, ctx: { hooks: Hooks; store: MappingStore }): void {
  if (!ctx.hooks.duplicatesRejected) return;
  const existing = kind === KAFKA ? kafkaDuplicate(functionArn, body, ctx.store) : streamOrQueueDuplicate(functionArn, body, ctx);
  if (existing) throw duplicateError(kind, body, functionArn, existing.uuid);
}

function streamOrQueueDuplicate(functionArn: string, body: Body, ctx: { hooks: Hooks; store: MappingStore }): Mapping | undefined {
  const arn = String(body.EventSourceArn);
  return ctx.hooks.oneMappingPerSource ? ctx.store.list().find((m) => m.eventSourceArn === arn) : ctx.store.findDuplicate(functionArn, arn);
}

/** The same function and topics on a cluster that shares a bootstrap server with an existing mapping's (recorded). */
function kafkaDuplicate(functionArn: string, body: Body, store: MappingStore): Mapping | undefined {
  const servers = bootstrapServers(body);
  const topics = JSON.stringify(body.Topics ?? []);
  return store.list().find((m) => m.functionArn === functionArn && JSON.stringify(m.body.Topics ?? []) === topics
    && bootstrapServers(m.body).some((s) => servers.includes(s)));
}

/**
 * The kind's recorded duplicate error (overlay kinds.<kind>.duplicate; the stream's where a kind's is not
 * recorded), its template rendered: {sent.Path} as sent (a list as its items joined by commas), {UUID} the
 * existing mapping's, {FUNCTION_ARN} the function's ARN.
 */
function duplicateError(kind: string | undefined, body: Body, functionArn: string, uuid: string): ApiError {
  const e = recordedError((kind === undefined ? undefined : overlay.kinds[kind]?.duplicate) ?? 'duplicate-stream-mapping');
  const sent = (path: string): string => String(valuesAt(body, path)[0] ?? 'null');
  const message = (e.template ?? e.message).replace(/\{([A-Za-z_.]+)\}/g, (hole: string, name: string) =>
    name === 'UUID' ? uuid : name === 'FUNCTION_ARN' ? functionArn : name.startsWith('sent.') ? sent(name.slice('sent.'.length)) : hole);
  return new ApiError(e.code, message);
}
