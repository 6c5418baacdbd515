/**
 * Random cases of an edition's newer members, for breadth beside the deterministic boundaries: a random
 * valid value of one member (fast-check, from its shape) on the minimal request of a kind that takes it,
 * and a random invalid shape case of one member with a random valid value of another member of that
 * kind. Each is a fast-check arbitrary of Case, sampled with the run's seed like the seed families
 * (`edition.valid:3` replays with --path and shrinks against the target). Pure.
 */
import fc from 'fast-check';
import type { Edition } from '../../spec/editions/types.ts';
import { CREATE } from '../../spec/editions/types.ts';
import type { Overlay } from '../../spec/overlay/types.ts';
import { makeCase } from '../cases/make.ts';
import { embedCase, shapeCases, valueArbitrary } from '../shapes/index.ts';
import type { Case } from '../types.ts';
import { kindBase, kindFor, kindForPath, mayBeRefused } from './cases.ts';
import { SEED_MEMBERS } from './rules.ts';
import { todayArgs } from './today.ts';

/** Newer top-level members of a kind that a request may carry (allowed; required ones are in the base already). */
function membersOf(edition: Edition, o: Overlay, kind: string): string[] {
  const req = edition.shapes[edition.operations[CREATE]!.input];
  if (req?.type !== 'structure') return [];
  return Object.keys(req.members).filter((m) => !SEED_MEMBERS.has(m) && kindFor(o, m) === kind && o.kinds[kind]?.members[m]?.use === 'allowed');
}

function shapeOfMember(edition: Edition, member: string): string {
  const req = edition.shapes[edition.operations[CREATE]!.input];
  return req?.type === 'structure' ? req.members[member]!.shape : member;
}

function validFamily(edition: Edition, o: Overlay, today: Edition | undefined): fc.Arbitrary<Case> | undefined {
  const kinds = [...new Set(Object.keys(o.kinds))].filter((k) => membersOf(edition, o, k).length > 0);
  const pairs = kinds.flatMap((k) => membersOf(edition, o, k).map((m) => [k, m] as const));
  if (pairs.length === 0) return undefined;
  return fc.constantFrom(...pairs).chain(([kind, member]) => valueArbitrary(edition, shapeOfMember(edition, member)).map((v) => {
    const body = { ...kindBase(edition, o, kind), [member]: v };
    const args: Record<string, unknown> = { kind, member, label: 'random' };
    if (mayBeRefused(edition, o, kind, body, [member], v)) args.mayBeRefused = true;
    Object.assign(args, todayArgs(edition, today, body, member, true));
    return makeCase(`${member}.type`, true, `${kind}: random valid ${member}`, { body, source: 'random', args });
  }));
}

function invalidFamily(edition: Edition, o: Overlay, today: Edition | undefined): fc.Arbitrary<Case> | undefined {
  const input = edition.operations[CREATE]!.input;
  const invalid = shapeCases(edition, input).cases.filter((c) => !c.valid && !SEED_MEMBERS.has(c.path[0]!) && !(c.label === 'missing' && c.path.length === 1));
  const withKind = invalid.map((c) => [c, kindForPath(o, c.path)] as const).filter((x): x is readonly [typeof x[0], string] => x[1] !== undefined);
  if (withKind.length === 0) return undefined;
  return fc.constantFrom(...withKind).chain(([c, kind]) => {
    const others = membersOf(edition, o, kind).filter((m) => m !== c.path[0]);
    const extra = others.length === 0 ? fc.constant(undefined) : fc.constantFrom(...others).chain((m) => valueArbitrary(edition, shapeOfMember(edition, m)).map((v) => [m, v] as const));
    return extra.map((mv) => {
      const base = { ...kindBase(edition, o, kind), ...(mv ? { [mv[0]]: mv[1] } : {}) };
      const body = embedCase(edition, input, c, base);
      const args: Record<string, unknown> = { kind, member: c.path.join('.'), label: c.label, ...(c.entails?.length ? { entailed: c.entails } : {}) };
      Object.assign(args, todayArgs(edition, today, body, c.path[0]!, false));
      return makeCase(c.rule, false, `${kind}: random ${c.path.join('.')} ${c.label}${mv ? ` with ${mv[0]}` : ''}`, { body, source: 'random', args });
    });
  });
}

/** The edition's random families by name (none for the seed edition). */
export function editionFamilies(edition: Edition, o: Overlay, today?: Edition): Record<string, fc.Arbitrary<Case>> {
  if (edition.name === 'seed') return {};
  const valid = validFamily(edition, o, today);
  const invalid = invalidFamily(edition, o, today);
  return { ...(valid ? { 'edition.valid': valid } : {}), ...(invalid ? { 'edition.invalid': invalid } : {}) };
}
