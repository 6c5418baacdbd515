/**
 * import-model: read botocore's lambda/2015-03-31/service-2.json (or .json.gz), stamp it (source,
 * botocore version, sha256 of the JSON text) and convert it to an edition (convert.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { editionFromBotocore, ImportError } from './convert.ts';
import { sha256 } from './store.ts';
import type { Edition } from './types.ts';

const NAME = /^[a-z][a-z0-9-]*$/;

/** botocore's version, read from the botocore package the file sits in (…/botocore/data/lambda/2015-03-31/). */
export function botocoreVersionOf(path: string): string | null {
  const init = join(dirname(path), '..', '..', '..', '__init__.py');
  if (!existsSync(init)) return null;
  return /__version__\s*=\s*['"](\d+\.\d+\.\d+)['"]/.exec(readFileSync(init, 'utf8'))?.[1] ?? null;
}

function readModelText(path: string): string {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    bytes = readFileSync(path);
  } catch (e) {
    throw new ImportError(`cannot read ${path}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!path.endsWith('.gz')) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch (e) {
    throw new ImportError(`${path} is not gzip data: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The date an edition is named after: the one in --name (…-YYYY-MM-DD), else the file's modification date. */
function modelDateOf(name: string | undefined, path: string): string {
  const fromName = name && /(\d{4}-\d{2}-\d{2})$/.exec(name)?.[1];
  return fromName || statSync(path).mtime.toISOString().slice(0, 10);
}

export function importModelFile(path: string, name?: string): Edition {
  if (name !== undefined && !NAME.test(name)) throw new ImportError(`--name must be lower-case letters, digits and '-', starting with a letter, not ${JSON.stringify(name)}`);
  const text = readModelText(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`${path} is not JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  const modelDate = modelDateOf(name, path);
  const file = basename(path).replace(/\.gz$/, '');
  return editionFromBotocore(parsed, name ?? `aws-${modelDate}`, {
    source: `botocore data/lambda/2015-03-31/${file}`, origin: 'botocore', botocoreVersion: botocoreVersionOf(path),
    sha256: sha256(text), modelDate,
  });
}
