/**
 * The rules an edition's shapes imply, one per member path and constraint, in the id scheme of rule-id.ts:
 * what `shapeCases` generates cases for. For the seed edition these are a subset of spec/rules.json (its
 * model-constraint rules); overlay rules (per kind, cross-field, defaults) are not derived here.
 */
import type { Edition, Shape } from '../../spec/editions/types.ts';
import { memberPaths } from './paths.ts';
import { ruleId, type Constraint } from './rule-id.ts';

export interface ShapeRule {
  id: string;
  /** The member path the rule is about (`DestinationConfig.OnFailure.Destination`). */
  member: string;
  constraint: Constraint;
  description: string;
  /** Edition and shape the constraint is read from. */
  source: string;
}

const JSON_TYPE: Record<Shape['type'], string> = {
  string: 'a JSON string', integer: 'a JSON integer', long: 'a JSON integer', boolean: 'a JSON boolean',
  timestamp: 'a JSON number (epoch seconds)', structure: 'a JSON object', list: 'a JSON array', map: 'a JSON object',
};

const bounds = (lo: number | undefined, hi: number | undefined, unit: string): string =>
  lo !== undefined && hi !== undefined ? `from ${lo} to ${hi}${unit}` : lo !== undefined ? `at least ${lo}${unit}` : `at most ${hi}${unit}`;

function constraintsOf(s: Shape): Array<[Constraint, string]> {
  const out: Array<[Constraint, string]> = [];
  if ((s.type === 'integer' || s.type === 'long') && (s.min !== undefined || s.max !== undefined)) out.push(['range', `must be ${bounds(s.min, s.max, '')}`]);
  if (s.type === 'string') {
    if (s.minLength !== undefined || s.maxLength !== undefined) out.push(['length', `must be ${bounds(s.minLength, s.maxLength, ' code points')} long`]);
    if (s.pattern !== undefined) out.push(['pattern', 'must match its pattern in full']);
    if (s.enum) out.push(['enum', `must be one of ${s.enum.join(', ')} (case-sensitive)`]);
  }
  if ((s.type === 'list' || s.type === 'map') && (s.minSize !== undefined || s.maxSize !== undefined)) out.push(['size', `must have ${bounds(s.minSize, s.maxSize, ' entries')}`]);
  return out;
}

export function shapeRules(edition: Edition, root: string): ShapeRule[] {
  return memberPaths(edition, root).flatMap((m) => {
    const member = m.path.join('.');
    const source = `${edition.name} ${m.shapeName}`;
    const rule = (constraint: Constraint, text: string): ShapeRule => ({ id: ruleId(m.path, constraint), member, constraint, description: `${member} ${text}.`, source });
    const isKey = m.path.at(-1) === 'key';
    return [
      ...(isKey ? [] : [rule('type', `must be ${JSON_TYPE[m.shape.type]}`)]),
      ...(m.required ? [rule('required', 'is required')] : []),
      ...constraintsOf(m.shape).map(([c, text]) => rule(c, text)),
    ];
  });
}
