/**
 * The suite as an installed tool: `npm pack` (its prepack script compiles to dist/), the tarball installed
 * in an empty folder (offline from npm's cache when it can, else through the registry), then
 * `npx esm-conformance --version` and a full default run, with no tsx and no TypeScript in that folder.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from './helpers/run-helpers.ts';
import { main } from '../runner.ts';
import type { Report } from '../engine/report-types.ts';

interface Ran { code: number | null; stdout: string; stderr: string }

function run(cmd: string, args: string[], cwd: string, timeout = 240_000): Promise<Ran> {
  // npm's own variables of the `npm test` around this test must not leak into the commands under test.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
  return new Promise((done) => {
    execFile(cmd, args, { cwd, env: { ...env, CI: '1', NO_COLOR: '1' }, timeout, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const show = (r: Ran): string => `exit ${r.code}\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`;
const tmp = tempDir('package');
const app = join(tmp.dir, 'app');
let packed: Ran;

beforeAll(async () => {
  packed = await run('npm', ['pack', '--pack-destination', tmp.dir], REPO);
  if (packed.code !== 0) return;
  const tarball = join(tmp.dir, readdirSync(tmp.dir).find((f) => f.endsWith('.tgz'))!);
  await run('mkdir', ['-p', app], tmp.dir);
  writeFileSync(join(app, 'package.json'), '{"name":"empty-app","private":true}\n');
  const flags = ['install', '--no-audit', '--no-fund', '--no-save', tarball];
  const offline = await run('npm', [...flags, '--offline'], app);
  if (offline.code !== 0) await run('npm', [...flags, '--prefer-offline'], app);
}, 300_000);
afterAll(() => tmp.remove());

describe('the packed tarball, installed in an empty folder', () => {
  it('packs with compiled JavaScript and the data files, without TypeScript sources', () => {
    expect(packed.code, show(packed)).toBe(0);
    const files = existsSync(join(app, 'node_modules', 'esm-conformance')) ? readdirSync(join(app, 'node_modules', 'esm-conformance', 'dist', 'spec')) : [];
    expect(files).toEqual(expect.arrayContaining(['index.js', 'model.json', 'rules.json', 'aws-model.json']));
    expect(files.some((f) => f.endsWith('.ts'))).toBe(false);
  });

  it('installs without tsx or typescript', () => {
    expect(existsSync(join(app, 'node_modules', '.bin', 'esm-conformance'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', 'tsx'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'typescript'))).toBe(false);
  });

  it('npx esm-conformance --version prints the package version', async () => {
    const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    const r = await run('npx', ['--offline', 'esm-conformance', '--version'], app);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout.trim()).toBe(`esm-conformance ${version}`);
  });

  it('finds its data files at run time relative to the compiled files (editions list reads spec/editions/)', async () => {
    const r = await run('npx', ['--offline', 'esm-conformance', 'editions', 'list'], app);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/^seed\b/m);
  });

  it('README\'s --waivers fixtures/targets/moto.json finds the shipped copy from the installed package', async () => {
    const r = await run('npx', ['--offline', 'esm-conformance', '--waivers', 'fixtures/targets/moto.json', '--target-label', 'moto', '--only', 'BatchSize.range', '--runs', '0', '--out', 'waived'], app);
    expect(r.code, show(r)).toBe(0);
    expect(r.stderr).not.toMatch(/cannot read waiver file/);
  });

  it('a full default run from the package judges exactly as the same run from the repository, and prints npx esm-conformance', async () => {
    const r = await run('npx', ['--offline', 'esm-conformance', '--out', 'results'], app);
    expect(r.stderr).not.toMatch(/NodeVersionSupportWarning|^\s+at /m);
    const report = JSON.parse(readFileSync(join(app, 'results', 'report.json'), 'utf8')) as Report;
    expect(r.stdout).toContain(`exit ${report.exitCode}: `);
    expect(r.code, show(r)).toBe(report.exitCode);
    expect(report.cases.length).toBeGreaterThan(100);
    expect(report.run.command).toBe('npx esm-conformance --out results');
    expect(report.cases[0]!.reproduce.suite).toMatch(/^npx esm-conformance /);
    // The compiled package and the TypeScript sources are the same program: same cases, same verdicts.
    const here = join(tmp.dir, 'from-repo');
    const quiet = { out: () => undefined, err: () => undefined, isTty: false, env: {} };
    expect(await main(['--out', here, '--format', 'json'], quiet)).toBe(report.exitCode);
    const ours = JSON.parse(readFileSync(join(here, 'report.json'), 'utf8')) as Report;
    expect(report.cases.map((c) => [c.caseId, c.verdict])).toEqual(ours.cases.map((c) => [c.caseId, c.verdict]));
    for (const f of ['junit.xml', 'report.html', 'summary.md']) expect(existsSync(join(app, 'results', f)), f).toBe(true);
  });
});
