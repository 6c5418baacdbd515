/**
 * The console for triage: failure groups by signature with a count and one example, a ranked "fix these
 * first" list, --quiet / --verbose / --max-failures, a passing run in about 20 lines, a moto run in 80;
 * colour decided on stdout with NO_COLOR and FORCE_COLOR. In-process main(); one moto server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../runner.ts';
import type { Io } from '../cli/run-command.ts';
import { renderConsole } from '../reports/console.ts';
import { failureGroups } from '../reports/triage.ts';
import { makeCase, sampleReport } from './helpers/sample-report.ts';
import { startMoto, type MotoServer } from './helpers/moto.ts';

const temps: string[] = [];
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'esm-triage-'));
  temps.push(d);
  return d;
};
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

function capture(extra: Partial<Io> = {}): Io & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (s) => out.push(s), err: (s) => err.push(s), isTty: false, env: {}, ...extra, stdout: () => out.join('\n'), stderr: () => err.join('\n') };
}
const lineCount = (s: string): number => s.trimEnd().split('\n').length;

describe('failure groups (reports/triage.ts)', () => {
  it('groups identical failures into one signature with its count, ranked by verdict, level, then cases', () => {
    const report = sampleReport();
    const base = report.cases.find((c) => c.verdict === 'fail')!;
    const copies = [1, 2, 3].map((i) => ({ ...base, caseId: `${base.rule}~copy${i}` }));
    const groups = failureGroups({ ...report, cases: [...report.cases, ...copies] });
    const g = groups.find((x) => x.cases.some((c) => c.caseId === base.caseId))!;
    expect(g.cases.length).toBeGreaterThanOrEqual(4);
    expect(groups[0]).toBe(g); // the largest MUST fail group comes first
    expect(groups.every((x, i) => i === 0 || x.verdict !== 'fail' || groups[i - 1]!.verdict === 'fail')).toBe(true);
    expect(groups.at(-1)!.verdict).toBe('non-strict');
  });

  it('default view: one example per group, the rest one line each, "fix these first"; quiet and verbose', () => {
    const report = sampleReport();
    const extra = Array.from({ length: 40 }, (_, i) => makeCase({
      rule: 'BatchSize.range', title: `BatchSize ${10_001 + i} is above the maximum`, verdict: 'fail', status: 202,
      failures: [{ code: 'status-mismatch', args: { got: 202 } }],
    }));
    const big = { ...report, cases: [...report.cases, ...extra] };
    const text = renderConsole(big);
    expect(text).toMatch(/Failure groups \(\d+ groups?, \d+ cases/);
    expect(text).toMatch(/Fix these first/);
    expect(text.match(/e\.g\. /g)?.length).toBe(Math.min(5, failureGroups(big).length));
    expect(text).not.toContain(extra[39]!.caseId); // 40 identical failures: one example, not 40 blocks
    expect(text).toMatch(/BatchSize\.range status-mismatch: 4\d cases/);
    const quiet = renderConsole(big, { mode: 'quiet' });
    expect(quiet).not.toMatch(/e\.g\. |replay:/);
    expect(quiet).toMatch(/Totals:/);
    const verbose = renderConsole(big, { mode: 'verbose' });
    for (const c of big.cases) expect(verbose, c.caseId).toContain(c.caseId);
    const one = renderConsole(big, { maxGroups: 1 });
    expect(one.match(/e\.g\. /g)?.length).toBe(1);
  });
});

describe('the console of real runs', () => {
  let moto: MotoServer | undefined;
  beforeAll(async () => { moto = await startMoto(); }, 60_000);
  afterAll(async () => { await moto?.stop(); });

  it('a passing run fits in about 20 lines', async () => {
    const io = capture();
    // The seed edition on the faithful reference: a run that passes whatever the default edition's state.
    const code = await main(['--edition', 'seed', '--out', temp(), '--format', 'console'], io);
    expect(code, io.stderr()).toBe(0);
    expect(lineCount(io.stdout()), io.stdout()).toBeLessThanOrEqual(20);
    expect(io.stdout()).toMatch(/No fail or non-strict cases/);
  });

  it('a moto run (default runs) fits in 80 lines and names its top problems first', async () => {
    const io = capture();
    const code = await main(['--endpoint', moto!.url, '--provision', '--out', temp(), '--ledger', temp(), '--format', 'console,json'], io);
    expect(code, io.stderr()).toBe(1);
    const text = io.stdout();
    expect(lineCount(text), text).toBeLessThanOrEqual(80);
    expect(text).toMatch(/Fix these first/);
    expect(text).toMatch(/^ {2}1\. FAIL MUST \S+ \S+: \d+ cases$/m);
    expect(text).not.toMatch(/\u001b\[/);
  }, 120_000);

  it('colour is decided on stdout: a terminal colours, NO_COLOR and --no-color do not, FORCE_COLOR does on a pipe', async () => {
    const run = async (extra: Partial<Io>, args: string[] = []) => {
      const io = capture(extra);
      await main(['--deviation', 'status-200', '--only', 'response.status', '--format', 'console', '--out', temp(), ...args], io);
      return /\u001b\[/.test(io.stdout());
    };
    expect(await run({ outIsTty: true })).toBe(true);
    expect(await run({ outIsTty: false, isTty: true })).toBe(false); // stderr a terminal, stdout redirected
    expect(await run({ outIsTty: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(await run({ outIsTty: true }, ['--no-color'])).toBe(false);
    expect(await run({ outIsTty: false, env: { FORCE_COLOR: '1' } })).toBe(true);
  });
});
