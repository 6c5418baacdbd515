/** Executes one case against the target: bind, send raw, read back, judge, clean up, and (valid cases) the SDK pass. */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { ProfileName } from '../spec/index.ts';
import type { Edition } from '../spec/editions/types.ts';
import { bindValue } from '../properties/bind.ts';
import { judge } from '../properties/checks/judge.ts';
import { failure, worst } from '../properties/checks/failure.ts';
import { acceptanceRule } from '../properties/checks/judge.ts';
import type { Case, Exchange, Failure, Judgement, ObservedAnswer, Resources } from '../properties/types.ts';
import type { RawResult } from './transport/index.ts';
import type { MappingTracker } from './cleanup.ts';
import { conflictUuid, sdkCreate, sdkDelete, type SdkOutcome } from './sdk-check.ts';
import { createdUuid, mappingPath, type Wire } from './wire.ts';

export interface Executed {
  judgement: Judgement;
  raw: RawResult;
  bound: Case['request'];
  sdk?: SdkOutcome;
  attempts: number;
  durationMs: number;
}

export interface ExecContext { wire: Wire; tracker: MappingTracker; resources: Resources; profile: ProfileName; sdk?: LambdaClient; edition?: Edition }

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
  if (outcome.uuid) {
    const err = await sdkDelete(sdk, outcome.uuid);
    if (!err) await ctx.tracker.deletedElsewhere(outcome.uuid);
  }
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

export async function executeCase(ctx: ExecContext, c: Case): Promise<Executed> {
  const started = performance.now();
  const bound = bindRequest(c, ctx.resources);
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
