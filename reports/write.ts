/** Writes the chosen report formats into one directory; the console format is returned, not written. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../engine/report-types.ts';
import { renderConsole, type ConsoleOptions } from './console.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { writeJsonReport } from './json-stream.ts';

export type ReportFormat = 'json' | 'junit' | 'html' | 'markdown' | 'console';
export type FileFormat = Exclude<ReportFormat, 'console'>;

export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'junit', 'html', 'markdown', 'console'];

/** The file each format is written to, inside the output directory. */
export const REPORT_FILES: Record<FileFormat, string> = {
  json: 'report.json',
  junit: 'junit.xml',
  html: 'report.html',
  markdown: 'summary.md',
};

export interface WrittenReports {
  /** Absolute or outDir-relative paths of the files written, by format. */
  paths: Partial<Record<FileFormat, string>>;
  /** The console rendering, when 'console' was asked for. */
  console?: string;
}

function render(report: Report, format: FileFormat): string {
  switch (format) {
    case 'json': return `${JSON.stringify(report, null, 2)}\n`;
    case 'junit': return renderJunit(report);
    case 'html': return renderHtml(report);
    case 'markdown': return renderMarkdown(report);
  }
}

/** Creates `outDir` (recursively) and writes each requested file format; returns what was written. */
export function writeReports(report: Report, outDir: string, formats: ReportFormat[], opts: ConsoleOptions = {}): WrittenReports {
  const result: WrittenReports = { paths: {} };
  const files = [...new Set(formats)].filter((f): f is FileFormat => f !== 'console');
  if (files.length > 0) mkdirSync(outDir, { recursive: true });
  for (const format of files) {
    const path = join(outDir, REPORT_FILES[format]);
    if (format === 'json') writeJsonReport(path, report as unknown as Parameters<typeof writeJsonReport>[1]);
    else writeFileSync(path, render(report, format), 'utf8');
    result.paths[format] = path;
  }
  if (formats.includes('console')) result.console = renderConsole(report, opts);
  return result;
}
