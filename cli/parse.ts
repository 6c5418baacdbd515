/** Parsing the command line with node:util parseArgs, from the options table. Bad input is a UsageError (exit 2). */
import { parseArgs } from 'node:util';
import { OPTIONS } from './options.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Parsed { command: string; positionals: string[]; values: Values; /** Options given on the command line itself. */ explicit: Set<string> }

const COMMAND_NAMES = new Set(['run', 'serve', 'cleanup', 'diff', 'compare', 'verify', 'import-model', 'editions', 'merge']);

/** The suite's own words for what node:util parseArgs refuses (its text names internals such as `args`). */
function parseArgsMessage(e: Error & { code?: string }): string {
  const first = e.message.split('\n')[0] ?? '';
  const option = /'(-[^'\s]*)'/.exec(first)?.[1] ?? /Unknown option '?(-{1,2}[^'\s]+)/.exec(first)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? first}; see --help`;
  const name = /--?[\w-]+/.exec(first)?.[0] ?? 'an option';
  if (/argument missing/.test(first)) return `option ${name} needs a value; see --help`;
  if (/does not take an argument/.test(first)) return `option ${name} takes no value; see --help`;
  if (/ambiguous/.test(first)) return `option ${name}: a value that starts with '-' must be written ${name}=VALUE; see --help`;
  return `${first}; see --help`;
}

/** `--runs -1`: parseArgs takes `-1` for an option and calls it ambiguous; joined as `--runs=-1`, its value is checked in words. */
function joinNegativeNumbers(argv: string[]): string[] {
  const takesValue = new Set(OPTIONS.filter((o) => o.type === 'string').map((o) => `--${o.name}`));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (takesValue.has(a) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i += 1;
    } else out.push(a);
  }
  return out;
}

/** `fromFile`: the config file's values, used where the command line gives none (before the defaults). */
export function parseCommandLine(argv: string[], fromFile: Values = {}): Parsed {
  const options = Object.fromEntries(OPTIONS.map((o) => [o.name, { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }]));
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeNumbers(argv), options: options as never, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e as Error & { code?: string }));
  }
  const explicit = new Set(Object.keys(parsed.values));
  const values = { ...fromFile, ...(parsed.values as Values) };
  for (const o of OPTIONS) {
    if (values[o.name] === undefined && o.default !== undefined) values[o.name] = o.default;
    const v = values[o.name];
    if (o.choices && typeof v === 'string' && !o.choices.includes(v)) throw new UsageError(`--${o.name} must be one of ${o.choices.join(', ')}, not ${JSON.stringify(v)}`);
  }
  const [first, ...rest] = parsed.positionals;
  if (first !== undefined && !COMMAND_NAMES.has(first)) throw new UsageError(`unknown command ${JSON.stringify(first)} (see --help)`);
  return { command: first ?? 'run', positionals: first === undefined ? [] : rest, values, explicit };
}

export function intOption(values: Values, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = values[name];
  const n = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (Number.isSafeInteger(n) && n < 0 && min >= 0) throw new UsageError(`--${name} must not be negative (got ${n}): it takes an integer from ${min} to ${max}`);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  return n;
}

export function listOption(values: Values, name: string): string[] {
  const raw = values[name];
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return items.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

export function stringOption(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
