/** Writes spec/editions/seed.json from spec/model.json: `npx tsx spec/editions/write-seed.ts` after editing model.json. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Model } from '../types.ts';
import { seedEdition } from './from-model.ts';
import { saveEdition, sha256 } from './store.ts';

export const MODEL_FILE = fileURLToPath(new URL('../model.json', import.meta.url));

export function currentSeedEdition() {
  const text = readFileSync(MODEL_FILE, 'utf8');
  return seedEdition(JSON.parse(text) as Model, sha256(text));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const entry = saveEdition(currentSeedEdition());
  process.stdout.write(`wrote ${entry.file} (sha256 ${entry.sha256})\n`);
}
