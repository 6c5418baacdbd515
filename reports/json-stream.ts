/**
 * report.json written piece by piece: each case is serialised and written on its own, so that writing a
 * run of 100k cases never builds the whole file as one string. The text is exactly JSON.stringify(report,
 * null, 2) + "\n" when the members come in the report's own order (test/json-stream.test.ts).
 */
import { FileSink } from './stream.ts';

// JSON text has no raw line break inside a string (JSON.stringify escapes them), so every "\n" starts a line.
const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);
const member = (key: string, value: unknown): string => `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}`;

/**
 * A case as it stands in the `cases` array (indented by 4 spaces after its first line): the case
 * serialised two arrays deep, which JSON.stringify indents so, without the arrays' own lines
 * (`[\n  [\n    ` before it, `\n  ]\n]` after it). Saves a pass over each case's text.
 */
function caseText(c: unknown): string {
  const nested = JSON.stringify([[c]], null, 2);
  return nested.slice(10, nested.length - 6);
}

/** An open report.json: members before the cases, the cases one by one, then the members after them. */
export class JsonReportWriter {
  private readonly out: FileSink;
  private count = 0;

  constructor(path: string, before: Record<string, unknown>, casesKey = 'cases') {
    this.out = new FileSink(path);
    const head = Object.entries(before).filter(([, v]) => v !== undefined).map(([k, v]) => member(k, v));
    this.out.write(`{\n${head.map((m) => `${m},\n`).join('')}  ${JSON.stringify(casesKey)}: [`);
  }

  add(c: unknown): void {
    // Two writes, not one joined string: the case's text is encoded as it is, never copied into a longer one.
    this.out.write(this.count ? ',\n    ' : '\n    ');
    this.out.write(caseText(c));
    this.count += 1;
  }

  /** Writes the members after the cases and closes the file. */
  finish(after: Record<string, unknown>): void {
    const tail = Object.entries(after).filter(([, v]) => v !== undefined).map(([k, v]) => member(k, v));
    this.out.write(`${this.count ? '\n  ' : ''}]${tail.map((m) => `,\n${m}`).join('')}\n}\n`);
    this.out.close();
  }

  /** Gives up: closes the file, whatever it holds (never throws). */
  abort(): void {
    this.out.abandon();
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
