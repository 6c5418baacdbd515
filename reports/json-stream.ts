/**
 * report.json written piece by piece: each case is serialised and written on its own, so that writing a
 * run of 100k cases never builds the whole file as one string. The text is exactly JSON.stringify(report,
 * null, 2) + "\n" when the members come in the report's own order (test/json-stream.test.ts).
 */
import { closeSync, openSync } from 'node:fs';
import { writeAll } from './stream.ts';

const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);
const member = (key: string, value: unknown): string => `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}`;

/** An open report.json: members before the cases, the cases one by one, then the members after them. */
export class JsonReportWriter {
  private readonly fd: number;
  private count = 0;
  private buffer = '';

  constructor(path: string, before: Record<string, unknown>, casesKey = 'cases') {
    this.fd = openSync(path, 'w');
    const head = Object.entries(before).filter(([, v]) => v !== undefined).map(([k, v]) => member(k, v));
    this.buffer = `{\n${head.map((m) => `${m},\n`).join('')}  ${JSON.stringify(casesKey)}: [`;
  }

  add(c: unknown): void {
    this.buffer += `${this.count ? ',' : ''}\n    ${indent(JSON.stringify(c, null, 2), '    ')}`;
    this.count += 1;
    if (this.buffer.length > 1 << 16) this.flush();
  }

  /** Writes the members after the cases and closes the file. */
  finish(after: Record<string, unknown>): void {
    const tail = Object.entries(after).filter(([, v]) => v !== undefined).map(([k, v]) => member(k, v));
    this.buffer += `${this.count ? '\n  ' : ''}]${tail.map((m) => `,\n${m}`).join('')}\n}\n`;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  /** Gives up: closes the file, whatever it holds (never throws). */
  abort(): void {
    this.buffer = '';
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }

  private flush(): void {
    writeAll(this.fd, this.buffer);
    this.buffer = '';
  }
}

/**
 * report.json as one of the streamed writers: the members of `head` before the cases, and at `finish` the
 * summary's members that `head` did not have, in the summary's order.
 */
export class JsonCaseWriter {
  private readonly w: JsonReportWriter;
  private readonly before: Set<string>;

  constructor(path: string, head: Record<string, unknown>) {
    this.w = new JsonReportWriter(path, head);
    this.before = new Set(Object.keys(head));
  }

  add(c: unknown): void {
    this.w.add(c);
  }

  finish(summary: object): void {
    this.w.finish(Object.fromEntries(Object.entries(summary).filter(([k]) => !this.before.has(k))));
  }

  abort(): void {
    this.w.abort();
  }
}

/** Writes a whole report object, member order kept, its `cases` streamed. */
export function writeJsonReport(path: string, report: { cases: unknown[] } & Record<string, unknown>): void {
  const keys = Object.keys(report);
  const at = keys.indexOf('cases');
  const pick = (ks: string[]) => Object.fromEntries(ks.map((k) => [k, report[k]]));
  const w = new JsonReportWriter(path, pick(keys.slice(0, at)));
  for (const c of report.cases) w.add(c);
  w.finish(pick(keys.slice(at + 1)));
}
