/**
 * The console writer: a summary per rule, then every fail and non-strict case with what was sent, what
 * the run's profile expected, what came back, why it failed and how to replay it; then totals.
 * Pure: returns the text. Colours (ANSI) only when `opts.color`.
 */
import type { Verdict } from '../properties/types.ts';
import type { CaseResult, Report } from '../engine/report-types.ts';
import {
  countsText, editionText, exitMeaning, failureText, observedText, outcomesText, parityMismatches, parityResultText, parityText,
  problemCases, provenanceText, requestText, targetText, total,
} from './text.ts';

export interface ConsoleOptions {
  color?: boolean;
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
  lines.push(`    curl:     ${paint('dim', terminalSafe(c.reproduce.curl))}`, '');
  return lines;
}

/** The parity score, the parity rules that mismatched (with one example each), and the INFO notes. */
function parityLines(report: Report, paint: Paint): string[] {
  const bad = parityMismatches(report);
  const lines = [paint(bad.length ? 'non-strict' : 'pass', parityText(report))];
  for (const r of bad) {
    const example = report.cases.flatMap((c) => c.parity ?? []).find((p) => p.rule === r.rule && !p.ok);
    lines.push(`  ${r.rule}: ${r.checked - r.matched} of ${r.checked} mismatched${r.waived ? ` (${r.waived} waived)` : ''}${example ? `; e.g. ${terminalSafe(parityResultText(example))}` : ''}`);
  }
  const notes = new Map<string, number>();
  for (const n of report.cases.flatMap((c) => c.notes ?? [])) notes.set(`${n.rule} ${n.code}`, (notes.get(`${n.rule} ${n.code}`) ?? 0) + 1);
  for (const [what, n] of notes) lines.push(paint('info', `INFO ${what}: ${n} case(s) (AWS's answer is unknown here; either answer passes)`));
  return [...lines, ''];
}

function totalsLines(report: Report, paint: Paint): string[] {
  const lines = [`${paint('bold', 'Totals')}: ${total(report.counts)} cases: ${countsText(report.counts)}`];
  for (const leak of report.leaks) {
    lines.push(paint('fail', `leaked ${leak.kind} ${terminalSafe(leak.id)}: ${terminalSafe(leak.error)}`));
  }
  lines.push(paint(report.exitCode === 0 ? 'pass' : 'fail', exitMeaning(report)));
  return lines;
}

/** Renders the whole console report. */
export function renderConsole(report: Report, opts: ConsoleOptions = {}): string {
  const paint = painter(opts.color === true);
  const problems = problemCases(report);
  const problemLines = problems.length === 0
    ? [paint('pass', 'No fail or non-strict cases.'), '']
    : [paint('bold', `Fail and non-strict cases (${problems.length})`), '', ...problems.flatMap((c) => caseLines(report, c, paint))];
  return [...header(report, paint), ...ruleLines(report, paint), ...problemLines, ...parityLines(report, paint), ...totalsLines(report, paint)].join('\n') + '\n';
}
