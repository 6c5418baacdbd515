import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export type ResourceKind =
  | 'iam-role'
  | 'role-policy-attachment'
  | 'lambda-function'
  | 'lambda-alias'
  | 'lambda-version'
  | 'kinesis-stream'
  | 'dynamodb-table'
  | 'sqs-queue'
  | 'event-source-mapping';

export interface LedgerEntry {
  runId: string;
  kind: ResourceKind;
  /** Name (role, function, stream, table), ARN (alias, version, managed policy) or UUID (mapping). */
  id: string;
  /** Endpoint URL the resource lives behind, or `aws` for the SDK's own AWS endpoints. */
  endpoint: string;
  region: string;
  /** ISO 8601. */
  createdAt: string;
  /** The owning resource: the role of a policy attachment, the function of an alias, version or mapping. */
  parent?: string;
  arn?: string;
  /** `pending`: recorded before the create call; the resource may or may not exist. */
  state?: 'pending' | 'created';
}

interface LedgerFile {
  version: 1;
  runId: string;
  entries: LedgerEntry[];
}

export const DEFAULT_LEDGER_DIR = '.esm-ledger';
const SAFE_RUN_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** Same kind, id and parent: the same resource. */
export function sameResource(a: LedgerEntry, b: LedgerEntry): boolean {
  return a.kind === b.kind && a.id === b.id && (a.parent ?? '') === (b.parent ?? '');
}

/** Writes to one file are chained so that concurrent record/remove calls of one process never lose an update. */
const fileLocks = new Map<string, Promise<unknown>>();

function withFileLock<T>(file: string, task: () => Promise<T>): Promise<T> {
  const previous = fileLocks.get(file) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  fileLocks.set(file, settled);
  void settled.then(() => {
    if (fileLocks.get(file) === settled) fileLocks.delete(file);
  });
  return next;
}

/**
 * Resources created by runs, one JSON file per run id. A file is replaced atomically (temp file, then
 * rename) and removed once its run holds no entry.
 */
export class Ledger {
  readonly dir: string;

  constructor(dir: string = DEFAULT_LEDGER_DIR) {
    this.dir = resolve(dir);
  }

  /** Adds the entry, or replaces the entry for the same resource. */
  record(entry: LedgerEntry): Promise<void> {
    return this.update(entry.runId, (entries) => [...entries.filter((e) => !sameResource(e, entry)), entry]);
  }

  remove(entry: LedgerEntry): Promise<void> {
    return this.update(entry.runId, (entries) => entries.filter((e) => !sameResource(e, entry)));
  }

  async forRun(runId: string): Promise<LedgerEntry[]> {
    return readRunFile(this.fileFor(runId));
  }

  /** Run ids with at least one entry. */
  async runs(): Promise<string[]> {
    const names = await listJsonFiles(this.dir);
    return names.map((name) => name.slice(0, -'.json'.length)).filter((id) => SAFE_RUN_ID.test(id));
  }

  /** Every entry of every run. */
  async list(): Promise<LedgerEntry[]> {
    const perRun = await Promise.all((await this.runs()).map((runId) => this.forRun(runId)));
    return perRun.flat();
  }

  private fileFor(runId: string): string {
    if (!SAFE_RUN_ID.test(runId)) throw new Error(`unsafe run id for a ledger file name: ${JSON.stringify(runId)}`);
    return join(this.dir, `${runId}.json`);
  }

  private async update(runId: string, change: (entries: LedgerEntry[]) => LedgerEntry[]): Promise<void> {
    const file = this.fileFor(runId);
    return withFileLock(file, async () => {
      const entries = change(await readRunFile(file));
      if (entries.length === 0) {
        await rm(file, { force: true });
        return;
      }
      await mkdir(this.dir, { recursive: true });
      const content: LedgerFile = { version: 1, runId, entries };
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, `${JSON.stringify(content, null, 2)}\n`, 'utf8');
      await rename(temp, file);
    });
  }
}

/** Every entry of every run in a ledger directory (default `.esm-ledger/` under the working directory). */
export function list(dir: string = DEFAULT_LEDGER_DIR): Promise<LedgerEntry[]> {
  return new Ledger(dir).list();
}

async function listJsonFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if (isMissingFile(error)) return [];
    throw error;
  }
}

async function readRunFile(file: string): Promise<LedgerEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return [];
    throw error;
  }
  let parsed: Partial<LedgerFile>;
  try {
    parsed = JSON.parse(text) as Partial<LedgerFile>;
  } catch (error) {
    throw new Error(`unreadable resource ledger file ${file}: ${(error as Error).message}`);
  }
  if (parsed?.version !== 1 || !Array.isArray(parsed.entries)) {
    throw new Error(`not a version 1 resource ledger file: ${file}`);
  }
  return parsed.entries;
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
