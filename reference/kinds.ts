/**
 * The overlay's request rules per kind of event source (spec/overlay/overlay.json), checked after the model
 * validation and the missing-event-source check and before the function lookup (recorded for
 * StartingPosition and DestinationConfig.OnSuccess; inferred for the others, which are request checks too):
 * required members -> refused members -> members not for the kind -> per-kind limits -> filter patterns.
 * Where the overlay records an error, its code and message are answered; where AWS's answer is unrecorded
 * the overlay names the acceptable answers, and this server picks 400 InvalidParameterValueException.
 */
import { overlay, valuesAt, variantOf, type Condition, type Kind, type OverlayLimit } from '../spec/overlay/index.ts';
import { ApiError, INVALID_PARAMETER, validationMessage } from './errors.ts';
import type { Hooks } from './hooks.ts';
import type { Body } from './parse.ts';
import { kindById, recordedError } from './today.ts';
import { missingViolation } from './validate.ts';

/** Members that name the source itself: checked by the missing-event-source check, not here. */
const SOURCE_MEMBERS = new Set(['FunctionName', 'EventSourceArn', 'SelfManagedEventSource']);

/** Messages chosen where the overlay gives only acceptable answers (400 IPVE is among them). */
const CHOSEN: Record<string, string> = {
  'sqs-fifo.BatchSize.range': 'Batch size for a FIFO queue must be less than or equal to 10',
};

function recorded(id: string): ApiError {
  const e = recordedError(id);
  return new ApiError(e.code, e.message);
}

function holds(c: Condition, body: Body): boolean {
  const found = valuesAt(body, c.member);
  if (c.present !== undefined) return (found.length > 0) === c.present;
  if (found.length === 0) return false;
  const v = found[0];
  if (c.equals !== undefined) return v === c.equals;
  if (c.greaterThan !== undefined) return typeof v === 'number' && v > c.greaterThan;
  if (c.atLeast !== undefined) return typeof v === 'number' && v >= c.atLeast;
  return true;
}

function checkRequired(body: Body, kind: Kind, hooks: Hooks): void {
  for (const [member, use] of Object.entries(kind.members)) {
    if (use.use !== 'required' || SOURCE_MEMBERS.has(member) || valuesAt(body, member).length > 0) continue;
    if (member === 'StartingPosition' && !hooks.startingPositionRequired) continue;
    // Recorded for the streams' StartingPosition: the model-style message with a final '.', as IPVE.
    throw use.error !== undefined ? recorded(use.error) : new ApiError(INVALID_PARAMETER, `${validationMessage([missingViolation(member)])}.`);
  }
}

/** With AT_TIMESTAMP, the timestamp's use is the AT_TIMESTAMP rules' to decide (recorded for DynamoDB, after the function lookup). */
function decidedByAtTimestamp(member: string, body: Body): boolean {
  return member === 'StartingPositionTimestamp' && body.StartingPosition === 'AT_TIMESTAMP';
}

function checkUses(body: Body, kind: Kind): void {
  for (const [member, use] of Object.entries(kind.members)) {
    if (use.use === 'refused' && use.error !== undefined && valuesAt(body, member).length > 0) throw recorded(use.error);
  }
  for (const [member, use] of Object.entries(kind.members)) {
    if (use.use !== 'not-for-kind' || valuesAt(body, member).length === 0 || decidedByAtTimestamp(member, body)) continue;
    // Worded as AWS's recorded refusal of DestinationConfig.OnSuccess on SQS (which names the top-level member).
    throw new ApiError(INVALID_PARAMETER, `Unsupported ${member.split('.')[0]} parameter for given event source mapping type.`);
  }
}

/** The limits of the kind; a variant's own limits first (a FIFO queue's BatchSize before the batching window). */
function limitsOf(kindId: string, variant: string | undefined): OverlayLimit[] {
  // A limit whose answer is the model constraint's restates the model, which validate.ts (and its hooks) decide.
  const mine = overlay.limits.filter((l) => l.kinds.includes(kindId) && (l.variant === undefined || l.variant === variant)
    && l.accept !== 'model-constraint');
  return [...mine.filter((l) => l.variant !== undefined), ...mine.filter((l) => l.variant === undefined)];
}

function checkLimits(body: Body, kindId: string, kind: Kind): void {
  for (const limit of limitsOf(kindId, variantOf(kind, body))) {
    if (!holds(limit.when, body) || (limit.require !== undefined && holds(limit.require, body))) continue;
    if (limit.error !== undefined) throw recorded(limit.error);
    throw new ApiError(INVALID_PARAMETER, CHOSEN[limit.rule] ?? `Invalid ${limit.when.member} for this event source.`);
  }
}

/** A filter pattern: a JSON object whose every value is a non-empty array or, in turn, such an object. */
export function isFilterPattern(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { return false; }
  const valid = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0
    && Object.values(v).every((x) => (Array.isArray(x) ? x.length > 0 : valid(x)));
  return valid(parsed);
}

function checkFilters(body: Body): void {
  for (const rule of overlay.crossField.filter((c) => c.requireValidFilter && c.requireMember !== undefined)) {
    if (!holds(rule.when, body)) continue;
    if (valuesAt(body, rule.requireMember!).some((p) => !isFilterPattern(p))) throw recorded(rule.error!);
  }
}

/** The overlay's request rules of kind `kindId`, in the order of the comment at the top. */
export function checkKindRules(body: Body, kindId: string, hooks: Hooks): void {
  const kind = kindById(kindId);
  checkRequired(body, kind, hooks);
  checkUses(body, kind);
  checkLimits(body, kindId, kind);
  checkFilters(body);
}

/** AT_TIMESTAMP is allowed for the kind (overlay crossField `requireKind`). */
export function atTimestampAllowed(kindId: string): boolean {
  return overlay.crossField.every((c) => c.requireKind === undefined || c.when.equals !== 'AT_TIMESTAMP' || c.requireKind.includes(kindId));
}
