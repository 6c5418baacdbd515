/**
 * Output and recording folders are made and tried before anything is sent. Node's recursive mkdirSync
 * loops forever under some pseudo file systems (mkdir -p /proc/x never returns on Node 20), so folders are
 * made one level at a time from the nearest existing ancestor.
 */
import { mkdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './parse.ts';

function isDir(path: string): boolean | undefined {
  try {
    return statSync(path).isDirectory();
  } catch {
    return undefined;
  }
}

/** Makes `dir` and its missing parents; returns the folders it made (outermost first). */
export function makeDirs(dir: string): string[] {
  const missing: string[] = [];
  let at = resolve(dir);
  while (isDir(at) === undefined && dirname(at) !== at) {
    missing.unshift(at);
    at = dirname(at);
  }
  if (isDir(at) === false) throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' });
  for (const m of missing) mkdirSync(m);
  return missing;
}

/**
 * Makes the folder (if need be) and writes and removes a probe file in it; a usage error (exit 2) if it
 * cannot. Returns how to undo it: the folders it made are removed again, those still empty.
 */
export function tryFolder(flag: string, dir: string): () => void {
  let made: string[] = [];
  try {
    made = makeDirs(dir);
    const probe = join(dir, `.esm-write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    for (const m of made.reverse()) rmSync(m, { recursive: true, force: true });
    throw new UsageError(`${flag} ${dir}: cannot write there (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // Undone innermost first, and only while empty: a folder made here may since hold what another part of
  // the run wrote there (a ledger under the same new parent as the reports), which must stay.
  return () => {
    for (const m of [...made].reverse()) {
      try {
        rmdirSync(m);
      } catch {
        return;
      }
    }
  };
}
