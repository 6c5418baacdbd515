/**
 * A model edition's plan beyond the seed page: its generated rules (registered with spec/index.ts so the
 * judge, the reports and --list know them) and its cases. Pure: the edition and the overlay are passed in.
 */
import type { Edition } from '../../spec/editions/types.ts';
import type { Overlay } from '../../spec/overlay/types.ts';
import { registerRules, rules, type Rule } from '../../spec/index.ts';
import type { Case } from '../types.ts';
import { editionCases } from './cases.ts';
import { editionRules } from './rules.ts';
import { editionFamilies } from './random.ts';
import { isOlder, overlayFor } from './today.ts';
import { registerFamilies } from '../plan.ts';
import type fc from 'fast-check';

export { editionCases, kindBase } from './cases.ts';
export { editionRules, SEED_MEMBERS, SEED_RESPONSE_MEMBERS } from './rules.ts';

export interface EditionPlan { rules: Rule[]; cases: Case[]; families: Record<string, fc.Arbitrary<Case>> }

/**
 * Registers the edition's rules and gives every rule of the edition (spec/rules.json's first) and its extra
 * cases. `today`, today's edition, lets an older edition's cases be judged by today's model too under the
 * aws profile; the kinds of event source it cannot express are left out (properties/edition/today.ts).
 */
export function editionPlan(edition: Edition, overlay: Overlay, today?: Edition): EditionPlan {
  const o = isOlder(edition, today) ? overlayFor(edition, overlay) : overlay;
  const generated = editionRules(edition, o);
  registerRules(generated);
  const families = editionFamilies(edition, o, today);
  registerFamilies(families);
  return { rules: [...rules, ...generated.map((g) => g.rule)], cases: editionCases(edition, o, today), families };
}
