/** The judge: (case, exchange, profile) -> graded verdict and failure records. Pure. */
import type { Edition } from '../../spec/editions/types.ts';
import { model, ruleById, rules, type ProfileName } from '../../spec/index.ts';
import { admitsAcceptance, expect } from '../oracle.ts';
import type { Case, Exchange, Expectation, Failure, Judgement, ObservedAnswer } from '../types.ts';
import { errorShapeFailures, statusRuleOf } from './error-shape.ts';
import { failure, worst } from './failure.ts';
import { errorCode, isObject, parseJson } from './parse.ts';
import { parityChecks } from './parity.ts';
import { successFailures } from './response.ts';

const TRANSIENT = new Set([429, 502, 503, 504]);
/** The seed's response rules every accepted valid case is checked against (the read-back's only with one). */
const RESPONSE_RULES = rules.filter((r) => r.id.startsWith('response.') && r.id !== 'response.UUID.readback').map((r) => r.id);

export function outcomeMatches(x: Expectation, a: ObservedAnswer, code: string | undefined): boolean {
  return x.outcomes.some((o) => {
    const statusOk = o.status === '4xx' ? a.status >= 400 && a.status < 500 : o.status === a.status;
    if (!statusOk) return false;
    if (a.status < 300) return true;
    return o.codes ? code !== undefined && o.codes.includes(code) : code !== undefined;
  });
}

function serverErrorFailures(c: Case, a: ObservedAnswer, code: string | undefined): Failure[] {
  if (a.status < 500 || TRANSIENT.has(a.status)) return [];
  if (code !== 'ServiceException' || a.status !== 500) return [failure('error.Service.status', 'server-error-shape', '', { status: a.status, code: code ?? null })];
  // A persistent 500 ServiceException: trouble on the service side for a valid request (inconclusive),
  // but a server that fails on invalid input has a bug that invalid input triggers (fail).
  return c.valid ? [] : [failure(c.rule, 'server-error-on-invalid-input', '', { status: a.status, code })];
}

/**
 * The rule a rejected valid request breaks: the case's own when it is a MUST; rejecting a valid request
 * is never only a SHOULD deviation, so a SHOULD case (Enabled.default) fails response.status instead.
 */
export function acceptanceRule(c: Case): string {
  return ruleById(c.rule).level === 'MUST' ? c.rule : 'response.status';
}

function mismatch(c: Case, x: Expectation, a: ObservedAnswer, code: string | undefined): Failure[] {
  if (outcomeMatches(x, a, code)) return [];
  const args = { status: a.status, code: code ?? null, expected: x.outcomes, expectedBy: x.rule, evidence: x.provenance.evidence };
  // Accepted, as the profile allows, but with another 2xx: a response.status failure, not one of the case's rule
  // (for a valid case successFailures records it).
  if (a.status >= 200 && a.status < 300 && admitsAcceptance(x)) return c.valid ? [] : [failure('response.status', 'wrong-success-status', '', args)];
  if (c.valid) return [failure(acceptanceRule(c), a.status < 300 ? 'wrong-success-status' : 'valid-rejected', '', args)];
  return [failure(x.rule, a.status < 300 ? 'invalid-accepted' : 'wrong-error', '', args)];
}

/** The rules an answer is checked against, besides the case's own. */
function checkedRules(c: Case, ex: Exchange, code: string | undefined, success: boolean): string[] {
  const a = ex.answer;
  if (success) {
    return [
      ...RESPONSE_RULES,
      'Enabled.default',
      ...(ex.sent?.BatchSize === undefined ? ['BatchSize.default'] : []),
      ...(ex.readback ? ['response.UUID.readback'] : []),
    ];
  }
  if (a.status < 400) return [];
  const documented = code && model.errors.list[code] ? [statusRuleOf(code)] : [];
  const throttle = a.status === 429 ? ['error.TooManyRequests.status', 'error.TooManyRequests.retry-after'] : [];
  const server = a.status >= 500 ? ['error.Service.status'] : [];
  return ['error.code', 'error.header', 'error.body', ...documented, ...throttle, ...server].filter((r) => r !== c.rule);
}

/**
 * INFO notes on what a target chose where AWS's answer is unknown (never a verdict): for an undefined
 * member, whether it was ignored (accepted, not echoed), echoed back, or rejected.
 */
function unknownMemberNotes(c: Case, ex: Exchange, code: string | undefined): Failure[] {
  if (c.rule !== 'request.unknown-member' || typeof c.args.member !== 'string') return [];
  const a = ex.answer;
  const member = c.args.member;
  if (a.status >= 400 && a.status < 500) return [failure(c.rule, 'unknown-member-rejected', '', { member, status: a.status, code: code ?? null }, 'info')];
  if (a.status < 200 || a.status >= 300) return [];
  const p = parseJson(a.body);
  const echoed = p.ok && isObject(p.value) && Object.hasOwn(p.value, member);
  return [failure(c.rule, echoed ? 'unknown-member-echoed' : 'unknown-member-ignored', echoed ? `/${member}` : '', { member, status: a.status }, 'info')];
}

/**
 * A valid request whose acceptance depends on the target's resources or on more than the model (an ARN
 * naming a resource, a filter pattern): refused with a parseable 4xx is as good as accepted (INFO note).
 */
function refusedAsMayBe(c: Case, a: ObservedAnswer, code: string | undefined, profile: ProfileName): boolean {
  const may = c.args.mayBeRefused === true || (profile === 'aws' && typeof c.args.todayRefuses === 'string');
  return c.valid && may && a.status >= 400 && a.status < 500 && code !== undefined;
}

/**
 * A 429 is the target's load, not its answer to the case (inconclusive): a throttle answer of another shape
 * (no error code, a proxy's body, ThrottlingException) is reported as non-strict, never a fail charged to
 * the case that met it.
 */
function throttleShape(a: ObservedAnswer, shape: Failure[]): Failure[] {
  if (a.status !== 429) return shape;
  return shape.map((f) => (f.verdict === 'fail' ? { ...f, verdict: 'non-strict' as const } : f));
}

/** `edition`: the run's model edition; `today`: today's edition, by which an older edition's answers are also read (aws profile). */
export function judge(c: Case, ex: Exchange, profile: ProfileName, edition?: Edition, today?: Edition): Judgement {
  const a = ex.answer;
  const x = expect(c, profile);
  const code = a.status >= 300 ? errorCode(a) : undefined;
  const failures: Failure[] = [];
  // A bare 502/503/504 usually comes from a proxy in front of the target: not judged, only retried and reported.
  const gateway = a.status >= 502 && a.status <= 504;
  if (a.status >= 400 && !gateway) failures.push(...throttleShape(a, errorShapeFailures(a, profile)), ...serverErrorFailures(c, a, code));
  const transient = TRANSIENT.has(a.status) || (a.status === 500 && code === 'ServiceException' && c.valid);
  const mayBe = refusedAsMayBe(c, a, code, profile);
  if (!transient && !mayBe) failures.push(...mismatch(c, x, a, code));
  const success = !transient && a.status >= 200 && a.status < 300 && c.valid;
  if (success) failures.push(...successFailures(ex, profile, edition, today));
  const verdict = worst([...failures.map((f) => f.verdict), transient ? 'inconclusive' : 'pass']);
  const checked = checkedRules(c, ex, code, success).filter((r) => r !== c.rule);
  const parity = transient ? [] : parityChecks(c, ex, code);
  const notes = transient ? [] : [...unknownMemberNotes(c, ex, code), ...(mayBe ? [failure(c.rule, 'refused-by-target', '', { status: a.status, code: code ?? null, why: typeof c.args.todayRefuses === 'string' ? `the older model allows this value; today's model (${c.args.todayRefuses}) forbids it` : 'the value names a resource or needs more than the model; AWS\'s answer is not known' }, 'info')] : [])];
  return {
    verdict, failures, ...(code ? { errorCode: code } : {}), ...(checked.length ? { checked } : {}),
    ...(parity.length ? { parity } : {}), ...(notes.length ? { notes } : {}),
  };
}
