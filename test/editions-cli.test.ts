/**
 * The edition commands through main() in-process: import-model (bad input: one line, exit 2), editions
 * list, and editions diff in its three formats, listing the known changes from the seed page to today.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../runner.ts';
import type { EditionDiff } from '../spec/editions/diff.ts';
import { EDITIONS_DIR, loadEdition, loadIndex } from '../spec/editions/store.ts';
import { tempDir } from './helpers/run-helpers.ts';
import { installedLambdaModel } from './helpers/botocore.ts';

const tmp = tempDir('editions-cli');
afterAll(() => tmp.remove());

async function run(argv: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), isTty: false });
  return { code, out: out.join('\n'), err };
}

async function expectUsage(argv: string[], pattern: RegExp): Promise<void> {
  const r = await run(argv);
  expect(r.code, r.err.join('\n')).toBe(2);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(pattern);
  expect(r.err[0]).not.toMatch(/\n\s+at /);
}

/** A folder holding a copy of the shipped editions, so that imports never touch spec/editions. */
function editionsCopy(name: string): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const f of ['index.json', ...loadIndex().editions.map((e) => e.file)]) copyFileSync(join(EDITIONS_DIR, f), join(dir, f));
  return dir;
}

describe('import-model refuses bad input with one line and exit 2', () => {
  const dir = editionsCopy('bad');
  const file = (name: string, content: string | Buffer): string => { const p = join(tmp.dir, name); writeFileSync(p, content); return p; };
  it.each([
    ['a missing file', [join(tmp.dir, 'nope.json')], /cannot read/],
    ['no PATH', [], /import-model PATH/],
    ['text that is not JSON', [file('x.json', 'not json')], /is not JSON/],
    ['a .gz that is not gzip', [file('x.json.gz', 'plain')], /not gzip/],
    ['JSON that is not a botocore model', [file('y.json', '{"a":1}')], /not a botocore service model/],
    ["another service's model", [file('z.json', JSON.stringify({ metadata: { endpointPrefix: 's3', apiVersion: '2006-03-01' }, operations: {}, shapes: {} }))], /not Lambda's 2015-03-31 model/],
    ['a bad --name', [file('w.json', '{}'), '--name', 'Bad Name'], /--name must be/],
  ])('%s', async (_what, args, pattern) => {
    await expectUsage(['import-model', ...(args as string[]), '--editions-dir', dir], pattern as RegExp);
  });

  it('a shape of an unsupported type', async () => {
    const model = {
      metadata: { endpointPrefix: 'lambda', apiVersion: '2015-03-31', protocol: 'rest-json' },
      operations: { CreateEventSourceMapping: { http: { method: 'POST', requestUri: '/x', responseCode: 202 }, input: { shape: 'In' }, output: { shape: 'In' } } },
      shapes: { In: { type: 'structure', members: { D: { shape: 'D' } } }, D: { type: 'double' } },
    };
    await expectUsage(['import-model', file('d.json', JSON.stringify(model)), '--editions-dir', dir], /shape D has type "double"/);
  });
});

const installed = installedLambdaModel();
describe.skipIf(!installed)('import-model on the installed botocore', () => {
  it('writes the edition and its index entry, gzip or not; aws follows the newest; a second name for the same file is refused', async () => {
    const dir = editionsCopy('ok');
    const plain = join(tmp.dir, 'service-2.json');
    const text = (installed!.endsWith('.gz') ? gunzipSync(readFileSync(installed!)) : readFileSync(installed!)).toString('utf8');
    writeFileSync(`${plain}.gz`, gzipSync(text));
    const shipped = loadEdition('aws');
    const again = await run(['import-model', `${plain}.gz`, '--name', shipped.name, '--editions-dir', dir]);
    expect(again.code, again.err.join('\n')).toBe(0);
    expect(again.out).toMatch(new RegExp(`imported edition ${shipped.name}`));
    const reimported = loadEdition(shipped.name, dir);
    expect([reimported.shapes, reimported.operations, reimported.stamp.sha256]).toEqual([shipped.shapes, shipped.operations, shipped.stamp.sha256]);
    expect(reimported.stamp.botocoreVersion).toBeNull(); // not inside a botocore package here
    await expectUsage(['import-model', `${plain}.gz`, '--name', 'aws-2100-01-01', '--editions-dir', dir], new RegExp(`already imported as edition ${shipped.name}`));
    const variant = (doc: string) => { writeFileSync(plain, JSON.stringify({ ...JSON.parse(text), documentation: doc })); return plain; };
    expect((await run(['import-model', variant('an older copy'), '--name', 'aws-2000-01-01', '--editions-dir', dir])).code).toBe(0);
    expect(loadIndex(dir).aliases.aws).toBe(shipped.name);
    expect((await run(['import-model', variant('a newer copy'), '--name', 'aws-2099-01-01', '--editions-dir', dir])).code).toBe(0);
    expect(existsSync(join(dir, 'aws-2099-01-01.json'))).toBe(true);
    expect(loadIndex(dir).aliases.aws).toBe('aws-2099-01-01');
    expect(loadEdition('aws', dir).shapes).toEqual(shipped.shapes);
    expect(loadEdition('aws', dir).stamp.botocoreVersion).toBeNull();
  });
});

describe('editions list and diff', () => {
  it('list names every edition with its aliases and digests', async () => {
    const r = await run(['editions', 'list']);
    expect(r.code).toBe(0);
    for (const e of loadIndex().editions) {
      expect(r.out).toContain(e.name);
      expect(r.out).toContain(e.sha256);
    }
    expect(r.out).toMatch(/\(aws\)/);
    expect(r.out).toMatch(/^seed \(seed\)$/m);
  });

  it('diff seed aws (json) lists the known changes from the seed page to today', async () => {
    const r = await run(['editions', 'diff', 'seed', 'aws', '--format', 'json']);
    expect(r.code, r.err.join('\n')).toBe(0);
    const diff = JSON.parse(r.out) as EditionDiff;
    const at = (path: string, constraint?: string) => diff.changes.find((c) => c.path === `CreateEventSourceMapping.${path}` && (constraint === undefined || c.constraint === constraint));
    expect(at('input.FunctionName', 'maxLength')).toMatchObject({ from: 140, to: 256 });
    expect(at('input.EventSourceArn', 'required')).toMatchObject({ from: true, to: false });
    expect(at('input.StartingPosition', 'required')).toMatchObject({ from: true, to: false });
    expect(at('input.FunctionName', 'pattern')).toBeDefined();
    expect(at('input.EventSourceArn', 'pattern')).toBeDefined();
    for (const m of ['MaximumBatchingWindowInSeconds', 'FilterCriteria', 'DestinationConfig', 'FunctionResponseTypes', 'MaximumRetryAttempts', 'ScalingConfig', 'Topics', 'Queues']) {
      expect(at(`input.${m}`), m).toMatchObject({ kind: 'member-added' });
    }
    expect(at('input.MaximumBatchingWindowInSeconds')?.to).toBe('integer 0..300');
    expect(diff.changes.find((c) => c.path === 'CreateEventSourceMapping' && c.constraint === 'requestUri')).toMatchObject({ from: '/2015-03-31/event-source-mappings/', to: '/2015-03-31/event-source-mappings' });
    expect(at('output.EventSourceMappingArn')).toMatchObject({ kind: 'member-added' });
    expect(diff.changes.filter((c) => c.kind === 'member-removed')).toEqual([]);
  });

  it('text and markdown say the same changes', async () => {
    const text = await run(['editions', 'diff', 'seed', 'aws']);
    const md = await run(['editions', 'diff', 'seed', 'aws', '--format', 'markdown']);
    expect(text.out).toMatch(/CreateEventSourceMapping\.input\.FunctionName\s+maxLength 140 -> 256/);
    expect(text.out).toMatch(/CreateEventSourceMapping\.input\.EventSourceArn\s+required yes -> no/);
    expect(md.out).toContain('| `CreateEventSourceMapping.input.FunctionName` | maxLength `140` -> `256` |');
    expect(md.out.split('\n').filter((l) => l.startsWith('| `')).length).toBe(text.out.split('\n').length - 1);
  });

  it('the reverse diff removes what the forward one adds, and an edition equals itself', async () => {
    const back = JSON.parse((await run(['editions', 'diff', 'aws', 'seed', '--format', 'json'])).out) as EditionDiff;
    expect(back.changes.find((c) => c.path === 'CreateEventSourceMapping.input.FilterCriteria')?.kind).toBe('member-removed');
    expect(back.changes.find((c) => c.path === 'CreateEventSourceMapping.input.FunctionName' && c.constraint === 'maxLength')).toMatchObject({ from: 256, to: 140 });
    expect((JSON.parse((await run(['editions', 'diff', 'aws', 'aws', '--format', 'json'])).out) as EditionDiff).changes).toEqual([]);
  });

  it.each([
    [['editions', 'diff', 'seed', 'nope'], /unknown edition "nope"/],
    [['editions', 'diff', 'seed'], /editions list \| editions diff/],
    [['editions', 'frobnicate'], /editions list \| editions diff/],
    [['editions', 'diff', 'seed', 'aws', '--format', 'html'], /--format must be one of text, markdown, json/],
  ])('%j: one line, exit 2', async (argv, pattern) => {
    await expectUsage(argv as string[], pattern as RegExp);
  });

  it('a damaged edition file is refused with one line', async () => {
    const dir = editionsCopy('damaged');
    const file = join(dir, 'seed.json');
    const e = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...e, shapes: { ...(e.shapes as object), BatchSize: { type: 'integer', maxLength: 3 } } }));
    await expectUsage(['editions', 'diff', 'seed', 'aws', '--editions-dir', dir], /edition seed breaks edition.schema.json/);
  });
});
