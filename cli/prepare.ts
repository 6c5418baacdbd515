/**
 * From argv to the values a command runs with: the command line, over the config file, over the AWS
 * conventions (environment, credential profile), over the table's defaults. Notes (deprecations, which
 * config file was read) go to stderr.
 */
import { applyAwsConventions, type AwsSources } from './aws-env.ts';
import { readConfigFile } from './config-file.ts';
import { expectationSet } from './config.ts';
import { parseCommandLine, stringOption, type Parsed } from './parse.ts';

export interface Prepared extends Parsed { sources: AwsSources | undefined }

const AWS_COMMANDS = new Set(['run', 'serve', 'cleanup']);

/** Parses, merges the config file, applies the AWS conventions for the commands that talk to a target. */
export async function prepare(argv: string[], log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<Prepared> {
  const first = parseCommandLine(argv);
  if (first.values.help || first.values.version) return { ...first, sources: undefined };
  const file = readConfigFile(stringOption(first.values, 'config'));
  const parsed = file ? parseCommandLine(argv, file.values) : first;
  if (file && stringOption(first.values, 'config') === undefined) log(`note: options from ${file.file} (--config names another file)`);
  if (parsed.values.profile !== undefined) {
    expectationSet(parsed.values); // a bad value is refused before the note
    log(`note: --profile is deprecated: use --expect ${String(parsed.values.profile)} (an AWS credential profile is --aws-profile NAME)`);
  }
  const sources = AWS_COMMANDS.has(parsed.command) && !parsed.values.list ? await applyAwsConventions(parsed.values, env, parsed.command === 'cleanup', log) : undefined;
  return { ...parsed, sources };
}
