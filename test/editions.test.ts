/**
 * Model editions (spec/editions/): every edition passes its meta-schema and names only shapes it defines,
 * the index's digests and aliases are true, the imported edition is botocore's model shape for shape, and
 * the seed edition is spec/model.json (and botocore's 2016-12-01 model but for the listed differences).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { editionFromBotocore } from '../spec/editions/convert.ts';
import { diffEditions } from '../spec/editions/diff.ts';
import { importModelFile, botocoreVersionOf } from '../spec/editions/import-file.ts';
import { danglingShapes, EDITIONS_DIR, loadEdition, loadIndex, newestBotocore, sha256, validateEdition } from '../spec/editions/store.ts';
import { currentSeedEdition } from '../spec/editions/write-seed.ts';
import { EDITION_OPERATIONS, type Edition } from '../spec/editions/types.ts';
import { installedLambdaModel } from './helpers/botocore.ts';

const index = loadIndex();
const editions = index.editions.map((e) => loadEdition(e.name));

describe('edition files and index', () => {
  it.each(index.editions.map((e) => [e.name, e.file]))('%s passes edition.schema.json, defines every shape it names, and matches its index digest', (name, file) => {
    const text = readFileSync(join(EDITIONS_DIR, file), 'utf8');
    const edition = JSON.parse(text) as Edition;
    expect(validateEdition(edition), JSON.stringify(validateEdition.errors)).toBe(true);
    expect(danglingShapes(edition)).toEqual([]);
    const entry = index.editions.find((e) => e.name === name)!;
    expect(entry.sha256).toBe(sha256(text));
    expect(entry.sourceSha256).toBe(edition.stamp.sha256);
    expect(edition.name).toBe(name);
  });

  it('aws names the newest botocore edition, seed the seed page', () => {
    expect(index.aliases.aws).toBe(newestBotocore(index.editions));
    expect(loadEdition('aws').stamp.origin).toBe('botocore');
    expect(loadEdition('seed').stamp.origin).toBe('seed-page');
    const dates = index.editions.filter((e) => e.origin === 'botocore').map((e) => e.modelDate!);
    expect(loadEdition('aws').stamp.modelDate).toBe([...dates].sort().at(-1));
  });

  it('the meta-schema refuses unknown keys and wrong constraint names', () => {
    const aws = loadEdition('aws');
    const bad = (f: (e: Edition & Record<string, unknown>) => void): boolean => {
      const e = structuredClone(aws) as Edition & Record<string, unknown>;
      f(e);
      return validateEdition(e);
    };
    expect(bad(() => {})).toBe(true);
    expect(bad((e) => { e.extra = 1; })).toBe(false);
    expect(bad((e) => { (e.shapes.BatchSize as unknown as Record<string, unknown>).maxLength = 3; })).toBe(false);
    expect(bad((e) => { (e.shapes.BatchSize as unknown as Record<string, unknown>).type = 'double'; })).toBe(false);
    expect(bad((e) => { e.stamp.sha256 = 'abc'; })).toBe(false);
  });

  it('every edition carries the Create operation; botocore editions also the read-back and delete', () => {
    for (const e of editions) {
      const ops = Object.keys(e.operations);
      expect(ops, e.name).toContain('CreateEventSourceMapping');
      if (e.stamp.origin === 'botocore') expect(ops.sort(), e.name).toEqual([...EDITION_OPERATIONS].sort());
    }
  });
});

type Raw = Record<string, unknown> & { type: string };

/** The test's own reading of botocore: every shape reached from the three operations, by name. */
function reachable(model: { operations: Record<string, Raw>; shapes: Record<string, Raw> }): Set<string> {
  const seen = new Set<string>();
  const visit = (n: string): void => {
    if (seen.has(n)) return;
    seen.add(n);
    const s = model.shapes[n]!;
    for (const m of Object.values((s.members ?? {}) as Record<string, { shape: string }>)) visit(m.shape);
    for (const k of ['member', 'key', 'value']) if (s[k]) visit((s[k] as { shape: string }).shape);
  };
  for (const o of EDITION_OPERATIONS) {
    const op = model.operations[o] as unknown as { input: { shape: string }; output: { shape: string }; errors: { shape: string }[] };
    [op.input, op.output, ...op.errors].forEach((r) => visit(r.shape));
  }
  return seen;
}

const BOUNDS: Record<string, [string, string]> = { string: ['minLength', 'maxLength'], integer: ['min', 'max'], long: ['min', 'max'], list: ['minSize', 'maxSize'], map: ['minSize', 'maxSize'] };

const installed = installedLambdaModel();
describe.skipIf(!installed)('the imported edition is the installed botocore model', () => {
  if (!installed) console.warn('editions test: botocore is not installed (python3 -c "import botocore" fails); the import check is skipped');
  const text = !installed ? '{}' : installed.endsWith('.gz') ? gunzipSync(readFileSync(installed)).toString('utf8') : readFileSync(installed, 'utf8');
  const raw = JSON.parse(text) as { operations: Record<string, Raw>; shapes: Record<string, Raw> };
  const edition = editions.find((e) => e.stamp.sha256 === sha256(text));

  it('an edition in the index has the installed file\'s sha256 and botocore version', () => {
    expect(edition, 'no edition imported from the installed botocore: run import-model on it').toBeDefined();
    expect(edition!.stamp.botocoreVersion).toBe(botocoreVersionOf(installed!));
  });

  it('holds exactly the reachable shapes, each with botocore\'s type, bounds, pattern, enum, required members and locations', () => {
    expect(Object.keys(edition!.shapes).sort()).toEqual([...reachable(raw)].sort());
    for (const [name, s] of Object.entries(edition!.shapes)) {
      const r = raw.shapes[name]!;
      const got = s as unknown as Record<string, unknown>;
      expect(s.type, name).toBe(r.type);
      const [lo, hi] = BOUNDS[r.type] ?? [];
      if (lo && hi) expect([got[lo], got[hi]], name).toEqual([r.min, r.max]);
      expect(got.pattern, name).toBe(r.pattern);
      expect(got.enum, name).toEqual(r.enum);
      if (s.type !== 'structure') continue;
      expect(s.required, name).toEqual(r.required ?? []);
      const members = (r.members ?? {}) as Record<string, { shape: string; location?: string; locationName?: string }>;
      expect(Object.keys(s.members), name).toEqual(Object.keys(members));
      for (const [m, v] of Object.entries(s.members)) expect([v.shape, v.location, v.locationName], `${name}.${m}`).toEqual([members[m]!.shape, members[m]!.location, members[m]!.locationName]);
      const status = (r.error as { httpStatusCode?: number } | undefined)?.httpStatusCode;
      expect(s.error?.status, name).toBe(status);
    }
  });

  it('carries the HTTP binding and errors of every operation', () => {
    for (const o of EDITION_OPERATIONS) {
      const r = raw.operations[o] as unknown as { http: { method: string; requestUri: string; responseCode: number }; errors: { shape: string }[] };
      expect(edition!.operations[o]!.http).toEqual({ method: r.http.method, requestUri: r.http.requestUri, status: r.http.responseCode });
      expect(edition!.operations[o]!.errors).toEqual(r.errors.map((e) => e.shape));
    }
  });

  it('importing the file again gives the same edition', () => {
    expect(importModelFile(installed!, edition!.name)).toEqual({ ...edition, stamp: { ...edition!.stamp } });
  });
});

describe('the seed edition', () => {
  it('is spec/model.json in the editions format (regenerate: npx tsx spec/editions/write-seed.ts)', () => {
    expect(loadEdition('seed')).toEqual(currentSeedEdition());
  });

  it("keeps model.json's members, requirements, bounds, patterns and enums", () => {
    const model = JSON.parse(readFileSync(new URL('../spec/model.json', import.meta.url), 'utf8')) as { request: { members: Record<string, Record<string, unknown>> } };
    const seed = loadEdition('seed');
    const input = seed.shapes[seed.operations.CreateEventSourceMapping!.input]!;
    if (input.type !== 'structure') throw new Error('seed input is not a structure');
    expect(Object.keys(input.members).sort()).toEqual(Object.keys(model.request.members).sort());
    for (const [name, m] of Object.entries(model.request.members)) {
      const s = seed.shapes[input.members[name]!.shape] as unknown as Record<string, unknown>;
      expect(input.required.includes(name), name).toBe(m.required);
      expect([s.type, s.min, s.max, s.minLength, s.maxLength, s.pattern, s.enum], name)
        .toEqual([m.type, m.minimum, m.maximum, m.minLength, m.maxLength, m.pattern, m.enum]);
      expect(input.members[name]!.default, name).toEqual(m.default);
    }
  });

  it("equals botocore's model of 2016-12-01 but for the page's prose facts and the operations it does not cover", () => {
    const diff = diffEditions(loadEdition('seed'), loadEdition('aws-2016-12-01'));
    // The page states two defaults and the State values in prose (botocore 2016 has neither); it covers only Create.
    expect(diff.changes.map((c) => `${c.path} ${c.kind} ${c.constraint ?? ''}`.trim()).sort()).toEqual([
      'CreateEventSourceMapping.errors.InvalidParameterValueException.Type member-added',
      'CreateEventSourceMapping.errors.InvalidParameterValueException.message member-added',
      'CreateEventSourceMapping.errors.ResourceConflictException.Type member-added',
      'CreateEventSourceMapping.errors.ResourceConflictException.message member-added',
      'CreateEventSourceMapping.errors.ResourceNotFoundException.Message member-added',
      'CreateEventSourceMapping.errors.ResourceNotFoundException.Type member-added',
      'CreateEventSourceMapping.errors.ServiceException.Message member-added',
      'CreateEventSourceMapping.errors.ServiceException.Type member-added',
      'CreateEventSourceMapping.errors.TooManyRequestsException.Reason member-added',
      'CreateEventSourceMapping.errors.TooManyRequestsException.Type member-added',
      'CreateEventSourceMapping.errors.TooManyRequestsException.message member-added',
      'CreateEventSourceMapping.errors.TooManyRequestsException.retryAfterSeconds member-added',
      'CreateEventSourceMapping.input.BatchSize constraint-changed default',
      'CreateEventSourceMapping.input.Enabled constraint-changed default',
      'CreateEventSourceMapping.output.State constraint-changed enum',
      'DeleteEventSourceMapping operation-added',
      'GetEventSourceMapping operation-added',
    ].sort());
  });
});

describe("botocore's history, edition to edition (aws-observed.md, 'Model history')", () => {
  const step = (a: string, b: string) => diffEditions(loadEdition(a), loadEdition(b)).changes;
  const has = (changes: ReturnType<typeof step>, path: string, kind: string, constraint?: string) =>
    changes.some((c) => c.path === `CreateEventSourceMapping.${path}` && c.kind === kind && (constraint === undefined || c.constraint === constraint));
  it('2018-06: StartingPosition no longer required', () => {
    expect(has(step('aws-2016-12-01', 'aws-2018-06-28'), 'input.StartingPosition', 'constraint-changed', 'required')).toBe(true);
  });
  it('2019-11: DestinationConfig, retries, record age, parallelization', () => {
    const c = step('aws-2018-06-28', 'aws-2019-11-25');
    for (const m of ['DestinationConfig', 'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'ParallelizationFactor']) expect(has(c, `input.${m}`, 'member-added'), m).toBe(true);
  });
  it('2020-12: EventSourceArn no longer required, TumblingWindowInSeconds, FunctionResponseTypes', () => {
    const c = step('aws-2019-11-25', 'aws-2020-12-15');
    expect(has(c, 'input.EventSourceArn', 'constraint-changed', 'required')).toBe(true);
    for (const m of ['TumblingWindowInSeconds', 'FunctionResponseTypes']) expect(has(c, `input.${m}`, 'member-added'), m).toBe(true);
  });
  it('2021-11: FilterCriteria', () => {
    expect(has(step('aws-2020-12-15', 'aws-2021-11-23'), 'input.FilterCriteria', 'member-added')).toBe(true);
  });
  it('2025-07: the trailing slash dropped from the URI', () => {
    const c = step('aws-2021-11-23', 'aws-2025-07-22').find((x) => x.path === 'CreateEventSourceMapping' && x.constraint === 'requestUri');
    expect(c).toMatchObject({ from: '/2015-03-31/event-source-mappings/', to: '/2015-03-31/event-source-mappings' });
  });
  it("2025-12: FunctionName max 140 -> 256, '.' in names and $LATEST.PUBLISHED", () => {
    const c = step('aws-2025-07-22', 'aws-2025-12-01');
    expect(c.find((x) => x.path === 'CreateEventSourceMapping.input.FunctionName' && x.constraint === 'maxLength')).toMatchObject({ from: 140, to: 256 });
    const p = c.find((x) => x.path === 'CreateEventSourceMapping.input.FunctionName' && x.constraint === 'pattern');
    expect(String(p?.to)).toContain('\\$LATEST(\\.PUBLISHED)?');
    expect(String(p?.to)).toContain('[a-zA-Z0-9-_\\.]+');
  });
});

describe('enum values added between editions', () => {
  it('2020-12 -> today: SourceAccessConfigurations.member.Type gains VIRTUAL_HOST and the TLS types', () => {
    const c = diffEditions(loadEdition('aws-2020-12-15'), loadEdition('aws')).changes
      .find((x) => x.path === 'CreateEventSourceMapping.input.SourceAccessConfigurations.member.Type' && x.constraint === 'enum');
    expect(c?.added).toEqual(['VIRTUAL_HOST', 'CLIENT_CERTIFICATE_TLS_AUTH', 'SERVER_ROOT_CA_CERTIFICATE']);
    expect(c?.removed).toEqual([]);
  });
});

describe('documentation as short plain text', () => {
  it('drops tags, decodes entities, keeps the first sentence and cuts long ones at a word', async () => {
    const { shortDoc, DOC_MAX } = await import('../spec/editions/doc-text.ts');
    expect(shortDoc('<p>The <code>name</code> &amp; ARN of the function. More text.</p>')).toBe('The name & ARN of the function.');
    expect(shortDoc('<p> </p>')).toBeUndefined();
    expect(shortDoc(undefined)).toBeUndefined();
    const long = shortDoc(`<p>${'word '.repeat(200)}</p>`)!;
    expect(long.length).toBeLessThanOrEqual(DOC_MAX);
    expect(long.endsWith('word…')).toBe(true);
    for (const e of editions) {
      for (const s of Object.values(e.shapes)) if (s.doc) expect(s.doc, e.name).not.toMatch(/<[a-z]/);
    }
  });
});

/** The botocore commits the history editions were imported from (ARCHITECTURE.md, Model editions). */
const HISTORY: Record<string, string> = {
  'aws-2016-12-01': '727a11154', 'aws-2018-06-28': 'f4cca5410', 'aws-2019-11-25': 'b031994af', 'aws-2020-12-15': 'fa6f51180',
  'aws-2021-11-23': '15deb594a', 'aws-2025-07-22': 'a2e35ebce', 'aws-2025-12-01': 'c18b100b8', 'aws-2026-04-22': '1778f0503',
};
const MIRROR = '/work/.mirror/boto+botocore/repo';
const gitShow = (commit: string, path: string): string => execFileSync('git', ['-C', MIRROR, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 30_000 });

describe.skipIf(!existsSync(MIRROR))("history editions against botocore's git history (where a mirror of boto/botocore is on the machine)", () => {
  it.each(Object.entries(HISTORY))('%s is the import of commit %s', (name, commit) => {
    const text = gitShow(commit, 'botocore/data/lambda/2015-03-31/service-2.json');
    const version = /__version__\s*=\s*'([^']+)'/.exec(gitShow(commit, 'botocore/__init__.py'))?.[1];
    const edition = loadEdition(name);
    expect(edition.stamp.sha256).toBe(sha256(text));
    if (name !== 'aws-2026-04-22') expect(edition.stamp.botocoreVersion).toBe(version);
    expect(editionFromBotocore(JSON.parse(text), name, edition.stamp)).toEqual(edition);
  });
});
