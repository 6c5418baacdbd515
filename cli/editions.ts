/** The edition commands: import-model PATH [--name NAME], editions list, editions diff A B [--format text|markdown|json]. */
import { ImportError } from '../spec/editions/convert.ts';
import { diffEditions } from '../spec/editions/diff.ts';
import { importModelFile } from '../spec/editions/import-file.ts';
import { EditionError, loadEdition, loadIndex, saveEdition } from '../spec/editions/store.ts';
import { renderEditionDiff, renderEditionList, type EditionDiffFormat } from '../reports/edition-diff.ts';
import { stringOption, UsageError, type Values } from './parse.ts';
import type { Io } from './run-command.ts';

/** Bad input to an edition command is a usage error: one line, exit 2. */
function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ImportError || e instanceof EditionError) throw new UsageError(e.message);
    throw e;
  }
}

export function importModelCommand(values: Values, positionals: string[], io: Io): number {
  if (positionals.length !== 1) throw new UsageError(`${io.invokedAs ?? 'npx tsx runner.ts'} import-model PATH/service-2.json[.gz] [--name NAME]`);
  const dir = stringOption(values, 'editions-dir');
  const dirArgs: [] | [string] = dir ? [dir] : [];
  const entry = usage(() => {
    const edition = importModelFile(positionals[0]!, stringOption(values, 'name'));
    // The same model under a second name would only move `aws`: re-import it under its own name instead.
    const twin = loadIndex(...dirArgs).editions.find((e) => e.sourceSha256 === edition.stamp.sha256 && e.name !== edition.name);
    if (twin) throw new UsageError(`${positionals[0]} is already imported as edition ${twin.name} (same sha256); use --name ${twin.name} to import it again`);
    return saveEdition(edition, ...dirArgs);
  });
  io.out(`imported edition ${entry.name} (botocore ${entry.botocoreVersion ?? 'version unknown'}, source sha256 ${entry.sourceSha256}) into ${entry.file}`);
  return 0;
}

const DIFF_FORMATS: EditionDiffFormat[] = ['text', 'markdown', 'json'];

/** --format is shared with the run's writers; for `editions diff` its run default means text. */
function diffFormat(values: Values, argv: string[]): EditionDiffFormat {
  const given = argv.some((a) => a === '--format' || a.startsWith('--format='));
  const f = given ? stringOption(values, 'format') : 'text';
  if (!DIFF_FORMATS.includes(f as EditionDiffFormat)) throw new UsageError(`editions diff --format must be one of ${DIFF_FORMATS.join(', ')}, not ${JSON.stringify(f)}`);
  return f as EditionDiffFormat;
}

export function editionsCommand(values: Values, positionals: string[], argv: string[], io: Io): number {
  const [sub, ...rest] = positionals;
  const dir = stringOption(values, 'editions-dir');
  const dirArgs: [] | [string] = dir ? [dir] : [];
  if (sub === 'list' && rest.length === 0) {
    io.out(usage(() => renderEditionList(loadIndex(...dirArgs))));
    return 0;
  }
  if (sub === 'diff' && rest.length === 2) {
    const format = diffFormat(values, argv);
    const diff = usage(() => diffEditions(loadEdition(rest[0]!, ...dirArgs), loadEdition(rest[1]!, ...dirArgs)));
    io.out(renderEditionDiff(diff, format));
    return 0;
  }
  throw new UsageError(`${io.invokedAs ?? 'npx tsx runner.ts'} editions list | editions diff A B [--format text|markdown|json]`);
}
