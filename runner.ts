/**
 * The command line of the CreateEventSourceMapping conformance suite. Thin: options -> config ->
 * engine -> reports -> exit code. Exit codes: 0 conformant, 1 any fail, 2 usage or configuration error,
 * 3 target unreachable or setup failed. Errors are one line, never a stack trace.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { pathToFileURL } from 'node:url';
import { SetupError } from './engine/config.ts';
import { SUITE } from './engine/report-build.ts';
import { editionRulesFor } from './engine/run.ts';
import { ConfigError } from './engine/transport/index.ts';
import { ReportError } from './reports/index.ts';
import { renderRuleList } from './reports/rule-list.ts';
import { cleanupCommand, compareCommand, diffCommand, serveCommand, verifyCommand } from './cli/commands.ts';
import { editionsCommand, importModelCommand } from './cli/editions.ts';
import { helpText } from './cli/options.ts';
import { parseCommandLine, UsageError } from './cli/parse.ts';
import { checkApplicable } from './cli/applies.ts';
import { runCommand, type Io } from './cli/run-command.ts';
import { mergeCommand } from './cli/merge-command.ts';

function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError || e instanceof ConfigError) return 2;
  if (e instanceof ReportError) return 2;
  return 3;
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const { command, positionals, values } = parseCommandLine(argv);
    checkApplicable(command, positionals, argv);
    if (values.help) { io.out(helpText()); return 0; }
    if (values.version) { io.out(`${SUITE.name} ${SUITE.version}`); return 0; }
    if (values.list) {
      const { rules, edition } = editionRulesFor(String(values.edition ?? 'aws'));
      io.out(renderRuleList(rules, edition.name));
      return 0;
    }
    switch (command) {
      case 'serve': return await serveCommand(values, io);
      case 'cleanup': return await cleanupCommand(values, argv, io);
      case 'diff': return diffCommand(values, positionals, io);
      case 'compare': return compareCommand(values, positionals, io);
      case 'verify': return verifyCommand(positionals, io);
      case 'import-model': return importModelCommand(values, positionals, io);
      case 'editions': return editionsCommand(values, positionals, argv, io);
      case 'merge': return mergeCommand(values, positionals, argv, io);
      default:
        if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (see --help)`);
        return await runCommand(values, argv, io);
    }
  } catch (e) {
    const kind = e instanceof SetupError ? 'setup failed' : e instanceof UsageError || e instanceof ConfigError || e instanceof ReportError ? 'usage' : 'error';
    io.err(`esm-conformance: ${kind}: ${(e as Error).message.split('\n')[0]}`);
    return exitCodeOf(e);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // A reader that stops early (`| head`) closes the pipe: that ends the output, it is no error.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); });
  const io: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(s.startsWith('\r') ? s : `${s}\n`), isTty: process.stderr.isTTY === true };
  main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
}
