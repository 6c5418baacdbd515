/** Child process of the benchmark: the streamed pipeline for about N cases; prints its peak RSS and the bytes written as JSON. */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runsFor, streamedPipeline } from './in-process.ts';

const target = Number(process.argv[2] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'esm-bench-rss-'));
try {
  const r = streamedPipeline(runsFor(target), dir, target);
  const filesMB = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0) / 2 ** 20;
  process.stdout.write(`${JSON.stringify({ ...r, maxRssMB: process.resourceUsage().maxRSS / 1024, filesMB })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
