/** Executes one case against the target: bind, send raw, read back, judge, clean up, and (valid cases) the SDK pass. */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { model, type ProfileName } from '../spec/index.ts';
import type { Edition } from '../spec/editions/types.ts';
import { bindValue } from '../properties/bind.ts';
import { judge } from '../properties/checks/judge.ts';
import { failure, worst } from '../properties/checks/failure.ts';
import { acceptanceRule } from '../properties/checks/judge.ts';
import type { Case, Exchange, Failure, Judgement, ObservedAnswer, Resources } from '../properties/types.ts';
import type { RawResult } from './transport/index.ts';
import type { MappingTracker } from './cleanup.ts';
import { conflictUuid, sdkCreate, type SdkOutcome } from './sdk-check.ts';
import { createdUuid, mappingPath, type Wire } from './wire.ts';
import { isDeepStrictEqual } from 'node:util';
import type { Gate } from './transport/index.ts';
import { sdkCombinedCreate } from './sdk-combined.ts';

export interface Executed {
  /** `sdk`: the SDK sent the case and its exact exchange was captured (engine/sdk-combined.ts). */
  transport?: 'sdk';
  judgement: Judgement;
  raw: RawResult;
  bound: Case['request'];
  sdk?: SdkOutcome;
  attempts: number;
  durationMs: number;
}

export interface ExecContext {
  wire: Wire;
  /** The wire of lane work (served first by the gate); absent: `wire`. */
  laneWire?: Wire;
  tracker: MappingTracker;
  resources: Resources;
  profile: ProfileName;
  sdk?: LambdaClient;
  /** Valid cases are created once, through the SDK, with the exchange captured (slow targets). */
  sdkCombined?: boolean;
  gate?: Gate;
  edition?: Edition;
}

const answerOf = (r: RawResult & { kind: 'response' }): ObservedAnswer => ({ status: r.status, headers: r.headers, body: r.body });

function bindRequest(c: Case, r: Resources): Case['request'] {
  const bound: Case['request'] = { path: c.request.path };
  if (c.request.body !== undefined) bound.body = bindValue(c.request.body, r);
  if (c.request.raw !== undefined) bound.raw = c.request.raw;
  return bound;
}

/** No answer at all (timeout, network, aborted): nothing to judge. */
function noAnswer(): Judgement {
  return { verdict: 'inconclusive', failures: [] };
}

/** A create that was retried (timeout or 5xx) may have succeeded the first time: a 409 then proves nothing. */
function retriedIntoConflict(c: Case, raw: RawResult & { kind: 'response' }): boolean {
  return c.scenario === 'create' && raw.attempts > 1 && raw.status === 409;
}

/**
 * Sets up the duplicate and shared-source scenarios: a mapping created first (`args.precreate`, or the
 * case's own body for a duplicate). Undefined when it could not be.
 */
async function precreate(ctx: ExecContext, c: Case, bound: Case['request']): Promise<string | undefined> {
  const body = c.args.precreate !== undefined ? bindValue(c.args.precreate, ctx.resources) : bound.body;
  const first = await ctx.wire.send('POST', bound.path, JSON.stringify(body));
  const uuid = createdUuid(first);
  if (uuid) ctx.tracker.add(uuid);
  return uuid;
}

async function sdkPass(ctx: ExecContext, c: Case, bound: Case['request'], j: Judgement): Promise<SdkOutcome | undefined> {
  if (!ctx.sdk || !c.valid || j.verdict === 'inconclusive' || !bound.body) return undefined;
  const sdk = ctx.sdk;
  const outcome = await sdkCreate(sdk, bound.body, (u) => ctx.tracker.add(u));
  // Deleted through the tracker: it retries while the target is still settling the mapping (Creating) and
  // waits until it is gone, so that the lane's next case can map the same pair again.
  if (outcome.uuid) await ctx.tracker.delete(outcome.uuid, true);
  return outcome;
}

/** The raw request was accepted; the same request through the SDK was rejected or its answer not parsed. */
function sdkFailures(c: Case, j: Judgement, sdk: SdkOutcome | undefined): Failure[] {
  if (!sdk || sdk.ok || sdk.transient || j.verdict === 'fail') return [];
  return [failure(acceptanceRule(c), 'sdk-rejected-or-unparsed', '', { detail: sdk.detail ?? '' })];
}

/** Adds the SDK pass to the judgement: its failures, or `inconclusive` when it could not be judged. */
function withSdk(j: Judgement, c: Case, sdk: SdkOutcome | undefined): Judgement {
  const extra = sdkFailures(c, j, sdk);
  if (extra.length) return { ...j, verdict: worst([j.verdict, ...extra.map((f) => f.verdict)]), failures: [...j.failures, ...extra] };
  if (sdk?.transient && j.verdict === 'pass') return { ...j, verdict: 'inconclusive' };
  return j;
}

/** Only a valid create with a JSON body on one of the operation's paths can be sent by the SDK as is. */
const SDK_PATHS: readonly string[] = model.operation.paths;

/**
 * The combined pass: the SDK creates the mapping, its captured exchange is judged. Undefined when the SDK
 * sent other bytes than the case's (it reshaped the request): the case then goes the raw way.
 */
async function combinedCase(ctx: ExecContext, c: Case, bound: Case['request'], started: number): Promise<Executed | undefined> {
  const r = await sdkCombinedCreate(ctx.sdk!, bound.path, bound.body!, ctx.gate, (u) => ctx.tracker.add(u));
  const done = (judgement: Judgement): Executed => ({ transport: 'sdk', judgement, raw: r.raw, bound, sdk: r.sdk, attempts: r.raw.attempts, durationMs: performance.now() - started });
  if (r.sentBody !== undefined && !isDeepStrictEqual(r.sentBody, bound.body)) {
    if (r.sdk.uuid) await ctx.tracker.delete(r.sdk.uuid, true);
    return undefined;
  }
  if (r.raw.kind !== 'response') {
    if (r.sdk.uuid) await ctx.tracker.delete(r.sdk.uuid, true);
    return done(noAnswer());
  }
  const exchange: Exchange = { answer: answerOf(r.raw), sent: bound.body! };
  const created = createdUuid(r.raw);
  if (created) {
    const rb = await ctx.wire.send('GET', mappingPath(created));
    if (rb.kind === 'response') exchange.readback = answerOf(rb);
  }
  const judgement = retriedIntoConflict(c, r.raw) ? noAnswer() : judge(c, exchange, ctx.profile, ctx.edition);
  for (const uuid of new Set([created, r.sdk.uuid])) if (uuid) await ctx.tracker.delete(uuid, true);
  return done(withSdk(judgement, c, r.sdk));
}

export async function executeCase(ctx: ExecContext, c: Case): Promise<Executed> {
  const started = performance.now();
  const bound = bindRequest(c, ctx.resources);
  if (ctx.sdk && ctx.sdkCombined && c.valid && c.scenario === 'create' && bound.body && bound.raw === undefined && SDK_PATHS.includes(bound.path)) {
    const done = await combinedCase(ctx, c, bound, started);
    if (done) return done;
  }
  const staged = c.scenario === 'duplicate' || c.scenario === 'shared-source';
  const pre = staged ? await precreate(ctx, c, bound) : undefined;
  const body = bound.raw ?? JSON.stringify(bound.body);
  const raw = await ctx.wire.send('POST', bound.path, body);
  if (raw.kind !== 'response') {
    return { judgement: noAnswer(), raw, bound, attempts: raw.attempts, durationMs: performance.now() - started };
  }
  const created = createdUuid(raw);
  const uuid = created ?? (retriedIntoConflict(c, raw) ? conflictUuid(raw.body) : undefined);
  if (uuid) ctx.tracker.add(uuid);
  const exchange: Exchange = { answer: answerOf(raw), ...(bound.body ? { sent: bound.body } : {}) };
  if (created && c.valid) {
    const rb = await ctx.wire.send('GET', mappingPath(created));
    if (rb.kind === 'response') exchange.readback = answerOf(rb);
  }
  let judgement = (staged && !pre) || retriedIntoConflict(c, raw)
    ? noAnswer()
    : judge(c, exchange, ctx.profile, ctx.edition);
  if (uuid) await ctx.tracker.delete(uuid, true);
  if (pre) await ctx.tracker.delete(pre, true);
  // The SDK pass proves a real client parses an accepted answer; a refusal (a valid case the target may refuse) has none.
  const sdk = raw.status >= 200 && raw.status < 300 ? await sdkPass(ctx, c, bound, judgement) : undefined;
  judgement = withSdk(judgement, c, sdk);
  return { judgement, raw, bound, ...(sdk ? { sdk } : {}), attempts: raw.attempts, durationMs: performance.now() - started };
}
