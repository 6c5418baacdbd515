/**
 * The console writer: a summary per rule, then every fail and non-strict case with what was sent, what
 * the run's profile expected, what came back, why it failed and how to replay it; then totals.
 * Pure: returns the text. Colours (ANSI) only when `opts.color`.
 */
import type { Verdict } from '../properties/types.ts';
import type { CaseResult, Report } from '../engine/report-types.ts';
import {
  countsText, editionText, exitMeaning, failureText, isProblem, observedText, outcomesText, parityMismatches, parityResultText, parityText,
  provenanceText, requestText, targetText, total,
} from './text.ts';
import { failureGroups, type FailureGroup } from './triage.ts';
import { fixFirstLines, groupBlock, groupLine } from './console-groups.ts';
import { notRun } from '../engine/summary.ts';

export interface ConsoleOptions {
  color?: boolean;
  /** default: groups with one example each; quiet: summary and groups only; verbose: every case. */
  mode?: 'default' | 'quiet' | 'verbose';
  /** Failure groups shown in full by default (undefined: 5; 0: all). */
  maxGroups?: number;
}

const ANSI: Record<Verdict | 'bold' | 'dim', string> = {
  pass: '32', fail: '31', 'non-strict': '33', info: '36', inconclusive: '35', 'expected-fail': '34',
  error: '1;31', bold: '1', dim: '2',
};

type Paint = (style: keyof typeof ANSI, text: string) => string;

function painter(color: boolean): Paint {
  return color ? (style, text) => `\u001b[${ANSI[style]}m${text}\u001b[0m` : (_style, text) => text;
}

/** Control characters from a target's answer must not drive the terminal: show them as \uXXXX. */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function header(report: Report, paint: Paint): string[] {
  const r = report.run;
  return [
    paint('bold', `${report.suite.name} ${report.suite.version}: CreateEventSourceMapping conformance`),
    `${editionText(report)}, profile ${report.profile}, target ${terminalSafe(targetText(report))}`,
    `run ${r.runId}, seed ${r.seed}, runs ${r.runs}, ${r.startedAt} (${Math.round(r.durationMs)} ms)`,
    '',
  ];
}

function ruleLines(report: Report, paint: Paint): string[] {
  const width = Math.max(4, ...report.rules.map((r) => r.rule.length));
  const lines = report.rules.map((r) => {
    const bad = (r.counts.fail ?? 0) > 0 ? 'fail' : (r.counts['non-strict'] ?? 0) > 0 ? 'non-strict' : 'pass';
    const counts = total(r.counts) === 0 ? paint('dim', 'no cases') : paint(bad, countsText(r.counts));
    return `  ${r.level.padEnd(6)} ${r.rule.padEnd(width)}  ${counts}`;
  });
  return [paint('bold', `Rules (${report.rules.length})`), ...lines, ''];
}

function caseLines(report: Report, c: CaseResult, paint: Paint): string[] {
  const expected = c.expected[report.profile];
  const label = paint(c.verdict, c.verdict.toUpperCase());
  const lines = [
    `${label}  ${c.rule} (${c.level})  ${terminalSafe(c.title)}  [${c.caseId}]`,
    `    request:  ${terminalSafe(requestText(c.request))}`,
    `    expected: (${report.profile}) ${outcomesText(expected.outcomes)}`,
    `              ${terminalSafe(provenanceText(expected))}`,
    `    observed: ${terminalSafe(observedText(c.observed))}`,
    ...c.failures.map((f) => `    failure:  ${terminalSafe(failureText(f))}`),
  ];
  for (const p of (c.parity ?? []).filter((x) => !x.ok)) lines.push(`    parity:   ${terminalSafe(parityResultText(p))}`);
  if (c.waiver) lines.push(`    waiver:   ${terminalSafe(`${c.waiver.reason} (${c.waiver.link})`)}`);
  if (c.shrunk) {
    lines.push(`    shrunk:   ${terminalSafe(requestText(c.shrunk.request))}  (${c.shrunk.shrinks} shrinks, still ${c.shrunk.code} under ${c.shrunk.rule}; path ${c.shrunk.path})`);
    if (c.shrunk.reproduce) lines.push(`    replay shrunk: ${paint('dim', terminalSafe(c.shrunk.reproduce))}`);
  }
  lines.push(`    replay:   ${paint('dim', terminalSafe(c.reproduce.suite))}`);
  if (c.reproduce.setup) lines.push(`    first:    ${paint('dim', terminalSafe(c.reproduce.setup))}`);
  lines.push(`    curl:     ${paint('dim', terminalSafe(c.reproduce.curl))}`);
  if (c.reproduce.awsCli) lines.push(`    aws cli:  ${paint('dim', terminalSafe(c.reproduce.awsCli))}`);
  if (c.reproduce.note) lines.push(`    note:     ${terminalSafe(c.reproduce.note)}`);
  lines.push('');
  return lines;
}

/** The parity score, the parity rules that mismatched (with one example each), and the INFO notes. */
/** The parity score, then up to `max` mismatched parity rules with an example each, and the INFO notes. */
function parityLines(report: Report, paint: Paint, max: number): string[] {
  const bad = parityMismatches(report);
  const lines = [paint(bad.length ? 'non-strict' : 'pass', parityText(report))];
  if (max === 0) return [...lines, ''];
  if (bad.length > max) lines.push(paint('dim', `  (the first ${max} of ${bad.length} mismatched parity rules; --verbose lists them all)`));
  for (const r of bad.slice(0, max)) {
    const example = report.cases.flatMap((c) => c.parity ?? []).find((p) => p.rule === r.rule && !p.ok);
    lines.push(`  ${r.rule}: ${r.checked - r.matched} of ${r.checked} mismatched${r.waived ? ` (${r.waived} waived)` : ''}${example ? `; e.g. ${terminalSafe(parityResultText(example))}` : ''}`);
  }
  const notes = new Map<string, number>();
  for (const n of report.cases.flatMap((c) => c.notes ?? [])) notes.set(`${n.rule} ${n.code}`, (notes.get(`${n.rule} ${n.code}`) ?? 0) + 1);
  const shownNotes = [...notes].slice(0, max);
  for (const [what, n] of shownNotes) lines.push(paint('info', `INFO ${what}: ${n} case(s) (AWS's answer is unknown here; either answer passes)`));
  if (notes.size > shownNotes.length) lines.push(paint('dim', `  (${notes.size - shownNotes.length} more INFO notes; --verbose lists them)`));
  return [...lines, ''];
}

/** Why cases were not run (a resource the target lacks), one line per reason with its count: the inconclusive count explained. */
function notRunLines(report: Report, paint: Paint): string[] {
  const reasons = new Map<string, number>();
  for (const c of report.cases) if (notRun(c)) reasons.set(c.observed.problem!, (reasons.get(c.observed.problem!) ?? 0) + 1);
  return [...reasons].sort((a, b) => b[1] - a[1]).map(([why, n]) => paint('dim', `  ${n} inconclusive, ${terminalSafe(why)}`));
}

function totalsLines(report: Report, paint: Paint): string[] {
  const lines = [`${paint('bold', 'Totals')}: ${total(report.counts)} cases: ${countsText(report.counts)}`, ...notRunLines(report, paint)];
  for (const leak of report.leaks) {
    lines.push(paint('fail', `leaked ${leak.kind} ${terminalSafe(leak.id)}: ${terminalSafe(leak.error)}`));
  }
  lines.push(paint(report.exitCode === 0 ? 'pass' : 'fail', exitMeaning(report)));
  return lines;
}

/** What is left out of the default view, and where to find it. */
function hiddenLine(report: Report, shown: number, groups: FailureGroup[], paint: Paint): string[] {
  const others = report.cases.filter((c) => c.verdict === 'inconclusive' || c.verdict === 'error' || c.verdict === 'expected-fail');
  const parts = [others.length ? `${others.length} inconclusive, error or expected-fail case(s) are listed by --verbose and in report.html` : '',
    groups.length > shown ? `--max-failures 0 shows every group in full` : ''].filter(Boolean);
  return parts.length ? [paint('dim', parts.join('; ')), ''] : [];
}

/** Groups past --max-failures shown on one line each by default; the rest are counted (the console stays short). */
const ONE_LINE_GROUPS = 12;

function groupSection(report: Report, groups: FailureGroup[], opts: ConsoleOptions, paint: Paint): string[] {
  if (groups.length === 0) return [paint('pass', 'No fail or non-strict cases.'), ''];
  const cases = groups.reduce((n, g) => n + g.cases.length, 0);
  const head = paint('bold', `Failure groups (${groups.length} group${groups.length === 1 ? '' : 's'}, ${cases} case${cases === 1 ? '' : 's'}; ranked, the first to fix on top)`);
  if (opts.mode === 'quiet') return [head, ...groups.map((g, i) => groupLine(g, i + 1, paint, terminalSafe)), ''];
  if (opts.mode === 'verbose') {
    return [head, '', ...groups.flatMap((g, i) => [groupLine(g, i + 1, paint, terminalSafe), '', ...g.cases.flatMap((c) => caseLines(report, c, paint))])];
  }
  const max = opts.maxGroups === undefined ? 5 : opts.maxGroups === 0 ? groups.length : opts.maxGroups;
  const full = groups.slice(0, max).flatMap((g, i) => groupBlock(report, g, i + 1, paint, terminalSafe));
  const rest = groups.slice(max, max + ONE_LINE_GROUPS).map((g, i) => groupLine(g, max + i + 1, paint, terminalSafe));
  const unlisted = groups.length - max - rest.length;
  const tail = unlisted > 0 ? [paint('dim', `  … and ${unlisted} smaller group(s): --quiet lists every group on one line, report.html has them all`)] : [];
  return [head, '', ...full, ...rest, ...tail, ...(rest.length ? [''] : []), ...hiddenLine(report, max, groups, paint)];
}

/** --verbose: one line per case that is not in a failure group. */
function otherCaseLines(report: Report, paint: Paint): string[] {
  const others = report.cases.filter((c) => !isProblem(c.verdict));
  return [paint('bold', `Other cases (${others.length})`), ...others.map((c) => `  ${paint(c.verdict, c.verdict.toUpperCase().padEnd(13))} ${c.rule}  ${terminalSafe(c.title)}  [${c.caseId}]`), ''];
}

/** How many rules this run's cases exercised (a report also lists the seed page's rules no case of a filtered run reached). */
function rulesLine(report: Report): string[] {
  const bad = report.rules.filter((r) => (r.counts.fail ?? 0) + (r.counts['non-strict'] ?? 0) > 0);
  const exercised = report.rules.filter((r) => Object.values(r.counts).some((n) => (n ?? 0) > 0)).length;
  return [`${exercised} rules exercised by this run's cases, ${bad.length ? `${bad.length} with fail or non-strict cases` : 'none with fail or non-strict cases'} (--verbose lists every rule)`, ''];
}

/**
 * Renders the console report. Default: header, the ranked failure groups (the first --max-failures in full
 * with one example each, the rest one line each), "fix these first", totals; a passing run is a dozen lines.
 * quiet: summary and one line per group. verbose: every rule, every failing case in full, every other case.
 */
export function renderConsole(report: Report, opts: ConsoleOptions = {}): string {
  const paint = painter(opts.color === true);
  const groups = failureGroups(report);
  const parity = parityLines(report, paint, opts.mode === 'verbose' ? Infinity : opts.mode === 'quiet' ? 0 : 3);
  const body = opts.mode === 'verbose'
    ? [...ruleLines(report, paint), ...groupSection(report, groups, opts, paint), ...otherCaseLines(report, paint), ...fixFirstLines(groups, paint)]
    : opts.mode === 'quiet'
      ? groupSection(report, groups, opts, paint)
      : [...rulesLine(report), ...groupSection(report, groups, opts, paint), ...fixFirstLines(groups, paint)];
  return [...header(report, paint), ...body, ...parity, ...totalsLines(report, paint)].join('\n') + '\n';
}
