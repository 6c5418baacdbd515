/**
 * Which options a command takes, and how many arguments: an option given to a command that would ignore
 * it, or an extra argument, is refused (exit 2) before anything is sent. Only options given on the
 * command line count (defaults are filled in for every command).
 */
import { OPTIONS } from './options.ts';
import { UsageError } from './parse.ts';

const ANYWHERE = ['help', 'version', 'list', 'no-color', 'config', 'json'];

/** Options of every command but run; run takes every option except those named only here. */
const TAKES: Record<string, string[]> = {
  serve: ['port', 'region', 'deviation', 'latency', 'latency-scale'],
  cleanup: ['endpoint', 'region', 'ledger', 'forget', 'timeout', 'max-attempts', 'aws-profile'],
  diff: ['fail-on', 'mask-account'],
  compare: ['out'],
  verify: ['recording'],
  'import-model': ['name', 'editions-dir'],
  editions: ['format', 'editions-dir'],
  merge: ['out', 'format', 'no-color'],
};
const NOT_RUN = new Set(['port', 'forget', 'name', 'editions-dir', 'recording']);

/** Why an option does not apply, where the generic refusal would not say enough. */
const WHY: Record<string, string> = {
  'serve edition': 'the embedded reference answers as today\'s AWS, which takes the requests of every edition (ARCHITECTURE.md: "The reference serves today\'s operation"); --edition chooses what a run checks',
};

/** Positional arguments after the command: [least, most]. */
const ARITY: Record<string, [number, number]> = {
  run: [0, 0], serve: [0, 0], cleanup: [0, 0], diff: [2, 2], compare: [2, Infinity], verify: [2, 2], 'import-model': [1, 1], editions: [1, 3], merge: [1, Infinity],
};

/** The options named on the command line (`--name`, `--name=value`, `-h`). */
export function givenOptions(argv: string[]): string[] {
  const names = new Set<string>();
  for (const a of argv) {
    if (a === '--') break;
    const long = /^--([^=]+)/.exec(a)?.[1];
    if (long) names.add(long);
    const short = OPTIONS.find((o) => o.short && a === `-${o.short}`);
    if (short) names.add(short.name);
  }
  return [...names];
}

export function checkApplicable(command: string, positionals: string[], argv: string[]): void {
  const given = givenOptions(argv).filter((n) => !ANYWHERE.includes(n));
  const takes = (n: string) => (command === 'run' ? !NOT_RUN.has(n) : (TAKES[command] ?? []).includes(n));
  const stray = given.filter((n) => !takes(n));
  if (stray.length) {
    const why = WHY[`${command} ${stray[0]}`];
    throw new UsageError(`--${stray[0]} does not apply to the ${command} command${why ? `: ${why}` : ' (see --help)'}`);
  }
  const [least, most] = ARITY[command] ?? [0, 0];
  if (positionals.length > most) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[most])} for the ${command} command (see --help)`);
  if (positionals.length < least) return; // each command says what it needs itself
}
