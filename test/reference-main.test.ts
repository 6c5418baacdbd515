/** `npx tsx reference/main.ts --port N` on its own: one announcement line, answers, a clean stop on SIGTERM/SIGINT. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { create } from '../reference/client.ts';
import { serve } from '../reference/serve.ts';

const TSX = 'node_modules/.bin/tsx';

async function runMain(signal: NodeJS.Signals, extra: string[] = []): Promise<{ line: string; status: number; exit: number | null }> {
  const child = spawn(TSX, ['reference/main.ts', '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const lines = createInterface({ input: child.stdout });
    const [line] = (await once(lines, 'line')) as [string];
    const url = /(http:\/\/\S+)/.exec(line)?.[1] ?? '';
    const resources = JSON.parse(line.slice(line.indexOf('resources=') + 'resources='.length)) as Record<string, string>;
    const a = await create(url, { FunctionName: resources.functionName, EventSourceArn: resources.kinesisStreamArn, StartingPosition: 'LATEST' });
    const exited = once(child, 'exit');
    child.kill(signal);
    const [exit] = (await exited) as [number | null];
    return { line, status: a.status, exit };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe('reference/main.ts', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints the URL and resources, serves, and stops cleanly on %s', async (signal) => {
    const { line, status, exit } = await runMain(signal);
    expect(line).toMatch(/^reference listening on http:\/\/127\.0\.0\.1:\d+ resources=\{/);
    expect(line).toContain('esm-conformance-stream');
    expect(status).toBe(202);
    expect(exit).toBe(0);
  });

  it('takes --deviation', async () => {
    const { line, status } = await runMain('SIGTERM', ['--deviation', 'status-200']);
    expect(line).toContain('deviation=status-200');
    expect(status).toBe(200);
  });
});

describe('reference/serve.ts', () => {
  it('starts on the given port and returns the handle', async () => {
    const probe = await serve({ port: 0 });
    const port = probe.port;
    await probe.close();
    const handle = await serve({ port, host: '127.0.0.1' });
    try {
      expect(handle.port).toBe(port);
      expect(handle.url).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await handle.close();
    }
  });
});
