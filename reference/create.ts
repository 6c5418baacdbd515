/**
 * CreateEventSourceMapping of today's operation (the `aws` edition and the overlay), checked in the order
 * AWS was observed to check (aws-observed.md): body -> model validation -> missing event source -> the
 * kind's request rules (kinds.ts; StartingPosition required among them) -> function lookup -> AT_TIMESTAMP
 * rules -> source lookup -> duplicate -> 202 with the new mapping (respond.ts).
 */
import { kindOf } from '../spec/overlay/index.ts';
import { ApiError, INVALID_PARAMETER } from './errors.ts';
import { awsConstraints, type Hooks } from './hooks.ts';
import { atTimestampAllowed, checkKindRules } from './kinds.ts';
import { CREATE_MEMBERS, parseBody, type Body } from './parse.ts';
import { mappingBody } from './respond.ts';
import { qualifiedArn, resolveFunction, type ReferenceResources, type ResolvedFunction } from './resources.ts';
import { checkDuplicate, lookupSource, sourceKey } from './sources.ts';
import type { MappingStore } from './store.ts';
import { memberPasses, validateModel } from './validate.ts';
import type { Latency } from './latency.ts';
import { model } from '../spec/index.ts';

export interface Context {
  resources: ReferenceResources;
  hooks: Hooks;
  store: MappingStore;
  /** `--latency aws`: states that take time, and a request rate. */
  latency?: Latency;
  /** Sees every request it answered (the benchmark's same-requests baseline records them). */
  onRequest?: (r: ReceivedRequest) => void;
}

/** A request the reference answered: its answer's status, and the UUID the answer named. */
export interface ReceivedRequest { method: string; path: string; headers: Record<string, string>; body: string; status: number; uuid?: string }

export interface Answer {
  status: number;
  body: unknown;
}

const UNRECOGNIZED_SOURCE = 'Unrecognized event source.';

/** The kind of event source the request names (overlay kindOf), or the missing-event-source answer. */
function checkEventSource(values: Body, hooks: Hooks): string | undefined {
  const kind = kindOf(values);
  if (values.EventSourceArn === undefined && kind === undefined) {
    throw hooks.missingMember('EventSourceArn') ?? new ApiError(INVALID_PARAMETER, UNRECOGNIZED_SOURCE);
  }
  if (kind !== undefined) checkKindRules(values, kind, hooks);
  return kind;
}

/** The FunctionName resolved among the seeded function's spellings, or the missing-function error. */
export function lookupFunction(name: string, ctx: Context): ResolvedFunction {
  const pattern = ctx.hooks.constraints(awsConstraints()).FunctionName?.pattern;
  const matched = pattern === undefined ? name : ctx.hooks.patternMatch('FunctionName', pattern, name) ?? name;
  const fn = resolveFunction(ctx.resources, ctx.hooks.functionLookupName(matched));
  if (!fn) throw ctx.hooks.missingFunction(name);
  return fn;
}

/** AT_TIMESTAMP only on the kinds the overlay allows it for, and only with a timestamp. */
function checkStartingPosition(values: Body, kind: string | undefined, hooks: Hooks): void {
  if (kind === undefined || values.StartingPosition !== 'AT_TIMESTAMP') return;
  if (hooks.atTimestampSourceChecked && !atTimestampAllowed(kind)) {
    throw new ApiError(INVALID_PARAMETER, `Unsupported starting position for arn type: ${String(values.EventSourceArn)}`);
  }
  if (hooks.timestampRequired && values.StartingPositionTimestamp === undefined) {
    throw new ApiError(INVALID_PARAMETER, 'Need to specify a timestamp');
  }
}

/**
 * A deviation's check order: the missing event source, the lookups of a FunctionName and an
 * EventSourceArn that pass the model, and the duplicate check, all before the other members are validated.
 */
function lookupsFirst(values: Body, ctx: Context): void {
  if (values.EventSourceArn === undefined && kindOf(values) === undefined) throw new ApiError(INVALID_PARAMETER, UNRECOGNIZED_SOURCE);
  const { FunctionName: name, EventSourceArn: arn } = values;
  const fn = typeof name === 'string' && memberPasses('FunctionName', name, ctx.hooks) ? lookupFunction(name, ctx) : undefined;
  if (typeof arn !== 'string' || !memberPasses('EventSourceArn', arn, ctx.hooks)) return;
  const kind = kindOf(values);
  lookupSource(values, kind, ctx.resources, ctx.hooks);
  if (fn && typeof name === 'string') checkDuplicate(qualifiedArn(fn), values, kind, ctx);
}

/** The function and event-source checks, in AWS's order unless a deviation reorders them. */
function lookups(values: Body, ctx: Context): { fn: ResolvedFunction; kind: string | undefined } {
  const name = String(values.FunctionName);
  if (ctx.hooks.functionBeforeEventSource) lookupFunction(name, ctx);
  if (ctx.hooks.sourceBeforeFunction && values.EventSourceArn !== undefined) lookupSource(values, kindOf(values), ctx.resources, ctx.hooks);
  const kind = checkEventSource(values, ctx.hooks);
  const fn = lookupFunction(name, ctx);
  checkStartingPosition(values, kind, ctx.hooks);
  lookupSource(values, kind, ctx.resources, ctx.hooks);
  return { fn, kind };
}

export function createMapping(raw: string, ctx: Context): Answer {
  const parsed = parseBody(raw, ctx.hooks, CREATE_MEMBERS);
  if (ctx.hooks.lookupsBeforeValidation) lookupsFirst(parsed, ctx);
  const values = validateModel(parsed, ctx.hooks);
  const { fn, kind } = lookups(values, ctx);
  checkDuplicate(qualifiedArn(fn), values, kind, ctx);
  const body = mappingBody({ values, kind: kind!, fn, resources: ctx.resources, hooks: ctx.hooks });
  ctx.store.add({ uuid: String(body.UUID), functionArn: qualifiedArn(fn), eventSourceArn: sourceKey(values, kind), body });
  ctx.latency?.created(String(body.UUID), body.State === 'Disabled' ? 'Disabled' : 'Enabled');
  return { status: ctx.hooks.createStatus(model.operation.successStatus), body: ctx.hooks.shapeResponse(body, 'create') };
}
