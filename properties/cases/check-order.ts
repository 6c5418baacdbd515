/**
 * Check-order cases: each breaks two of AWS's checks at once, so the answer shows which check AWS makes
 * first (model validation -> missing event source -> function lookup -> source lookup -> duplicate:
 * aws-observed.md, recorded). For conformance either check's answer is acceptable (the oracle takes the
 * union of both rules' outcomes); the parity rule named by `args.order` (spec/parity.json) says which
 * one AWS gives. The case's own rule is the first check; `args.alsoBreaks` names the second.
 */
import { parityRuleById } from '../../spec/index.ts';
import { ph } from '../bind.ts';
import { baseBody, facts } from '../facts.ts';
import type { Case, TargetState } from '../types.ts';
import { makeCase, without } from './make.ts';
import { missingName } from './names.ts';

const BAD_POSITION = 'invalid';

interface OrderCase { order: string; body: Record<string, unknown>; state: Partial<TargetState>; duplicate?: boolean }

function orderCases(): OrderCase[] {
  const noSource = without(baseBody(), 'EventSourceArn');
  const missingFn = missingName(facts.fn.min + 20);
  return [
    { order: 'parity.order.validation-before-event-source', body: { ...noSource, StartingPosition: BAD_POSITION }, state: { streamExists: false } },
    { order: 'parity.order.event-source-before-function', body: { ...noSource, FunctionName: missingFn }, state: { streamExists: false, functionExists: false } },
    { order: 'parity.order.function-before-source', body: { ...baseBody(), FunctionName: missingFn, EventSourceArn: ph('MISSING_STREAM_ARN') }, state: { streamExists: false, functionExists: false } },
    { order: 'parity.order.validation-before-function', body: { ...baseBody(), FunctionName: missingFn, BatchSize: facts.batch.min - 1 }, state: { functionExists: false } },
    { order: 'parity.order.validation-before-duplicate', body: { ...baseBody(), StartingPosition: BAD_POSITION }, state: { mappingExists: true }, duplicate: true },
  ];
}

export function checkOrderCases(): Case[] {
  return orderCases().map((o) => {
    const rule = parityRuleById(o.order);
    const [first, second] = rule.breaks ?? [];
    if (!first || !second) throw new Error(`parity rule ${o.order} names no two rules it breaks`);
    return makeCase(first, false, `check order: ${rule.description.replace(/^Check order: /, '')}`, {
      body: o.body, state: o.state,
      ...(o.duplicate ? { scenario: 'duplicate' as const } : {}),
      args: { order: o.order, alsoBreaks: [second], ...(o.duplicate ? { precreate: baseBody() } : {}) },
    });
  });
}
