/** Shared helpers of the end-to-end, deviation and CLI tests: run configs, flagged rules, the CLI as a child process. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRunConfig } from '../../cli/config.ts';
import { parseCommandLine } from '../../cli/parse.ts';
import type { RunConfig } from '../../engine/config.ts';
import type { CaseResult, Report } from '../../engine/report-types.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const TSX = join(REPO, 'node_modules', '.bin', 'tsx');

/** A RunConfig exactly as the command line builds it (argv as typed after `runner.ts`). */
export function configFor(argv: string[], extra: Partial<RunConfig> = {}): RunConfig {
  return { ...buildRunConfig(parseCommandLine(argv).values, argv), ...extra };
}

/** Cases whose verdict is not pass. */
export function nonPass(report: Report): CaseResult[] {
  return report.cases.filter((c) => c.verdict !== 'pass');
}

/** One line per non-pass case, for assertion messages. */
export function describeCases(cases: CaseResult[]): string {
  return cases.map((c) => `${c.verdict} ${c.caseId} ${c.title}: ${c.observed.status ?? c.observed.problem} ${c.observed.errorCode ?? ''} `
    + `[${c.failures.map((f) => `${f.rule} ${f.code}`).join(', ')}]`).join('\n');
}

/** The rules a run flags: the rule of every non-pass case and the rule of every failure record. */
export function flaggedRules(report: Report): Set<string> {
  const out = new Set<string>();
  for (const c of nonPass(report)) out.add(c.rule);
  for (const c of report.cases) for (const f of c.failures) out.add(f.rule);
  return out;
}

/** rule -> worst verdict among the failure records that name it. */
export function failureRules(report: Report): Record<string, string> {
  const rank = ['info', 'non-strict', 'fail'];
  const out: Record<string, string> = {};
  for (const c of report.cases) {
    for (const f of c.failures) {
      const have = out[f.rule];
      if (have === undefined || rank.indexOf(f.verdict) > rank.indexOf(have)) out[f.rule] = f.verdict;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Secrets that must never reach a report: signing headers, signatures, access key ids. */
export function secretsIn(report: Report): string[] {
  const text = JSON.stringify(report);
  const found: string[] = [];
  for (const c of report.cases) {
    for (const h of Object.keys(c.observed.headers)) {
      if (['authorization', 'x-amz-security-token'].includes(h.toLowerCase())) found.push(`${c.caseId}: header ${h}`);
    }
  }
  for (const needle of ['Signature=', 'AKIA']) if (text.includes(needle)) found.push(`text contains ${needle}`);
  return found;
}

export interface CliResult { code: number | null; stdout: string; stderr: string; ms: number }

/** Runs `tsx runner.ts ...args` in the repository, as CI would (CI=1, no TTY). Never rejects. */
export function runCli(args: string[], opts: { timeoutMs?: number; cwd?: string } = {}): Promise<CliResult> {
  const started = Date.now();
  const env = { ...process.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  return new Promise((done) => {
    execFile(TSX, ['runner.ts', ...args], { cwd: opts.cwd ?? REPO, env, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      done({ code, stdout: String(stdout), stderr: String(stderr), ms: Date.now() - started });
    });
  });
}

/** A fresh temporary folder, and its removal. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `esm-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Lines of a text without empty ones. */
export function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
}
