/**
 * Shrinking a failed random case against the target: fast-check replays the case's path and shrinks it,
 * re-sending each candidate; a candidate counts as "still failing" when it fails with the same rule and
 * failure code. The result is the smallest failing request and the path that regenerates it.
 */
import fc from 'fast-check';
import { familyNamed, splitCasePath } from '../properties/plan.ts';
import type { Case, Judgement } from '../properties/types.ts';
import { executeCase, type ExecContext } from './execute.ts';
import type { ShrunkRecord } from './report-types.ts';

export async function shrinkFailure(c: Case, original: Judgement, ctx: ExecContext, budgetMs: number): Promise<ShrunkRecord | undefined> {
  const parts = c.origin.source === 'random' && c.origin.path ? splitCasePath(c.origin.path) : undefined;
  const arb = parts ? familyNamed(parts.family) : undefined;
  const key = original.failures.find((f) => f.verdict === 'fail');
  if (!parts || !arb || !key || c.origin.seed === undefined) return undefined;
  let last: { c: Case; request: Case['request'] } | undefined;
  const stillFails = async (k: Case): Promise<boolean> => {
    const e = await executeCase(ctx, k);
    const fails = e.judgement.failures.some((f) => f.rule === key.rule && f.code === key.code && f.verdict === 'fail');
    if (fails) last = { c: k, request: e.bound };
    return fails;
  };
  const r = await fc.check(fc.asyncProperty(arb, async (k) => !(await stillFails(k))), {
    seed: c.origin.seed, path: parts.path, interruptAfterTimeLimit: budgetMs, markInterruptAsFailure: false,
  });
  if (!r.failed || !r.counterexamplePath || !last || r.numShrinks === 0) return undefined;
  return { caseId: last.c.id, title: last.c.title, request: last.request, path: `${parts.family}:${r.counterexamplePath}`, shrinks: r.numShrinks, rule: key.rule, code: key.code };
}
