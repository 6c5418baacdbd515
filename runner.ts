#!/usr/bin/env node
/**
 * The command line of the CreateEventSourceMapping conformance suite. Thin: options -> config ->
 * engine -> reports -> exit code. Exit codes: 0 conformant, 1 any fail, 2 usage or configuration error,
 * 3 target unreachable or setup failed. Errors are one line, never a stack trace.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { SetupError } from './engine/config.ts';
import { SUITE } from './engine/report-build.ts';
import { editionRulesFor } from './engine/run.ts';
import { ConfigError } from './engine/transport/index.ts';
import { ReportError } from './reports/index.ts';
import { renderRuleList, ruleListJson } from './reports/rule-list.ts';
import { cleanupCommand, compareCommand, diffCommand, serveCommand } from './cli/commands.ts';
import { verifyCommand } from './cli/verify-command.ts';
import { editionsCommand, importModelCommand } from './cli/editions.ts';
import { helpText } from './cli/options.ts';
import { UsageError } from './cli/parse.ts';
import { prepare } from './cli/prepare.ts';
import { DEFAULT_INVOCATION, invocationOf } from './cli/invocation.ts';
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
    const { command, positionals, values, sources } = await prepare(argv, io.err, io.env ?? process.env);
    checkApplicable(command, positionals, argv);
    if (values.help) { io.out(helpText(io.invokedAs ?? DEFAULT_INVOCATION)); return 0; }
    if (values.version) { io.out(`${SUITE.name} ${SUITE.version}`); return 0; }
    if (values.list) {
      const { rules, edition } = editionRulesFor(String(values.edition ?? 'aws'));
      io.out(values.json ? JSON.stringify(ruleListJson(rules, edition.name), null, 2) : renderRuleList(rules, edition.name));
      return 0;
    }
    const cmd: Io = { ...io, ...(sources ? { sources } : {}) };
    switch (command) {
      case 'serve': return await serveCommand(values, cmd);
      case 'cleanup': return await cleanupCommand(values, argv, cmd);
      case 'diff': return diffCommand(values, positionals, cmd);
      case 'compare': return compareCommand(values, positionals, cmd);
      case 'verify': return await verifyCommand(values, positionals, cmd);
      case 'import-model': return importModelCommand(values, positionals, cmd);
      case 'editions': return editionsCommand(values, positionals, argv, cmd);
      case 'merge': return mergeCommand(values, positionals, argv, cmd);
      default:
        if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (see --help)`);
        return await runCommand(values, argv, cmd);
    }
  } catch (e) {
    const kind = e instanceof SetupError ? 'setup failed' : e instanceof UsageError || e instanceof ConfigError || e instanceof ReportError ? 'usage' : 'error';
    io.err(`esm-conformance: ${kind}: ${(e as Error).message.split('\n')[0]}`);
    return exitCodeOf(e);
  }
}

/** True when this file is the program (also through the symlink npm makes in node_modules/.bin). */
function isMain(script: string | undefined): boolean {
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isMain(process.argv[1])) {
  // A reader that stops early (`| head`) closes the pipe: that ends the output, it is no error.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); });
  const io: Io = {
    out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(s.startsWith('\r') ? s : `${s}\n`),
    isTty: process.stderr.isTTY === true, outIsTty: process.stdout.isTTY === true, invokedAs: invocationOf(process.env, process.argv[1]),
  };
  main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
}
