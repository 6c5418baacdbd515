/**
 * Fault isolation between the cases of a lane: they map the same function to the same source, so a
 * mapping one case leaves behind (its create's answer was lost, its delete failed) would turn the next
 * case's create into a 409 and be charged to the target. After any such doubt the lane clears its
 * (function, source) pair before the next create: it lists the source's mappings (a self-managed Kafka
 * cluster, which has no ARN to filter by: every mapping, matched by its bootstrap servers), deletes every
 * one of the run's function (setup made sure none existed before the run) and waits until each is gone
 * (bounded). If it cannot, the next case is `inconclusive` with the reason, never a target fail.
 */
import { bareFunctionName, functionParts } from '../properties/checks/response.ts';
import { bindValue } from '../properties/bind.ts';
import type { Case, Resources } from '../properties/types.ts';
import type { CaseResult } from './report-types.ts';
import type { MappingTracker } from './cleanup.ts';
import { collectionPath, type Wire } from './wire.ts';
import { isKafkaSource, kafkaSource, onSource } from './sweep.ts';
import { selfManagedServers } from '../spec/overlay/index.ts';

const MAX_PAGES = 20;

export type Listing = { ok: true; uuids: string[] } | { ok: false; problem: string };

/** A JSON body that is an object with an EventSourceMappings array: anything else is not a listing. */
function pageOf(body: string): { uuids: Array<{ uuid: string; functionArn: string; mapping: Record<string, unknown> }>; next?: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const list = (parsed as { EventSourceMappings?: unknown } | null)?.EventSourceMappings;
  if (!Array.isArray(list)) return undefined;
  const uuids = list.flatMap((m: { UUID?: unknown; FunctionArn?: unknown }) =>
    typeof m?.UUID === 'string' ? [{ uuid: m.UUID, functionArn: typeof m.FunctionArn === 'string' ? m.FunctionArn : '', mapping: m as Record<string, unknown> }] : []);
  const next = (parsed as { NextMarker?: unknown }).NextMarker;
  return { uuids, ...(typeof next === 'string' && next ? { next } : {}) };
}

/**
 * The mappings of the run's functions (any qualifier) on the source (an ARN, or a self-managed Kafka
 * cluster's host:port), through the raw wire. "Listed, none" is `{ ok: true, uuids: [] }`; a listing that
 * failed or was malformed is `{ ok: false }`, never "none".
 */
export async function listPair(wire: Wire, streamArn: string, functionNames: readonly string[]): Promise<Listing> {
  const names = new Set(functionNames.map(bareFunctionName));
  const found: string[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = [...(isKafkaSource(streamArn) ? [] : [`EventSourceArn=${encodeURIComponent(streamArn)}`]), ...(marker ? [`Marker=${encodeURIComponent(marker)}`] : [])].join('&');
    const r = await wire.send('GET', `${collectionPath()}/${query ? `?${query}` : ''}`);
    if (r.kind !== 'response') return { ok: false, problem: `could not list the mappings on ${streamArn} (${r.kind}: ${r.message})` };
    if (r.status !== 200) return { ok: false, problem: `could not list the mappings on ${streamArn} (HTTP ${r.status})` };
    const p = pageOf(r.body);
    if (!p) return { ok: false, problem: `the listing of the mappings on ${streamArn} was malformed (no EventSourceMappings array)` };
    for (const m of p.uuids) {
      if (!names.has(functionParts(m.functionArn)?.name ?? '')) continue;
      const on = onSource(streamArn, m.mapping);
      // A mapping of the run's function that names no source may be on this one: not "none left".
      if (on === undefined) return { ok: false, problem: `the listing of every mapping holds ${m.uuid} of the run's function, which names no source (it may be on ${streamArn})` };
      if (on) found.push(m.uuid);
    }
    if (!p.next) return { ok: true, uuids: found };
    // A listing that does not end has not shown everything: not "none left".
    if (seen.has(p.next)) return { ok: false, problem: `the listing of the mappings on ${streamArn} repeats its NextMarker (it does not end)` };
    seen.add(p.next);
    marker = p.next;
  }
  return { ok: false, problem: `the listing of the mappings on ${streamArn} still had a NextMarker after ${MAX_PAGES} pages` };
}

/** Deletes every mapping of the run's functions on the source and waits until each is gone; a problem text if it could not. */
export async function clearPair(wire: Wire, tracker: MappingTracker, streamArn: string, functionNames: readonly string[]): Promise<string | undefined> {
  // A case that names no source at all (no ARN, no Kafka bootstrap server): its lane cannot tell, not sent.
  if (!streamArn) return 'its request names no source to list the mappings by (no EventSourceArn, no Kafka bootstrap server), so a mapping that an earlier case may have left cannot be found';
  const listing = await listPair(wire, streamArn, functionNames);
  if (!listing.ok) return listing.problem;
  for (const uuid of listing.uuids) {
    tracker.add(uuid);
    const error = await tracker.delete(uuid, true);
    if (error) return `a mapping the run left on ${streamArn} (${uuid}) could not be deleted: ${error}`;
  }
  return undefined;
}

/** A lane's state: whether its pair may hold a mapping of the run that it does not know of. */
export class LaneState {
  suspect = false;
  /** Why the pair could not be cleared the last time it was tried. */
  problem: string | undefined;
}

/** What a lane needs from the run: how to run one case, clear the pair before one, and report one not sent. */
export interface LaneSteps<L> {
  one: (c: Case, lane: L) => Promise<{ result: CaseResult; unsettled: boolean }>;
  /** Clears the pair of the case's create on the lane; a problem text when it could not. */
  clear: (c: Case, lane: L) => Promise<string | undefined>;
  notSent: (c: Case, lane: L, reason: string) => CaseResult;
  /** Lanes start in doubt (an earlier phase may have left a mapping it cannot name). */
  suspect: boolean;
  /** A case that sends nothing (the target lacks a resource it names): run without clearing, the lane's doubt kept. */
  sendsNothing?: (c: Case) => boolean;
}

/**
 * The task of the lane scheduler (engine/lanes.ts), one case at a time per lane: after a case that may have
 * left a mapping of the run behind, the lane clears its pair before the next create; a case it cannot clear
 * for is not sent.
 */
export function laneTask<L>(steps: LaneSteps<L>): (c: Case, lane: L) => Promise<CaseResult> {
  const states = new Map<L, LaneState>();
  return async (c, lane) => {
    const state = states.get(lane) ?? Object.assign(new LaneState(), { suspect: steps.suspect });
    states.set(lane, state);
    if (steps.sendsNothing?.(c)) return (await steps.one(c, lane)).result;
    if (state.suspect) {
      state.problem = await steps.clear(c, lane);
      if (state.problem) return steps.notSent(c, lane, `not sent: the lane could not make sure that its function and source hold no mapping of the run (${state.problem})`);
      state.suspect = false;
    }
    const { result, unsettled } = await steps.one(c, lane);
    if (unsettled) state.suspect = true;
    return result;
  };
}

/**
 * The source a case's request maps, as lanes and listings name it: its EventSourceArn, else its first
 * Kafka bootstrap server as kafka://host:port, else ''. `bind`: how placeholders are bound (or kept).
 */
export function caseSource(c: Case, bind: (v: unknown) => unknown): string {
  const arn = String(bind(c.request.body?.EventSourceArn ?? ''));
  if (arn) return arn;
  const server = selfManagedServers({ SelfManagedEventSource: bind(c.request.body?.SelfManagedEventSource) })[0];
  return server ? kafkaSource(server) : '';
}

/**
 * The (functions, source) pair a case maps: the source of its request (caseSource), and the run's functions
 * that its request and its set-up name (any spelling and qualifier). A request whose function names none of
 * them (an invalid one a target accepted) counts as mapping all of them.
 */
export function pairOf(c: Case, r: Resources, runFunctions: readonly string[]): { stream: string; functions: string[] } {
  const named = (v: unknown): string[] => {
    try {
      const name = functionParts(String(bindValue(v ?? '', r)))?.name;
      // The run's functions as given (a name or an ARN), matched by name.
      return name === undefined ? [] : runFunctions.filter((f) => bareFunctionName(f) === name);
    } catch {
      return []; // a placeholder the target has no resource for: that part is not run
    }
  };
  const precreate = c.args.precreate as { FunctionName?: unknown } | undefined;
  const functions = [...new Set([...named(c.request.body?.FunctionName), ...named(precreate?.FunctionName)])];
  return { stream: caseSource(c, (v) => bindValue(v ?? '', r)), functions: functions.length ? functions : [...runFunctions] };
}
