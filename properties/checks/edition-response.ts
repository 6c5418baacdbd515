/**
 * Checks of a create answer that come from the run's model edition and the overlay rather than from the
 * seed page: every returned member the seed does not have against the edition's output shape
 * (`response.<path>.<constraint>`), and every sent member that AWS echoes echoed (`response.<Member>.echo`).
 * Pure; the shape checker of an edition is compiled once.
 */
import type { Edition } from '../../spec/editions/types.ts';
import { CREATE } from '../../spec/editions/types.ts';
import { isEmptyValue, kindOf, overlay } from '../../spec/overlay/index.ts';
import { isKnownRule } from '../../spec/index.ts';
import { SEED_MEMBERS, SEED_RESPONSE_MEMBERS } from '../edition/rules.ts';
import { shapeChecker, type ShapeViolation } from '../shapes/index.ts';
import type { Failure } from '../types.ts';
import { failure } from './failure.ts';
import { canonicalJson } from '../case-id.ts';
import { isObject } from './parse.ts';
import { isOlder, todayAllowsAnswer } from '../edition/today.ts';

const checkers = new WeakMap<Edition, (v: unknown) => ShapeViolation[]>();

function checkerOf(edition: Edition): (v: unknown) => ShapeViolation[] {
  let c = checkers.get(edition);
  if (!c) {
    c = shapeChecker(edition, edition.operations[CREATE]!.output);
    checkers.set(edition, c);
  }
  return c;
}

/**
 * How an echoed value compares with the sent one: `same` (equal; the order of an object's members carries no
 * meaning in JSON, and AWS's serializer writes members in its shape's order, not as sent), `reformatted`
 * (a string holding JSON, such as a filter's Pattern, echoed as the same JSON written another way, or a list's
 * items in another order), or `other`.
 * AWS's recorded echo of a Pattern keeps the sent value and its key order (LocalStack's AWS-validated
 * snapshots, which parse the pattern before storing it, so whitespace is not recorded): a reformatted echo is
 * the same filter, and worth an INFO note, never a fail.
 */
export function compareEcho(sent: unknown, got: unknown): 'same' | 'reformatted' | 'other' {
  if (typeof sent === 'string' && typeof got === 'string') {
    if (sent === got) return 'same';
    const [a, b] = [parsedJson(sent), parsedJson(got)];
    return a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b) ? 'reformatted' : 'other';
  }
  if (Array.isArray(sent) || Array.isArray(got)) {
    if (!Array.isArray(sent) || !Array.isArray(got) || sent.length !== got.length) return 'other';
    const inOrder = worstEcho(sent.map((v, i) => compareEcho(v, got[i])));
    if (inOrder !== 'other') return inOrder;
    // The same items in another order (two filters): whether AWS keeps a list's order is not recorded.
    const items = (a: unknown[]) => a.map((v) => canonicalJson(jsonStringsParsed(v))).sort().join('\n');
    return items(sent) === items(got) ? 'reformatted' : 'other';
  }
  if (isObject(sent) && isObject(got)) {
    const keys = new Set([...Object.keys(sent), ...Object.keys(got)]);
    return worstEcho([...keys].map((k) => (k in sent && k in got ? compareEcho(sent[k], got[k]) : 'other')));
  }
  return Object.is(sent, got) ? 'same' : 'other';
}

function worstEcho(parts: Array<'same' | 'reformatted' | 'other'>): 'same' | 'reformatted' | 'other' {
  return parts.includes('other') ? 'other' : parts.includes('reformatted') ? 'reformatted' : 'same';
}

/** The value with every string that holds JSON replaced by that JSON's value (items compared as the filters they are). */
function jsonStringsParsed(v: unknown): unknown {
  if (typeof v === 'string') return parsedJson(v) ?? v;
  if (Array.isArray(v)) return v.map(jsonStringsParsed);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonStringsParsed(x)]));
  return v;
}

/** A string's JSON value when it holds a JSON object or array, else undefined. */
function parsedJson(s: string): unknown {
  if (!/^\s*[[{]/.test(s)) return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

/** Returned members of the edition's output that the seed page does not have, checked against their shapes. */
function shapeFailures(edition: Edition, body: Record<string, unknown>, today: Edition | undefined): Failure[] {
  const newer = Object.fromEntries(Object.entries(body).filter(([k]) => !SEED_RESPONSE_MEMBERS.has(k)));
  // Against an older edition, a value today's output shape allows is AWS answering by today's model.
  const older = isOlder(edition, today);
  return checkerOf(edition)(newer).filter((v) => isKnownRule(`response.${v.rule}`) && !(older && todayAllowsAnswer(today!, newer, v.pointer))).map((v) =>
    failure(`response.${v.rule}`, 'member-shape', v.pointer, { got: pointerValue(newer, v.pointer) ?? null }));
}

function pointerValue(body: unknown, pointer: string): unknown {
  let at: unknown = body;
  for (const part of pointer.split('/').filter(Boolean)) at = (at as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return at;
}

/** Members AWS echoes when sent (overlay echo facts), beyond the seed's (checked by response.ts). */
function echoFailures(sent: Record<string, unknown>, body: Record<string, unknown>): Failure[] {
  const out: Failure[] = [];
  for (const e of overlay.echo) {
    if (e.echoed === false) continue;
    for (const m of e.members) {
      if (SEED_MEMBERS.has(m) || sent[m] === undefined || !isKnownRule(`response.${m}.echo`)) continue;
      if (e.echoed === 'when-non-empty' && isEmptyValue(sent[m])) continue;
      if (e.echoed === 'destinations') {
        if (!sameDestinations(m, sent, body)) out.push(failure(`response.${m}.echo`, 'destination-not-echoed', `/${m}`, { sent: sent[m], got: body[m] ?? null, held: destinations(sent[m]) }));
        continue;
      }
      const echo = compareEcho(sent[m], body[m]);
      if (echo === 'other') out.push(failure(`response.${m}.echo`, 'member-not-echoed', `/${m}`, { sent: sent[m], got: body[m] ?? null }));
      else if (echo === 'reformatted') out.push(failure(`response.${m}.echo`, 'echo-reformatted', `/${m}`, { sent: sent[m], got: body[m] }, 'info'));
    }
  }
  return out;
}

/**
 * The non-empty destinations of a DestinationConfig ({OnFailure: arn, ...}): what AWS's canonical answer keeps
 * of what was sent (an empty config, an empty Destination, an empty OnSuccess may come back as
 * {"OnFailure":{}} or as sent: AWS's answer is recorded only for no config and for real destinations).
 */
function destinations(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, part] of Object.entries(v)) {
    const d = (part as { Destination?: unknown } | null)?.Destination;
    if (typeof d === 'string' && d !== '') out[k] = d;
  }
  return out;
}

/**
 * The answer keeps the sent destinations, and adds none. A part the kind's overlay gives other kinds
 * (OnSuccess on a stream: not-for-kind, AWS may accept and ignore it) may be left out, but not changed.
 */
function sameDestinations(m: string, sent: Record<string, unknown>, body: Record<string, unknown>): boolean {
  const want = destinations(sent[m]);
  const got = destinations(body[m]);
  const kind = kindOf(sent);
  const members = kind === undefined ? {} : overlay.kinds[kind]?.members ?? {};
  const optional = (part: string) => ['not-for-kind', 'disputed'].includes(members[`${m}.${part}`]?.use ?? '');
  for (const part of new Set([...Object.keys(want), ...Object.keys(got)])) {
    if (got[part] === want[part]) continue;
    if (got[part] === undefined && optional(part)) continue;
    return false;
  }
  return true;
}

/** `today`: today's edition; with an older `edition`, the aws profile also takes what today's output shape allows. */
export function editionSuccessFailures(edition: Edition | undefined, sent: Record<string, unknown>, body: Record<string, unknown>, today?: Edition): Failure[] {
  if (!edition || edition.name === 'seed') return [];
  return [...shapeFailures(edition, body, today), ...echoFailures(sent, body)];
}

/**
 * Seed response members that a kind of event source does not return (overlay kinds.<kind>.response.absent,
 * and EventSourceArn for a self-managed source, which has none): their absence is no failure.
 */
export function absentForKind(kind: string | undefined): ReadonlySet<string> {
  const k = kind === undefined ? undefined : overlay.kinds[kind];
  if (!k) return new Set();
  const absent = new Set(k.response?.absent?.value ?? []);
  if ('selfManagedEndpoint' in k.recognise.value) absent.add('EventSourceArn');
  return absent;
}
