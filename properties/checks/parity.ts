/**
 * Parity checks: does an answer carry the values real AWS was recorded answering (spec/parity.json)?
 * Pure. A parity result never changes a verdict; the report scores them apart (matched / checked).
 * Messages are compared after the request's own values are put in ({sent.X}) and any UUID is allowed
 * where AWS names the target's mapping ({UUID}), so a target's own ARNs, names and UUIDs never count.
 */
import { anchoredPattern, parityRules, type ParityRule } from '../../spec/index.ts';
import { kindOf, valuesAt } from '../../spec/overlay/index.ts';
import { expectationRule } from '../oracle.ts';
import type { Case, Exchange, ParityResult } from '../types.ts';
import { isObject, parseJson } from './parse.ts';
import { functionParts } from './response.ts';
import { canonicalJson } from '../case-id.ts';

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/y;
/** The start of a Lambda function's ARN, up to its name (any partition, region and account). */
const FUNCTION_ARN_START = /arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:/y;
const QUALIFIER = /:[a-zA-Z0-9$_-]+/y;
const GATEWAY = new Set([502, 503, 504]);
/** The recorded rules by when they apply, in their file's order. */
const SUCCESS_RULES = parityRules.filter((r) => r.on === 'success');
const ERROR_RULES = parityRules.filter((r) => r.on === 'error' && r.forRule === undefined);
/** Message rules by the case rule they decide, in file order (a rule per kind of source where kinds differ). */
const MESSAGE_RULES = new Map<string, ParityRule[]>();
for (const r of parityRules) if (r.on === 'error' && r.forRule !== undefined) MESSAGE_RULES.set(r.forRule, [...(MESSAGE_RULES.get(r.forRule) ?? []), r]);

const isAbsentMarker = (v: unknown): boolean => isObject(v) && v.absent === true && Object.keys(v).length === 1;

/** Equal as JSON values: an object's member order is no difference (AWS writes its shape's order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return canonicalJson(a) === canonicalJson(b);
}

/** A template's parts: literal text, and `{name}` holes (`UUID`, `sent.X`, `answer.X`, or a var). Parsed once per template. */
type Part = { text: string } | { hole: string };
const templates = new Map<string, Part[]>();

function partsOf(template: string): Part[] {
  let parts = templates.get(template);
  if (!parts) {
    parts = [];
    let last = 0;
    for (const m of template.matchAll(/\{([A-Za-z_.]+)\}/g)) {
      if (m.index > last) parts.push({ text: template.slice(last, m.index) });
      parts.push({ hole: m[1]! });
      last = m.index + m[0].length;
    }
    if (last < template.length) parts.push({ text: template.slice(last) });
    templates.set(template, parts);
  }
  return parts;
}

/**
 * Does `text` read as the template, whole: {sent.X} and {answer.X} as the exchange's values (`null` for a
 * member not sent; an unanswered one matches nothing; X may be a path, A.B.C, and a list reads as its items
 * joined by commas), {UUID} as any UUID, {FUNCTION_ARN} as the ARN of the function the request named (any
 * partition, region, account and qualifier), other holes from `vars` (an unknown one matches nothing)?
 */
function templateMatches(template: string, text: string, sent: Record<string, unknown>, answer: Record<string, unknown>, vars: Record<string, string>): boolean {
  let at = 0;
  for (const p of partsOf(template)) {
    if ('text' in p) {
      if (!text.startsWith(p.text, at)) return false;
      at += p.text.length;
      continue;
    }
    if (p.hole === 'UUID') {
      UUID.lastIndex = at;
      if (!UUID.test(text)) return false;
      at += 36;
      continue;
    }
    if (p.hole === 'FUNCTION_ARN') {
      // The ARN of the function the request named (by any spelling), with or without a qualifier.
      const name = typeof sent.FunctionName === 'string' ? functionParts(sent.FunctionName)?.name : undefined;
      FUNCTION_ARN_START.lastIndex = at;
      const m = name === undefined ? null : FUNCTION_ARN_START.exec(text);
      if (!m || !text.startsWith(name!, at + m[0].length)) return false;
      at += m[0].length + name!.length;
      QUALIFIER.lastIndex = at;
      at += QUALIFIER.exec(text)?.[0].length ?? 0;
      continue;
    }
    const value = p.hole.startsWith('sent.') ? String(valuesAt(sent, p.hole.slice(5))[0] ?? 'null')
      : p.hole.startsWith('answer.') ? valuesAt(answer, p.hole.slice(7))[0] : vars[p.hole];
    if (value === undefined) return false;
    const v = String(value);
    if (!text.startsWith(v, at)) return false;
    at += v.length;
  }
  return at === text.length;
}

/** Partition, region and account of the answer's FunctionArn (arn:<partition>:lambda:<region>:<account>:function:...). */
function arnVars(body: Record<string, unknown>): Record<string, string> {
  const parts = typeof body.FunctionArn === 'string' ? body.FunctionArn.split(':') : [];
  return { partition: parts[1] ?? '', region: parts[3] ?? '', account: parts[4] ?? '' };
}

function expectedValue(r: ParityRule, sent: Record<string, unknown>): { value: unknown } | undefined {
  if (r.echo) return r.member !== undefined && sent[r.member] !== undefined ? { value: sent[r.member] } : undefined;
  if (sent.Enabled === false && r.whenDisabled !== undefined) return { value: r.whenDisabled };
  if (r.byKind) {
    const kind = kindOf(sent);
    return kind !== undefined && Object.hasOwn(r.byKind, kind) ? { value: r.byKind[kind] } : undefined;
  }
  return r.value !== undefined ? { value: r.value } : undefined;
}

function memberCheck(r: ParityRule, sent: Record<string, unknown>, body: Record<string, unknown>): ParityResult | undefined {
  const member = r.member!;
  const parts = member.split('.');
  if (r.kinds && !r.kinds.includes(kindOf(sent) ?? '')) return undefined;
  // A default: recorded only for a request that did not send the member (of a path, its top-level member).
  if (r.unlessSent && sent[parts[0]!] !== undefined) return undefined;
  const got = valuesAt(body, member)[0];
  const path = `/${parts.join('/')}`;
  if (r.pattern !== undefined) return { rule: r.id, ok: typeof got === 'string' && anchoredPattern(r.pattern).test(got), path, expected: `matches ${r.pattern}`, got: got ?? null };
  if (r.template !== undefined) {
    const ok = typeof got === 'string' && templateMatches(r.template, got, sent, body, arnVars(body));
    return { rule: r.id, ok, path, expected: r.template, got: got ?? null };
  }
  const want = expectedValue(r, sent);
  if (!want) return undefined;
  if (isAbsentMarker(want.value)) return { rule: r.id, ok: got === undefined, path, expected: '(absent)', got: got ?? '(absent)' };
  return { rule: r.id, ok: sameJson(got, want.value), path, expected: want.value, got: got === undefined ? '(absent)' : got };
}

function absentCheck(r: ParityRule, sent: Record<string, unknown>, body: Record<string, unknown>): ParityResult {
  const never = (r.absent ?? []).filter((m) => Object.hasOwn(body, m));
  const unsent = (r.absentUnlessSent ?? []).filter((m) => sent[m] === undefined && Object.hasOwn(body, m));
  const present = [...never, ...unsent];
  return { rule: r.id, ok: present.length === 0, path: '', expected: '(absent)', got: present.length ? present : '(absent)' };
}

function successChecks(sent: Record<string, unknown>, body: Record<string, unknown>): ParityResult[] {
  const out: ParityResult[] = [];
  for (const r of SUCCESS_RULES) {
    const res = r.member !== undefined ? memberCheck(r, sent, body) : absentCheck(r, sent, body);
    if (res) out.push(res);
  }
  return out;
}

/** The message text of an error body: under `message` or `Message`. */
function messageText(body: Record<string, unknown>): string | undefined {
  const m = body.message ?? body.Message;
  return typeof m === 'string' ? m : undefined;
}

/**
 * The parity rule that decides this case's message: its check-order rule, else the one for its expectation
 * rule; of several, the first whose kinds take the request's kind of source (or that names no kinds).
 */
function messageRuleOf(c: Case, sent: Record<string, unknown>): ParityRule | undefined {
  const order = typeof c.args.order === 'string' ? c.args.order : undefined;
  const rule = order ?? expectationRule(c);
  const candidates = rule === undefined ? undefined : MESSAGE_RULES.get(rule);
  if (!candidates) return undefined;
  const kind = kindOf(sent) ?? '';
  return candidates.find((r) => r.kinds === undefined || r.kinds.includes(kind));
}

function messageCheck(r: ParityRule, sent: Record<string, unknown>, body: Record<string, unknown>, code: string | undefined): ParityResult {
  const text = messageText(body);
  const codeOk = code === r.code;
  if (r.message === undefined) return { rule: r.id, ok: codeOk, path: '', expected: r.code, got: code ?? null };
  const ok = codeOk && text !== undefined && templateMatches(r.message, text, sent, body, {});
  return { rule: r.id, ok, path: '', expected: `${r.code}: ${r.message}`, got: `${code ?? '(no code)'}: ${text ?? '(no message)'}` };
}

function errorChecks(c: Case, sent: Record<string, unknown>, body: Record<string, unknown>, code: string | undefined): ParityResult[] {
  const out: ParityResult[] = [];
  if (code !== undefined) for (const r of ERROR_RULES) {
    if (r.codes?.includes(code) && r.bodyMember !== undefined) {
      out.push({ rule: r.id, ok: sameJson(body[r.bodyMember], r.value), path: `/${r.bodyMember}`, expected: r.value, got: body[r.bodyMember] ?? '(absent)' });
    }
    const key = r.messageKey?.[code];
    if (key !== undefined) out.push({ rule: r.id, ok: typeof body[key] === 'string', path: `/${key}`, expected: key, got: Object.keys(body).filter((k) => k.toLowerCase() === 'message').join(',') || '(none)' });
  }
  const m = messageRuleOf(c, sent);
  if (m) out.push(messageCheck(m, sent, body, code));
  return out;
}

/** The parity results of one answer (empty when nothing recorded applies, or the answer is not judgeable). */
export function parityChecks(c: Case, ex: Exchange, code: string | undefined): ParityResult[] {
  const a = ex.answer;
  const p = parseJson(a.body);
  const body = p.ok && isObject(p.value) ? p.value : undefined;
  const sent = ex.sent ?? {};
  if (a.status >= 200 && a.status < 300) return c.valid && body ? successChecks(sent, body) : [];
  if (a.status < 400 || GATEWAY.has(a.status) || a.status === 429) return [];
  return errorChecks(c, sent, body ?? {}, code);
}
