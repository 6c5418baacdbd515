/** Writes the chosen report formats into one directory, each file case by case; the console format is returned, not written. */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseResult, Report } from '../engine/report-types.ts';
import { renderConsole, type ConsoleOptions } from './console.ts';
import { HtmlWriter } from './html.ts';
import { JunitWriter } from './junit.ts';
import { MarkdownWriter } from './markdown.ts';
import { JsonCaseWriter } from './json-stream.ts';
import { allOf, quietly, writeThrough, type CaseWriter, type Holding, type ReportSummary } from './stream.ts';

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

/** What a run knows before its first case: report.json's members before the cases (at least the profile). */
export type ReportHead = Pick<Report, 'profile'> & Record<string, unknown>;

/**
 * The streamed writers of the chosen file formats in `outDir` (created if missing), fed together: `add`
 * each case as it is made, then `finish` with the summary. `holding` 'held' when the caller keeps every
 * case anyway.
 */
export class ReportStreams implements CaseWriter {
  readonly paths: Partial<Record<FileFormat, string>> = {};
  private readonly writers: CaseWriter[] = [];

  constructor(outDir: string, formats: FileFormat[], head: ReportHead, holding: Holding = 'spooled') {
    if (formats.length > 0) mkdirSync(outDir, { recursive: true });
    for (const format of new Set(formats)) {
      const path = join(outDir, REPORT_FILES[format]);
      this.paths[format] = path;
      this.guard(() => this.writers.push(openWriter(format, path, head, holding)));
    }
  }

  add(c: CaseResult): void {
    this.guard(() => { for (const w of this.writers) w.add(c); });
  }

  /** Finishes every writer, even after one fails; the file of a writer that failed is removed (no half reports). */
  finish(summary: ReportSummary): void {
    const paths = Object.values(this.paths);
    allOf(this.writers.map((w, i) => () => {
      try {
        w.finish(summary);
      } catch (e) {
        quietly(() => rmSync(paths[i]!, { force: true }));
        throw e;
      }
    }));
  }

  abort(): void {
    for (const w of this.writers) w.abort();
    this.removeFiles();
  }

  /** On an error: every writer aborted (files closed, spools removed), the files removed, the error rethrown. */
  private guard(step: () => void): void {
    try {
      step();
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  private removeFiles(): void {
    for (const path of Object.values(this.paths)) quietly(() => rmSync(path, { force: true }));
  }
}

/** A whole report's members before its cases, in its own order: what a streamed writer starts with. */
export function reportHead(report: Report): ReportHead {
  const keys = Object.keys(report);
  return Object.fromEntries(keys.slice(0, keys.indexOf('cases')).map((k) => [k, report[k as keyof Report]])) as ReportHead;
}

function openWriter(format: FileFormat, path: string, head: ReportHead, holding: Holding): CaseWriter {
  switch (format) {
    case 'json': return new JsonCaseWriter(path, head);
    case 'junit': return new JunitWriter(path, head, {}, holding);
    case 'html': return new HtmlWriter(path, head, {}, holding);
    case 'markdown': return new MarkdownWriter(path, head);
  }
}

/** Creates `outDir` (recursively) and writes each requested file format, case by case; returns what was written. */
export function writeReports(report: Report, outDir: string, formats: ReportFormat[], opts: ConsoleOptions = {}): WrittenReports {
  const result: WrittenReports = { paths: {} };
  const files = [...new Set(formats)].filter((f): f is FileFormat => f !== 'console');
  if (files.length > 0) {
    const head = reportHead(report);
    const streams = new ReportStreams(outDir, files, head, 'held');
    writeThrough(streams, report);
    result.paths = streams.paths;
  }
  if (formats.includes('console')) result.console = renderConsole(report, opts);
  return result;
}
