/**
 * The generators: the plan is deterministic per seed, case ids are stable, every valid case passes the
 * model and every invalid case breaks exactly its rule (fault isolation), and the boundaries are exact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, model, parityRules, requestViolations, validators } from '../spec/index.ts';
import { FAMILIES } from '../properties/arbitraries.ts';
import { EXAMPLE_RESOURCES, bindValue, ph } from '../properties/bind.ts';
import { canonicalJson, caseId } from '../properties/case-id.ts';
import { makeCase } from '../properties/cases/make.ts';
import { baseBody } from '../properties/facts.ts';
import { buildPlan, fixedCases, randomCases } from '../properties/plan.ts';
import type { Case, Resources } from '../properties/types.ts';

const PLAN = buildPlan({ seed: 42, runs: 20 });

function bound(c: Case): Record<string, unknown> {
  return bindValue(c.request.body!, EXAMPLE_RESOURCES);
}

function violated(c: Case): string[] {
  return requestViolations(bound(c)).map((v) => v.rule).sort();
}

/** Cases whose expected answer comes from the target's state, not from the model: their bodies are model-valid. */
function expectationFromState(c: Case): boolean {
  return c.rule.startsWith('error.') || c.rule === 'EventSourceArn.stream-exists' || c.args.expect !== undefined;
}

/** A rule decided by the target's state (function, stream, mapping), not by the model. */
function isStateRule(rule: string): boolean {
  return rule.startsWith('error.') || rule === 'EventSourceArn.stream-exists';
}

/** The model rules an invalid case breaks: its own, what it declares entailed, and (check order) the second check it breaks. */
function modelBreaks(c: Case): string[] {
  const declared = [c.rule, ...((c.args.entailed as string[] | undefined) ?? []), ...((c.args.alsoBreaks as string[] | undefined) ?? [])];
  if (expectationFromState(c) && c.args.order === undefined) return [];
  return declared.filter((r) => !isStateRule(r)).sort();
}

function boundLengthOf(value: unknown): number {
  return codePointLength(bindValue(String(value), EXAMPLE_RESOURCES));
}

describe('determinism', () => {
  it('the same seed gives identical cases', () => {
    expect(buildPlan({ seed: 42, runs: 20 })).toEqual(PLAN);
    expect(randomCases(7, 10)).toEqual(randomCases(7, 10));
  });

  it('different seeds give different random cases, and the same fixed cases', () => {
    const a = randomCases(1, 10).map((c) => c.id);
    const b = randomCases(2, 10).map((c) => c.id);
    expect(a).not.toEqual(b);
    expect(a.filter((id) => b.includes(id)).length).toBeLessThan(a.length / 2);
    const fixedIds = fixedCases().map((c) => c.id);
    for (const seed of [1, 2]) {
      const plan = buildPlan({ seed, runs: 3 }).map((c) => c.id);
      expect(plan.slice(0, fixedIds.length)).toEqual(fixedIds);
    }
  });

  it('random cases carry the seed and the family path that replay them', () => {
    const random = PLAN.filter((c) => c.origin.source === 'random');
    expect(random.length).toBeGreaterThan(0);
    for (const c of random) {
      expect(typeof c.origin.seed).toBe('number');
      expect(c.origin.path).toMatch(/^[^:]+:\d+$/);
      expect(Object.keys(FAMILIES)).toContain(c.origin.path!.split(':')[0]);
    }
  });

  it('runs 0 gives only the fixed cases', () => {
    expect(buildPlan({ seed: 42, runs: 0 })).toEqual(fixedCases());
  });
});

describe('case ids', () => {
  it('are unique within a plan, and the fixed cases need no de-duplication', () => {
    expect(new Set(PLAN.map((c) => c.id)).size).toBe(PLAN.length);
    const fixed = fixedCases();
    expect(new Set(fixed.map((c) => c.id)).size).toBe(fixed.length);
  });

  it('are recomputed from rule, scenario and request alone', () => {
    for (const c of PLAN) {
      expect(c.id).toBe(caseId(c.rule, c.scenario, c.request));
      expect(c.id.startsWith(`${c.rule}~`)).toBe(true);
      expect(c.id).toMatch(/~[0-9a-f]{12}$/);
    }
  });

  it('do not depend on key order, title, args, state or origin', () => {
    const body = baseBody();
    const reversed = Object.fromEntries(Object.entries(body).reverse());
    expect(canonicalJson(reversed)).toBe(canonicalJson(body));
    const a = makeCase('BatchSize.range', false, 'one title', { body: { ...body, BatchSize: 0 }, args: { x: 1 }, source: 'boundary' });
    const b = makeCase('BatchSize.range', false, 'another title', { body: { BatchSize: 0, ...reversed }, state: { functionExists: false }, source: 'random', seed: 9 });
    expect(a.id).toBe(b.id);
  });

  it('change with the rule, the scenario, the path or the body', () => {
    const req = { path: model.operation.paths[0]!, body: baseBody() };
    const id = caseId('Enabled.default', 'create', req);
    expect(caseId('BatchSize.default', 'create', req)).not.toBe(id);
    expect(caseId('Enabled.default', 'duplicate', req)).not.toBe(id);
    expect(caseId('Enabled.default', 'create', { ...req, path: model.operation.paths[1]! })).not.toBe(id);
    expect(caseId('Enabled.default', 'create', { ...req, body: { ...req.body, Enabled: true } })).not.toBe(id);
    expect(caseId('Enabled.default', 'create', { path: req.path, raw: JSON.stringify(req.body) })).not.toBe(id);
  });

  it('a known fixed case has the same id whatever the plan order, seed or size', () => {
    const expected = caseId('BatchSize.range', 'create', { path: model.operation.paths[0]!, body: { ...baseBody(), BatchSize: 0 } });
    const find = (cases: Case[]) => cases.find((c) => c.rule === 'BatchSize.range' && c.args.order === undefined && c.request.body?.BatchSize === 0)?.id;
    expect(find(PLAN)).toBe(expected);
    expect(find(buildPlan({ seed: 99, runs: 1 }))).toBe(expected);
    expect(find([...fixedCases()].reverse())).toBe(expected);
  });
});

describe('fault isolation over the plan', () => {
  it('the plan has valid and invalid cases, both JSON and raw', () => {
    expect(PLAN.some((c) => c.valid)).toBe(true);
    expect(PLAN.some((c) => !c.valid && c.request.body)).toBe(true);
    expect(PLAN.some((c) => c.request.raw !== undefined)).toBe(true);
    for (const c of PLAN) expect((c.request.body === undefined) !== (c.request.raw === undefined), c.title).toBe(true);
    for (const c of PLAN) expect(model.operation.paths, c.title).toContain(c.request.path);
  });

  it('every valid case, bound to example resources, passes the model and the request validator', () => {
    for (const c of PLAN.filter((x) => x.valid)) {
      expect(c.request.body, c.title).toBeDefined();
      expect(violated(c), c.title).toEqual([]);
      expect(validators.request(bound(c)), c.title).toBe(true);
      expect(JSON.stringify(bound(c)), c.title).not.toMatch(/\{\{/);
    }
  });

  it('every invalid JSON case breaks exactly its rule, plus only what it declares entailed', () => {
    let checked = 0;
    for (const c of PLAN.filter((x) => !x.valid && x.request.body)) {
      if (expectationFromState(c) && c.args.order === undefined) continue;
      expect(violated(c), `${c.title} ${JSON.stringify(c.request.body)}`).toEqual(modelBreaks(c));
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('entailed rules are used only at the FunctionName minimum-length boundary', () => {
    const withEntailed = PLAN.filter((c) => c.args.entailed !== undefined);
    expect(withEntailed).toHaveLength(1);
    expect(withEntailed[0]).toMatchObject({ rule: 'FunctionName.length', args: { boundary: 'min-1', entailed: ['FunctionName.pattern'] } });
  });

  it('cases answered from target state are model-valid, and their state says why', () => {
    const fromState = PLAN.filter((c) => !c.valid && c.request.body && expectationFromState(c));
    expect(fromState.length).toBeGreaterThanOrEqual(8);
    for (const c of fromState) {
      expect(violated(c), c.title).toEqual([]);
      const s = c.state;
      expect(!s.functionExists || !s.streamExists || s.mappingExists, c.title).toBe(true);
    }
    for (const c of fromState.filter((x) => x.scenario === 'duplicate')) expect(c.state.mappingExists).toBe(true);
    for (const c of fromState.filter((x) => x.rule === 'EventSourceArn.stream-exists')) expect(c.state.streamExists).toBe(false);
    for (const c of fromState.filter((x) => x.rule === 'error.ResourceNotFound.function' || x.args.expect === 'error.ResourceNotFound.function')) {
      expect(c.state.functionExists, c.title).toBe(false);
    }
  });

  it('raw-body cases are not parseable JSON objects', () => {
    const raw = PLAN.filter((c) => c.request.raw !== undefined);
    expect(raw.length).toBeGreaterThanOrEqual(5);
    for (const c of raw) {
      expect(c.valid).toBe(false);
      expect(c.rule).toBe('request.body.json');
      let parsed: unknown;
      let ok = true;
      try { parsed = JSON.parse(c.request.raw!); } catch { ok = false; }
      const isObject = ok && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
      expect(isObject, JSON.stringify(c.request.raw)).toBe(false);
    }
  });

  it('the unanchored-only pattern cases really match only unanchored, once bound', () => {
    const only = PLAN.filter((c) => c.args.unanchoredOnly === true);
    expect(only.length).toBeGreaterThanOrEqual(4);
    for (const c of only) {
      const member = c.rule.split('.')[0]!;
      const value = String(bound(c)[member]);
      const pattern = model.request.members[member]!.pattern!;
      expect(new RegExp(pattern).test(value), c.title).toBe(true);
      expect(new RegExp(`^(?:${pattern})$`).test(value), c.title).toBe(false);
    }
  });
});

describe('fault isolation does not depend on the target', () => {
  const chars = (alphabet: string, min: number, max: number) =>
    fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));
  const NAME = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';
  /** Any resources a target may have that satisfy the model's patterns. */
  const resources: fc.Arbitrary<Resources> = fc.record({
    region: fc.constantFrom('us-east-1', 'eu-west-2', 'ap-southeast-2', 'sa-east-1', 'ca-central-1'),
    account: chars('0123456789', 12, 12),
    functionName: chars(NAME, 1, 40),
    version: chars('0123456789', 1, 3),
    alias: chars(NAME, 1, 20),
    stream: chars(NAME, 1, 30),
  }).map((r) => ({
    region: r.region, account: r.account, functionName: r.functionName, version: r.version, alias: r.alias,
    kinesisStreamArn: `arn:aws:kinesis:${r.region}:${r.account}:stream/${r.stream}`,
    dynamodbStreamArn: `arn:aws:dynamodb:${r.region}:${r.account}:table/${r.stream}/stream/2024-01-01T00:00:00.000`,
  }));
  const fixed = fixedCases().filter((c) => c.request.body);

  it('every fixed case, bound to any model-conformant resources, is valid or breaks exactly its rule', () => {
    fc.assert(fc.property(resources, (r) => {
      for (const c of fixed) {
        const v = requestViolations(bindValue(c.request.body!, r)).map((x) => x.rule).sort();
        const expected = c.valid ? [] : modelBreaks(c);
        expect(v, `${c.title} with ${JSON.stringify(r)}`).toEqual(expected);
      }
    }), { seed: 42, numRuns: 60 });
  });
});

describe('check-order cases', () => {
  const order = PLAN.filter((c) => c.args.order !== undefined);

  it('each breaks exactly two of AWS\'s checks, the two its parity rule names, and says which state it needs', () => {
    expect(order.map((c) => c.args.order).sort()).toEqual(parityRules.filter((r) => r.breaks).map((r) => r.id).sort());
    for (const c of order) {
      const rule = parityRules.find((r) => r.id === c.args.order)!;
      expect([c.rule, ...(c.args.alsoBreaks as string[])], c.title).toEqual(rule.breaks);
      const state = [c.state.functionExists ? [] : ['error.ResourceNotFound.function'], c.state.mappingExists ? ['error.ResourceConflict.duplicate'] : []].flat();
      const missingStream = !c.state.streamExists && c.request.body?.EventSourceArn !== undefined ? ['EventSourceArn.stream-exists'] : [];
      expect([...violated(c), ...state, ...missingStream].sort(), c.title).toEqual([...rule.breaks!].sort());
    }
  });
});

describe('the random families (property tests)', () => {
  const invalid = Object.entries(FAMILIES).filter(([name]) => name !== 'valid');

  it('the valid family yields model-valid requests', () => {
    fc.assert(fc.property(FAMILIES.valid!, (c) => {
      expect(c.valid).toBe(true);
      expect(violated(c)).toEqual([]);
    }), { seed: 42, numRuns: 200 });
  });

  it.each(invalid)('%s yields cases that break exactly their rule', (name, arb) => {
    fc.assert(fc.property(arb, (c) => {
      expect(c.valid).toBe(false);
      if (name === 'type') expect(c.rule).toMatch(/^[A-Za-z]+\.type$/);
      else expect(c.rule).toBe(name);
      expect(violated(c)).toEqual([c.rule]);
    }), { seed: 42, numRuns: 150 });
  });
});

describe('boundary tables', () => {
  const byRule = (rule: string) => PLAN.filter((c) => c.rule === rule && c.request.body && c.args.order === undefined);
  const bs = model.request.members.BatchSize!;
  const fn = model.request.members.FunctionName!;

  it('BatchSize min-1, min, max, max+1', () => {
    const cases = byRule('BatchSize.range');
    const table = (value: number) => cases.filter((c) => c.request.body!.BatchSize === value).map((c) => c.valid);
    expect(table(bs.minimum! - 1)).toEqual([false]);
    expect(table(bs.minimum!)).toEqual([true]);
    expect(table(bs.maximum!)).toEqual([true]);
    expect(table(bs.maximum! + 1)).toEqual([false]);
    expect([bs.minimum! - 1, bs.minimum!, bs.maximum!, bs.maximum! + 1]).toEqual([0, 1, 10000, 10001]);
    for (const c of cases) {
      const v = c.request.body!.BatchSize as number;
      expect(c.valid, String(v)).toBe(v >= bs.minimum! && v <= bs.maximum!);
    }
  });

  it('BatchSize values beyond 32 bits carry the beyond-int32 variant', () => {
    for (const c of byRule('BatchSize.range')) {
      const v = c.request.body!.BatchSize as number;
      expect(c.args.variant === 'beyond-int32', String(v)).toBe(Math.abs(v) > 2 ** 31 - 1);
    }
    expect(byRule('BatchSize.range').some((c) => c.args.variant === 'beyond-int32')).toBe(true);
  });

  it('FunctionName length min-1, min, max, max+1, measured with the account bound', () => {
    const boundary = byRule('FunctionName.length').filter((c) => c.origin.source === 'boundary');
    const lengths = Object.fromEntries(boundary.map((c) => [String(c.args.boundary), boundLengthOf(c.request.body!.FunctionName)]));
    expect(lengths).toEqual({ 'min-1': fn.minLength! - 1, min: fn.minLength!, max: fn.maxLength!, 'max+1': fn.maxLength! + 1 });
    expect([fn.minLength! - 1, fn.maxLength! + 1]).toEqual([0, 141]);
    for (const c of boundary) {
      const lengthBroken = violated(c).includes('FunctionName.length');
      expect(lengthBroken, String(c.args.boundary)).toBe(c.args.boundary === 'min-1' || c.args.boundary === 'max+1');
      expect(c.args.length).toBe(boundLengthOf(c.request.body!.FunctionName));
    }
    const max = boundary.find((c) => c.args.boundary === 'max')!;
    expect(String(max.request.body!.FunctionName)).toContain(ph('ACCOUNT'));
  });

  it('every FunctionName.length case states its bound length', () => {
    for (const c of byRule('FunctionName.length')) expect(c.args.length, c.title).toBe(boundLengthOf(c.request.body!.FunctionName));
  });

  it('bare name max and max+1', () => {
    const boundary = byRule('FunctionName.bare-name-length').filter((c) => c.origin.source === 'boundary');
    const byBoundary = Object.fromEntries(boundary.map((c) => [String(c.args.boundary), c]));
    expect(Object.keys(byBoundary).sort()).toEqual(['max', 'max+1']);
    const atMax = String(byBoundary.max!.request.body!.FunctionName);
    const over = String(byBoundary['max+1']!.request.body!.FunctionName);
    expect([codePointLength(atMax), codePointLength(over)]).toEqual([fn.bareNameMaxLength!, fn.bareNameMaxLength! + 1]);
    expect([atMax.includes(':'), over.includes(':')]).toEqual([false, false]);
    expect(violated(byBoundary.max!)).toEqual([]);
    expect(byBoundary.max!.args.expect).toBe('error.ResourceNotFound.function');
    expect(violated(byBoundary['max+1']!)).toEqual(['FunctionName.bare-name-length']);
  });

  it('every StartingPosition value is exercised as valid on a stream kind it is valid for', () => {
    const valid = PLAN.filter((c) => c.valid).map((c) => c.request.body!.StartingPosition);
    for (const p of model.request.members.StartingPosition!.enum!) expect(valid, p).toContain(p);
  });

  it('every FunctionName form and qualifier is exercised as valid', () => {
    const names = PLAN.filter((c) => c.valid).map((c) => String(bound(c).FunctionName));
    const r = EXAMPLE_RESOURCES;
    const fullArn = `arn:aws:lambda:${r.region}:${r.account}:function:${r.functionName}`;
    for (const form of [r.functionName, fullArn, `${r.region}:${r.account}:function:${r.functionName}`, `${r.account}:${r.functionName}`,
      `${r.account}:function:${r.functionName}`, `${r.functionName}:$LATEST`, `${r.functionName}:${r.version}`, `${r.functionName}:${r.alias}`,
      `${fullArn}:$LATEST`, `${fullArn}:${r.version}`, `${fullArn}:${r.alias}`]) {
      expect(names, form).toContain(form);
    }
  });

  it('both stream kinds and both paths are exercised as valid', () => {
    const valid = PLAN.filter((c) => c.valid);
    const arns = valid.map((c) => bound(c).EventSourceArn);
    expect(arns).toContain(EXAMPLE_RESOURCES.kinesisStreamArn);
    expect(arns).toContain(EXAMPLE_RESOURCES.dynamodbStreamArn);
    for (const p of model.operation.paths) expect(valid.map((c) => c.request.path)).toContain(p);
  });
});
