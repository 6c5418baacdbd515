/** Executes one case against the target: bind, send raw, read back, judge, clean up, and (valid cases) the SDK pass. */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { model, type ProfileName } from '../spec/index.ts';
import type { Edition } from '../spec/editions/types.ts';
import { bindValue } from '../properties/bind.ts';
import { judge } from '../properties/checks/judge.ts';
import { errorCode } from '../properties/checks/parse.ts';
import { failure, worst } from '../properties/checks/failure.ts';
import { acceptanceRule } from '../properties/checks/judge.ts';
import type { Case, Exchange, Failure, Judgement, ObservedAnswer, Resources } from '../properties/types.ts';
import type { RawResult } from './transport/index.ts';
import type { MappingTracker } from './cleanup.ts';
import { conflictUuid, sdkCreate, type SdkOutcome } from './sdk-check.ts';
import { createdUuid, mappingPath, transientAnswer, type Wire } from './wire.ts';
import { isDeepStrictEqual } from 'node:util';
import type { Gate } from './transport/index.ts';
import { sdkCombinedCreate } from './sdk-combined.ts';
import { abortableSleep } from './transport/backoff.ts';

export interface Executed {
  /** `sdk`: the SDK sent the case and its exact exchange was captured (engine/sdk-combined.ts). */
  transport?: 'sdk';
  judgement: Judgement;
  raw: RawResult;
  bound: Case['request'];
  sdk?: SdkOutcome;
  attempts: number;
  durationMs: number;
  /**
   * The case may have left a mapping of the run on its (function, stream) pair that it could not delete
   * or does not know of (a create's answer was lost, a delete failed): the lane clears the pair first.
   */
  unsettled?: boolean;
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
  /** Today's edition (`aws`), by which an older edition's answers are also read. */
  today?: Edition;
  /** Each exchange as it goes to the judge (RunConfig.onJudged). */
  onJudged?: (c: Case, exchange: Exchange) => void;
  /**
   * The run's record of read-backs answered 404 (shared by every case): once READBACK_404_LATCH read-backs in
   * a row stayed a 404 through every wait, the target's reads are not lagging but missing the mapping, and
   * later read-backs do not wait (one slow read does not decide it; an answer found after a wait resets it).
   */
  readback404?: { persistent: boolean; inRow: number };
}

function judged(ctx: ExecContext, c: Case, exchange: Exchange): Judgement {
  ctx.onJudged?.(c, exchange);
  return judge(c, exchange, ctx.profile, ctx.edition, ctx.today);
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

/** A staged case whose first create was not made: inconclusive, with what the target answered to it. */
function setUpFailed(c: Case, why: string | undefined): Judgement {
  return { ...noAnswer(), notes: [failure(c.rule, 'set-up-create-not-made', '', { answered: why ?? null }, 'info')] };
}

/** A create that was retried (timeout or 5xx) may have succeeded the first time: a 409 then proves nothing. */
function retriedIntoConflict(c: Case, raw: RawResult & { kind: 'response' }): boolean {
  return c.scenario === 'create' && raw.attempts > 1 && raw.status === 409;
}

/**
 * Sets up the duplicate and shared-source scenarios: a mapping created first (`args.precreate`, or the
 * case's own body for a duplicate). `uuid` undefined when it could not be, and `why` then says what the
 * target answered (a valid request of some kinds may be refused: its source or secret may not exist).
 */
async function precreate(ctx: ExecContext, c: Case, bound: Case['request'], doubt: Doubt): Promise<{ uuid?: string; why?: string }> {
  const body = c.args.precreate !== undefined ? bindValue(c.args.precreate, ctx.resources) : bound.body;
  const first = await ctx.wire.send('POST', bound.path, JSON.stringify(body));
  const uuid = createdUuid(first) ?? (first.kind === 'response' && first.status === 409 && first.attempts > 1 ? conflictUuid(first.body) : undefined);
  if (uuid) ctx.tracker.add(uuid);
  // A lost answer, or an acceptance that names no UUID, may have left a mapping nobody can name.
  if (!uuid && (transientAnswer(first) || (first.kind === 'response' && first.status >= 200 && first.status < 300))) doubt.unsettled = true;
  const made = createdUuid(first);
  if (made) return { uuid: made };
  if (first.kind !== 'response') return { why: `${first.kind}: ${first.message}` };
  const code = errorCode(answerOf(first));
  return { why: `HTTP ${first.status}${code ? ` ${code}` : ''}` };
}

/** What a case learns about the state it leaves behind. */
interface Doubt { unsettled: boolean }

/** Attempts of an invalid request whose 500 is confirmed: sends beyond the first (each with the run's retries). */
export const CONFIRM_SENDS = 2;

/**
 * A 500 on an invalid request is a finding only when it repeats: the request is sent CONFIRM_SENDS more
 * times (each with the run's retries) and the first answer that is not a 500 is judged instead.
 */
async function confirmServerError(ctx: ExecContext, c: Case, bound: Case['request'], body: string, first: RawResult): Promise<RawResult> {
  if (c.valid || c.scenario !== 'create' || first.kind !== 'response' || first.status !== 500) return first;
  let attempts = first.attempts;
  let last: RawResult = first;
  for (let i = 0; i < CONFIRM_SENDS; i += 1) {
    const again = await ctx.wire.send('POST', bound.path, body);
    attempts += again.attempts;
    last = again;
    if (again.kind !== 'response' || again.status !== 500) break;
  }
  return { ...last, attempts, retried: [...first.retried, ...last.retried] };
}

/** The report states the rule by which a 500 on an invalid request became a finding. */
function withConfirmation(j: Judgement, raw: RawResult): Judgement {
  if (!j.failures.some((f) => f.code === 'server-error-on-invalid-input')) return j;
  const confirmed = `a 500 counts only when it repeats: every one of ${raw.attempts} attempts (${CONFIRM_SENDS + 1} sends) answered 500`;
  return { ...j, failures: j.failures.map((f) => (f.code === 'server-error-on-invalid-input' ? { ...f, args: { ...f.args, confirmed } } : f)) };
}

/**
 * Waits before reading a created mapping back again after a 404: how soon a read sees a create is nowhere
 * recorded, so a target whose reads lag its creates gets about 3 s before a 404 counts.
 */
export const READBACK_404_WAITS_MS = [200, 800, 2000];
/** Read-backs in a row whose 404 outlasted every wait before the run stops waiting. */
export const READBACK_404_LATCH = 3;

/** Reads a created mapping back; a read-back that met only transient answers is left out (the case is then inconclusive, not failed). */
async function readBack(ctx: ExecContext, uuid: string): Promise<{ answer?: ObservedAnswer; transient: boolean }> {
  let rb = await ctx.wire.send('GET', mappingPath(uuid));
  const waits = ctx.readback404?.persistent ? [] : READBACK_404_WAITS_MS;
  let waited = false;
  for (const ms of waits) {
    if (rb.kind !== 'response' || rb.status !== 404) break;
    waited = true;
    if ((await abortableSleep(ms, ctx.wire.signal)) === 'aborted') return { transient: true };
    rb = await ctx.wire.send('GET', mappingPath(uuid));
  }
  if (waited && ctx.readback404 && rb.kind === 'response') {
    const state = ctx.readback404;
    state.inRow = rb.status === 404 ? state.inRow + 1 : 0;
    if (state.inRow >= READBACK_404_LATCH) state.persistent = true;
  }
  if (transientAnswer(rb) || rb.kind !== 'response') return { transient: true };
  return { answer: answerOf(rb), transient: false };
}

async function sdkPass(ctx: ExecContext, c: Case, bound: Case['request'], j: Judgement, doubt: Doubt): Promise<SdkOutcome | undefined> {
  // A pair that may hold a mapping nobody can name would turn the SDK's create into a 409: not sent then.
  if (!ctx.sdk || !c.valid || j.verdict === 'inconclusive' || !bound.body || doubt.unsettled) return undefined;
  const sdk = ctx.sdk;
  const outcome = await sdkCreate(sdk, bound.body, (u) => ctx.tracker.add(u));
  if (!outcome.ok && !outcome.uuid) doubt.unsettled = true; // the create may have been made: its answer was lost or not parsed
  // Deleted through the tracker: it retries while the target is still settling the mapping (Creating) and
  // waits until it is gone, so that the lane's next case can map the same pair again.
  if (outcome.uuid && (await ctx.tracker.delete(outcome.uuid, true))) doubt.unsettled = true;
  return outcome;
}

/**
 * The raw request was accepted; the same request through the SDK was rejected or its answer not parsed. A
 * value the target may refuse (args.mayBeRefused: AWS's answer unknown) refused through the SDK, which may
 * serialise it otherwise (an empty part left out), is an INFO note, not a fail.
 */
function sdkFailures(c: Case, j: Judgement, sdk: SdkOutcome | undefined): Failure[] {
  if (!sdk || sdk.ok || sdk.transient || j.verdict === 'fail') return [];
  const refused = sdk.status !== undefined && sdk.status >= 400 && sdk.status < 500;
  if (refused && c.args.mayBeRefused === true) return [failure(c.rule, 'sdk-refused-may-be', '', { detail: sdk.detail ?? '' }, 'info')];
  return [failure(acceptanceRule(c), 'sdk-rejected-or-unparsed', '', { detail: sdk.detail ?? '' })];
}

/** Adds the SDK pass to the judgement: its failures, or `inconclusive` when it could not be judged. */
function withSdk(j: Judgement, c: Case, sdk: SdkOutcome | undefined): Judgement {
  const extra = sdkFailures(c, j, sdk);
  const notes = extra.filter((f) => f.verdict === 'info');
  if (notes.length) return { ...j, notes: [...(j.notes ?? []), ...notes] };
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
  let unsettled = false;
  const done = (judgement: Judgement): Executed => ({ transport: 'sdk', judgement, raw: r.raw, bound, sdk: r.sdk, attempts: r.raw.attempts, durationMs: performance.now() - started, ...(unsettled ? { unsettled } : {}) });
  const del = async (uuid: string) => { if (await ctx.tracker.delete(uuid, true)) unsettled = true; };
  if (r.sentBody !== undefined && !isDeepStrictEqual(r.sentBody, bound.body)) {
    if (r.sdk.uuid) await ctx.tracker.delete(r.sdk.uuid, true);
    return undefined;
  }
  if (r.raw.kind !== 'response') {
    if (r.sdk.uuid) await del(r.sdk.uuid);
    else unsettled = true; // the create's answer was lost: it may have been made
    return done(noAnswer());
  }
  const exchange: Exchange = { answer: answerOf(r.raw), sent: bound.body! };
  const created = createdUuid(r.raw);
  if (!created && !r.sdk.uuid && (transientAnswer(r.raw) || (r.raw.status >= 200 && r.raw.status < 300))) unsettled = true;
  const rb = created ? await readBack(ctx, created) : undefined;
  if (rb?.answer) exchange.readback = rb.answer;
  const collided = retriedIntoConflict(c, r.raw) ? undefined : collisionWithRun(ctx, r.raw);
  let judgement = retriedIntoConflict(c, r.raw) ? noAnswer() : collided ? collidedWith(c, collided) : judged(ctx, c, exchange);
  if (rb?.transient && judgement.verdict === 'pass') judgement = { ...judgement, verdict: 'inconclusive' };
  for (const uuid of new Set([created, r.sdk.uuid])) if (uuid) await del(uuid);
  // A refusal is judged as the raw transport's would be: the SDK raising the target's error is no SDK failure.
  return done(r.raw.status >= 200 && r.raw.status < 300 ? withSdk(judgement, c, r.sdk) : judgement);
}

/** The run's own mapping a 409 answer names, if it names one. */
function collisionWithRun(ctx: ExecContext, raw: RawResult, own?: string): string | undefined {
  if (raw.kind !== 'response' || raw.status !== 409) return undefined;
  const named = conflictUuid(raw.body);
  return named !== undefined && named !== own && ctx.tracker.madeByRun(named) ? named : undefined;
}

/** Inconclusive: the target answered about another case's mapping. */
function collidedWith(c: Case, uuid: string): Judgement {
  return { verdict: 'inconclusive', failures: [], notes: [failure(c.rule, 'collided-with-run-mapping', '', { uuid, why: 'the 409 names a mapping the run made for another case: the answer is not about this request' }, 'info')] };
}

export async function executeCase(ctx: ExecContext, c: Case): Promise<Executed> {
  const started = performance.now();
  const bound = bindRequest(c, ctx.resources);
  if (ctx.sdk && ctx.sdkCombined && c.valid && c.scenario === 'create' && bound.body && bound.raw === undefined && SDK_PATHS.includes(bound.path)) {
    const combined = await combinedCase(ctx, c, bound, started);
    if (combined) return combined;
  }
  const doubt: Doubt = { unsettled: false };
  const staged = c.scenario === 'duplicate' || c.scenario === 'shared-source';
  const setUp = staged ? await precreate(ctx, c, bound, doubt) : undefined;
  const pre = setUp?.uuid;
  const body = bound.raw ?? JSON.stringify(bound.body);
  const raw = await confirmServerError(ctx, c, bound, body, await ctx.wire.send('POST', bound.path, body));
  const done = (judgement: Judgement, sdk?: SdkOutcome): Executed => ({
    judgement, raw, bound, ...(sdk ? { sdk } : {}), attempts: raw.attempts, durationMs: performance.now() - started, ...(doubt.unsettled ? { unsettled: true } : {}),
  });
  if (raw.kind !== 'response') {
    if (c.valid || pre) doubt.unsettled = true; // a create whose answer was lost may have been made
    if (pre && (await ctx.tracker.delete(pre, true))) doubt.unsettled = true;
    return done(noAnswer());
  }
  const created = createdUuid(raw);
  // A plain create answered 409 naming a mapping the run made for another case (a target that accepted
  // that case's invalid request, at the same time on the same function and source): the answer is about
  // the other case's mapping, not this request. Not judged.
  // A duplicate expects a 409 (naming its own first mapping, or whatever the pair holds): never a collision.
  const collided = c.scenario !== 'duplicate' && !retriedIntoConflict(c, raw) ? collisionWithRun(ctx, raw, pre) : undefined;
  const uuid = created ?? (retriedIntoConflict(c, raw) ? conflictUuid(raw.body) : undefined);
  if (uuid) ctx.tracker.add(uuid);
  // A lost answer to a valid create, or an acceptance that names no UUID, may have left a mapping nobody can name.
  else if ((c.valid && transientAnswer(raw)) || (raw.status >= 200 && raw.status < 300)) doubt.unsettled = true;
  const exchange: Exchange = { answer: answerOf(raw), ...(bound.body ? { sent: bound.body } : {}) };
  const rb = created && c.valid ? await readBack(ctx, created) : undefined;
  if (rb?.answer) exchange.readback = rb.answer;
  // The mapping the case needs first was not made: the answer proves nothing about the duplicate (not judged).
  let judgement = staged && !pre ? setUpFailed(c, setUp?.why)
    : retriedIntoConflict(c, raw) ? noAnswer()
      : collided ? collidedWith(c, collided)
        : judged(ctx, c, exchange);
  if (rb?.transient && judgement.verdict === 'pass') judgement = { ...judgement, verdict: 'inconclusive' };
  judgement = withConfirmation(judgement, raw);
  if (uuid && (await ctx.tracker.delete(uuid, true))) doubt.unsettled = true;
  if (pre && (await ctx.tracker.delete(pre, true))) doubt.unsettled = true;
  // The SDK pass proves a real client parses an accepted answer; a refusal (a valid case the target may refuse) has none.
  const sdk = raw.status >= 200 && raw.status < 300 ? await sdkPass(ctx, c, bound, judgement, doubt) : undefined;
  judgement = withSdk(judgement, c, sdk);
  return done(judgement, sdk);
}
