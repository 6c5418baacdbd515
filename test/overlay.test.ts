/**
 * The overlay (spec/overlay/): it passes its meta-schema; every member it names exists in today's edition and
 * every request member has a use for every kind; its references resolve; its recorded facts agree with the
 * rest of spec/ and, where /work/shared/aws-observed.md is on the machine, appear there word for word.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awsModel, model } from '../spec/index.ts';
import { loadEdition } from '../spec/editions/store.ts';
import type { Edition, Shape } from '../spec/editions/types.ts';
import { kindOf, membersWithUse, overlay, validateOverlay, variantOf, type OverlayProvenance } from '../spec/overlay/index.ts';

const aws = loadEdition('aws');
const input = aws.shapes[aws.operations.CreateEventSourceMapping!.input]!;

/** The shape at a member path of the input (`DestinationConfig.OnSuccess`, list elements `.member`), or undefined. */
function shapeAt(edition: Edition, root: Shape, path: string): Shape | undefined {
  let s: Shape | undefined = root;
  for (const part of path.split('.')) {
    if (!s) return undefined;
    if (s.type === 'structure') s = s.members[part] ? edition.shapes[s.members[part].shape] : undefined;
    else if (s.type === 'list' && part === 'member') s = edition.shapes[s.member];
    else return undefined;
  }
  return s;
}

function provenances(): OverlayProvenance[] {
  const out: OverlayProvenance[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) { if (k === 'provenance') out.push(x as OverlayProvenance); else walk(x); }
    }
  };
  walk(overlay);
  return out;
}

describe('overlay data', () => {
  it('passes overlay.schema.json, and the schema refuses unknown keys and uses', () => {
    expect(validateOverlay(overlay), JSON.stringify(validateOverlay.errors)).toBe(true);
    expect(validateOverlay({ ...overlay, extra: 1 })).toBe(false);
    const bad = structuredClone(overlay);
    bad.kinds.sqs!.members.StartingPosition!.use = 'forbidden' as never;
    expect(validateOverlay(bad)).toBe(false);
    const noAccept = structuredClone(overlay);
    delete noAccept.kinds.sqs!.members.StartingPosition!.accept;
    expect(validateOverlay(noAccept)).toBe(false);
  });

  it("names the seven kinds, and gives every request member of today's edition a use for each", () => {
    expect(Object.keys(overlay.kinds).sort()).toEqual(['documentdb', 'dynamodb', 'kinesis', 'mq', 'msk', 'self-managed-kafka', 'sqs']);
    if (input.type !== 'structure') throw new Error('input is not a structure');
    for (const [name, kind] of Object.entries(overlay.kinds)) {
      expect(Object.keys(kind.members).filter((p) => !p.includes('.')).sort(), name).toEqual(Object.keys(input.members).sort());
      for (const p of [...Object.keys(kind.members), ...Object.keys(kind.defaults).filter((d) => !['State', 'StateTransitionReason', 'LastProcessingResult'].includes(d))]) {
        expect(shapeAt(aws, input, p), `${name}: ${p}`).toBeDefined();
      }
    }
  });

  it('every error and acceptable-answer reference resolves; every kind a rule names exists', () => {
    const uses = Object.values(overlay.kinds).flatMap((k) => Object.values(k.members));
    for (const u of uses) {
      if (u.error) expect(overlay.errors[u.error], u.error).toBeDefined();
      if (u.accept) expect(overlay.unrecorded[u.accept], u.accept).toBeDefined();
    }
    for (const r of [...overlay.crossField, ...overlay.limits]) {
      if (r.error) expect(overlay.errors[r.error], r.rule).toBeDefined();
      if ('accept' in r && r.accept) expect(overlay.unrecorded[r.accept], r.rule).toBeDefined();
      for (const k of [...('kinds' in r ? r.kinds : []), ...('requireKind' in r ? r.requireKind ?? [] : [])]) expect(overlay.kinds[k], `${r.rule}: ${k}`).toBeDefined();
    }
  });

  it('a kind whose members are disputed or not for it always has a set of acceptable answers, never a single guess', () => {
    for (const [name, kind] of Object.entries(overlay.kinds)) {
      for (const p of [...membersWithUse(kind, 'not-for-kind'), ...membersWithUse(kind, 'disputed')]) {
        const accept = overlay.unrecorded[kind.members[p]!.accept!]!.accept;
        expect(accept.length + (accept[0]?.codes?.length ?? 0), `${name}.${p}`).toBeGreaterThan(1);
      }
    }
  });

  it('agrees with spec/: the bare-name limit, the recorded stream defaults, the starting positions', () => {
    expect(overlay.functionName.bareNameMaxLength.value).toBe(model.request.members.FunctionName!.bareNameMaxLength);
    const enumValues = (aws.shapes.EventSourcePosition as { enum: string[] }).enum;
    for (const [name, kind] of Object.entries(overlay.kinds)) {
      for (const p of kind.startingPositions.value) expect(enumValues, name).toContain(p);
    }
    for (const kind of ['kinesis', 'dynamodb']) {
      const d = overlay.kinds[kind]!.defaults;
      for (const [member, value] of Object.entries(awsModel.createResponseDefaults)) expect(d[member]?.value, `${kind}.${member}`).toEqual(value);
      expect(d.BatchSize?.value).toBe(model.request.members.BatchSize!.default);
    }
    expect(overlay.kinds.sqs!.defaults.BatchSize!.value).toBe(10);
  });

  it('recognises each kind from a request', () => {
    const arn = (service: string, rest: string) => `arn:aws:${service}:us-east-1:123456789012:${rest}`;
    expect(kindOf({ EventSourceArn: arn('kinesis', 'stream/s') })).toBe('kinesis');
    expect(kindOf({ EventSourceArn: arn('dynamodb', 'table/t/stream/x') })).toBe('dynamodb');
    expect(kindOf({ EventSourceArn: arn('sqs', 'q') })).toBe('sqs');
    expect(kindOf({ EventSourceArn: arn('kafka', 'cluster/c/x') })).toBe('msk');
    expect(kindOf({ EventSourceArn: arn('mq', 'broker:b:x') })).toBe('mq');
    expect(kindOf({ EventSourceArn: arn('rds', 'cluster:c') })).toBe('documentdb');
    expect(kindOf({ SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['b:9092'] } } })).toBe('self-managed-kafka');
    expect(kindOf({ FunctionName: 'f' })).toBeUndefined();
    expect(variantOf(overlay.kinds.sqs!, { EventSourceArn: arn('sqs', 'q.fifo') })).toBe('fifo');
    expect(variantOf(overlay.kinds.sqs!, { EventSourceArn: arn('sqs', 'q') })).toBeUndefined();
  });
});

const OBSERVED = '/work/shared/aws-observed.md';
const SECTIONS = ['Wire protocol', 'Successful create', 'Errors', "What changed between the seed page and today's model", "Today's members and event-source kinds", 'Unknown (no recording)'];

describe('provenance', () => {
  it('every fact names a source, and every aws-observed reference a section of aws-observed.md', () => {
    const all = provenances();
    expect(all.length).toBeGreaterThan(100);
    for (const p of all.filter((x) => x.source === 'aws-observed')) expect(SECTIONS.some((s) => p.ref === s || p.ref.startsWith(`${s}:`)), p.ref).toBe(true);
    for (const p of all.filter((x) => x.source === 'model')) expect(p.ref, p.ref).toMatch(/^CreateEventSourceMappingRequest[ .]/);
    // AWS's answers recorded by LocalStack's AWS-validated snapshot tests: repository at a commit, file::class::test, validation date.
    const snapshots = all.filter((x) => x.source === 'aws-snapshot');
    expect(snapshots.length).toBeGreaterThan(3);
    for (const p of snapshots) expect(p.ref, p.ref).toMatch(/^localstack\/localstack@[0-9a-f]{12} tests\/aws\/[\w/]+\.py::\w+::test_\w+ \(AWS-validated \d{4}-\d{2}-\d{2}\)$/);
  });

  it.skipIf(!existsSync(OBSERVED))('every recorded or reported error message of aws-observed.md appears there word for word', () => {
    const text = readFileSync(OBSERVED, 'utf8').replace(/\\/g, '').replace(/\s+/g, ' ');
    for (const [id, e] of Object.entries(overlay.errors).filter(([, x]) => x.provenance.source === 'aws-observed')) {
      expect(text, id).toContain(e.message.replace(/\s+/g, ' '));
      expect(text, id).toContain(e.code);
    }
    for (const s of SECTIONS.filter((x) => !x.startsWith('Unknown'))) expect(text).toContain(`## ${s}`);
  });
});

interface ParityRule { id: string; member?: string; value?: unknown; whenDisabled?: string; byKind?: Record<string, unknown>; code?: string; message?: string; template?: string }
const parity = (JSON.parse(readFileSync(new URL('../spec/parity.json', import.meta.url), 'utf8')) as { rules: ParityRule[] }).rules;

describe('the overlay and spec/parity.json say the same', () => {
  it('defaults and recorded values per kind, and which members a kind never returns', () => {
    const checked: string[] = [];
    for (const r of parity.filter((x) => x.member && x.byKind)) {
      for (const [kind, v] of Object.entries(r.byKind!)) {
        const k = overlay.kinds[kind]!;
        if (v && typeof v === 'object' && 'absent' in v) expect(k.response?.absent?.value, `${r.id} ${kind}`).toContain(r.member);
        else expect(k.defaults[r.member!]?.value, `${r.id} ${kind}`).toEqual(v);
        checked.push(`${r.id} ${kind}`);
      }
    }
    expect(checked.length).toBeGreaterThan(20);
    const state = parity.find((x) => x.id === 'parity.State.create')!;
    for (const kind of ['kinesis', 'dynamodb']) expect(overlay.kinds[kind]!.defaults.State?.value).toBe(state.value);
    expect(overlay.disabledState.value).toBe(state.whenDisabled);
    expect(overlay.eventSourceMappingArn.value).toBe(parity.find((x) => x.id === 'parity.EventSourceMappingArn.form')!.template);
  });

  it('each kind\'s duplicate names an overlay error: a 409 ResourceConflictException', () => {
    const kinds = Object.entries(overlay.kinds).filter(([, k]) => k.duplicate !== undefined);
    expect(kinds.map(([id]) => id)).toEqual(['kinesis', 'dynamodb', 'sqs', 'self-managed-kafka']);
    for (const [id, k] of kinds) expect(overlay.errors[k.duplicate!], id).toMatchObject({ status: 409, code: 'ResourceConflictException' });
  });

  it('every recorded message of parity.json is an overlay error with the same code and text', () => {
    const messages = parity.filter((x) => x.id.startsWith('parity.message.'));
    expect(messages.length).toBeGreaterThan(5);
    for (const r of messages) {
      const hit = Object.values(overlay.errors).find((e) => (e.template ?? e.message) === r.message && e.code === r.code);
      expect(hit, r.id).toBeDefined();
    }
  });
});

describe('valueKinds and doubtfulRanges name what the model has', () => {
  it('every path resolves in today\'s edition; every value is in its enum, every range within the model\'s bounds', async () => {
    const { loadEdition } = await import('../spec/editions/store.ts');
    const { CREATE } = await import('../spec/editions/types.ts');
    const aws = loadEdition('aws');
    const shapeOf = (path: string): Record<string, unknown> => {
      let name = aws.operations[CREATE]!.input;
      for (const seg of path.split('.')) {
        const s = aws.shapes[name] as { type: string; members?: Record<string, { shape: string }>; member?: string };
        const next = seg === 'member' ? (s.type === 'list' ? s.member : undefined) : s.members?.[seg]?.shape;
        expect(next, `${path}: ${seg}`).toBeDefined();
        name = next!;
      }
      return aws.shapes[name] as unknown as Record<string, unknown>;
    };
    expect((overlay.valueKinds ?? []).length).toBeGreaterThan(0);
    for (const vk of overlay.valueKinds ?? []) {
      const enumOf = shapeOf(vk.member).enum as string[] | undefined;
      for (const v of vk.values) expect(enumOf, `${vk.member} ${v}`).toContain(v);
      for (const k of vk.kinds) expect(overlay.kinds[k], k).toBeDefined();
    }
    expect((overlay.doubtfulRanges ?? []).length).toBeGreaterThan(0);
    for (const d of overlay.doubtfulRanges ?? []) {
      const s = shapeOf(d.member) as { min?: number; max?: number };
      expect(d.range[0] <= d.range[1] && d.range[0] >= (s.min ?? -Infinity) && d.range[1] <= (s.max ?? Infinity), d.member).toBe(true);
      for (const k of d.kinds) expect(overlay.kinds[k], k).toBeDefined();
    }
  });
});
