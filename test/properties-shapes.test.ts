/**
 * Generation from shapes (properties/shapes/): for the seed and today's editions, and for a test edition
 * with synthetic members, every valid value satisfies a validator compiled from the edition's shapes and
 * every invalid value breaks exactly its rule; rule ids follow member paths (the seed's are those of
 * spec/rules.json); the same seed gives the same values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rules } from '../spec/index.ts';
import { loadEdition } from '../spec/editions/store.ts';
import type { Edition } from '../spec/editions/types.ts';
import { invalidArbitrary, memberPaths, shapeCases, shapeChecker, shapeRules, value, valueArbitrary, type CaseSet } from '../properties/shapes/index.ts';

const SEED = 20151231;
const inputOf = (e: Edition) => e.operations.CreateEventSourceMapping!.input;
const seed = loadEdition('seed');
const aws = loadEdition('aws');
const built = new Map<Edition, CaseSet>();
const casesOf = (e: Edition): CaseSet => {
  if (!built.has(e)) built.set(e, shapeCases(e, inputOf(e)));
  return built.get(e)!;
};

function expectIsolation(e: Edition): void {
  const check = shapeChecker(e, inputOf(e));
  for (const c of casesOf(e).cases) {
    const got = check(c.body).map((v) => v.rule).sort();
    const want = c.valid ? [] : [c.rule, ...(c.entails ?? [])].sort();
    expect(got, `${c.valid ? 'valid' : 'invalid'} ${c.rule} ${c.label}: ${JSON.stringify(c.body).slice(0, 300)}`).toEqual(want);
  }
}

/** A copy of the seed edition with members no code knows: an integer, and a structure holding a bounded list of patterned strings. */
function syntheticEdition(): Edition {
  const e = structuredClone(seed);
  const input = e.shapes[inputOf(e)]!;
  if (input.type !== 'structure') throw new Error('seed input is not a structure');
  input.members.SyntheticWindowInSeconds = { shape: 'SyntheticWindow' };
  input.members.SyntheticConfig = { shape: 'SyntheticConfig' };
  e.shapes.SyntheticWindow = { type: 'integer', min: 3, max: 7 };
  e.shapes.SyntheticConfig = { type: 'structure', required: ['Names'], members: { Names: { shape: 'SyntheticNames' }, Labels: { shape: 'SyntheticLabels' } } };
  e.shapes.SyntheticNames = { type: 'list', member: 'SyntheticName', minSize: 1, maxSize: 2 };
  e.shapes.SyntheticName = { type: 'string', minLength: 2, maxLength: 5, pattern: '[a-z]+' };
  e.shapes.SyntheticLabels = { type: 'map', key: 'SyntheticName', value: 'SyntheticWindow', maxSize: 3 };
  return e;
}

describe.each([['seed', seed], ['aws', aws]])('the %s edition', (_name, edition) => {
  it('every valid case satisfies the shapes, every invalid case breaks exactly its rule', () => expectIsolation(edition));

  it('every member path at any depth has cases; optional members appear present, the minimal request has none', () => {
    const { cases, unreachable } = casesOf(edition);
    for (const m of memberPaths(edition, inputOf(edition))) {
      const here = cases.filter((c) => c.path.join('.') === m.path.join('.'));
      // A JSON object key is always a string: an unconstrained key (Tags' TagKey) has nothing to break.
      const freeKey = m.path.at(-1) === 'key' && m.shape.type === 'string' && [m.shape.minLength, m.shape.maxLength, m.shape.pattern, m.shape.enum].every((x) => x === undefined);
      expect(here.some((c) => !c.valid), m.path.join('.')).toBe(!freeKey);
      if (m.required === false) expect(here.some((c) => c.valid && c.label === 'present'), m.path.join('.')).toBe(true);
    }
    const minimal = value(edition, inputOf(edition)) as Record<string, unknown>;
    const input = edition.shapes[inputOf(edition)]!;
    expect(Object.keys(minimal).sort()).toEqual(input.type === 'structure' ? [...input.required].sort() : []);
    expect(unreachable.every((u) => u.reason.length > 0)).toBe(true);
  });

  it('random valid values (fixed seed) satisfy the shapes, and the same seed gives the same values', () => {
    const check = shapeChecker(edition, inputOf(edition));
    const arb = valueArbitrary(edition, inputOf(edition));
    fc.assert(fc.property(arb, (v) => { expect(check(v)).toEqual([]); }), { seed: SEED, numRuns: 150 });
    expect(fc.sample(arb, { seed: SEED, numRuns: 20 })).toEqual(fc.sample(arb, { seed: SEED, numRuns: 20 }));
  });

  it('random invalid requests (fixed seed) break exactly their case\'s rule, whatever the valid rest', () => {
    const check = shapeChecker(edition, inputOf(edition));
    fc.assert(fc.property(invalidArbitrary(edition, inputOf(edition)), ({ case: c, body }) => {
      expect(check(body).map((v) => v.rule).sort(), `${c.rule} ${c.label}`).toEqual([c.rule, ...(c.entails ?? [])].sort());
    }), { seed: SEED, numRuns: 200 });
  });

  it('the cases are the same on every build', () => {
    expect(shapeCases(edition, inputOf(edition))).toEqual(casesOf(edition));
  });
});

describe('rule ids', () => {
  it("the seed edition's are the ids of spec/rules.json", () => {
    const known = new Set(rules.map((r) => r.id));
    const ids = new Set(casesOf(seed).cases.map((c) => c.rule));
    expect([...ids].filter((id) => !known.has(id))).toEqual([]);
    for (const id of ['BatchSize.range', 'BatchSize.type', 'FunctionName.pattern', 'FunctionName.length', 'FunctionName.required', 'EventSourceArn.required', 'EventSourceArn.pattern', 'StartingPosition.enum', 'StartingPosition.required', 'StartingPositionTimestamp.type', 'Enabled.type']) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it("today's follow member paths at any depth, with every kind of value", () => {
    const { cases } = casesOf(aws);
    const has = (rule: string, label: string, valid = false) => cases.some((c) => c.rule === rule && c.label === label && c.valid === valid);
    expect(has('DestinationConfig.OnFailure.Destination.pattern', 'no-match')).toBe(true);
    expect(has('DestinationConfig.OnFailure.Destination.length', 'above-max')).toBe(true);
    expect(has('ScalingConfig.MaximumConcurrency.range', 'below-min')).toBe(true);
    expect(has('ScalingConfig.MaximumConcurrency.range', 'max', true)).toBe(true);
    expect(has('FunctionName.length', 'max', true)).toBe(true);
    expect(has('FunctionName.pattern', 'matches-only-unanchored')).toBe(true);
    expect(has('Topics.size', 'above-max')).toBe(true);
    expect(has('Topics.size', 'below-min')).toBe(true);
    expect(has('SourceAccessConfigurations.size', 'max', true)).toBe(true);
    expect(has('SourceAccessConfigurations.member.Type.enum', 'enum-wrong-case')).toBe(true);
    expect(has('SelfManagedEventSource.Endpoints.key.enum', 'enum-unknown')).toBe(true);
    expect(has('SelfManagedEventSource.Endpoints.value.member.pattern', 'no-match')).toBe(true);
    expect(has('FilterCriteria.Filters.member.Pattern.length', 'max-astral', true)).toBe(true);
    expect(has('FilterCriteria.Filters.member.Pattern.length', 'above-max-astral')).toBe(true);
    expect(has('StartingPosition.enum', 'enum AT_TIMESTAMP', true)).toBe(true);
    expect(has('MaximumRetryAttempts.type', 'not-an-integer')).toBe(true);
  });

  it('lengths count code points: the astral value at the maximum is twice as long in UTF-16 units', () => {
    const c = casesOf(aws).cases.find((x) => x.rule === 'FilterCriteria.Filters.member.Pattern.length' && x.label === 'max-astral')!;
    const pattern = ((c.body.FilterCriteria as { Filters: { Pattern: string }[] }).Filters[0]!).Pattern;
    expect([...pattern].length).toBe(4096);
    expect(pattern.length).toBe(8192);
  });

  it("what cannot be built from today's shapes is listed, with why", () => {
    expect(casesOf(aws).unreachable.map((u) => `${u.rule} ${u.label}`).sort()).toEqual([
      'Queues.member.pattern matches-only-unanchored', // Queue's pattern [\s\S]* matches every string
      'Queues.member.pattern no-match',
      'SelfManagedEventSource.Endpoints.size above-max', // the key is a one-value enum
      'SelfManagedEventSource.Endpoints.size max',
      'SelfManagedEventSource.Endpoints.value.member.length min', // host:port needs three characters
      'Topics.member.length min', // [^.]([a-zA-Z0-9\-_.]+) needs two characters
    ]);
  });
});

describe('a member added to an edition gets cases with no code change', () => {
  const e = syntheticEdition();
  it('boundaries, range, size, pattern, length, required and map keys of the synthetic members, each isolated', () => {
    expectIsolation(e);
    const { cases } = casesOf(e);
    const labels = (rule: string) => cases.filter((c) => c.rule === rule).map((c) => `${c.valid ? 'valid' : 'invalid'} ${c.label}`).sort();
    expect(labels('SyntheticWindowInSeconds.range')).toEqual(['invalid above-max', 'invalid below-min', 'valid max', 'valid min']);
    expect(cases.filter((c) => c.rule === 'SyntheticWindowInSeconds.range' && c.valid).map((c) => c.body.SyntheticWindowInSeconds)).toEqual([3, 7]);
    expect(labels('SyntheticConfig.Names.size')).toEqual(['invalid above-max', 'invalid below-min', 'valid max', 'valid min']);
    expect(labels('SyntheticConfig.Names.required')).toEqual(['invalid missing']);
    expect(labels('SyntheticConfig.Names.member.pattern')).toEqual(['invalid matches-only-unanchored', 'invalid no-match']);
    expect(labels('SyntheticConfig.Names.member.length')).toEqual(['invalid above-max', 'invalid below-min', 'valid max', 'valid min']);
    expect(labels('SyntheticConfig.Labels.key.pattern')).toEqual(['invalid matches-only-unanchored', 'invalid no-match']);
    expect(labels('SyntheticConfig.Labels.value.range')).toEqual(['invalid above-max', 'invalid below-min', 'valid max', 'valid min']);
    expect(labels('SyntheticConfig.Labels.size')).toEqual(['invalid above-max', 'valid max']);
  });
  it('random values of the synthetic edition satisfy it', () => {
    const check = shapeChecker(e, inputOf(e));
    fc.assert(fc.property(valueArbitrary(e, inputOf(e)), (v) => { expect(check(v)).toEqual([]); }), { seed: SEED, numRuns: 150 });
  });
});

describe('values of any shape', () => {
  it("the full value of today's input has every member, lists and maps filled to their bounds, and satisfies the shapes", () => {
    const root = inputOf(aws);
    const full = value(aws, root, 'full') as Record<string, unknown>;
    expect(shapeChecker(aws, root)(full)).toEqual([]);
    const input = aws.shapes[root]!;
    expect(Object.keys(full).sort()).toEqual(input.type === 'structure' ? Object.keys(input.members).sort() : []);
    const sac = aws.shapes.SourceAccessConfigurations!;
    expect((full.SourceAccessConfigurations as unknown[]).length).toBe(sac.type === 'list' ? sac.maxSize : -1);
  });

  it.each(['output', 'errors'] as const)("random values of today's %s shapes satisfy them", (part) => {
    const op = aws.operations.CreateEventSourceMapping!;
    for (const shape of part === 'output' ? [op.output] : op.errors) {
      const check = shapeChecker(aws, shape);
      fc.assert(fc.property(valueArbitrary(aws, shape), (v) => { expect(check(v), shape).toEqual([]); }), { seed: SEED, numRuns: 60 });
      expect(check(value(aws, shape, 'full')), shape).toEqual([]);
    }
  });
});

describe('rules from shapes', () => {
  it("the seed edition's are spec/rules.json's model rules, of the same kind", () => {
    const registry = new Map(rules.map((r) => [r.id, r]));
    const derived = shapeRules(seed, inputOf(seed));
    for (const r of derived) expect(registry.get(r.id)?.kind, r.id).toBe(r.constraint);
    const modelKinds = new Set(['type', 'required', 'range', 'length', 'pattern', 'enum']);
    // `<Member>.<kind>` are the model's constraints; FunctionName.bare-name-length is prose (the overlay's).
    const registryModelRules = rules.filter((r) => r.member && modelKinds.has(r.kind) && r.id === `${r.member}.${r.kind}`).map((r) => r.id);
    expect(derived.map((r) => r.id).sort()).toEqual(registryModelRules.sort());
  });

  it.each([['seed', seed], ['aws', aws], ['synthetic', syntheticEdition()]])('%s: every rule has an invalid case or says why not, and every case names one of its rules', (_n, e) => {
    const derived = new Set(shapeRules(e, inputOf(e)).map((r) => r.id));
    const { cases, unreachable } = shapeCases(e, inputOf(e));
    const covered = new Set(cases.filter((c) => !c.valid).map((c) => c.rule));
    const excused = new Set(unreachable.map((u) => u.rule));
    expect([...derived].filter((id) => !covered.has(id) && !excused.has(id))).toEqual([]);
    expect(cases.map((c) => c.rule).filter((id) => !derived.has(id))).toEqual([]);
  });
});
