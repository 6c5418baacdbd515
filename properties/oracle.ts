/**
 * The oracle: (case, profile) -> the expected outcome with its provenance. Target state is part of the
 * case (does the function exist, does the stream exist, does the mapping already exist).
 */
import { expectationFor, type Outcome, type ProfileName } from '../spec/index.ts';
import type { Case, Expectation } from './types.ts';

/** The rule whose profile expectation decides this case's answer. */
export function expectationRule(c: Case): string {
  if (c.valid) return 'response.status';
  // A check-order case breaks two checks; its own rule is the first, and the oracle adds the second.
  if (c.args.order !== undefined) return c.rule;
  if (c.scenario === 'duplicate') return 'error.ResourceConflict.duplicate';
  const explicit = c.args.expect;
  return typeof explicit === 'string' ? explicit : c.rule;
}

/** The outcomes of a case that breaks two checks at once (check order): either check may answer. */
function withAlsoBroken(c: Case, profile: ProfileName, rule: string, outcomes: Outcome[]): Outcome[] {
  if (!Array.isArray(c.args.alsoBreaks)) return outcomes;
  const also = [c.rule, ...(c.args.alsoBreaks as string[])].filter((r) => r !== rule);
  const more = also.flatMap((r) => expectationFor(profile, r).outcome ?? []);
  const seen = new Set<string>();
  return [...outcomes, ...more].filter((o) => {
    const key = JSON.stringify(o);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export function expect(c: Case, profile: ProfileName): Expectation {
  const rule = expectationRule(c);
  const e = expectationFor(profile, rule);
  if (c.valid) {
    const status = Number(e.params?.status);
    return { profile, rule, outcomes: [{ status }], provenance: e.provenance, ...(e.note ? { note: e.note } : {}) };
  }
  if (!e.outcome) throw new Error(`profile ${profile} gives no outcome for rule ${rule}`);
  const variant = typeof c.args.variant === 'string' ? c.args.variant : undefined;
  const outcomes = withAlsoBroken(c, profile, rule, (variant && e.variantOutcomes?.[variant]) || e.outcome);
  if (profile === 'aws' && typeof c.args.todayAllows === 'string') {
    // An older edition's constraint that today's model does not have: AWS today may accept the value.
    const note = `The older model forbids this value; today's model (${c.args.todayAllows}) does not, so AWS today may accept it: both pass (official model).`;
    return { profile, rule, outcomes: [{ status: 202 }, ...outcomes], provenance: e.provenance, note };
  }
  return { profile, rule, outcomes, provenance: e.provenance, ...(e.note ? { note: e.note } : {}) };
}

/** Does the expectation admit an accepted (2xx) answer? */
export function admitsAcceptance(x: Expectation): boolean {
  return x.outcomes.some((o) => typeof o.status === 'number' && o.status >= 200 && o.status < 300);
}
