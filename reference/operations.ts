/** Get, List, Update and Delete of event-source mappings: enough to read back and clean up what Create made. */
import { ApiError, CONFLICT, NOT_FOUND } from './errors.ts';
import { lookupFunction, type Answer, type Context } from './create.ts';
import { parseBody } from './parse.ts';
import { qualifiedArn, resolveFunction } from './resources.ts';
import { epochSeconds, type Mapping } from './store.ts';
import { validateModel } from './validate.ts';

/** Response codes of Get/List and Update/Delete in the botocore model (lambda/2015-03-31/service-2.json). */
const READ_STATUS = 200;
const ACCEPTED = 202;
const UPDATE_MEMBERS = ['BatchSize', 'Enabled', 'FunctionName'];

function found(uuid: string, ctx: Context): Mapping {
  const m = ctx.store.get(uuid);
  if (!m) throw new ApiError(NOT_FOUND, 'The resource you requested does not exist.');
  return m;
}

/** With latency: every mapping's State as of now, and the mappings whose deletion has finished removed. */
export function advanceStates(ctx: Context): void {
  const latency = ctx.latency;
  if (!latency) return;
  for (const m of ctx.store.list()) {
    const state = latency.state(m.uuid);
    if (state === 'gone') {
      ctx.store.delete(m.uuid);
      latency.forget(m.uuid);
    } else if (state !== undefined) m.body.State = state;
  }
}

export function getMapping(uuid: string, ctx: Context): Answer {
  return { status: READ_STATUS, body: ctx.hooks.shapeResponse(found(uuid, ctx).body, 'read') };
}

/** ?FunctionName= (any spelling Create accepts, qualifier included) and ?EventSourceArn= filters. */
export function listMappings(query: URLSearchParams, ctx: Context): Answer {
  const name = query.get('FunctionName');
  const arn = query.get('EventSourceArn');
  const fn = name === null ? undefined : resolveFunction(ctx.resources, name);
  const functionArn = fn === undefined ? undefined : qualifiedArn(fn);
  const mappings = ctx.store.list().filter((m) =>
    (name === null || m.functionArn === functionArn) && (arn === null || m.eventSourceArn === arn));
  return { status: READ_STATUS, body: { EventSourceMappings: mappings.map((m) => ctx.hooks.shapeResponse(m.body, 'read')) } };
}

function updatedState(enabled: unknown): string {
  if (enabled === true) return 'Enabling';
  if (enabled === false) return 'Disabling';
  return 'Updating';
}

/** BatchSize, Enabled and FunctionName, validated as Create validates them. */
export function updateMapping(uuid: string, raw: string, ctx: Context): Answer {
  const m = found(uuid, ctx);
  const values = validateModel(parseBody(raw, ctx.hooks, UPDATE_MEMBERS), ctx.hooks, []);
  if (typeof values.FunctionName === 'string') {
    const fn = lookupFunction(values.FunctionName, ctx);
    const clash = ctx.hooks.duplicatesRejected ? ctx.store.findDuplicate(qualifiedArn(fn), m.eventSourceArn, uuid) : undefined;
    if (clash) throw new ApiError(CONFLICT, `The function ${values.FunctionName} already has a mapping on ${m.eventSourceArn}: UUID ${clash.uuid}`);
    m.functionArn = qualifiedArn(fn);
    m.body.FunctionArn = ctx.hooks.functionArn(fn);
  }
  if (values.BatchSize !== undefined) m.body.BatchSize = values.BatchSize;
  m.body.State = updatedState(values.Enabled);
  m.body.LastModified = epochSeconds();
  return { status: ACCEPTED, body: ctx.hooks.shapeResponse(m.body, 'read') };
}

export function deleteMapping(uuid: string, ctx: Context): Answer {
  const m = found(uuid, ctx);
  if (ctx.latency) {
    ctx.latency.deleting(uuid); // refuses while Creating; the mapping stays, Deleting, until its time is up
    m.body.State = 'Deleting';
    return { status: ACCEPTED, body: ctx.hooks.shapeResponse(m.body, 'read') };
  }
  ctx.store.delete(uuid);
  return { status: ACCEPTED, body: ctx.hooks.shapeResponse({ ...m.body, State: 'Deleting' }, 'read') };
}
