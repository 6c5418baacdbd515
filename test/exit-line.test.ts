/**
 * One exit line, true everywhere: the console, summary.md, junit.xml, report.html and report.json state the
 * exit code the process returns, with why: waivers applied (how many cases, which rules), an expired waiver
 * as the cause of the cases it no longer covers, baseline mode with --fail-on new-failures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../cli/run-command.ts';
import type { Report } from '../engine/report-types.ts';
import { main } from '../runner.ts';
import { tempDir } from './helpers/run-helpers.ts';
import { WaiverTally } from '../reports/exit-line.ts';

const tmp = tempDir('exit-line');
afterAll(() => tmp.remove());
let n = 0;

async function run(extra: string[]): Promise<{ code: number; out: string; lines: string[]; err: string[] }> {
  const out = join(tmp.dir, `run${(n += 1)}`);
  const lines: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => lines.push(s), err: (s) => err.push(s), isTty: false };
  const code = await main(['--deviation', 'status-200', '--runs', '0', '--only', 'BatchSize.*', '--no-sdk', '--out', out, '--no-color', ...extra], io);
  return { code, out, lines, err };
}

/** The exit line as each output states it. */
function exitLines(r: { out: string; lines: string[] }): Record<string, string> {
  const pick = (text: string) => (/exit \d: [^\n]*/.exec(text)?.[0] ?? `(none in ${text.slice(0, 80)})`).replace(/\s*(-->|\*\*|<\/).*$/, '');
  const report = JSON.parse(readFileSync(join(r.out, 'report.json'), 'utf8')) as Report;
  return {
    console: pick(r.lines.join('\n')), markdown: pick(readFileSync(join(r.out, 'summary.md'), 'utf8')),
    junit: pick(readFileSync(join(r.out, 'junit.xml'), 'utf8')), html: pick(readFileSync(join(r.out, 'report.html'), 'utf8').replace(/&#39;|&amp;/g, '')),
    json: `exit ${report.exitCode}`,
  };
}

function expectOneLine(r: { code: number; out: string; lines: string[] }, pattern: RegExp): void {
  const lines = exitLines(r);
  expect(lines.json).toBe(`exit ${r.code}`);
  const { json: _json, ...texts } = lines;
  for (const [where, line] of Object.entries(texts)) expect(line, where).toMatch(pattern);
  expect(new Set(Object.values(texts)).size, JSON.stringify(texts)).toBe(1);
}

function waivers(expires?: string): string {
  const file = join(tmp.dir, `waivers${(n += 1)}.json`);
  writeFileSync(file, JSON.stringify({ target: 'embedded', waivers: [{ rule: 'response.status', reason: 'answers 200 instead of 202', link: 'https://example.com/issues/200', ...(expires ? { expires } : {}) }] }));
  return file;
}

describe('the exit line', () => {
  it('waivers applied: exit 0, with how many cases and which rules were waived', async () => {
    const r = await run(['--waivers', waivers()]);
    expect(r.code, r.err.join('\n')).toBe(0);
    expectOneLine(r, /^exit 0: conformant \(no case failed\); \d+ case\(s\) waived as expected-fail \(rules response\.status\)$/);
  });

  it('an expired waiver is named as the cause of the cases it no longer covers', async () => {
    const r = await run(['--waivers', waivers('2020-01-01')]);
    expect(r.code).toBe(1);
    expectOneLine(r, /^exit 1: not conformant \(\d+ case\(s\) failed\); \d+ case\(s\) fail because a waiver expired \(response\.status until 2020-01-01\)$/);
    expect(r.err.join('\n')).toMatch(/the waiver for response\.status expired on 2020-01-01: \d+ failing case\(s\) it no longer covers/);
    expect(r.err.join('\n')).not.toMatch(/matched no failing case/);
  });

  it('names at most eight waived rules, and counts the rest', () => {
    const t = new WaiverTally();
    for (let i = 0; i < 11; i += 1) t.add({ verdict: 'expected-fail', rule: `rule.${String(i).padStart(2, '0')}`, failures: [] } as never);
    expect(t.notes()).toBe('; 11 case(s) waived as expected-fail (rules rule.00, rule.01, rule.02, rule.03, rule.04, rule.05, rule.06, rule.07 and 3 more)');
  });

  it('baseline mode with --fail-on new-failures: exit 0 when nothing is new, and every output says so', async () => {
    const first = await run([]);
    expect(first.code).toBe(1);
    expectOneLine(first, /^exit 1: not conformant/);
    const r = await run(['--baseline', join(first.out, 'report.json'), '--fail-on', 'new-failures']);
    expect(r.code).toBe(0);
    expectOneLine(r, /^exit 0: no new failure against the baseline \(failing on new failures only; \d+ case\(s\) fail, each failed in the baseline too\)$/);
    expect(readFileSync(join(r.out, 'summary.md'), 'utf8')).toMatch(/conformance: no new failures against the baseline/);
  });
});
