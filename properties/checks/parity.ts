/**
 * Parity checks: does an answer carry the values real AWS was recorded answering (spec/parity.json)?
 * Pure. A parity result never changes a verdict; the report scores them apart (matched / checked).
 * Messages are compared after the request's own values are put in ({sent.X}) and any UUID is allowed
 * where AWS names the target's mapping ({UUID}), so a target's own ARNs, names and UUIDs never count.
 */
import { anchoredPattern, parityRules, type ParityRule } from '../../spec/index.ts';
import { kindOf } from '../../spec/overlay/index.ts';
import { expectationRule } from '../oracle.ts';
import type { Case, Exchange, ParityResult } from '../types.ts';
import { isObject, parseJson } from './parse.ts';

const UUID_SOURCE = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const GATEWAY = new Set([502, 503, 504]);

const isAbsentMarker = (v: unknown): boolean => isObject(v) && v.absent === true && Object.keys(v).length === 1;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Renders a template: {sent.X} and {answer.X} from the exchange, {UUID} as any UUID; others from `vars`. */
function templateRegex(template: string, sent: Record<string, unknown>, answer: Record<string, unknown>, vars: Record<string, string>): RegExp {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(/\{([A-Za-z.]+)\}/g)) {
    out += escapeRe(template.slice(last, m.index));
    const key = m[1]!;
    if (key === 'UUID') out += UUID_SOURCE;
    else if (key.startsWith('sent.')) out += escapeRe(String(sent[key.slice(5)] ?? 'null'));
    else if (key.startsWith('answer.')) out += escapeRe(String(answer[key.slice(7)] ?? '\u0000'));
    else out += escapeRe(vars[key] ?? '\u0000');
    last = (m.index ?? 0) + m[0].length;
  }
  return new RegExp(`^${out}${escapeRe(template.slice(last))}$`, 's');
}

/** Partition, region and account of the answer's FunctionArn (arn:<partition>:lambda:<region>:<account>:function:...). */
function arnVars(body: Record<string, unknown>): Record<string, string> {
  const parts = typeof body.FunctionArn === 'string' ? body.FunctionArn.split(':') : [];
  return { partition: parts[1] ?? '', region: parts[3] ?? '', account: parts[4] ?? '' };
}

function expectedValue(r: ParityRule, sent: Record<string, unknown>): { value: unknown } | undefined {
  if (r.echo) return r.member !== undefined && sent[r.member] !== undefined ? { value: sent[r.member] } : undefined;
  if (r.unlessSent && r.member !== undefined && sent[r.member] !== undefined) return undefined;
  if (sent.Enabled === false && r.whenDisabled !== undefined) return { value: r.whenDisabled };
  if (r.byKind) {
    const kind = kindOf(sent);
    return kind !== undefined && Object.hasOwn(r.byKind, kind) ? { value: r.byKind[kind] } : undefined;
  }
  return r.value !== undefined ? { value: r.value } : undefined;
}

function memberCheck(r: ParityRule, sent: Record<string, unknown>, body: Record<string, unknown>): ParityResult | undefined {
  const member = r.member!;
  const got = Object.hasOwn(body, member) ? body[member] : undefined;
  const path = `/${member}`;
  if (r.pattern !== undefined) return { rule: r.id, ok: typeof got === 'string' && anchoredPattern(r.pattern).test(got), path, expected: `matches ${r.pattern}`, got: got ?? null };
  if (r.template !== undefined) {
    const ok = typeof got === 'string' && templateRegex(r.template, sent, body, arnVars(body)).test(got);
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
  for (const r of parityRules) {
    if (r.on !== 'success') continue;
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

/** The parity rule that decides this case's message: its check-order rule, else the one for its expectation rule. */
function messageRuleOf(c: Case): ParityRule | undefined {
  const order = typeof c.args.order === 'string' ? c.args.order : undefined;
  const rule = order ?? expectationRule(c);
  return parityRules.find((r) => r.on === 'error' && r.forRule === rule);
}

function messageCheck(r: ParityRule, sent: Record<string, unknown>, body: Record<string, unknown>, code: string | undefined): ParityResult {
  const text = messageText(body);
  const codeOk = code === r.code;
  if (r.message === undefined) return { rule: r.id, ok: codeOk, path: '', expected: r.code, got: code ?? null };
  const ok = codeOk && text !== undefined && templateRegex(r.message, sent, body, {}).test(text);
  return { rule: r.id, ok, path: '', expected: `${r.code}: ${r.message}`, got: `${code ?? '(no code)'}: ${text ?? '(no message)'}` };
}

function errorChecks(c: Case, sent: Record<string, unknown>, body: Record<string, unknown>, code: string | undefined): ParityResult[] {
  const out: ParityResult[] = [];
  for (const r of parityRules) {
    if (r.on !== 'error' || r.forRule !== undefined || code === undefined) continue;
    if (r.codes?.includes(code) && r.bodyMember !== undefined) {
      out.push({ rule: r.id, ok: sameJson(body[r.bodyMember], r.value), path: `/${r.bodyMember}`, expected: r.value, got: body[r.bodyMember] ?? '(absent)' });
    }
    const key = r.messageKey?.[code];
    if (key !== undefined) out.push({ rule: r.id, ok: typeof body[key] === 'string', path: `/${key}`, expected: key, got: Object.keys(body).filter((k) => k.toLowerCase() === 'message').join(',') || '(none)' });
  }
  const m = messageRuleOf(c);
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
