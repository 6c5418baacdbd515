/**
 * Bad input is refused before anything is sent, in one line, with exit 2: negative numbers in words,
 * an empty --format, options a command would ignore, extra arguments, output and recording paths that
 * cannot be written (tried at the start; `--out /proc/x` must not hang), malformed version and alias names.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../cli/run-command.ts';
import { main } from '../runner.ts';
import { tempDir } from './helpers/run-helpers.ts';

const tmp = tempDir('cli-refusals');
afterAll(() => tmp.remove());
const aFile = join(tmp.dir, 'a-file');
writeFileSync(aFile, 'x');
const aReport = join(tmp.dir, 'report.json');
writeFileSync(aReport, JSON.stringify({ schemaVersion: 1, cases: [] }));

async function refused(argv: string[], pattern: RegExp): Promise<void> {
  const err: string[] = [];
  const out: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), isTty: false };
  const started = Date.now();
  const code = await main(argv, io);
  expect(code, err.join('\n')).toBe(2);
  expect(err, 'one line, nothing sent (no "sending" line)').toHaveLength(1);
  expect(err[0]).toMatch(pattern);
  expect(out).toEqual([]);
  expect(Date.now() - started).toBeLessThan(5_000);
}

const ARN = 'arn:aws:kinesis:us-east-1:123456789012:stream/s';
const DDB = 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000';
const remote = ['--endpoint', 'http://127.0.0.1:9', '--function-name', 'fn', '--kinesis-stream-arn', ARN, '--dynamodb-stream-arn', DDB];

describe('refused before anything is sent (exit 2)', () => {
  it.each([
    [['--runs', '-1'], /--runs must not be negative \(got -1\)/],
    [['--timeout', '-5'], /--timeout must not be negative/],
    [['--concurrency', '0'], /--concurrency must be an integer from 1 to 64, not "0"/],
    [['--max-attempts', 'three'], /--max-attempts must be an integer/],
    [['--format', ''], /--format needs at least one writer/],
    [['--format', ','], /--format needs at least one writer/],
    [['--port', '9001'], /--port does not apply to the run command/],
    [['--forget', 'abcd'], /--forget does not apply to the run command/],
    [['serve', '--function-name', 'fn'], /--function-name does not apply to the serve command/],
    [['serve', 'extra'], /unexpected argument "extra" for the serve command/],
    [['serve', '--edition', 'seed'], /--edition does not apply to the serve command: the embedded reference answers as today's AWS/],
    [['diff', 'a.json', 'b.json', '--edition', 'seed'], /--edition does not apply to the diff command \(see --help\)/],
    [['cleanup', '--seed', '3'], /--seed does not apply to the cleanup command/],
    [['diff', 'a.json', 'b.json', 'c.json'], /unexpected argument "c\.json" for the diff command/],
    [['verify', 'a', 'b', 'c'], /unexpected argument "c" for the verify command/],
    [['verify', aReport, aReport], /report\.json is not a certificate \(no grade and digest\): give the certificate first/],
    [['diff', 'a.json', 'b.json', '--out', 'x'], /--out does not apply to the diff command/],
    [['--out', '/proc/esm-conformance-x'], /--out \/proc\/esm-conformance-x: cannot write there/],
    [['--out', join(aFile, 'sub')], /--out .*: cannot write there \(ENOTDIR\)/],
    [['--record', aFile], /--record .*a-file: cannot write there \(ENOTDIR\)/],
    [['--function-name', 'fn'], /--function-name names a resource of a remote target/],
    [[...remote, '--function-version', '$LATEST', '--function-alias', 'live'], /--function-version "\$LATEST" is not a published version number/],
    [[...remote, '--function-version', '1', '--function-alias', '12'], /--function-alias "12" is not an alias name/],
  ] as Array<[string[], RegExp]>)('%j', (argv, pattern) => refused(argv, pattern));

  it('nothing was made for the refused output folders', () => {
    expect(existsSync('/proc/esm-conformance-x')).toBe(false);
  });
});
