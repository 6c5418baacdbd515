/**
 * The editions on disk: spec/editions/index.json lists every edition with its digests; aliases name them
 * (`aws` the newest botocore edition, `seed` the seed page). Every edition is validated by its meta-schema
 * when loaded, so a hand-edited file that breaks the format is refused with one line.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import editionSchema from './edition.schema.json' with { type: 'json' };
import indexSchema from './index.schema.json' with { type: 'json' };
import type { Edition, EditionIndex, EditionIndexEntry } from './types.ts';

export const EDITIONS_DIR = fileURLToPath(new URL('.', import.meta.url));

export class EditionError extends Error {
  override name = 'EditionError';
}

const ajv = new Ajv({ allErrors: true, strict: false });
export const validateEdition = ajv.compile<Edition>(editionSchema);
export const validateIndex = ajv.compile<EditionIndex>(indexSchema);

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new EditionError(`cannot read ${what} ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}

function schemaProblem(errors: typeof validateEdition.errors): string {
  const e = errors?.[0];
  return e ? `${e.instancePath || '/'} ${e.message ?? ''}`.trim() : 'invalid';
}

/** Shape names an edition uses but does not define (the meta-schema cannot see references). */
export function danglingShapes(edition: Edition): string[] {
  const refs = Object.values(edition.operations).flatMap((o) => [o.input, o.output, ...o.errors]);
  for (const s of Object.values(edition.shapes)) {
    if (s.type === 'structure') refs.push(...Object.values(s.members).map((m) => m.shape));
    if (s.type === 'list') refs.push(s.member);
    if (s.type === 'map') refs.push(s.key, s.value);
  }
  return [...new Set(refs.filter((r) => !edition.shapes[r]))];
}

function checked(edition: unknown, what: string): Edition {
  if (!validateEdition(edition)) throw new EditionError(`${what} breaks edition.schema.json: ${schemaProblem(validateEdition.errors)}`);
  const dangling = danglingShapes(edition);
  if (dangling.length) throw new EditionError(`${what} uses undefined shapes: ${dangling.join(', ')}`);
  return edition;
}

export function loadIndex(dir = EDITIONS_DIR): EditionIndex {
  const file = join(dir, 'index.json');
  if (!existsSync(file)) return { aliases: {}, editions: [] } as unknown as EditionIndex;
  const index = readJson(file, 'the edition index');
  if (!validateIndex(index)) throw new EditionError(`${file} breaks index.schema.json: ${schemaProblem(validateIndex.errors)}`);
  return index;
}

/** The edition's own name for a name or an alias (`aws`, `seed`). */
export function resolveEditionName(nameOrAlias: string, index = loadIndex()): string {
  const name = index.aliases[nameOrAlias] ?? nameOrAlias;
  if (!index.editions.some((e) => e.name === name)) {
    const known = [...new Set([...Object.keys(index.aliases), ...index.editions.map((e) => e.name)])];
    throw new EditionError(`unknown edition ${JSON.stringify(nameOrAlias)} (known: ${known.join(', ')})`);
  }
  return name;
}

export function loadEdition(nameOrAlias: string, dir = EDITIONS_DIR): Edition {
  const index = loadIndex(dir);
  const name = resolveEditionName(nameOrAlias, index);
  const entry = index.editions.find((e) => e.name === name)!;
  return checked(readJson(join(dir, entry.file), `edition ${name}`), `edition ${name}`);
}

/** The newest botocore edition by model date (then name): what `aws` names. */
export function newestBotocore(entries: EditionIndexEntry[]): string | undefined {
  return entries.filter((e) => e.origin === 'botocore')
    .sort((a, b) => (a.modelDate ?? '').localeCompare(b.modelDate ?? '') || a.name.localeCompare(b.name)).at(-1)?.name;
}

function write(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new EditionError(`cannot write ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Writes the edition as <name>.json and records it in index.json (replacing an entry of the same name). */
export function saveEdition(edition: Edition, dir = EDITIONS_DIR): EditionIndexEntry {
  checked(edition, `edition ${edition.name}`);
  const text = `${JSON.stringify(edition, null, 2)}\n`;
  const file = `${edition.name}.json`;
  write(join(dir, file), text);
  const entry: EditionIndexEntry = {
    name: edition.name, file, origin: edition.stamp.origin, ...(edition.stamp.modelDate ? { modelDate: edition.stamp.modelDate } : {}),
    botocoreVersion: edition.stamp.botocoreVersion, sourceSha256: edition.stamp.sha256, sha256: sha256(text),
  };
  const old = loadIndex(dir);
  const editions = [...old.editions.filter((e) => e.name !== edition.name), entry].sort((a, b) => a.name.localeCompare(b.name));
  const aliases: Record<string, string> = { ...old.aliases };
  const aws = newestBotocore(editions);
  if (aws) aliases.aws = aws;
  if (edition.stamp.origin === 'seed-page') aliases.seed = edition.name;
  const index = { $schema: './index.schema.json', aliases, editions };
  write(join(dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return entry;
}
