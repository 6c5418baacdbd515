/**
 * Deterministic cases of any edition, from its shapes alone: valid boundaries of every bounded member at
 * any depth (range ends, exact lengths incl. astral characters, list/map sizes, every enum value), each
 * optional member present, and invalid values that each break one rule at a member path (wrong JSON type,
 * missing required member, range, length in code points, pattern incl. matches-only-unanchored, enum
 * unknown and wrong case, list and map size, map key constraints). A case that cannot be built (no value
 * exists, e.g. three distinct keys of a one-value enum) is listed as unreachable with its reason.
 */
import type { Edition } from '../../spec/editions/types.ts';
import { ruleId, type Constraint } from './rule-id.ts';
import { ABSENT, memberPaths, put, type Leaf, type MemberPath } from './paths.ts';
import { localInvalid, localValid, type Local } from './local.ts';
import { value } from './values.ts';

export interface ShapeCase {
  valid: boolean;
  /** The rule the case is about: `<member path>.<constraint>`. */
  rule: string;
  path: string[];
  /** What the value is: `min`, `max`, `max-astral`, `wrong-type`, `missing`, `matches-only-unanchored` ... */
  label: string;
  body: Record<string, unknown>;
  /** The value put at `path` (absent for a missing member), to embed the same case in another request. */
  leaf?: unknown;
  /** Rules the value cannot help breaking as well (the empty string breaks a pattern that needs a character). */
  entails?: string[];
}

export interface Unreachable { rule: string; label: string; reason: string }
export interface CaseSet { cases: ShapeCase[]; unreachable: Unreachable[] }

function build(edition: Edition, root: string, base: Record<string, unknown>, m: MemberPath, valid: boolean, l: Local): ShapeCase {
  const body = put(edition, root, m.path, l.value as Leaf, base) as Record<string, unknown>;
  const leaf = l.value === ABSENT ? {} : { leaf: l.value };
  return { valid, rule: ruleId(l.rulePath ?? m.path, l.constraint), path: m.path, label: l.label, body, ...leaf, ...(l.entails?.length ? { entails: l.entails.map((c) => ruleId(m.path, c)) } : {}) };
}

const computed = new WeakMap<Edition, Map<string, CaseSet>>();

/**
 * Every case of the input shape `root`, each embedded in `base` (default: the root's minimal valid value).
 * With the default base the set is computed once per edition and root (a plan asks for it several times);
 * treat it as read-only.
 */
export function shapeCases(edition: Edition, root: string, base?: Record<string, unknown>): CaseSet {
  if (base !== undefined) return computeShapeCases(edition, root, base);
  let byRoot = computed.get(edition);
  if (!byRoot) computed.set(edition, (byRoot = new Map()));
  let set = byRoot.get(root);
  if (!set) byRoot.set(root, (set = computeShapeCases(edition, root, value(edition, root) as Record<string, unknown>)));
  return set;
}

function computeShapeCases(edition: Edition, root: string, base: Record<string, unknown>): CaseSet {
  const cases: ShapeCase[] = [];
  const unreachable: Unreachable[] = [];
  for (const m of memberPaths(edition, root)) {
    const keyPath = m.path.at(-1) === 'key';
    for (const [valid, locals] of [[true, localValid(edition, m)], [false, localInvalid(edition, m)]] as const) {
      for (const l of locals) {
        if (l.value === undefined) {
          unreachable.push({ rule: ruleId(l.rulePath ?? m.path, l.constraint), label: l.label, reason: l.reason ?? 'no value found' });
          continue;
        }
        if (keyPath && typeof l.value !== 'string') continue;
        cases.push(build(edition, root, base, m, valid, l));
      }
    }
  }
  return { cases, unreachable };
}

/** `c` put into another valid request of the same root (its own member replaced, or removed when missing). */
export function embedCase(edition: Edition, root: string, c: ShapeCase, base: Record<string, unknown>): Record<string, unknown> {
  return put(edition, root, c.path, 'leaf' in c ? c.leaf as Leaf : ABSENT, base) as Record<string, unknown>;
}

export type { Constraint };
