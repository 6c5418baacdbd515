/**
 * How the user started the suite, so that every command it prints (replay, cleanup, usage) can be pasted
 * back as it is: `npx esm-conformance`, `esm-conformance`, `npm start --` or `npx tsx runner.ts`.
 */
import { basename } from 'node:path';

export const DEFAULT_INVOCATION = 'npx tsx runner.ts';

/** From the environment npm sets (npm_lifecycle_event, npm_command) and the script path (argv[1]). */
export function invocationOf(env: NodeJS.ProcessEnv, script: string | undefined): string {
  const name = basename(script ?? '');
  if (name === 'runner.ts') return env.npm_lifecycle_event === 'start' ? 'npm start --' : DEFAULT_INVOCATION;
  if (name === 'esm-conformance') return env.npm_command === 'exec' ? 'npx esm-conformance' : 'esm-conformance';
  if (name === 'runner.js') return `node ${script}`; // the compiled file, started by hand
  return DEFAULT_INVOCATION;
}
