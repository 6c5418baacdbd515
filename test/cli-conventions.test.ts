/**
 * AWS habits and the config file, through main() in-process: the region from AWS_REGION / AWS_DEFAULT_REGION
 * / the credential profile, the endpoint from AWS_ENDPOINT_URL_LAMBDA / AWS_ENDPOINT_URL, --aws-profile,
 * --expect with the deprecated --profile, esm-conformance.config.json (schema from the options table),
 * error lines naming the real cause; --list/diff/verify --json and --mask-account in every output.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../runner.ts';
import type { Io } from '../cli/run-command.ts';
import type { Report } from '../engine/report-types.ts';
import { configSchema } from '../cli/config-file.ts';
import { invocationOf } from '../cli/invocation.ts';
import { OPTIONS } from '../cli/options.ts';
import { serve } from '../reference/serve.ts';
import type { ReferenceHandle } from '../reference/server.ts';
import { editionRulesFor } from '../engine/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'esm-conventions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(dir, `out-${++n}`);

function capture(env: NodeJS.ProcessEnv = {}): Io & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (s) => out.push(s), err: (s) => err.push(s), isTty: false, env, stdout: () => out.join('\n'), stderr: () => err.join('\n') };
}
const report = (out: string): Report => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;

describe('region and endpoint from the environment', () => {
  let ref: ReferenceHandle;
  beforeAll(async () => { ref = await serve({ port: 0, region: 'eu-west-1' }); });
  afterAll(async () => { await ref?.close(); });
  const given = () => ['--function-name', ref.resources.functionName, '--kinesis-stream-arn', ref.resources.kinesisStreamArn, '--dynamodb-stream-arn', ref.resources.dynamodbStreamArn];

  it('AWS_ENDPOINT_URL and AWS_REGION are honoured (and AWS_ENDPOINT_URL_LAMBDA wins over AWS_ENDPOINT_URL)', async () => {
    const out = fresh();
    const io = capture({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_LAMBDA: ref.url, AWS_REGION: 'eu-west-1' });
    const code = await main([...given(), '--only', 'response.status', '--no-sdk', '--out', out, '--format', 'json'], io);
    expect(code, io.stderr()).toBe(0);
    expect(report(out).target).toMatchObject({ endpoint: new URL(ref.url).origin, region: 'eu-west-1', kind: 'remote' });
  });

  it('AWS_DEFAULT_REGION, then the region of the credential profile; --region wins over both', async () => {
    const cfg = join(dir, 'aws-config');
    writeFileSync(cfg, '[profile dev]\nregion = ap-south-1\n[default]\nregion = ca-central-1\n');
    const regionOf = async (env: NodeJS.ProcessEnv, args: string[] = []) => {
      const out = fresh();
      await main(['--only', 'response.status', '--out', out, '--format', 'json', ...args], capture({ AWS_CONFIG_FILE: cfg, ...env }));
      return report(out).target.region;
    };
    expect(await regionOf({ AWS_DEFAULT_REGION: 'eu-north-1' })).toBe('eu-north-1');
    expect(await regionOf({ AWS_PROFILE: 'dev' })).toBe('ap-south-1');
    expect(await regionOf({}, ['--aws-profile', 'dev'])).toBe('ap-south-1');
    expect(await regionOf({})).toBe('ca-central-1');
    expect(await regionOf({ AWS_REGION: 'eu-north-1' }, ['--region', 'us-west-2'])).toBe('us-west-2');
  });

  it('a named profile\'s configured endpoint: its services section\'s lambda endpoint_url, else its endpoint_url; the environment and --endpoint win', async () => {
    const cfg = join(dir, 'aws-config-endpoints');
    const DEAD = 'http://127.0.0.1:1';
    // A named profile's credentials come from the profile (the provider chain skips the environment then).
    const KEYS = 'aws_access_key_id = test\naws_secret_access_key = test';
    writeFileSync(cfg, [
      '[default]', `endpoint_url = ${DEAD}`, '',
      '[profile local]', 'services = here', `endpoint_url = ${DEAD}`, KEYS, '',
      '[services here]', 'lambda =', `  endpoint_url = ${ref.url}`, '',
      '[profile plain]', `endpoint_url = ${DEAD}`, KEYS, '',
      '[profile off]', `endpoint_url = ${ref.url}`, 'ignore_configured_endpoint_urls = true', KEYS, '',
      '[profile typo]', 'services = nosuch', `endpoint_url = ${ref.url}`, KEYS, '',
      '[profile odd]', 'ignore_configured_endpoint_urls = yes', KEYS, '',
    ].join('\n'));
    const targetOf = async (env: NodeJS.ProcessEnv, args: string[] = []) => {
      const out = fresh();
      const io = capture({ AWS_CONFIG_FILE: cfg, AWS_SHARED_CREDENTIALS_FILE: cfg, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'eu-west-1', ...env });
      const code = await main([...given(), '--only', 'response.status', '--no-sdk', '--out', out, '--format', 'json', ...args], io);
      return { code, err: io.stderr(), target: code === 0 ? report(out).target : undefined };
    };
    const origin = new URL(ref.url).origin;
    // The SDK's credential chain reads the process's environment (this test file's worker only), not io.env.
    const saved = { c: process.env.AWS_CONFIG_FILE, s: process.env.AWS_SHARED_CREDENTIALS_FILE };
    process.env.AWS_CONFIG_FILE = cfg;
    process.env.AWS_SHARED_CREDENTIALS_FILE = cfg;
    onTestFinished(() => {
      for (const [k, v] of [['AWS_CONFIG_FILE', saved.c], ['AWS_SHARED_CREDENTIALS_FILE', saved.s]] as const) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    });
    const embedded = (r: Awaited<ReturnType<typeof targetOf>>) => {
      expect(r.err).not.toMatch(/endpoint comes from/);
      expect(r.target?.kind ?? 'embedded').toBe('embedded');
    };
    // The services section wins over the profile's own endpoint_url (a dead port here).
    expect((await targetOf({ AWS_PROFILE: 'local' })).target).toMatchObject({ endpoint: origin, kind: 'remote' });
    // The default profile gives no endpoint: a bare run stays on the embedded target.
    embedded(await targetOf({}));
    // AWS_ENDPOINT_URL wins over the profile's endpoint_url; --endpoint over both.
    expect((await targetOf({ AWS_PROFILE: 'plain', AWS_ENDPOINT_URL: ref.url })).target).toMatchObject({ endpoint: origin, kind: 'remote' });
    expect((await targetOf({ AWS_PROFILE: 'plain', AWS_ENDPOINT_URL: DEAD }, ['--endpoint', ref.url])).target).toMatchObject({ endpoint: origin });
    // The profile's ignore flag turns the environment's endpoints off too; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false turns it back on.
    embedded(await targetOf({ AWS_PROFILE: 'off', AWS_ENDPOINT_URL: DEAD }));
    embedded(await targetOf({ AWS_PROFILE: 'plain', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }));
    expect((await targetOf({ AWS_PROFILE: 'off', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' })).target).toMatchObject({ endpoint: origin, kind: 'remote' });
    // A services section that is not there, and a flag that is not a boolean: usage errors, as in the SDKs.
    const typo = await targetOf({ AWS_PROFILE: 'typo' });
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/profile typo: services = nosuch, but there is no \[services nosuch\] section/);
    const odd = await targetOf({ AWS_PROFILE: 'odd' });
    expect(odd.code).toBe(2);
    expect(odd.err).toMatch(/ignore_configured_endpoint_urls of profile odd: "yes" is not true or false/);
    // An error line names the profile as the endpoint's source.
    const io = capture({ AWS_CONFIG_FILE: cfg, AWS_SHARED_CREDENTIALS_FILE: cfg, AWS_PROFILE: 'plain' });
    expect(await main(['--out', fresh()], io)).toBe(2);
    expect(io.stderr()).toMatch(/needs its resources.*the endpoint comes from the endpoint_url of profile plain/);
  });

  it('error lines name the real cause: an unknown profile, an endpoint from the environment, a region from the environment', async () => {
    const cfg = join(dir, 'empty-config');
    writeFileSync(cfg, '');
    const bogus = { AWS_PROFILE: 'bogus', AWS_CONFIG_FILE: cfg, AWS_SHARED_CREDENTIALS_FILE: cfg };
    let io = capture(bogus);
    expect(await main(['--endpoint', 'http://127.0.0.1:1', '--provision', '--out', fresh()], io)).toBe(2);
    expect(io.stderr()).toMatch(/AWS_PROFILE bogus: no profile \[bogus\]/);
    io = capture(bogus); // the embedded target needs no credentials: AWS_PROFILE goes unused, with a note
    expect(await main(['--only', 'response.status', '--out', fresh(), '--format', 'json'], io)).toBe(0);
    expect(io.stderr()).toMatch(/note: AWS_PROFILE bogus: no profile \[bogus\].*the embedded target needs no credentials/);
    io = capture({ AWS_CONFIG_FILE: cfg, AWS_SHARED_CREDENTIALS_FILE: cfg }); // but a flag naming it is a mistake
    expect(await main(['--aws-profile', 'bogus', '--only', 'response.status', '--out', fresh()], io)).toBe(2);
    expect(io.stderr()).toMatch(/--aws-profile bogus: no profile \[bogus\]/);
    expect(io.stderr()).not.toMatch(/\n\s+at /);
    io = capture({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1' });
    expect(await main(['--out', fresh()], io)).toBe(2);
    expect(io.stderr()).toMatch(/needs its resources.*the endpoint comes from AWS_ENDPOINT_URL/);
    io = capture({ AWS_REGION: 'moon-1' });
    expect(await main(['--out', fresh()], io)).toBe(2);
    expect(io.stderr()).toMatch(/not a region name.*the region comes from AWS_REGION/);
    // An error about another input does not name where the region or endpoint came from.
    io = capture({ AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:1' });
    expect(await main(['--runs', 'abc', '--out', fresh()], io)).toBe(2);
    expect(io.stderr()).toMatch(/--runs must be an integer/);
    expect(io.stderr()).not.toMatch(/comes from/);
  });
});

describe('console options are checked before the run', () => {
  it('--max-failures x and --quiet with --verbose: exit 2 at once, nothing sent', async () => {
    for (const args of [['--max-failures', 'x'], ['--quiet', '--verbose']]) {
      const io = capture();
      const started = Date.now();
      expect(await main([...args, '--out', fresh()], io)).toBe(2);
      expect(io.stderr()).not.toMatch(/sending/);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });
});

describe('printed commands in the form the suite was started', () => {
  it('npx, a global install, npm start, tsx and the compiled file by hand', () => {
    expect(invocationOf({ npm_command: 'exec' }, '/app/node_modules/.bin/esm-conformance')).toBe('npx esm-conformance');
    expect(invocationOf({}, '/usr/local/bin/esm-conformance')).toBe('esm-conformance');
    expect(invocationOf({ npm_lifecycle_event: 'start' }, '/repo/runner.ts')).toBe('npm start --');
    expect(invocationOf({ npm_command: 'exec' }, '/repo/runner.ts')).toBe('npx tsx runner.ts');
    expect(invocationOf({}, '/app/node_modules/esm-conformance/dist/runner.js')).toBe('node /app/node_modules/esm-conformance/dist/runner.js');
  });
});

describe('--expect, and --profile kept with a deprecation line', () => {
  it('--expect seed judges by the seed profile; --profile seed too, with one note; a credential name gets a pointer', async () => {
    let out = fresh();
    await main(['--expect', 'seed', '--only', 'response.status', '--out', out, '--format', 'json'], capture());
    expect(report(out).profile).toBe('seed');
    out = fresh();
    const io = capture();
    await main(['--profile', 'seed', '--only', 'response.status', '--out', out, '--format', 'json'], io);
    expect(report(out).profile).toBe('seed');
    expect(io.stderr()).toMatch(/--profile is deprecated: use --expect seed/);
    const bad = capture();
    expect(await main(['--profile', 'dev'], bad)).toBe(2);
    expect(bad.stderr()).toMatch(/--aws-profile dev/);
  });
});

describe('the config file', () => {
  it('its schema covers every option of the table but help, version and config', () => {
    const props = Object.keys((configSchema() as { properties: Record<string, unknown> }).properties);
    for (const o of OPTIONS) if (!['help', 'version', 'config'].includes(o.name)) expect(props, o.name).toContain(o.name);
  });

  it('esm-conformance.config.json in the working directory is read; the command line wins; --config names another', async () => {
    const cwd = join(dir, 'cwd');
    mkdirSync(cwd, { recursive: true });
    const out = fresh();
    writeFileSync(join(cwd, 'esm-conformance.config.json'), JSON.stringify({ expect: 'seed', only: ['response.status'], runs: 1, out, format: 'json' }));
    const before = process.cwd();
    process.chdir(cwd);
    try {
      const io = capture();
      await main([], io);
      expect(report(out)).toMatchObject({ profile: 'seed', run: { runs: 1, only: ['response.status'] } });
      expect(io.stderr()).toMatch(/options from .*esm-conformance\.config\.json/);
      await main(['--expect', 'aws'], capture());
      expect(report(out).profile).toBe('aws');
    } finally {
      process.chdir(before);
    }
    const named = join(dir, 'named.json');
    const out2 = fresh();
    writeFileSync(named, JSON.stringify({ $schema: './schema.json', 'no-sdk': true, only: 'BatchSize.range', out: out2, format: 'json' }));
    expect(await main(['--config', named], capture())).toBe(0);
    expect(report(out2).run.only).toEqual(['BatchSize.range']);
  });

  it('a bad config file is one usage line: unknown option, wrong type, not JSON, missing', async () => {
    const cases: Array<[string, RegExp]> = [[JSON.stringify({ bogus: 1 }), /additional properties \(bogus\)/], [JSON.stringify({ runs: 'many' }), /\/runs must be integer/], ['{', /named-bad\.json/]];
    for (const [text, pattern] of cases) {
      const file = join(dir, 'named-bad.json');
      writeFileSync(file, text);
      const io = capture();
      expect(await main(['--config', file], io)).toBe(2);
      expect(io.stderr().split('\n')).toHaveLength(1);
      expect(io.stderr()).toMatch(pattern);
    }
    const io = capture();
    expect(await main(['--config', join(dir, 'absent.json')], io)).toBe(2);
    expect(io.stderr()).toMatch(/ENOENT/);
  });
});

describe('machine-readable output and --mask-account', () => {
  it('--list --json is every rule of the edition with both profiles, and the parity rules (as --list prints them)', async () => {
    for (const edition of ['aws', 'seed']) {
      const io = capture();
      expect(await main(['--list', '--json', '--edition', edition], io)).toBe(0);
      const list = JSON.parse(io.stdout()) as { edition: string; rules: Array<{ id: string; expected: Record<string, unknown> }>; parityRules: unknown[] };
      const { rules: expected, edition: e } = editionRulesFor(edition);
      expect(list.edition).toBe(e.name);
      expect(list.rules.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      for (const r of list.rules) expect(Object.keys(r.expected).sort()).toEqual(['aws', 'seed']);
      expect(list.parityRules.length).toBeGreaterThan(0);
      const text = capture();
      await main(['--list', '--edition', edition], text);
      for (const r of list.rules) expect(text.stdout()).toContain(`${r.id}  `);
    }
  });

  it('diff --json and verify --json are JSON with the same exit codes', async () => {
    const a = fresh();
    const b = fresh();
    await main(['--only', 'response.status', '--out', a, '--format', 'json'], capture());
    await main(['--only', 'response.status', '--deviation', 'status-200', '--out', b, '--format', 'json'], capture());
    const io = capture();
    expect(await main(['diff', join(a, 'report.json'), join(b, 'report.json'), '--json'], io)).toBe(1);
    const diff = JSON.parse(io.stdout()) as { newFailures: unknown[]; exitCode: number };
    expect(diff.newFailures.length).toBeGreaterThan(0);
    expect(diff.exitCode).toBe(1);
  });

  it('--out - prints report.json on stdout, the console on stderr, and makes no folder named -', async () => {
    const cwd = join(dir, 'stdout-cwd');
    mkdirSync(cwd, { recursive: true });
    const before = process.cwd();
    process.chdir(cwd);
    try {
      const io = capture();
      expect(await main(['--out', '-', '--only', 'response.status'], io)).toBe(0);
      const parsed = JSON.parse(io.stdout()) as Report;
      expect(parsed.cases.length).toBeGreaterThan(0);
      expect(io.stderr()).toMatch(/Totals:/);
      expect(readdirSync(cwd)).toEqual([]);
      const bad = capture();
      expect(await main(['--out', '-', '--certify'], bad)).toBe(2);
    } finally {
      process.chdir(before);
    }
  });

  it('--mask-account masks the account id in report.json, JUnit, HTML, Markdown and the console', async () => {
    const out = fresh();
    const io = capture();
    await main(['--deviation', 'status-200', '--only', 'response.status', '--mask-account', '--out', out], io);
    const account = '123456789012';
    for (const f of ['report.json', 'junit.xml', 'report.html', 'summary.md']) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text, f).not.toContain(account);
      expect(text, f).toContain('000000000000');
    }
    expect(io.stdout()).not.toContain(account);
    const plain = fresh();
    await main(['--deviation', 'status-200', '--only', 'response.status', '--out', plain, '--format', 'json'], capture());
    expect(readFileSync(join(plain, 'report.json'), 'utf8')).toContain(account); // the check above is not vacuous
  });
});
