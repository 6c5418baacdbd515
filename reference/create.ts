/**
 * CreateEventSourceMapping, checked in the order AWS was observed to check (aws-observed.md):
 * body -> model validation -> missing event source -> StartingPosition required -> function lookup ->
 * AT_TIMESTAMP rules -> stream lookup -> duplicate -> 202 with the new mapping.
 */
import { awsModel, eventSourceKind, model } from '../spec/index.ts';
import { ApiError, CONFLICT, INVALID_PARAMETER, validationMessage } from './errors.ts';
import { awsConstraints, type Hooks } from './hooks.ts';
import { CREATE_MEMBERS, parseBody, type Body } from './parse.ts';
import { qualifiedArn, resolveFunction, seededStreams, type ReferenceResources, type ResolvedFunction } from './resources.ts';
import { epochSeconds, type MappingStore } from './store.ts';
import { memberPasses, missingViolation, validateModel } from './validate.ts';
import type { Latency } from './latency.ts';

export interface Context {
  resources: ReferenceResources;
  hooks: Hooks;
  store: MappingStore;
  /** `--latency aws`: states that take time, and a request rate. */
  latency?: Latency;
}

export interface Answer {
  status: number;
  body: unknown;
}

const UNRECOGNIZED_SOURCE = 'Unrecognized event source.';

/** The event-source kind of the request; refuses a missing source and a stream without StartingPosition. */
function checkEventSource(values: Body, hooks: Hooks): string | undefined {
  if (values.EventSourceArn === undefined) throw hooks.missingMember('EventSourceArn') ?? new ApiError(INVALID_PARAMETER, UNRECOGNIZED_SOURCE);
  const kind = eventSourceKind(values.EventSourceArn);
  if (kind !== undefined && hooks.startingPositionRequired && values.StartingPosition === undefined) {
    // Recorded: the model-style message, with a final '.', under InvalidParameterValueException.
    throw new ApiError(INVALID_PARAMETER, `${validationMessage([missingViolation('StartingPosition')])}.`);
  }
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

/** model.request.crossField: AT_TIMESTAMP only on the source the model names, and only with a timestamp. */
function checkStartingPosition(values: Body, kind: string | undefined, hooks: Hooks): void {
  if (kind === undefined) return;
  const applies = model.request.crossField.filter((c) => values[c.when.member] === c.when.equals);
  for (const c of applies) {
    if (c.requireEventSource !== undefined && hooks.atTimestampSourceChecked && kind !== c.requireEventSource) {
      throw new ApiError(INVALID_PARAMETER, `Unsupported starting position for arn type: ${String(values.EventSourceArn)}`);
    }
  }
  for (const c of applies) {
    if (c.requireMember !== undefined && hooks.timestampRequired && values[c.requireMember] === undefined) {
      throw new ApiError(INVALID_PARAMETER, 'Need to specify a timestamp');
    }
  }
}

function lookupStream(arn: string, kind: string | undefined, ctx: Context): void {
  if (kind === undefined) throw new ApiError(INVALID_PARAMETER, UNRECOGNIZED_SOURCE);
  const seeded = seededStreams(ctx.resources)[kind];
  if (seeded === undefined || !ctx.hooks.sameStream(arn, seeded)) throw new ApiError(INVALID_PARAMETER, `Stream not found: ${arn}`);
}

function checkDuplicate(functionArn: string, arn: string, name: string, ctx: Context): void {
  const existing = !ctx.hooks.duplicatesRejected ? undefined
    : ctx.hooks.oneMappingPerSource ? ctx.store.list().find((m) => m.eventSourceArn === arn) : ctx.store.findDuplicate(functionArn, arn);
  if (!existing) return;
  throw new ApiError(CONFLICT, `The event source arn (" ${arn} ") and function (" ${name} ") provided mapping already exists. `
    + `Please update or delete the existing mapping with UUID ${existing.uuid}`);
}

function mappingBody(values: Body, fn: ResolvedFunction, ctx: Context): Record<string, unknown> {
  const { region, account } = ctx.resources;
  const uuid = ctx.hooks.newUuid();
  const body: Record<string, unknown> = {
    ...structuredClone(awsModel.createResponseDefaults),
    UUID: uuid,
    BatchSize: values.BatchSize ?? ctx.hooks.defaultBatchSize(Number(model.request.members.BatchSize?.default)),
    EventSourceArn: values.EventSourceArn,
    FunctionArn: ctx.hooks.functionArn(fn),
    LastModified: epochSeconds(),
    EventSourceMappingArn: `arn:aws:lambda:${region}:${account}:event-source-mapping:${uuid}`,
  };
  if (values.Enabled === false) body.State = 'Disabled';
  if (values.StartingPosition !== undefined) body.StartingPosition = values.StartingPosition;
  if (values.StartingPositionTimestamp !== undefined) body.StartingPositionTimestamp = values.StartingPositionTimestamp;
  return body;
}

/**
 * A deviation's check order: the missing event source, the lookups of a FunctionName and an
 * EventSourceArn that pass the model, and the duplicate check, all before the other members are validated.
 */
function lookupsFirst(values: Body, ctx: Context): void {
  if (values.EventSourceArn === undefined) throw new ApiError(INVALID_PARAMETER, UNRECOGNIZED_SOURCE);
  const { FunctionName: name, EventSourceArn: arn } = values;
  const fn = typeof name === 'string' && memberPasses('FunctionName', name, ctx.hooks) ? lookupFunction(name, ctx) : undefined;
  if (typeof arn !== 'string' || !memberPasses('EventSourceArn', arn, ctx.hooks)) return;
  lookupStream(arn, eventSourceKind(arn), ctx);
  if (fn && typeof name === 'string') checkDuplicate(qualifiedArn(fn), arn, name, ctx);
}

/** The function and event-source checks, in AWS's order unless a deviation reorders them. */
function lookups(values: Body, ctx: Context): { fn: ResolvedFunction; kind: string | undefined } {
  const name = String(values.FunctionName);
  const arn = String(values.EventSourceArn);
  if (ctx.hooks.functionBeforeEventSource) lookupFunction(name, ctx);
  if (ctx.hooks.sourceBeforeFunction && values.EventSourceArn !== undefined) lookupStream(arn, eventSourceKind(values.EventSourceArn), ctx);
  const kind = checkEventSource(values, ctx.hooks);
  const fn = lookupFunction(name, ctx);
  checkStartingPosition(values, kind, ctx.hooks);
  lookupStream(arn, kind, ctx);
  return { fn, kind };
}

export function createMapping(raw: string, ctx: Context): Answer {
  const parsed = parseBody(raw, ctx.hooks, CREATE_MEMBERS);
  if (ctx.hooks.lookupsBeforeValidation) lookupsFirst(parsed, ctx);
  const values = validateModel(parsed, ctx.hooks);
  const { fn } = lookups(values, ctx);
  const name = String(values.FunctionName);
  const arn = String(values.EventSourceArn);
  checkDuplicate(qualifiedArn(fn), arn, name, ctx);
  const body = mappingBody(values, fn, ctx);
  ctx.store.add({ uuid: String(body.UUID), functionArn: qualifiedArn(fn), eventSourceArn: arn, body });
  ctx.latency?.created(String(body.UUID), body.State === 'Disabled' ? 'Disabled' : 'Enabled');
  return { status: ctx.hooks.createStatus(model.operation.successStatus), body: ctx.hooks.shapeResponse(body, 'create') };
}
