/**
 * The data of spec/: the model, the rule registry and the profiles pass their meta-schemas (which are
 * not vacuous), agree with each other, and agree with the seed page they encode.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { PROFILE_NAMES, model, profiles, rules, type Model } from '../spec/index.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(REPO, '..', 'shared');
const SEED_PATH = path.resolve(SHARED, 'seed', 'CreateEventSourceMapping-2015-03-31.md');
const OBSERVED_PATH = path.resolve(SHARED, 'aws-observed.md');
const HAVE_SEED = existsSync(SEED_PATH);
const HAVE_OBSERVED = existsSync(OBSERVED_PATH);

function readJson(rel: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(REPO, rel), 'utf8')) as Record<string, unknown>;
}

function compile(schemaFile: string): ValidateFunction {
  return new Ajv({ strict: false, allErrors: true }).compile(readJson(schemaFile));
}

const validateModel = compile('spec/model.schema.json');
const validateRules = compile('spec/rules.schema.json');
const validateProfile = compile('spec/profile.schema.json');

describe('meta-schemas accept the shipped data', () => {
  it('model.json passes model.schema.json', () => {
    expect(validateModel(readJson('spec/model.json')), JSON.stringify(validateModel.errors)).toBe(true);
  });
  it('rules.json passes rules.schema.json', () => {
    expect(validateRules(readJson('spec/rules.json')), JSON.stringify(validateRules.errors)).toBe(true);
  });
  it.each(['spec/profile-seed.json', 'spec/profile-aws.json'])('%s passes profile.schema.json', (file) => {
    expect(validateProfile(readJson(file)), JSON.stringify(validateProfile.errors)).toBe(true);
  });
});

describe('meta-schemas are not vacuous', () => {
  type Mutation = [string, (m: any) => void];
  const modelBreaks: Mutation[] = [
    ['an unknown top-level key', (m) => { m.extra = true; }],
    ['an unknown key in a request member (typo maxLenght)', (m) => { m.request.members.FunctionName.maxLenght = 140; }],
    ['an unknown key in a response member', (m) => { m.response.members.UUID.format = 'uuid'; }],
    ['a wrong type: minimum as a string', (m) => { m.request.members.BatchSize.minimum = '1'; }],
    ['a wrong type: required as a string', (m) => { m.request.members.EventSourceArn.required = 'yes'; }],
    ['an unknown member type', (m) => { m.request.members.Enabled.type = 'bool'; }],
    ['an error status outside 4xx/5xx', (m) => { m.errors.list.ServiceException.status = 200; }],
    ['a missing required section', (m) => { delete m.errors; }],
    ['a pattern anchoring other than full', (m) => { m.semantics.patternAnchoring = 'search'; }],
    ['a cross-field rule with neither requirement', (m) => { delete m.request.crossField[0].requireMember; }],
    ['an empty pattern', (m) => { m.request.members.FunctionName.pattern = ''; }],
  ];
  it.each(modelBreaks)('model.schema.json rejects %s', (_what, mutate) => {
    const broken = readJson('spec/model.json');
    mutate(broken);
    expect(validateModel(broken)).toBe(false);
  });

  const ruleBreaks: Mutation[] = [
    ['an unknown key in a rule', (r) => { r.rules[0].severity = 'high'; }],
    ['a level other than MUST/SHOULD', (r) => { r.rules[0].level = 'MAY'; }],
    ['an ordinal id', (r) => { r.rules[0].id = 'rule-1'; }],
    ['a section that is not a seed anchor', (r) => { r.rules[0].section = 'Errors'; }],
    ['a missing description', (r) => { delete r.rules[0].description; }],
  ];
  it.each(ruleBreaks)('rules.schema.json rejects %s', (_what, mutate) => {
    const broken = readJson('spec/rules.json');
    mutate(broken);
    expect(validateRules(broken)).toBe(false);
  });

  const profileBreaks: Mutation[] = [
    ['an unknown key in an expectation', (p) => { p.expectations['BatchSize.range'].expected = 400; }],
    ['a status class other than 4xx', (p) => { p.expectations['BatchSize.range'].outcome[0].status = '5xx'; }],
    ['a status as a string number', (p) => { p.expectations['BatchSize.range'].outcome[0].status = '400'; }],
    ['an unknown evidence kind', (p) => { p.expectations['BatchSize.range'].provenance.evidence = 'guessed'; }],
    ['an empty provenance ref', (p) => { p.expectations['BatchSize.range'].provenance.ref = ''; }],
    ['a missing provenance', (p) => { delete p.expectations['BatchSize.range'].provenance; }],
    ['an empty outcome list', (p) => { p.expectations['BatchSize.range'].outcome = []; }],
    ['an unknown profile name', (p) => { p.profile = 'moto'; }],
  ];
  it.each(profileBreaks)('profile.schema.json rejects %s', (_what, mutate) => {
    const broken = readJson('spec/profile-aws.json');
    mutate(broken);
    expect(validateProfile(broken)).toBe(false);
  });
});

describe('the rule registry and the profiles agree', () => {
  const ids = rules.map((r) => r.id);

  it('rule ids are unique', () => {
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(PROFILE_NAMES)('every rule has an expectation in the %s profile, and every expectation names a rule', (name) => {
    const keys = Object.keys(profiles[name].expectations);
    expect([...keys].sort()).toEqual([...ids].sort());
    expect(profiles[name].profile).toBe(name);
  });

  it.each(PROFILE_NAMES)('%s: every provenance has a non-empty ref and evidence that fits its source', (name) => {
    for (const [rule, e] of Object.entries(profiles[name].expectations)) {
      expect(e.provenance.ref.trim().length, rule).toBeGreaterThan(0);
      if (e.provenance.source === 'aws-observed') {
        expect(['model', 'recorded', 'reported', 'inferred', 'unknown'], rule).toContain(e.provenance.evidence);
      } else {
        expect(e.provenance.evidence, rule).toBe('seed');
      }
    }
  });

  it('the seed profile takes everything from the seed', () => {
    for (const [rule, e] of Object.entries(profiles.seed.expectations)) expect(e.provenance.source, rule).toBe('seed');
  });

  it.each(PROFILE_NAMES)('%s: an expectation of unknown evidence is an any-of outcome', (name) => {
    const unknown = Object.entries(profiles[name].expectations).filter(([, e]) => e.provenance.evidence === 'unknown');
    if (name === 'aws') expect(unknown.length).toBeGreaterThan(0);
    for (const [rule, e] of unknown) {
      const outcomes = e.outcome ?? [];
      const anyOf = outcomes.length > 1 || outcomes.some((o) => o.status === '4xx');
      expect(anyOf, rule).toBe(true);
    }
  });

  it('every variant outcome belongs to an expectation that has a base outcome', () => {
    for (const name of PROFILE_NAMES) {
      for (const [rule, e] of Object.entries(profiles[name].expectations)) {
        if (e.variantOutcomes) expect(e.outcome, `${name} ${rule}`).toBeDefined();
      }
    }
  });

  it('cross-field rules of the model are registered rules', () => {
    for (const c of model.request.crossField) expect(ids).toContain(c.rule);
  });
});

describe('the rule registry covers the model (--list coverage)', () => {
  const ids = new Set(rules.map((r) => r.id));
  const members = Object.entries(model.request.members);

  it.each(members.map(([name]) => name))('request member %s has its type, required, bound, pattern and enum rules', (name) => {
    const m = model.request.members[name]!;
    expect(ids).toContain(`${name}.type`);
    if (m.required) expect(ids).toContain(`${name}.required`);
    if (m.minimum !== undefined || m.maximum !== undefined) expect(ids).toContain(`${name}.range`);
    if (m.minLength !== undefined || m.maxLength !== undefined) expect(ids).toContain(`${name}.length`);
    if (m.bareNameMaxLength !== undefined) expect(ids).toContain(`${name}.bare-name-length`);
    if (m.pattern !== undefined) expect(ids).toContain(`${name}.pattern`);
    if (m.enum !== undefined) expect(ids).toContain(`${name}.enum`);
    if (m.default !== undefined) expect(ids).toContain(`${name}.default`);
    for (const id of ids) if (id.startsWith(`${name}.`)) expect(rules.find((r) => r.id === id)?.member, id).toBe(name);
  });

  it('each of the 8 response members has a type rule, and its range, pattern and enum rules', () => {
    const response = Object.entries(model.response.members);
    expect(response.map(([k]) => k).sort()).toEqual(
      ['BatchSize', 'EventSourceArn', 'FunctionArn', 'LastModified', 'LastProcessingResult', 'State', 'StateTransitionReason', 'UUID']);
    for (const [name, m] of response) {
      expect(ids).toContain(`response.${name}.type`);
      if (m.minimum !== undefined || m.maximum !== undefined) expect(ids).toContain(`response.${name}.range`);
      if (m.pattern !== undefined) expect(ids).toContain(`response.${name}.pattern`);
      if (m.enum !== undefined) expect(ids).toContain(`response.${name}.enum`);
    }
  });

  it('each documented error has a rule named after it', () => {
    const errors = Object.keys(model.errors.list);
    expect(errors).toHaveLength(5);
    for (const code of errors) {
      const short = code.replace(/Exception$/, '');
      expect([...ids].some((id) => id.split('.').includes(short)), code).toBe(true);
      expect(ids).toContain(`error.${short}.status`);
    }
  });
});

describe('the model encodes the documented limits', () => {
  const m = model as Model;
  it('BatchSize is 1..10000 with default 100', () => {
    expect(m.request.members.BatchSize).toMatchObject({ type: 'integer', minimum: 1, maximum: 10000, default: 100, required: false });
    expect(m.response.members.BatchSize).toMatchObject({ minimum: 1, maximum: 10000 });
  });
  it('FunctionName is 1..140 with bare names up to 64', () => {
    expect(m.request.members.FunctionName).toMatchObject({ type: 'string', minLength: 1, maxLength: 140, bareNameMaxLength: 64, required: true });
  });
  it('the five errors have the documented statuses', () => {
    expect(Object.fromEntries(Object.entries(m.errors.list).map(([k, v]) => [k, v.status]))).toEqual({
      InvalidParameterValueException: 400, ResourceConflictException: 409, ResourceNotFoundException: 404,
      ServiceException: 500, TooManyRequestsException: 429,
    });
  });
  it('the operation is POST to both path forms, answered 202', () => {
    expect(m.operation.method).toBe('POST');
    expect([...m.operation.paths].sort()).toEqual(['/2015-03-31/event-source-mappings', '/2015-03-31/event-source-mappings/']);
    expect(m.operation.successStatus).toBe(202);
  });
  it('the declared semantics are full anchoring and code points', () => {
    expect(m.semantics).toMatchObject({ patternAnchoring: 'full', lengthUnit: 'code-point', timestampEncoding: 'epoch-seconds' });
  });
});

// ---------- the seed page ----------

interface SeedMember { name: string; text: string }

/** The members of one `## Section<a name="ANCHOR">` of the seed page, by their ` ** Name **` headings. */
function seedMembers(md: string, anchor: string): SeedMember[] {
  const start = md.indexOf(`<a name="${anchor}"></a>`);
  if (start < 0) throw new Error(`seed section ${anchor} not found`);
  const end = md.indexOf('\n## ', start);
  const section = md.slice(start, end < 0 ? undefined : end);
  const parts = section.split(/^ ?\*\* ?([A-Za-z]+) ?\*\* *$/m);
  const out: SeedMember[] = [];
  for (let i = 1; i < parts.length; i += 2) out.push({ name: parts[i]!, text: parts[i + 1] ?? '' });
  return out;
}

function field(text: string, label: string): string | undefined {
  const m = new RegExp(`^${label}:\\s*(.*?)\\s*$`, 'm').exec(text);
  return m?.[1];
}

function backticked(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^`(.*)`$/.exec(value.trim());
  return m ? m[1] : undefined;
}

const unescape = (s: string) => s.replace(/\\([.\-_()*+])/g, '$1');

const SEED_TITLE = HAVE_SEED ? 'the model matches the seed page' : `the model matches the seed page: SKIPPED, the seed is not at ${SEED_PATH}`;
describe.skipIf(!HAVE_SEED)(SEED_TITLE, () => {
  const md = HAVE_SEED ? readFileSync(SEED_PATH, 'utf8') : '';

  it('every Pattern: line of the seed is verbatim the model pattern of its member', () => {
    const lines = md.split('\n').filter((l) => l.startsWith('Pattern:'));
    expect(lines.length).toBe(4);
    const seen: string[] = [];
    for (const [anchor, members] of [
      ['API_CreateEventSourceMapping_RequestBody', model.request.members],
      ['API_CreateEventSourceMapping_ResponseElements', model.response.members],
    ] as const) {
      for (const sm of seedMembers(md, anchor)) {
        const pattern = backticked(field(sm.text, 'Pattern'));
        const mm = (members as Record<string, { pattern?: string }>)[sm.name];
        expect(mm, `${anchor} ${sm.name} is in the model`).toBeDefined();
        expect(mm?.pattern, `${anchor} ${sm.name}`).toBe(pattern);
        if (pattern !== undefined) seen.push(pattern);
      }
    }
    expect(seen.sort()).toEqual(lines.map((l) => backticked(l.slice('Pattern:'.length))!).sort());
  });

  it('request members: the same names, types, requiredness, ranges, lengths and enums', () => {
    const seed = seedMembers(md, 'API_CreateEventSourceMapping_RequestBody');
    expect(seed.map((s) => s.name).sort()).toEqual(Object.keys(model.request.members).sort());
    for (const s of seed) {
      const m = model.request.members[s.name]!;
      expect(m.type, s.name).toBe(field(s.text, 'Type')!.toLowerCase());
      expect(m.required, s.name).toBe(field(s.text, 'Required') === 'Yes');
      const range = field(s.text, 'Valid Range');
      if (range) {
        expect([m.minimum, m.maximum], s.name).toEqual([...unescape(range).matchAll(/value of (-?\d+)/g)].map((x) => Number(x[1])));
      } else {
        expect([m.minimum, m.maximum], s.name).toEqual([undefined, undefined]);
      }
      const length = field(s.text, 'Length Constraints');
      if (length) {
        expect([m.minLength, m.maxLength], s.name).toEqual([...unescape(length).matchAll(/length of (\d+)/g)].map((x) => Number(x[1])));
      } else {
        expect([m.minLength, m.maxLength], s.name).toEqual([undefined, undefined]);
      }
      const values = field(s.text, 'Valid Values');
      expect(m.enum, s.name).toEqual(values ? values.replace(/`/g, '').split('|').map((v) => v.trim()) : undefined);
    }
  });

  it('defaults and the bare-name limit come from the prose', () => {
    const seed = Object.fromEntries(seedMembers(md, 'API_CreateEventSourceMapping_RequestBody').map((s) => [s.name, unescape(s.text)]));
    expect(model.request.members.BatchSize!.default).toBe(Number(/default is (\d+) records/.exec(seed.BatchSize!)![1]));
    expect(model.request.members.Enabled!.default).toBe(/By default, `Enabled` is true/.test(seed.Enabled!));
    expect(model.request.members.FunctionName!.bareNameMaxLength).toBe(Number(/limited to (\d+) characters/.exec(seed.FunctionName!)![1]));
  });

  it('response members: the same names, types, ranges and the State values of the prose', () => {
    const seed = seedMembers(md, 'API_CreateEventSourceMapping_ResponseElements');
    expect(seed.map((s) => s.name).sort()).toEqual(Object.keys(model.response.members).sort());
    for (const s of seed) {
      const m = model.response.members[s.name]!;
      expect(m.type, s.name).toBe(field(s.text, 'Type')!.toLowerCase());
      const range = field(s.text, 'Valid Range');
      if (range) expect([m.minimum, m.maximum], s.name).toEqual([...unescape(range).matchAll(/value of (-?\d+)/g)].map((x) => Number(x[1])));
    }
    const state = seed.find((s) => s.name === 'State')!;
    const prose = /It can be (.*)\\?\./.exec(state.text)![1]!;
    expect(model.response.members.State!.enum).toEqual([...prose.matchAll(/`([A-Za-z]+)`/g)].map((x) => x[1]));
  });

  it('the errors and their HTTP status codes are those of the seed', () => {
    const section = md.slice(md.indexOf('<a name="API_CreateEventSourceMapping_Errors">'), md.indexOf('## See Also'));
    const found = Object.fromEntries([...section.matchAll(/\*\*([A-Za-z]+)\*\*[\s\S]*?HTTP Status Code: (\d+)/g)].map((x) => [x[1], Number(x[2])]));
    expect(Object.keys(found)).toHaveLength(5);
    expect(Object.fromEntries(Object.entries(model.errors.list).map(([k, v]) => [k, v.status]))).toEqual(found);
  });

  it('the operation line of the request syntax is the model operation', () => {
    const line = /^(POST|GET|PUT|DELETE) (\S+) HTTP\/1\.1$/m.exec(md)!;
    expect(model.operation.method).toBe(line[1]);
    expect(model.operation.paths).toContain(line[2]);
    expect(model.operation.successStatus).toBe(Number(/^HTTP\/1\.1 (\d+)$/m.exec(md)![1]));
  });

  it('every seed section named by the model, the rules and the profiles is an anchor of the seed page', () => {
    const anchors = new Set([...md.matchAll(/<a name="([^"]+)"><\/a>/g)].map((x) => x[1]));
    const named = [
      model.operation.source, model.request.source, model.response.source, model.errors.source,
      ...Object.values(model.request.members).map((m) => m.source),
      ...rules.map((r) => r.section),
      ...PROFILE_NAMES.flatMap((p) => Object.values(profiles[p].expectations).filter((e) => e.provenance.source === 'seed').map((e) => e.provenance.ref)),
    ];
    for (const n of named) expect(anchors.has(n), n).toBe(true);
  });
});

const OBSERVED_TITLE = HAVE_OBSERVED ? 'aws-observed provenance points into aws-observed.md' : `aws-observed provenance: SKIPPED, aws-observed.md is not at ${OBSERVED_PATH}`;
describe.skipIf(!HAVE_OBSERVED)(OBSERVED_TITLE, () => {
  it('the heading of every aws-observed ref occurs in the file', () => {
    const text = HAVE_OBSERVED ? readFileSync(OBSERVED_PATH, 'utf8').replace(/[`*]/g, '') : '';
    for (const [rule, e] of Object.entries(profiles.aws.expectations)) {
      if (e.provenance.source !== 'aws-observed') continue;
      const heading = e.provenance.ref.split(':')[0]!.trim();
      expect(text.includes(heading), `${rule}: ${heading}`).toBe(true);
    }
  });
});
