// Build step after tsc: every JSON data file of the runtime folders goes next to the compiled files in dist/,
// also the ones read from disk at run time (spec/editions/*.json), not only those tsc emits for JSON imports.
import { cpSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FOLDERS = ['cli', 'spec', 'properties', 'engine', 'reference', 'reports'];
for (const folder of FOLDERS) {
  if (!existsSync(folder)) continue;
  cpSync(folder, join('dist', folder), { recursive: true, filter: (src) => statSync(src).isDirectory() || src.endsWith('.json') });
}
