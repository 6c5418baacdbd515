/**
 * Editions drive the plan (properties/edition): every request member of every edition has a rule and a
 * case, generated cases are fault-isolated by the edition's own shapes, per-kind cases need no model
 * violation, a synthetic member added to an edition gets cases and checks with no code, and the CLI lists
 * an edition's rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlan, caseAtPath } from '../properties/plan.ts';
import { loadEdition, loadIndex } from '../spec/editions/store.ts';
import { CREATE, type Edition } from '../spec/editions/types.ts';
import { overlay, type Overlay } from '../spec/overlay/index.ts';
import { hasRule, ruleById } from '../spec/index.ts';
import { editionPlan, SEED_MEMBERS } from '../properties/edition/index.ts';
import { memberPaths, shapeChecker } from '../properties/shapes/index.ts';
import { EXAMPLE_RESOURCES, bindValue } from '../properties/bind.ts';
import { judge } from '../properties/checks/judge.ts';
import { expect as oracle } from '../properties/oracle.ts';
import type { Case, Resources } from '../properties/types.ts';
import { main } from '../runner.ts';
import type { Io } from '../cli/run-command.ts';

const RESOURCES: Resources = {
  ...EXAMPLE_RESOURCES,
  sources: {
    sqs: 'arn:aws:sqs:us-east-1:123456789012:esm-conformance-queue', 'sqs-fifo': 'arn:aws:sqs:us-east-1:123456789012:esm-conformance-queue.fifo',
    msk: 'arn:aws:kafka:us-east-1:123456789012:cluster/esm-conformance/11111111-2222-3333-4444-555555555555-1',
    mq: 'arn:aws:mq:us-east-1:123456789012:broker:esm-conformance:b-11111111-2222-3333-4444-555555555555',
    documentdb: 'arn:aws:rds:us-east-1:123456789012:cluster:esm-conformance', 'self-managed-kafka': 'kafka.example.com:9092',
  },
};

const AWS = loadEdition('aws');
const input = (e: Edition) => e.operations[CREATE]!.input;
const bodyOf = (c: Case) => bindValue(c.request.body!, RESOURCES);

function io(): Io & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (s) => lines.push(...s.split('\n')), err: (s) => lines.push(s), isTty: false };
}

describe('every request member of every edition has a rule and a case', () => {
  const names = loadIndex().editions.map((e) => e.name);
  it.each(names)('%s', (name) => {
    const edition = loadEdition(name);
    const plan = editionPlan(edition, overlay);
    const ruleIds = new Set(plan.rules.map((r) => r.id));
    const caseRules = new Set(plan.cases.map((c) => c.rule));
    // A map key with no constraint is any JSON object key: there is nothing to break, so no rule.
    const paths = memberPaths(edition, input(edition)).filter((m) => !unconstrainedKey(m)).map((m) => m.path.join('.'));
    for (const path of paths) {
      const top = path.split('.')[0]!;
      if (SEED_MEMBERS.has(top)) {
        expect([...ruleIds].some((id) => id.startsWith(`${top}.`)), path).toBe(true);
        continue;
      }
      expect([...ruleIds].some((id) => id.startsWith(`${path}.`)), `rule for ${path}`).toBe(true);
      // Lists and maps reach their members through them; every path is reachable by its own or a child's case.
      expect([...caseRules].some((id) => id.startsWith(`${path}.`)) || !kindTakes(overlay, top), `case for ${path}`).toBe(true);
    }
    if (name === 'seed') expect(plan.cases).toEqual([]);
  });
});

function unconstrainedKey(m: { path: string[]; shape: object }): boolean {
  const s = m.shape as Record<string, unknown>;
  return m.path.at(-1) === 'key' && !['pattern', 'minLength', 'maxLength', 'enum'].some((k) => s[k] !== undefined);
}

function kindTakes(o: Overlay, member: string): boolean {
  return Object.values(o.kinds).some((k) => ['allowed', 'required'].includes(k.members[member]?.use ?? ''));
}

describe('generated cases of today\'s edition', () => {
  const plan = editionPlan(AWS, overlay);
  const check = shapeChecker(AWS, input(AWS));

  it('cover Kinesis, DynamoDB, SQS and the other kinds, each case with its rule registered', () => {
    const kinds = new Set(plan.cases.map((c) => String(c.args.kind)));
    for (const k of ['kinesis', 'sqs', 'msk', 'mq', 'documentdb', 'self-managed-kafka']) expect(kinds.has(k), k).toBe(true);
    for (const c of plan.cases) expect(() => ruleById(c.rule), c.rule).not.toThrow();
    expect(plan.rules.length).toBeGreaterThan(300);
  });

  it('every valid case passes the edition\'s shapes; every invalid shape case breaks exactly its rule (plus what it entails)', () => {
    let invalid = 0;
    for (const c of plan.cases) {
      const got = check(bodyOf(c)).map((v) => v.rule).sort();
      if (c.valid) {
        expect(got, `${c.title} ${JSON.stringify(c.request.body)}`).toEqual([]);
      } else if (c.args.label !== undefined) {
        expect(got, `${c.title} ${JSON.stringify(c.request.body)}`).toEqual([c.rule, ...((c.args.entailed as string[] | undefined) ?? [])].sort());
        invalid += 1;
      } else {
        // Per-kind, limit and cross-field cases break no shape: only the overlay's rule.
        expect(got, `${c.title} ${JSON.stringify(c.request.body)}`).toEqual([]);
      }
    }
    expect(invalid).toBeGreaterThan(100);
  });

  it('expectations are generated per rule kind, and an unknown one accepts any 4xx with a parseable code', () => {
    for (const c of plan.cases) {
      const x = oracle(c, 'aws');
      expect(x.outcomes.length, c.title).toBeGreaterThan(0);
      if (x.provenance.evidence === 'unknown') expect(x.outcomes.some((o) => o.status === '4xx' || o.status === 202), c.rule).toBe(true);
    }
    const byId = (id: string) => oracle(plan.cases.find((c) => c.rule === id && !c.valid)!, 'aws');
    expect(byId('MaximumBatchingWindowInSeconds.range').outcomes).toEqual([{ status: 400, codes: ['ValidationException', 'InvalidParameterValueException'] }]);
    expect(byId('sqs.DestinationConfig.OnSuccess.refused')).toMatchObject({ outcomes: [{ status: 400, codes: ['InvalidParameterValueException'] }], provenance: { evidence: 'recorded' } });
    expect(byId('sqs.ParallelizationFactor.not-for-kind').outcomes.map((o) => o.status)).toContain(202);
    expect(byId('FilterCriteria.filter-pattern').provenance.evidence).toBe('recorded');
  });

  it('the seed edition adds nothing: its rules are spec/rules.json\'s', () => {
    const seed = editionPlan(loadEdition('seed'), overlay);
    expect(seed.cases).toEqual([]);
    expect(seed.rules.every((r) => hasRule(r.id))).toBe(true);
  });
});

describe('random cases of today\'s edition (fixed seed)', () => {
  const plan = editionPlan(AWS, overlay);
  const check = shapeChecker(AWS, input(AWS));
  it('edition.valid: every random value passes the edition\'s shapes', () => {
    fc.assert(fc.property(plan.families['edition.valid']!, (c) => {
      expect(c.valid).toBe(true);
      expect(check(bodyOf(c)), `${c.title} ${JSON.stringify(c.request.body)}`).toEqual([]);
    }), { seed: 42, numRuns: 150 });
  });
  it('edition.invalid: every random case breaks exactly its rule', () => {
    fc.assert(fc.property(plan.families['edition.invalid']!, (c) => {
      expect(c.valid).toBe(false);
      expect(check(bodyOf(c)).map((v) => v.rule).sort(), `${c.title} ${JSON.stringify(c.request.body)}`).toEqual([c.rule, ...((c.args.entailed as string[] | undefined) ?? [])].sort());
    }), { seed: 42, numRuns: 150 });
  });
  it('a run plan with the edition samples them with the run\'s seed, the same cases for the same seed', () => {
    const a = buildPlan({ seed: 7, runs: 3, edition: plan }).filter((c) => c.origin.path?.startsWith('edition.'));
    const b = buildPlan({ seed: 7, runs: 3, edition: plan }).filter((c) => c.origin.path?.startsWith('edition.'));
    expect(a.length).toBeGreaterThan(0); // a random case equal to a deterministic one is kept once
    expect(a).toEqual(b);
    expect(caseAtPath(7, a[0]!.origin.path!)?.id).toBe(a[0]!.id);
  });
});

describe('a synthetic member added to an edition gets its rules, cases and checks with no code', () => {
  const synthetic: Edition = structuredClone(AWS);
  synthetic.name = 'synthetic';
  const req = synthetic.shapes[input(synthetic)] as { members: Record<string, { shape: string }> };
  req.members.ConformanceProbeWindow = { shape: 'ConformanceProbeWindowShape' };
  (synthetic.shapes as Record<string, unknown>).ConformanceProbeWindowShape = { type: 'integer', min: 3, max: 42 };
  const out = synthetic.shapes[synthetic.operations[CREATE]!.output] as { members: Record<string, { shape: string }> };
  out.members.ConformanceProbeWindow = { shape: 'ConformanceProbeWindowShape' };
  const o: Overlay = structuredClone(overlay);
  o.kinds.kinesis!.members.ConformanceProbeWindow = { use: 'allowed', provenance: { source: 'model', ref: 'synthetic', evidence: 'model' } };
  const plan = editionPlan(synthetic, o);

  it('rules for its type and range, and for the answer', () => {
    const ids = plan.rules.map((r) => r.id);
    for (const id of ['ConformanceProbeWindow.type', 'ConformanceProbeWindow.range', 'response.ConformanceProbeWindow.range']) expect(ids, id).toContain(id);
  });

  it('boundary cases 3 and 42 valid, 2 and 43 and a wrong type invalid, on a Kinesis request', () => {
    const cases = plan.cases.filter((c) => c.args.member === 'ConformanceProbeWindow');
    const table = cases.map((c) => [c.request.body!.ConformanceProbeWindow, c.valid, c.rule]);
    expect(table).toEqual(expect.arrayContaining([[3, true, 'ConformanceProbeWindow.range'], [42, true, 'ConformanceProbeWindow.range'],
      [2, false, 'ConformanceProbeWindow.range'], [43, false, 'ConformanceProbeWindow.range']]));
    expect(cases.some((c) => !c.valid && c.rule === 'ConformanceProbeWindow.type')).toBe(true);
    expect(cases.every((c) => c.request.body!.EventSourceArn === '{{KINESIS_STREAM_ARN}}')).toBe(true);
  });

  it('the judge checks the answer against the edition: an out-of-range value returned is a failure', () => {
    const c = plan.cases.find((x) => x.valid && x.args.member === 'ConformanceProbeWindow')!;
    const sent = bodyOf(c);
    const answer = (v: number) => ({
      status: 202, headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ UUID: '0f6c1a4e-4b1e-4c3a-9a55-3f1b2d6e7a90', BatchSize: 100, EventSourceArn: sent.EventSourceArn, FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:esm-conformance-fn',
        LastModified: 1, LastProcessingResult: 'No records processed', State: 'Creating', StateTransitionReason: 'User action', StartingPosition: sent.StartingPosition, ConformanceProbeWindow: v }),
    });
    const bad = judge(c, { answer: answer(99), sent }, 'aws', synthetic);
    expect(bad.failures.map((f) => f.rule)).toContain('response.ConformanceProbeWindow.range');
    const good = judge(c, { answer: answer(Number(sent.ConformanceProbeWindow)), sent }, 'aws', synthetic);
    expect(good.failures.filter((f) => f.rule.startsWith('response.ConformanceProbeWindow'))).toEqual([]);
  });
});

describe('--list --edition', () => {
  it('aws: names a rule for every request member path of today\'s model, nested ones included', async () => {
    const cli = io();
    expect(await main(['--list', '--edition', 'aws'], cli)).toBe(0);
    const listed = new Set(cli.lines.map((l) => l.split('  ')[0]!));
    expect(cli.lines[0]).toMatch(/^\d+ rules \(edition aws-\d{4}-\d{2}-\d{2}\)$/);
    for (const m of memberPaths(AWS, input(AWS)).filter((x) => !unconstrainedKey(x))) {
      const path = m.path.join('.');
      expect([...listed].some((id) => id === path || id.startsWith(`${path}.`) || SEED_MEMBERS.has(path.split('.')[0]!)), path).toBe(true);
    }
    expect(listed.has('DestinationConfig.OnFailure.Destination.pattern')).toBe(true);
    expect(listed.has('ScalingConfig.MaximumConcurrency.range')).toBe(true);
  });

  it('seed: only the seed page\'s rules', async () => {
    const cli = io();
    expect(await main(['--list', '--edition', 'seed'], cli)).toBe(0);
    expect(cli.lines[0]).toMatch(/^55 rules \(edition seed\)$/);
    expect(cli.lines.some((l) => l.startsWith('DestinationConfig.'))).toBe(false);
  });

  it('an unknown edition: exit 2 with the known names', async () => {
    const cli = io();
    expect(await main(['--list', '--edition', 'nope'], cli)).toBe(2);
    expect(cli.lines.join('\n')).toMatch(/unknown edition "nope" \(known: aws, seed, /);
  });
});
