/** The case plan of a run: every fixed and boundary case, plus `runs` random cases per family, from a seed. */
import fc from 'fast-check';
import { FAMILIES } from './arbitraries.ts';
import { batchSizeCases } from './cases/batch-size.ts';
import { eventSourceArnCases } from './cases/event-source-arn.ts';
import { functionNameCases } from './cases/function-name.ts';
import { wrongTypeCases } from './cases/json-types.ts';
import { checkOrderCases } from './cases/check-order.ts';
import { duplicateCases, protocolCases, sharedSourceCases } from './cases/protocol.ts';
import { startingPositionCases } from './cases/starting-position.ts';
import { validCases } from './cases/valid.ts';
import type { Case } from './types.ts';

export const DEFAULT_SEED = 20151231;
export const DEFAULT_RUNS = 5;

export function fixedCases(): Case[] {
  return [
    ...validCases(), ...batchSizeCases(), ...functionNameCases(), ...eventSourceArnCases(),
    ...startingPositionCases(), ...wrongTypeCases(), ...protocolCases(), ...duplicateCases(),
    ...sharedSourceCases(), ...checkOrderCases(),
  ];
}

/** A family's own seed, so that adding a family does not change the others' cases. */
export function familySeed(seed: number, family: string): number {
  let h = seed | 0;
  for (const ch of family) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

/** Families beyond the seed's, registered by name (an edition's): --path and shrinking find them too. */
const extraFamilies: Record<string, fc.Arbitrary<Case>> = {};

export function registerFamilies(families: Record<string, fc.Arbitrary<Case>>): void {
  Object.assign(extraFamilies, families);
}

/** A family by name: the seed's, or a registered one. */
export function familyNamed(name: string): fc.Arbitrary<Case> | undefined {
  return FAMILIES[name] ?? extraFamilies[name];
}

export function randomCases(seed: number, runs: number, families: Record<string, fc.Arbitrary<Case>> = FAMILIES): Case[] {
  if (runs <= 0) return [];
  return Object.entries(families).flatMap(([family, arb]) => {
    const s = familySeed(seed, family);
    return fc.sample(arb, { seed: s, numRuns: runs }).map((c, i) => ({ ...c, origin: { source: 'random' as const, seed: s, path: `${family}:${i}` } }));
  });
}

/** Splits `FAMILY:PATH` (the family name may itself contain no ':'; the path is fast-check's, e.g. `3` or `3:1:0`). */
export function splitCasePath(spec: string): { family: string; path: string } | undefined {
  const i = spec.indexOf(':');
  if (i <= 0 || i === spec.length - 1 || !/^\d+(:\d+)*$/.test(spec.slice(i + 1))) return undefined;
  return { family: spec.slice(0, i), path: spec.slice(i + 1) };
}

/**
 * The random case at a fast-check path (`FAMILY:RUN[:SHRINK...]`) for a run seed: the case a run
 * generated (`FAMILY:i`) or a shrunk counterexample (`FAMILY:i:1:0...`), regenerated exactly.
 */
export function caseAtPath(seed: number, spec: string): Case | undefined {
  const parts = splitCasePath(spec);
  const arb = parts ? familyNamed(parts.family) : undefined;
  if (!parts || !arb) return undefined;
  const s = familySeed(seed, parts.family);
  let found: Case | undefined;
  fc.check(fc.property(arb, (c) => { found = c; return false; }), { seed: s, path: parts.path, endOnFailure: true });
  return found && { ...found, origin: { source: 'random', seed: s, path: spec } };
}

export interface PlanOptions {
  seed?: number;
  runs?: number;
  /** An edition's deterministic cases and random families, after the seed page's. */
  edition?: { cases: Case[]; families: Record<string, fc.Arbitrary<Case>> };
}

/**
 * The seed page's plan (no edition) one at a time, in buildPlan's order, without holding them: fixed cases, then each
 * family's random cases as fast-check's runner generates them (run i of a property is fc.sample's i-th
 * value, the same equivalence caseAtPath relies on). For runs of 100k cases in bounded memory.
 */
export function forEachPlannedCase(o: PlanOptions & { limit?: number }, visit: (c: Case) => void): void {
  const seen = new Set<string>();
  const limit = o.limit ?? Number.POSITIVE_INFINITY;
  const once = (c: Case) => {
    if (seen.size >= limit || seen.has(c.id)) return;
    seen.add(c.id);
    visit(c);
  };
  for (const c of fixedCases()) once(c);
  const runs = o.runs ?? DEFAULT_RUNS;
  if (runs <= 0) return;
  for (const [family, arb] of Object.entries(FAMILIES)) {
    if (seen.size >= limit) return;
    const s = familySeed(o.seed ?? DEFAULT_SEED, family);
    let i = 0;
    fc.check(fc.property(arb, (c) => {
      once({ ...c, origin: { source: 'random' as const, seed: s, path: `${family}:${i}` } });
      i += 1;
      return true;
    }), { seed: s, numRuns: runs });
  }
}

export function buildPlan(o: PlanOptions = {}): Case[] {
  const seed = o.seed ?? DEFAULT_SEED;
  const runs = o.runs ?? DEFAULT_RUNS;
  const all = [...fixedCases(), ...(o.edition?.cases ?? []), ...randomCases(seed, runs), ...randomCases(seed, runs, o.edition?.families ?? {})];
  const seen = new Set<string>();
  return all.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}

/** Shell-style wildcard match of rule ids: `*` any run of characters, `?` one. */
export function ruleMatches(pattern: string, rule: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(rule);
}

/** The rule ids a case answers to in --only/--skip: its own rule, and its check-order parity rule. */
function selectableRules(c: Case): string[] {
  return typeof c.args.order === 'string' ? [c.rule, c.args.order] : [c.rule];
}

export function selectCases(cases: Case[], only: string[], skip: string[], ids: string[] = []): Case[] {
  const any = (patterns: string[], c: Case) => patterns.some((p) => selectableRules(c).some((r) => ruleMatches(p, r)));
  return cases.filter((c) =>
    (only.length === 0 || any(only, c))
    && !any(skip, c)
    && (ids.length === 0 || ids.includes(c.id)));
}

/** The shard (0-based, of `count`) a case id belongs to: from a hash of the id, the same on every machine. */
export function shardOf(caseId: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < caseId.length; i += 1) h = Math.imul(h ^ caseId.charCodeAt(i), 0x01000193) >>> 0;
  return h % count;
}

/** The cases of shard `index` (1-based) of `count`. */
export function shardCases(cases: Case[], shard: { index: number; count: number } | undefined): Case[] {
  return shard ? cases.filter((c) => shardOf(c.id, shard.count) === shard.index - 1) : cases;
}
