import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger, list, type LedgerEntry } from '../engine/provision/ledger.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'esm-ledger-unit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (runId: string, id: string, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  runId,
  kind: 'kinesis-stream',
  id,
  endpoint: 'http://127.0.0.1:5000',
  region: 'us-east-1',
  createdAt: '2025-01-01T00:00:00.000Z',
  ...extra,
});

describe('resource ledger', () => {
  it('keeps one file per run, lists all runs, and replaces the entry of the same resource', async () => {
    const ledger = new Ledger(dir);
    await ledger.record(entry('run-a', 's1', { state: 'pending' }));
    await ledger.record(entry('run-a', 's1', { state: 'created', arn: 'arn:s1' }));
    await ledger.record(entry('run-a', 'p1', { kind: 'role-policy-attachment', parent: 'role-a' }));
    await ledger.record(entry('run-a', 'p1', { kind: 'role-policy-attachment', parent: 'role-b' }));
    await ledger.record(entry('run-b', 's2'));
    expect((await readdir(dir)).sort()).toEqual(['run-a.json', 'run-b.json']);
    expect(await ledger.forRun('run-a')).toEqual([
      entry('run-a', 's1', { state: 'created', arn: 'arn:s1' }),
      entry('run-a', 'p1', { kind: 'role-policy-attachment', parent: 'role-a' }),
      entry('run-a', 'p1', { kind: 'role-policy-attachment', parent: 'role-b' }),
    ]);
    expect((await list(dir)).map((e) => `${e.runId}/${e.id}`)).toEqual(['run-a/s1', 'run-a/p1', 'run-a/p1', 'run-b/s2']);
    expect(await ledger.runs()).toEqual(['run-a', 'run-b']);
  });

  it('removes entries and deletes the file of a run left empty', async () => {
    const ledger = new Ledger(dir);
    await ledger.record(entry('run-a', 's1'));
    await ledger.record(entry('run-a', 's2'));
    await ledger.remove(entry('run-a', 's1'));
    expect((await ledger.forRun('run-a')).map((e) => e.id)).toEqual(['s2']);
    await ledger.remove(entry('run-a', 's2'));
    await ledger.remove(entry('run-a', 'never-recorded'));
    expect(await readdir(dir)).toEqual([]);
    expect(await ledger.forRun('run-a')).toEqual([]);
  });

  it('loses no update under concurrent writes and leaves no temporary file', async () => {
    const ledger = new Ledger(dir);
    const ids = Array.from({ length: 40 }, (_, i) => `s${i}`);
    await Promise.all(ids.map((id) => ledger.record(entry('run-c', id))));
    await Promise.all(ids.slice(0, 10).map((id) => ledger.remove(entry('run-c', id))));
    expect((await ledger.forRun('run-c')).map((e) => e.id).sort()).toEqual(ids.slice(10).sort());
    expect(await readdir(dir)).toEqual(['run-c.json']);
    expect(JSON.parse(await readFile(join(dir, 'run-c.json'), 'utf8'))).toMatchObject({ version: 1, runId: 'run-c' });
  });

  it('reads a missing directory as empty, refuses unsafe run ids, and names a corrupt file', async () => {
    expect(await list(join(dir, 'absent'))).toEqual([]);
    const ledger = new Ledger(dir);
    await expect(ledger.record(entry('../escape', 'x'))).rejects.toThrow(/unsafe run id/);
    await writeFile(join(dir, 'broken.json'), '{not json');
    await expect(ledger.forRun('broken')).rejects.toThrow(/broken\.json/);
  });

  it('defaults to .esm-ledger under the working directory', () => {
    expect(new Ledger().dir).toBe(join(process.cwd(), '.esm-ledger'));
  });
});
