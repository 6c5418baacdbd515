/** Builds a Case with its stable id. */
import { caseId } from '../case-id.ts';
import { facts } from '../facts.ts';
import type { Case, CaseRequest, CaseSource, Scenario, TargetState } from '../types.ts';

export const EXISTING: TargetState = { functionExists: true, streamExists: true, mappingExists: false };

export interface MakeOptions {
  body?: Record<string, unknown>;
  raw?: string;
  path?: string;
  scenario?: Scenario;
  state?: Partial<TargetState>;
  args?: Record<string, unknown>;
  source?: CaseSource;
  seed?: number;
  fcPath?: string;
}

export function makeCase(rule: string, valid: boolean, title: string, o: MakeOptions): Case {
  const request: CaseRequest = { path: o.path ?? facts.defaultPath };
  if (o.body !== undefined) request.body = o.body;
  if (o.raw !== undefined) request.raw = o.raw;
  const scenario = o.scenario ?? 'create';
  const origin: Case['origin'] = { source: o.source ?? 'fixed' };
  if (o.seed !== undefined) origin.seed = o.seed;
  if (o.fcPath !== undefined) origin.path = o.fcPath;
  return {
    id: caseId(rule, scenario, request),
    rule,
    valid,
    scenario,
    title,
    request,
    state: { ...EXISTING, ...o.state },
    args: o.args ?? {},
    origin,
  };
}

/** A copy of `body` without `member`. */
export function without(body: Record<string, unknown>, member: string): Record<string, unknown> {
  const copy = { ...body };
  delete copy[member];
  return copy;
}
