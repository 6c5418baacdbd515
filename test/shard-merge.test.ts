/**
 * --shard I/N splits the cases by id (the same on every machine), and `merge` joins the shard reports into
 * the report a single run writes: the same cases in the same order, verdicts, counts, per-rule summaries,
 * exit code and verdict digest. In-process through main(), against the embedded reference.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../runner.ts';
import type { Report } from '../engine/report-types.ts';
import { buildPlan, shardCases, shardOf } from '../properties/plan.ts';
import { verdictDigest } from '../reports/merge.ts';
import { tempDir } from './helpers/run-helpers.ts';

const tmp = tempDir('shard');
afterAll(() => tmp.remove());

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; }, isTty: false });
  return { code, out, err };
}
const read = (dir: string): Report => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
// The seed page's rules: a conformant set on the reference (the exit codes below are 0).
const COMMON = ['--runs', '3', '--no-sdk', '--no-shrink', '--format', 'json', '--only', 'BatchSize.*,Enabled.*,FunctionName.*,StartingPosition*,error.*,operation.*,request.*,response.*'];

describe('shards', () => {
  it('split a plan into disjoint parts that cover it, by a hash of the case id', () => {
    const plan = buildPlan({ seed: 5, runs: 10 });
    const parts = [1, 2, 3, 4].map((index) => shardCases(plan, { index, count: 4 }));
    expect(parts.flat().map((c) => c.id).sort()).toEqual(plan.map((c) => c.id).sort());
    for (const p of parts) expect(p.length).toBeGreaterThan(plan.length / 8);
    expect(shardOf('BatchSize.range~0123456789ab', 4)).toBe(shardOf('BatchSize.range~0123456789ab', 4));
  });

  it('merged from 4 shards equal the single run: cases, order, verdicts, counts, rules, exit code, digest', async () => {
    const single = join(tmp.dir, 'single');
    expect((await cli([...COMMON, '--out', single])).code).toBe(0);
    const dirs = [1, 2, 3, 4].map((i) => join(tmp.dir, `shard-${i}`));
    for (const [i, dir] of dirs.entries()) {
      const r = await cli([...COMMON, '--shard', `${i + 1}/4`, '--out', dir]);
      expect(r.code, r.err).toBe(0);
      expect(read(dir).run.shard).toEqual({ index: i + 1, count: 4 });
    }
    const merged = join(tmp.dir, 'merged');
    const m = await cli(['merge', ...dirs.map((d) => join(d, 'report.json')).reverse(), '--out', merged, '--format', 'json']);
    expect(m.code, m.err).toBe(0);
    const a = read(single);
    const b = read(merged);
    expect(b.cases.map((c) => c.caseId)).toEqual(a.cases.map((c) => c.caseId));
    expect(b.cases.map((c) => c.verdict)).toEqual(a.cases.map((c) => c.verdict));
    expect(b.counts).toEqual(a.counts);
    expect(b.rules).toEqual(a.rules);
    expect(b.parity).toEqual(a.parity);
    expect(b.parity.checked).toBeGreaterThan(read(dirs[0]!).parity.checked);
    expect(b.exitCode).toBe(a.exitCode);
    expect(verdictDigest(b)).toBe(verdictDigest(a));
    expect(m.out).toContain(verdictDigest(a));
    expect(b.run.mergedFrom).toHaveLength(4);
    expect(b.run.shard).toBeUndefined();
  }, 60_000);

  it('a shard that was interrupted (its target stopped answering) makes the merge interrupted: exit 3, whichever shard it is', async () => {
    const dirs = [1, 2].map((i) => join(tmp.dir, `cut-${i}`));
    for (const [i, dir] of dirs.entries()) expect((await cli([...COMMON, '--shard', `${i + 1}/2`, '--out', dir])).code).toBe(0);
    const second = read(dirs[1]!);
    writeFileSync(join(dirs[1]!, 'report.json'), JSON.stringify({ ...second, cases: second.cases.slice(0, 3), interrupted: 'the target stopped answering: 3 of 40 cases got an answer (...)', exitCode: 3 }));
    for (const order of [dirs, [...dirs].reverse()]) {
      const merged = join(tmp.dir, `cut-merged-${order[0] === dirs[0] ? 'a' : 'b'}`);
      const m = await cli(['merge', ...order.map((d) => join(d, 'report.json')), '--out', merged, '--format', 'json']);
      expect(m.code, m.out).toBe(3);
      expect(read(merged).interrupted).toMatch(/^shard 2\/2: the target stopped answering/);
    }
  }, 60_000);

  it('with --strict-parity a merge exits as the single run does, and refuses shards of another target or parity mode', async () => {
    const strict = [...COMMON, '--deviation', 'state-enabled-on-create', '--strict-parity'];
    const single = join(tmp.dir, 'strict-single');
    const s = await cli([...strict, '--out', single]);
    expect(s.code, s.err).toBe(1);
    expect(read(single).parity.matched).toBeLessThan(read(single).parity.checked);
    const dirs = [1, 2].map((i) => join(tmp.dir, `strict-${i}`));
    for (const [i, dir] of dirs.entries()) await cli([...strict, '--shard', `${i + 1}/2`, '--out', dir]);
    const merged = join(tmp.dir, 'strict-merged');
    const m = await cli(['merge', ...dirs.map((d) => join(d, 'report.json')), '--out', merged, '--format', 'json']);
    expect(m.code, m.out).toBe(1);
    expect(read(merged).parity).toEqual(read(single).parity);
    // A plain shard 2/2 beside a strict, deviating shard 1/2: not one run.
    const plain = join(tmp.dir, 'plain-2');
    await cli([...COMMON, '--shard', '2/2', '--out', plain]);
    const mixed = await cli(['merge', join(dirs[0]!, 'report.json'), join(plain, 'report.json'), '--out', join(tmp.dir, 'mixed'), '--format', 'json']);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(/is not a shard of the same run/);
  }, 60_000);

  it('refuse a missing or repeated shard, a bad --shard and --certify --shard (exit 2, one line)', async () => {
    const dirs = [1, 2].map((i) => join(tmp.dir, `part-${i}`));
    for (const [i, dir] of dirs.entries()) expect((await cli([...COMMON, '--only', 'BatchSize.*', '--shard', `${i + 1}/3`, '--out', dir])).code).toBe(0);
    const files = dirs.map((d) => join(d, 'report.json'));
    const missing = await cli(['merge', ...files, '--out', join(tmp.dir, 'm1')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/shard\(s\) 3\/3 missing/);
    expect((await cli(['merge', files[0]!, files[0]!, '--out', join(tmp.dir, 'm2')])).err).toMatch(/both shard 1\/3/);
    for (const bad of ['0/4', '5/4', 'x', '1/0']) {
      const r = await cli(['--shard', bad]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect((await cli(['--certify', '--shard', '1/2'])).code).toBe(2);
  }, 60_000);
});
