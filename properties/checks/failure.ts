/** Failure records: data, never text. The verdict of a failure follows its rule's level. */
import { ruleById } from '../../spec/index.ts';
import type { Failure, Verdict } from '../types.ts';

export function failure(rule: string, code: string, path = '', args: Record<string, unknown> = {}, verdict?: Verdict): Failure {
  const r = ruleById(rule);
  return { code, rule, level: r.level, path, args, verdict: verdict ?? (r.level === 'MUST' ? 'fail' : 'non-strict') };
}

const ORDER: Verdict[] = ['error', 'fail', 'inconclusive', 'non-strict', 'info', 'expected-fail', 'pass'];

/** The worst of several verdicts (error > fail > inconclusive > non-strict > info > expected-fail > pass). */
export function worst(verdicts: Verdict[]): Verdict {
  let best = ORDER.length - 1;
  for (const v of verdicts) best = Math.min(best, ORDER.indexOf(v));
  return ORDER[best] ?? 'pass';
}
