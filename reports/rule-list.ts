/** The --list text: every rule with id, level, seed section, description and the expected outcome per profile. */
import { PROFILE_NAMES, expectationFor, parityRules, rules, type Outcome, type ParityRule, type Rule, type RuleExpectation } from '../spec/index.ts';

export function outcomeText(o: Outcome): string {
  return `${o.status}${o.codes ? ` ${o.codes.join('|')}` : o.status === 202 ? '' : ' (any parseable error code)'}`;
}

function expectationText(e: RuleExpectation): string {
  const what = e.outcome ? e.outcome.map(outcomeText).join(' or ') : e.params ? `checked (${JSON.stringify(e.params)})` : 'checked';
  const variants = Object.entries(e.variantOutcomes ?? {}).map(([v, os]) => `; for a ${v} value: ${os.map(outcomeText).join(' or ')}`).join('');
  return `${what}${variants}  [${e.provenance.source}: ${e.provenance.ref}; ${e.provenance.evidence}]`;
}

/** The recorded value a parity rule compares with, in one line. */
function parityValueText(r: ParityRule): string {
  if (r.message !== undefined || r.code !== undefined) return `${r.code ?? ''}${r.message !== undefined ? `: ${r.message}` : ''}`;
  if (r.byKind) return Object.entries(r.byKind).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ');
  if (r.pattern) return `matches ${r.pattern}`;
  if (r.template) return `${r.kinds ? `${r.kinds.join(', ')}: ` : ''}${r.template}${r.unlessSent ? ` (unless ${r.member?.split('.')[0]} is sent)` : ''}`;
  if (r.echo) return 'the value sent';
  if (r.absent) return `absent: ${[...r.absent, ...(r.absentUnlessSent ?? []).map((m) => `${m} unless sent`)].join(', ')}`;
  if (r.messageKey) return Object.entries(r.messageKey).map(([k, v]) => `${k} ${v}`).join(', ');
  return JSON.stringify(r.value);
}

/** `list`: the rules of the run's edition (default: spec/rules.json, the seed edition's); `edition` names it. */
export function renderRuleList(list: readonly Rule[] = rules, edition?: string): string {
  const lines: string[] = [`${list.length} rules${edition ? ` (edition ${edition})` : ''}`];
  for (const r of list) {
    lines.push('', `${r.id}  ${r.level}  ${r.kind}  §${r.section}`, `  ${r.description}`);
    for (const p of PROFILE_NAMES) lines.push(`  ${p.padEnd(5)} ${expectationText(expectationFor(p, r.id))}`);
  }
  lines.push('', `${parityRules.length} parity rules (AWS's recorded values; scored apart, exit code only with --strict-parity)`);
  for (const r of parityRules) {
    lines.push('', `${r.id}  PARITY  ${r.on}`, `  ${r.description}`, `  aws   ${parityValueText(r)}  [${r.provenance.source}: ${r.provenance.ref}; ${r.provenance.evidence}]`);
  }
  return lines.join('\n');
}

/** --list --json: the same as data: the edition's rules with their expectation per profile, and the parity rules. */
export function ruleListJson(list: readonly Rule[] = rules, edition?: string): Record<string, unknown> {
  return {
    ...(edition ? { edition } : {}),
    rules: list.map((r) => ({
      id: r.id, level: r.level, kind: r.kind, section: r.section, description: r.description,
      expected: Object.fromEntries(PROFILE_NAMES.map((p) => [p, expectationFor(p, r.id)])),
    })),
    parityRules,
  };
}
