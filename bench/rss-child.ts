/** Child process of the benchmark: the streamed pipeline for about N cases; prints its peak RSS as JSON. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runsFor, streamedPipeline } from './in-process.ts';

const target = Number(process.argv[2] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'esm-bench-rss-'));
try {
  const r = streamedPipeline(runsFor(target), join(dir, 'report.json'), target);
  process.stdout.write(`${JSON.stringify({ ...r, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
