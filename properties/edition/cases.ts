/**
 * Cases of a model edition beyond the seed page's, from its shapes and the overlay (no code per member):
 * every shape case (properties/shapes) of a request member the seed does not have, put into a minimal
 * valid request of a kind of event source that takes the member; and the overlay's per-kind rules, limits
 * and cross-field rules. Placeholders name the target's resources ({{SOURCE_SQS}} ...), so a kind the
 * target has no resource for is not run there. Pure.
 */
import type { Edition } from '../../spec/editions/types.ts';
import { CREATE } from '../../spec/editions/types.ts';
import type { Overlay } from '../../spec/overlay/types.ts';
import { inDoubtfulRange, isEmptyValue, valuesAt } from '../../spec/overlay/index.ts';
import { ph, sourcePlaceholder } from '../bind.ts';
import { makeCase } from '../cases/make.ts';
import { embedCase, put, shapeCases, value, ABSENT } from '../shapes/index.ts';
import type { Case } from '../types.ts';
import { SEED_MEMBERS } from './rules.ts';
import { todayArgs } from './today.ts';

/** Kinds in the order a member's cases prefer them: the ones every target can have come first. */
const KIND_ORDER = ['kinesis', 'dynamodb', 'sqs', 'msk', 'self-managed-kafka', 'mq', 'documentdb'];

/** The event source of a kind, as placeholders: the stream ARNs, a kind's SOURCE_, or Kafka's bootstrap server. */
function sourceMembers(kind: string): Record<string, unknown> {
  if (kind === 'kinesis') return { EventSourceArn: ph('KINESIS_STREAM_ARN') };
  if (kind === 'dynamodb') return { EventSourceArn: ph('DYNAMODB_STREAM_ARN') };
  if (kind === 'self-managed-kafka') return { SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: [ph(sourcePlaceholder(kind))] } } };
  return { EventSourceArn: ph(sourcePlaceholder(kind)) };
}

/** The shape name of a member path of the request (`DestinationConfig.OnSuccess`). */
function shapeAt(edition: Edition, path: string[]): string | undefined {
  const input = edition.operations[CREATE]!.input;
  let shape = input;
  for (const part of path) {
    const s = edition.shapes[shape];
    if (s?.type !== 'structure' || !s.members[part]) return undefined;
    shape = s.members[part]!.shape;
  }
  return shape;
}

/** A value for a member path that a kind needs (its first starting position for StartingPosition). */
function neededValue(edition: Edition, o: Overlay, kind: string, member: string): unknown {
  if (member === 'StartingPosition') return o.kinds[kind]!.startingPositions.value.find((p) => p !== 'AT_TIMESTAMP') ?? 'LATEST';
  const shape = shapeAt(edition, member.split('.'));
  return shape === undefined ? undefined : value(edition, shape, 'minimal');
}

/**
 * The minimal valid request for a kind: the function, the source, and every member the kind requires (as a
 * recorded request sent it where the overlay gives that value, else the model's minimal value).
 */
export function kindBase(edition: Edition, o: Overlay, kind: string): Record<string, unknown> {
  const body: Record<string, unknown> = { FunctionName: ph('FUNCTION_NAME'), ...sourceMembers(kind) };
  for (const [member, use] of Object.entries(o.kinds[kind]!.members)) {
    if (use.use !== 'required' || member in body || member.includes('.')) continue;
    const v = use.value !== undefined ? structuredClone(use.value.value) : neededValue(edition, o, kind, member);
    if (v !== undefined) body[member] = v;
  }
  return body;
}

/** The first kind that takes a member (allowed or required), in KIND_ORDER. */
export function kindFor(o: Overlay, member: string): string | undefined {
  return KIND_ORDER.find((k) => ['allowed', 'required'].includes(o.kinds[k]?.members[member]?.use ?? ''));
}

/**
 * The kind a member path's cases go to: the first that takes the member and does not give this part of it
 * to other kinds (ProvisionedPollerConfig.PollerGroupName goes to MSK, as SQS does not take it); else the
 * member's kind (DestinationConfig.OnSuccess stays on Kinesis, where it may be refused).
 */
export function kindForPath(o: Overlay, path: string[]): string | undefined {
  const top = path[0]!;
  const own = (k: string) => !path.some((_, i) => i > 0 && ['not-for-kind', 'disputed', 'refused'].includes(o.kinds[k]?.members[path.slice(0, i + 1).join('.')]?.use ?? ''));
  return KIND_ORDER.find((k) => ['allowed', 'required'].includes(o.kinds[k]?.members[top]?.use ?? '') && own(k)) ?? kindFor(o, top);
}

/**
 * Member names that name a resource or an address by their meaning (an access configuration's URI, a
 * schema registry's SchemaRegistryURI, a destination, an ...Arn, endpoints), whatever value they hold: a
 * random string there names nothing the target has, and a careful server may refuse it as much as an ARN
 * of a missing resource.
 */
const NAMES_RESOURCE = /(URI|Uri|Arn|ARN|Destination|Endpoints?)$/;

/** A value that is one placeholder, whole (`{{SOURCE_SQS}}`): the target's own resource, which exists. */
const isTargetResource = (v: unknown): boolean => typeof v === 'string' && /^\{\{[A-Z_]+\}\}$/.test(v);

function holdsResourceMember(path: string[], leaf: unknown): boolean {
  const names = (member: string, v: unknown) => NAMES_RESOURCE.test(member) && !isTargetResource(v);
  if (path.length > 0 && names(path[path.length - 1]!, leaf)) return true;
  const walk = (v: unknown): boolean => Array.isArray(v) ? v.some(walk)
    : v !== null && typeof v === 'object' && Object.entries(v).some(([k, x]) => names(k, x) || walk(x));
  return walk(leaf);
}

/**
 * A valid value whose acceptance depends on more than the model: an ARN or URI names a resource that
 * may not exist on the target (by its text, or by the member that holds it), and a filter pattern must
 * also be a valid filter (overlay cross-field). AWS's answer to such a value is not known: accepted, or
 * refused with a parseable error, both pass.
 */
export function dependsOnTarget(o: Overlay, path: string[], leaf: unknown): boolean {
  if (o.crossField.some((c) => c.when.member.split('.')[0] === path[0] && c.requireValidFilter)) return true;
  // The value is the event source itself (a self-managed endpoint of its own): it names no resource of the target.
  if (Object.values(o.kinds).some((k) => 'selfManagedEndpoint' in k.recognise.value) && path[0] === 'SelfManagedEventSource') return true;
  if (holdsResourceMember(path, leaf)) return true;
  const text = JSON.stringify(leaf) ?? '';
  return /arn:|:\/\/|^"?[a-z0-9.-]+:\d+/i.test(text);
}

/**
 * A kind any valid request of which may be refused: its minimal request names a resource the target may
 * not have (self-managed Kafka's and MQ's secret), or AWS's answer to a create on it is not recorded at all
 * (overlay `createRecorded: false`: MSK, MQ, DocumentDB).
 */
function kindMayRefuseAny(o: Overlay, kind: string): boolean {
  const k = o.kinds[kind];
  if (k?.createRecorded?.value === false) return true;
  return Object.values(k?.members ?? {}).some((m) => m.use === 'required' && m.value !== undefined && /arn:/.test(JSON.stringify(m.value.value)));
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A model-valid value that a careful server may still refuse on its meaning: a list of copies of one element,
 * a structure that leaves out some of its members (the model marks none of them required, but the service
 * may need them: a schema registry without its URI, an access configuration without its URI, an empty
 * configuration; a member the kind's overlay gives other kinds does not count as left out), sends every
 * member empty (MetricsConfig {Metrics: []}, an empty configuration too), or has a minimum
 * above its maximum, a string that is empty, blank or holds control characters, or a free map key or value
 * beyond AWS's tagging rules. AWS's answer to such values is not recorded. `path`: the value's member path
 * (`ProvisionedPollerConfig`, `SourceAccessConfigurations.member`); `othersOnly`: a path the kind does not take.
 */
function doubtfulValue(edition: Edition, o: Overlay, shape: string, v: unknown, path: string, othersOnly: (path: string) => boolean): boolean {
  const s = edition.shapes[shape];
  // An empty name, or one of only blanks, or one with control characters (a queue named by a tab).
  if (typeof v === 'string' && (v.trim() === '' || /\p{Cc}/u.test(v))) return true;
  if (s?.type === 'list' && Array.isArray(v)) {
    if (v.length > 1 && v.every((x) => JSON.stringify(x) === JSON.stringify(v[0]))) return true;
    return v.some((x) => doubtfulValue(edition, o, s.member, x, `${path}.member`, othersOnly));
  }
  // A map whose keys the model leaves free (Tags): beyond AWS's tag restrictions (overlay tagRules).
  const tags = o.tagRules?.value;
  if (tags && s?.type === 'map' && isObject(v) && edition.shapes[s.key]?.type === 'string' && !('enum' in (edition.shapes[s.key] ?? {}))) {
    const chars = new RegExp(tags.characters, 'u');
    const plain = (x: unknown, max: number) => typeof x === 'string' && [...x].length <= max && chars.test(x);
    return Object.entries(v).some(([k, x]) => k === '' || k.toLowerCase().startsWith(tags.reservedKeyPrefix) || !plain(k, tags.keyMaxLength) || !plain(x, tags.valueMaxLength));
  }
  if (s?.type === 'structure' && isObject(v)) {
    if (Object.keys(s.members).some((k) => !(k in v) && !othersOnly(`${path}.${k}`))) return true;
    // Every member it sends empty (MetricsConfig {Metrics: []}): an empty configuration in effect.
    if (isEmptyValue(v)) return true;
    // A minimum above its maximum (MinimumPollers 55, MaximumPollers 19).
    for (const [k, x] of Object.entries(v)) {
      const max = k.startsWith('Minimum') ? v[`Maximum${k.slice('Minimum'.length)}`] : undefined;
      if (typeof x === 'number' && typeof max === 'number' && x > max) return true;
    }
    return Object.entries(v).some(([k, x]) => s.members[k] !== undefined && doubtfulValue(edition, o, s.members[k]!.shape, x, `${path}.${k}`, othersOnly));
  }
  return false;
}

/**
 * Whether a valid request of `kind` may be refused although the model allows it (AWS's answer unknown: a
 * refusal with a parseable error passes, with an INFO note): its value names a resource or needs more than
 * the model (dependsOnTarget); the kind's minimal request names a resource, or no create of the kind is recorded; the member path is one the
 * overlay gives other kinds (not-for-kind, disputed); the value is doubtful on its meaning; or it sends an
 * enum value that the model documents for other kinds only (overlay valueKinds), or a number the
 * documentation says the kind refuses (overlay doubtfulRanges).
 */
export function mayBeRefused(edition: Edition, o: Overlay, kind: string, body: Record<string, unknown>, path: string[], leaf: unknown): boolean {
  if (dependsOnTarget(o, path, leaf) || kindMayRefuseAny(o, kind)) return true;
  const members = o.kinds[kind]?.members ?? {};
  for (let i = 1; i <= path.length; i += 1) {
    const use = members[path.slice(0, i).join('.')]?.use;
    if (use === 'not-for-kind' || use === 'disputed') return true;
  }
  const top = path[0]!;
  // A part of the member that the overlay gives other kinds, sent inside the value (a random ProvisionedPollerConfig with a PollerGroupName).
  for (const [p, m] of Object.entries(members)) {
    if ((m.use === 'not-for-kind' || m.use === 'disputed') && p.startsWith(`${top}.`) && valuesAt(body, p).length > 0) return true;
  }
  const shape = shapeAt(edition, [top]);
  const othersOnly = (p: string) => ['not-for-kind', 'disputed'].includes(members[p]?.use ?? '');
  if (shape !== undefined && doubtfulValue(edition, o, shape, body[top], top, othersOnly)) return true;
  if (inDoubtfulRange(kind, body, o)) return true;
  return (o.valueKinds ?? []).some((vk) => !vk.kinds.includes(kind) && valuesAt(body, vk.member).some((v) => typeof v === 'string' && vk.values.includes(v)));
}

function shapeMemberCases(edition: Edition, o: Overlay, today: Edition | undefined): Case[] {
  const input = edition.operations[CREATE]!.input;
  const out: Case[] = [];
  const bases = new Map<string, Record<string, unknown>>();
  for (const c of shapeCases(edition, input).cases) {
    const top = c.path[0]!;
    if (SEED_MEMBERS.has(top)) continue;
    const kind = kindForPath(o, c.path);
    if (kind === undefined) continue;
    const base = bases.get(kind) ?? kindBase(edition, o, kind);
    bases.set(kind, base);
    if (!c.valid && c.label === 'missing' && c.path.length === 1) continue;
    const body = embedCase(edition, input, c, base);
    const title = `${kind}: ${c.path.join('.')} ${c.label}`;
    const args: Record<string, unknown> = { kind, label: c.label, member: c.path.join('.') };
    if (c.valid && mayBeRefused(edition, o, kind, body, c.path, c.leaf)) args.mayBeRefused = true;
    if (c.entails?.length) args.entailed = c.entails;
    Object.assign(args, todayArgs(edition, today, body, top, c.valid));
    out.push(makeCase(c.rule, c.valid, title, { body, source: 'boundary', args }));
  }
  return out;
}

function kindRuleCases(edition: Edition, o: Overlay): Case[] {
  const out: Case[] = [];
  for (const [kind, k] of Object.entries(o.kinds)) {
    const base = kindBase(edition, o, kind);
    for (const [member, use] of Object.entries(k.members)) {
      const id = `${kind}.${member}.${use.use}`;
      if (use.use === 'allowed' || use.use === 'disputed' || member === 'FunctionName' || (SEED_MEMBERS.has(member) && (kind === 'kinesis' || kind === 'dynamodb') && use.use === 'required')) continue;
      if (member === 'EventSourceArn' && use.use === 'required') continue;
      const path = member.split('.');
      if (use.use === 'required') {
        if (path.length > 1 || !(member in base)) continue;
        out.push(makeCase(id, false, `${kind}: ${member} missing`, { body: put(edition, edition.operations[CREATE]!.input, path, ABSENT, base) as Record<string, unknown>, args: { kind, member } }));
        continue;
      }
      const shape = shapeAt(edition, path);
      if (shape === undefined) continue;
      const leaf = use.value !== undefined ? structuredClone(use.value.value) : member === 'StartingPosition' ? 'LATEST' : value(edition, shape, 'minimal');
      const body = put(edition, edition.operations[CREATE]!.input, path, leaf, base) as Record<string, unknown>;
      out.push(makeCase(id, false, `${kind}: ${member} sent (${use.use})`, { body, args: { kind, member } }));
    }
  }
  return out;
}

/** The overlay's limits and cross-field rules that spec/rules.json does not have, each with its case. */
function limitCases(edition: Edition, o: Overlay): Case[] {
  const out: Case[] = [];
  for (const l of o.limits) {
    if (l.rule === 'BatchSize.kind-max') continue; // BatchSize.range's cases (the model's maximum) cover it
    const kind = l.variant ? `${l.kinds[0]}-${l.variant}` : l.kinds[0]!;
    const base = { ...kindBase(edition, o, l.kinds[0]!), ...(l.variant ? { EventSourceArn: ph(sourcePlaceholder(kind)) } : {}) };
    const over = (l.when.greaterThan ?? 0) + 1;
    out.push(makeCase(l.rule, false, `${kind}: ${l.when.member} ${over}${l.require ? ` without ${l.require.member}` : ''}`, { body: { ...base, [l.when.member]: over }, args: { kind } }));
    if (l.require) {
      const body = { ...base, [l.when.member]: over, [l.require.member]: l.require.atLeast };
      const may = kindMayRefuseAny(o, l.kinds[0]!) ? { mayBeRefused: true } : {};
      out.push(makeCase(l.rule, true, `${kind}: ${l.when.member} ${over} with ${l.require.member} ${l.require.atLeast}`, { body, args: { kind, ...may } }));
    }
  }
  for (const c of o.crossField.filter((x) => x.requireValidFilter)) {
    const base = kindBase(edition, o, 'kinesis');
    // The first three as aws-observed.md records them; the last two as AWS refused them in LocalStack's
    // AWS-validated snapshots (test_sqs_invalid_event_filter: a value that is not a list;
    // test_dynamodb_invalid_event_filter: JSON that does not parse), with the same recorded error.
    for (const pattern of ['null', 'simple string', '{"eventSource":[]}', '{"eventSource": "aws:sqs"}', '[{"eventName": ["INSERT"=123}]']) {
      out.push(makeCase(c.rule, false, `FilterCriteria pattern ${pattern}`, { body: { ...base, FilterCriteria: { Filters: [{ Pattern: pattern }] } }, args: { pattern } }));
    }
    out.push(makeCase(c.rule, true, 'FilterCriteria with a valid filter pattern', { body: { ...base, FilterCriteria: { Filters: [{ Pattern: '{"data":{"kind":["conformance"]}}' }] } } }));
    out.push(makeCase(c.rule, true, 'FilterCriteria with no filters', { body: { ...base, FilterCriteria: { Filters: [] } } }));
  }
  return out;
}

/**
 * Every valid request kind: a minimal valid request of each kind of event source, and of each variant of a
 * kind (an SQS FIFO queue: AWS accepted a create on one, with BatchSize 1 and Enabled false, in LocalStack's
 * AWS-validated snapshot test_fifo_message_group_parallelism, 2025-11-25; that it accepts the minimal
 * request, with the default BatchSize 10, the FIFO maximum, is inferred).
 */
function kindValidCases(edition: Edition, o: Overlay): Case[] {
  return Object.entries(o.kinds).filter(([k]) => k !== 'kinesis' && k !== 'dynamodb')
    .flatMap(([kind, k]) => {
      const body = kindBase(edition, o, kind);
      const may = Object.keys(body).some((m) => mayBeRefused(edition, o, kind, body, [m], body[m]));
      const args = { kind, ...(may ? { mayBeRefused: true } : {}) };
      const variants = Object.keys(k.variants ?? {}).map((v) => makeCase('EventSourceArn.kind', true, `${kind}-${v}: a minimal valid request`, {
        body: { ...body, EventSourceArn: ph(sourcePlaceholder(`${kind}-${v}`)) }, args,
      }));
      return [makeCase('EventSourceArn.kind', true, `${kind}: a minimal valid request`, { body, args }), ...variants];
    });
}

/**
 * The edition's cases beyond the seed plan (none for the seed edition). `today` is today's edition: for an
 * older edition, its cases also carry today's model's view of their member (properties/edition/today.ts).
 */
/**
 * A second mapping of the same function on the same source, for each kind whose answer to it is recorded
 * (overlay kinds.<kind>.duplicate) beyond the streams, which the seed page's cases cover: the case's own
 * minimal request sent twice. A kind whose minimal request may be refused (its source or secret may not
 * exist) leaves the case inconclusive when the first create is refused.
 */
function kindDuplicateCases(edition: Edition, o: Overlay): Case[] {
  return Object.entries(o.kinds).filter(([kind, k]) => k.duplicate !== undefined && kind !== 'kinesis' && kind !== 'dynamodb')
    .map(([kind]) => makeCase('error.ResourceConflict.duplicate', false, `${kind}: the same function and source mapped twice`, {
      body: kindBase(edition, o, kind), scenario: 'duplicate', state: { mappingExists: true }, args: { kind },
    }));
}

/** An SQS queue ARN of the target's region and account that names no queue: AWS's answer is recorded (aws-observed.md "Missing queue"). */
function missingQueueCases(edition: Edition, o: Overlay): Case[] {
  if (o.kinds.sqs === undefined) return [];
  return [makeCase('EventSourceArn.stream-exists', false, 'sqs: a well-formed queue ARN that names no queue', {
    body: { ...kindBase(edition, o, 'sqs'), EventSourceArn: ph('MISSING_SQS_ARN') }, state: { streamExists: false }, args: { kind: 'sqs' },
  })];
}

export function editionCases(edition: Edition, o: Overlay, today?: Edition): Case[] {
  if (edition.name === 'seed') return [];
  return [...kindValidCases(edition, o), ...kindDuplicateCases(edition, o), ...missingQueueCases(edition, o), ...shapeMemberCases(edition, o, today), ...kindRuleCases(edition, o), ...limitCases(edition, o)];
}

