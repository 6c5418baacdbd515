/**
 * What the streamed writers share: a report file written case by case, never held as one string. Cases are
 * added in report order; the parts that need totals (counts, per-rule groupings, summaries) are written at
 * `finish`, from the report's summary and from small tallies kept while the cases went by. A format that
 * lists cases rule by rule keeps each case until its rule's turn in a `CaseSpool`: as references when the
 * caller holds the cases anyway, or as text in a temporary file beside the output when it does not.
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseResult, Report } from '../engine/report-types.ts';
import type { Level } from '../spec/index.ts';
import { tally, type Counts } from './text.ts';

/** A report without its cases: what a streamed writer is given after the last case. */
export type ReportSummary = Omit<Report, 'cases'>;

/** One report file, written case by case. */
export interface CaseWriter {
  add(c: CaseResult): void;
  /** Writes what comes after (and what needs totals before) the cases, and closes the file. */
  finish(summary: ReportSummary): void;
  /** Gives up: closes the file and removes what it spooled (never throws). */
  abort(): void;
}

/** Runs `f`, ignoring what it throws (cleanup after an error that is already on its way). */
export function quietly(f: () => void): void {
  try {
    f();
  } catch {
    // the first error is the one reported
  }
}

/** Runs each step even when one throws; the first error is rethrown after all ran. */
export function allOf(steps: Array<() => void>): void {
  let first: { error: unknown } | undefined;
  for (const step of steps) {
    try {
      step();
    } catch (error) {
      first ??= { error };
    }
  }
  if (first) throw first.error;
}

/** writeSync until every byte is written (a write may take fewer bytes than given). */
export function writeAll(fd: number, data: string | Uint8Array): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
  return bytes.length;
}

/** Where text goes: a file (buffered) or a string. A byte chunk is valid only during the call. */
export interface TextSink {
  write(chunk: string | Uint8Array): void;
  close(): void;
}

const CHUNK = 1 << 16;

/**
 * A file written in 64 KiB pieces: each string is encoded (UTF-8) straight into the piece as it comes, so
 * no 64 KiB string is built from thousands of small ones and flattened again before it is written.
 */
export class FileSink implements TextSink {
  private readonly fd: number;
  private readonly piece = Buffer.allocUnsafe(CHUNK);
  private used = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(chunk: string | Uint8Array): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair: 4 for 2 units).
    if (typeof chunk === 'string' && chunk.length * 3 <= CHUNK - this.used) {
      this.used += this.piece.write(chunk, this.used);
      return;
    }
    this.flush();
    if (typeof chunk === 'string' && chunk.length * 3 <= CHUNK) this.used = this.piece.write(chunk, 0);
    else writeAll(this.fd, chunk);
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes the file without writing what is not written yet (never throws). */
  abandon(): void {
    this.used = 0;
    quietly(() => closeSync(this.fd));
  }

  private flush(): void {
    if (this.used > 0) writeAll(this.fd, this.piece.subarray(0, this.used));
    this.used = 0;
  }
}

/** Collects the text: for the string renderers (renderJunit, renderHtml, renderMarkdown). */
export class StringSink implements TextSink {
  private readonly parts: string[] = [];
  private readonly decoder = new TextDecoder();

  write(chunk: string | Uint8Array): void {
    this.parts.push(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
  }

  close(): void {
    this.parts.push(this.decoder.decode());
  }

  text(): string {
    return this.parts.join('');
  }
}

/** Cases kept by key (their rule) until `drain` writes a key's cases, rendered, in the order they came. */
export interface CaseSpool<T = CaseResult> {
  put(key: string, item: T): void;
  /** Writes the key's cases; may be called again for the same key. */
  drain(key: string, out: TextSink): void;
  /** Releases what the spool holds (its temporary file). */
  close(): void;
}

/** References to the cases, rendered when drained: for a caller that holds every case anyway. */
export class HeldCases<T> implements CaseSpool<T> {
  private readonly byKey = new Map<string, T[]>();

  constructor(private readonly render: (item: T) => string) {}

  put(key: string, item: T): void {
    const list = this.byKey.get(key);
    if (list) list.push(item);
    else this.byKey.set(key, [item]);
  }

  drain(key: string, out: TextSink): void {
    for (const c of this.byKey.get(key) ?? []) out.write(this.render(c));
  }

  close(): void {
    this.byKey.clear();
  }
}

const SEGMENT = 1 << 14;

/**
 * Cases rendered as they come, each key's text buffered (~16 KiB) and appended to one temporary file in
 * segments; what it keeps in memory is a few numbers per segment and each key's unwritten tail.
 */
export class SpooledCases<T> implements CaseSpool<T> {
  private readonly fd: number;
  private end = 0;
  private readonly tails = new Map<string, string>();
  private readonly segments = new Map<string, number[]>();
  private buffer = Buffer.alloc(0);

  constructor(private readonly path: string, private readonly render: (item: T) => string) {
    this.fd = openSync(path, 'w+');
  }

  put(key: string, item: T): void {
    const text = (this.tails.get(key) ?? '') + this.render(item);
    if (text.length < SEGMENT) {
      this.tails.set(key, text);
      return;
    }
    const bytes = writeAll(this.fd, text);
    const list = this.segments.get(key);
    if (list) list.push(this.end, bytes);
    else this.segments.set(key, [this.end, bytes]);
    this.end += bytes;
    this.tails.delete(key);
  }

  drain(key: string, out: TextSink): void {
    const list = this.segments.get(key) ?? [];
    for (let i = 0; i < list.length; i += 2) {
      const [at, length] = [list[i]!, list[i + 1]!];
      if (this.buffer.length < length) this.buffer = Buffer.alloc(Math.max(length, SEGMENT * 4));
      for (let read = 0; read < length;) {
        const n = readSync(this.fd, this.buffer, read, length - read, at + read);
        if (n === 0) throw new Error(`${this.path}: ended ${length - read} bytes early`);
        read += n;
      }
      out.write(this.buffer.subarray(0, length));
    }
    const tail = this.tails.get(key);
    if (tail !== undefined) out.write(tail);
  }

  close(): void {
    this.tails.clear();
    this.segments.clear();
    try {
      closeSync(this.fd);
    } finally {
      unlinkSync(this.path);
    }
  }
}

/** How a writer keeps cases for a later per-rule listing: 'held' (references) or 'spooled' (a temporary file). */
export type Holding = 'held' | 'spooled';

let spools = 0;

/**
 * A spool of the given kind for a writer writing to `out`: a spooled one writes to `${out}.cases.tmp` beside
 * the output file (or into the temporary directory for a sink) and removes it when closed.
 */
export function caseSpool<T>(holding: Holding, out: string | TextSink, render: (item: T) => string): CaseSpool<T> {
  if (holding === 'held') return new HeldCases(render);
  const base = typeof out === 'string' ? out : join(tmpdir(), `esm-report-${process.pid}-${(spools += 1)}`);
  return new SpooledCases(`${base}.cases.tmp`, render);
}

/** A file path becomes a buffered file; a sink is used as it is. */
export function sinkFor(out: string | TextSink): TextSink {
  return typeof out === 'string' ? new FileSink(out) : out;
}

/** What the cases of one rule add up to (the rule they name as their own). */
export interface RuleTally {
  /** The level of the first case: for a rule the report's summary does not list. */
  level: Level;
  counts: Counts;
  cases: number;
  /** Sum of the cases' durationMs, in case order. */
  ms: number;
}

/** Per-rule tallies of the cases, in the order each rule first appears. */
export class CaseRules {
  readonly byRule = new Map<string, RuleTally>();

  add(c: CaseResult): void {
    const t = this.byRule.get(c.rule);
    if (!t) {
      this.byRule.set(c.rule, { level: c.level, counts: tally([c.verdict]), cases: 1, ms: c.durationMs });
      return;
    }
    t.counts[c.verdict] = (t.counts[c.verdict] ?? 0) + 1;
    t.cases += 1;
    t.ms += c.durationMs;
  }

  /** The rules the cases name that `listed` does not, in first-appearance order. */
  unlisted(listed: Iterable<{ rule: string }>): Array<[string, RuleTally]> {
    const known = new Set([...listed].map((r) => r.rule));
    return [...this.byRule].filter(([id]) => !known.has(id));
  }
}

/** Counts added up (verdict order does not matter: every writer renders counts in VERDICT_ORDER). */
export function addCounts(into: Counts, more: Counts): Counts {
  for (const [v, n] of Object.entries(more) as Array<[keyof Counts, number]>) into[v] = (into[v] ?? 0) + n;
  return into;
}

/** Writes a whole in-memory report through a streamed writer: every case, then the summary. */
export function writeThrough(w: CaseWriter, report: Report): void {
  const { cases, ...summary } = report;
  for (const c of cases) w.add(c);
  w.finish(summary);
}
