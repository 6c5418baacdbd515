/**
 * An older edition checked against AWS as it answers today. The `aws` profile is about today's service,
 * which serves every older model with today's rules; so where an older edition's constraint is not
 * today's model's, the older model is not evidence of what AWS answers (official model, both editions):
 * - an invalid value of the older model that today's model allows may be accepted (`args.todayAllows`);
 * - a valid value of the older model that today's model forbids may be refused (`args.todayRefuses`);
 * - a kind of event source that needs a member the older edition lacks (MSK's Topics in 2016) cannot be
 *   sent validly in that edition's terms: it is left out of the edition's plan (`overlayFor`);
 * - a returned value that breaks the older output shape but not today's is no failure (`todayAllowsAnswer`).
 * The seed profile is the page as written and is not widened. Pure.
 */
import type { Edition } from '../../spec/editions/types.ts';
import { CREATE } from '../../spec/editions/types.ts';
import type { Overlay } from '../../spec/overlay/types.ts';
import { shapeChecker, type ShapeViolation } from '../shapes/index.ts';

type Checker = (v: unknown) => ShapeViolation[];
const checkers = new WeakMap<Edition, { input: Checker; output: Checker }>();

function checkersOf(e: Edition): { input: Checker; output: Checker } {
  let c = checkers.get(e);
  if (!c) {
    c = { input: shapeChecker(e, e.operations[CREATE]!.input), output: shapeChecker(e, e.operations[CREATE]!.output) };
    checkers.set(e, c);
  }
  return c;
}

/** Is `today` a different edition from the run's (and so the older model needs today's view beside it)? */
export function isOlder(edition: Edition, today: Edition | undefined): today is Edition {
  return today !== undefined && today.name !== edition.name && edition.name !== 'seed';
}

function inputMembers(e: Edition): Record<string, unknown> {
  const s = e.shapes[e.operations[CREATE]!.input];
  return s?.type === 'structure' ? s.members : {};
}

/** The overlay restricted to the kinds of event source whose required members the edition has. */
export function overlayFor(edition: Edition, o: Overlay): Overlay {
  const members = inputMembers(edition);
  const usable = (kind: string): boolean => Object.entries(o.kinds[kind]!.members)
    .every(([m, use]) => use.use !== 'required' || m.split('.')[0]! in members);
  const kinds = Object.fromEntries(Object.entries(o.kinds).filter(([k]) => usable(k)));
  if (Object.keys(kinds).length === Object.keys(o.kinds).length) return o;
  // A limit's case is sent on its first kind (properties/edition/cases.ts limitCases): kept while that kind is.
  return { ...o, kinds, limits: o.limits.filter((l) => l.kinds[0] !== undefined && l.kinds[0] in kinds) };
}

/** Is `pointer` at or below `at` (a map key's pointer is `/Map#key:k`)? */
function within(pointer: string, at: string): boolean {
  return pointer === at || pointer.startsWith(`${at}/`) || pointer.startsWith(`${at}#`);
}

/** Today's model's violations of a request that fall within one top-level member. */
function memberViolations(today: Edition, body: Record<string, unknown>, member: string): ShapeViolation[] {
  return checkersOf(today).input(body).filter((v) => within(v.pointer, `/${member}`));
}

/**
 * The args a case of an older edition carries so that the aws profile judges it by today's model too:
 * `todayAllows` (the edition's name of today's model) on an invalid case whose member today's model
 * accepts, `todayRefuses` on a valid case whose member today's model refuses; both widen the aws profile
 * only (properties/oracle.ts, checks/judge.ts). None for today's edition.
 */
export function todayArgs(edition: Edition, today: Edition | undefined, body: Record<string, unknown>, member: string, valid: boolean): Record<string, unknown> {
  if (!isOlder(edition, today)) return {};
  // A member today's model does not have is an unknown member to AWS today: ignored or refused, unrecorded.
  if (!(member in inputMembers(today))) return valid ? { todayRefuses: today.name } : { todayAllows: today.name };
  const broken = memberViolations(today, body, member).length > 0;
  if (valid) return broken ? { todayRefuses: today.name } : {};
  return broken ? {} : { todayAllows: today.name };
}

/** Does today's output shape accept the value at `pointer` of an answer that broke the older output shape there? */
export function todayAllowsAnswer(today: Edition, body: Record<string, unknown>, pointer: string): boolean {
  return !checkersOf(today).output(body).some((v) => within(v.pointer, pointer) || within(pointer, v.pointer));
}
