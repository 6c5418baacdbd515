/**
 * `npx tsx reference/main.ts [--port N] [--host H] [--deviation NAME]`: runs the reference server until
 * SIGINT or SIGTERM. Prints one line with the URL and the seeded resources.
 */
import { parseArgs } from 'node:util';
import { announcement, serve } from './serve.ts';

function options(): { port: number; host?: string; deviation?: string } {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '0' }, host: { type: 'string' }, deviation: { type: 'string' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0) throw new Error(`--port must be a port number, got ${values.port}`);
  return { port, host: values.host, deviation: values.deviation };
}

async function main(): Promise<void> {
  const opts = options();
  const handle = await serve(opts);
  process.stdout.write(`${announcement(handle, opts.deviation)}\n`);
  const stop = (): void => {
    handle.close().then(() => process.exit(0), (err: unknown) => {
      process.stderr.write(`error while closing: ${String(err)}\n`);
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
