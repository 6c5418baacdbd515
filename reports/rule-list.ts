/** The --list text: every rule with id, level, seed section, description and the expected outcome per profile. */
import { PROFILE_NAMES, expectationFor, rules, type Outcome, type RuleExpectation } from '../spec/index.ts';

export function outcomeText(o: Outcome): string {
  return `${o.status}${o.codes ? ` ${o.codes.join('|')}` : o.status === 202 ? '' : ' (any parseable error code)'}`;
}

function expectationText(e: RuleExpectation): string {
  const what = e.outcome ? e.outcome.map(outcomeText).join(' or ') : e.params ? `checked (${JSON.stringify(e.params)})` : 'checked';
  const variants = Object.entries(e.variantOutcomes ?? {}).map(([v, os]) => `; for a ${v} value: ${os.map(outcomeText).join(' or ')}`).join('');
  return `${what}${variants}  [${e.provenance.source}: ${e.provenance.ref}; ${e.provenance.evidence}]`;
}

export function renderRuleList(): string {
  const lines: string[] = [`${rules.length} rules`];
  for (const r of rules) {
    lines.push('', `${r.id}  ${r.level}  ${r.kind}  §${r.section}`, `  ${r.description}`);
    for (const p of PROFILE_NAMES) lines.push(`  ${p.padEnd(5)} ${expectationText(expectationFor(p, r.id))}`);
  }
  return lines.join('\n');
}
