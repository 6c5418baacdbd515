/**
 * The differences between two editions, by member path (shape names differ between editions and do not
 * count): operations and HTTP bindings, errors and their statuses, members added and removed, and every
 * changed constraint (type, required, range, length, pattern, enum, list/map size, default, location).
 */
import type { Edition, Member, Shape } from './types.ts';

export type EditionChangeKind =
  | 'operation-added' | 'operation-removed' | 'binding-changed' | 'error-added' | 'error-removed'
  | 'error-status-changed' | 'member-added' | 'member-removed' | 'type-changed' | 'constraint-changed';

export interface EditionChange {
  kind: EditionChangeKind;
  /** `<Operation>.input.<Member>.<Member>…`; list elements are `.member`, map keys and values `.key`/`.value`. */
  path: string;
  constraint?: string;
  from?: unknown;
  to?: unknown;
  /** For enums: the values only one side has. */
  added?: string[];
  removed?: string[];
}

export interface EditionDiff {
  a: { name: string; sha256: string };
  b: { name: string; sha256: string };
  changes: EditionChange[];
}

const CONSTRAINTS: Record<string, string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'enum'], integer: ['min', 'max'], long: ['min', 'max'],
  list: ['minSize', 'maxSize'], map: ['minSize', 'maxSize'], boolean: [], timestamp: [], structure: [],
};

const same = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y);

/** A shape in one phrase, for an added or removed member: `integer 0..300`, `enum LATEST|TRIM_HORIZON`, `list (1..1)`, `structure of 2 members`. */
export function shapeSummary(s: Shape): string {
  const range = (lo?: number, hi?: number): string => (lo !== undefined || hi !== undefined ? `${lo ?? ''}..${hi ?? ''}` : '');
  switch (s.type) {
    case 'integer': case 'long': return `${s.type} ${range(s.min, s.max)}`.trim();
    case 'string':
      if (s.enum) return s.enum.length <= 4 ? `enum ${s.enum.join('|')}` : `enum of ${s.enum.length} values`;
      return `string ${range(s.minLength, s.maxLength)}${s.pattern ? ' with a pattern' : ''}`.replace(/ +/g, ' ').trim();
    case 'list': case 'map': return `${s.type}${range(s.minSize, s.maxSize) ? ` (${range(s.minSize, s.maxSize)})` : ''}`;
    case 'structure': return `structure of ${Object.keys(s.members).length} member${Object.keys(s.members).length === 1 ? '' : 's'}`;
    default: return s.type;
  }
}

class Walker {
  readonly changes: EditionChange[] = [];
  constructor(private readonly a: Edition, private readonly b: Edition) {}

  private shapeA(n: string): Shape { return this.a.shapes[n]!; }
  private shapeB(n: string): Shape { return this.b.shapes[n]!; }

  constraints(path: string, sa: Shape, sb: Shape): void {
    for (const c of CONSTRAINTS[sa.type] ?? []) {
      const from = (sa as unknown as Record<string, unknown>)[c];
      const to = (sb as unknown as Record<string, unknown>)[c];
      if (same(from, to)) continue;
      if (c === 'enum' && Array.isArray(from) && Array.isArray(to)) {
        const added = to.filter((v) => !from.includes(v));
        const removed = from.filter((v) => !to.includes(v));
        if (added.length || removed.length) this.changes.push({ kind: 'constraint-changed', path, constraint: c, from, to, added, removed });
        continue;
      }
      this.changes.push({ kind: 'constraint-changed', path, constraint: c, from, to });
    }
  }

  member(path: string, ma: Member, mb: Member, reqA: boolean, reqB: boolean, stack: string[]): void {
    if (reqA !== reqB) this.changes.push({ kind: 'constraint-changed', path, constraint: 'required', from: reqA, to: reqB });
    for (const c of ['default', 'location', 'locationName'] as const) {
      if (!same(ma[c], mb[c])) this.changes.push({ kind: 'constraint-changed', path, constraint: c, from: ma[c], to: mb[c] });
    }
    this.shape(path, ma.shape, mb.shape, stack);
  }

  shape(path: string, na: string, nb: string, stack: string[]): void {
    const key = `${na}|${nb}`;
    if (stack.includes(key)) return;
    const sa = this.shapeA(na);
    const sb = this.shapeB(nb);
    if (sa.type !== sb.type) { this.changes.push({ kind: 'type-changed', path, from: sa.type, to: sb.type }); return; }
    this.constraints(path, sa, sb);
    const inner = [...stack, key];
    if (sa.type === 'list' && sb.type === 'list') this.shape(`${path}.member`, sa.member, sb.member, inner);
    if (sa.type === 'map' && sb.type === 'map') {
      this.shape(`${path}.key`, sa.key, sb.key, inner);
      this.shape(`${path}.value`, sa.value, sb.value, inner);
    }
    if (sa.type === 'structure' && sb.type === 'structure') {
      for (const m of Object.keys(sa.members).filter((k) => !(k in sb.members))) {
        this.changes.push({ kind: 'member-removed', path: `${path}.${m}`, from: shapeSummary(this.shapeA(sa.members[m]!.shape)) });
      }
      for (const [m, mb] of Object.entries(sb.members)) {
        const ma = sa.members[m];
        if (!ma) { this.changes.push({ kind: 'member-added', path: `${path}.${m}`, to: `${shapeSummary(this.shapeB(mb.shape))}${mb.location ? `, in the ${mb.location} ${mb.locationName ?? m}` : ''}` }); continue; }
        this.member(`${path}.${m}`, ma, mb, sa.required.includes(m), sb.required.includes(m), inner);
      }
    }
  }
}

function errorChanges(w: Walker, a: Edition, b: Edition, op: string, seen: Set<string>): void {
  const ea = a.operations[op]!.errors;
  const eb = b.operations[op]!.errors;
  for (const e of ea.filter((x) => !eb.includes(x))) w.changes.push({ kind: 'error-removed', path: `${op}.errors.${e}` });
  for (const e of eb.filter((x) => !ea.includes(x))) w.changes.push({ kind: 'error-added', path: `${op}.errors.${e}`, to: b.shapes[e]?.type === 'structure' ? (b.shapes[e] as { error?: { status: number } }).error?.status : undefined });
  for (const e of ea.filter((x) => eb.includes(x) && !seen.has(x))) {
    seen.add(e);
    const sa = a.shapes[e];
    const sb = b.shapes[e];
    const from = sa?.type === 'structure' ? sa.error?.status : undefined;
    const to = sb?.type === 'structure' ? sb.error?.status : undefined;
    if (from !== to) w.changes.push({ kind: 'error-status-changed', path: `${op}.errors.${e}`, constraint: 'status', from, to });
    w.shape(`${op}.errors.${e}`, e, e, []);
  }
}

export function diffEditions(a: Edition, b: Edition): EditionDiff {
  const w = new Walker(a, b);
  const ops = [...new Set([...Object.keys(a.operations), ...Object.keys(b.operations)])];
  const walked = new Set<string>();
  const errorsSeen = new Set<string>();
  for (const op of ops) {
    const oa = a.operations[op];
    const ob = b.operations[op];
    if (!oa || !ob) { w.changes.push({ kind: oa ? 'operation-removed' : 'operation-added', path: op }); continue; }
    for (const f of ['method', 'requestUri', 'status'] as const) {
      if (oa.http[f] !== ob.http[f]) w.changes.push({ kind: 'binding-changed', path: op, constraint: f, from: oa.http[f], to: ob.http[f] });
    }
    for (const part of ['input', 'output'] as const) {
      const key = `${oa[part]}|${ob[part]}`;
      if (walked.has(key)) continue;
      walked.add(key);
      w.shape(`${op}.${part}`, oa[part], ob[part], []);
    }
    errorChanges(w, a, b, op, errorsSeen);
  }
  return { a: { name: a.name, sha256: a.stamp.sha256 }, b: { name: b.name, sha256: b.stamp.sha256 }, changes: w.changes };
}
