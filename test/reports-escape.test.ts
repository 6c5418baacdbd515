/**
 * The one-pass escapers and the byte-buffered file sink give exactly the bytes of the plain forms they
 * replaced (kept here as the reference): the same text for any string, lone surrogates and controls
 * included, and the same file for any sequence of writes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { html, mdCell, xmlAttr, xmlText } from '../reports/escape.ts';
import { markedBlock } from '../reports/html-body.ts';
import { FileSink } from '../reports/stream.ts';
import { excerpt } from '../reports/text.ts';

const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const visible = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The escapers as they were: one replace per character class, in this order. */
const reference = {
  html: (text: string): string => text
    .replace(FORBIDDEN, visible)
    .replace(/[\u007f-\u009f]/g, visible)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;'),
  xmlText: (text: string): string => text.replace(FORBIDDEN, visible).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  xmlAttr: (text: string): string => reference.xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;'),
  mdCell: (text: string): string => text
    .replace(FORBIDDEN, visible)
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n|\r/g, ' '),
};

/** Strings rich in what the escapers change: markup, controls, C1, surrogates (paired and lone), U+FFFE/FFFF. */
const awkward = fc.array(fc.oneof(
  fc.constantFrom('&', '<', '>', '"', "'", '\t', '\n', '\r', '\r\n', '\\', '`', '*', '_', '[', ']', '|', '\u0000', '\u0008', '\u000b', '\u001f', '\u007f', '\u0085', '\u009f', '\u00a0', '·', '…', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00', '\ufffe', '\uffff', '\ufffd'),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ maxLength: 12 }),
), { maxLength: 40 }).map((parts) => parts.join(''));

const fixed = ['', 'plain', '&amp;', '"quoted" \'single\'', '\ud800\ud800\udc00', '\udc00\ud800', 'a\udbffb', '\u0000\u001f\u007f\u009f\u00a0', '\ufffe\uffff', 'x\r\ny\rz\n'];

describe('escapers', () => {
  for (const name of ['html', 'xmlText', 'xmlAttr', 'mdCell'] as const) {
    const actual = { html, xmlText, xmlAttr, mdCell }[name];
    it(`${name} equals the chained replaces`, () => {
      for (const s of fixed) expect(actual(s)).toBe(reference[name](s));
      fc.assert(fc.property(awkward, (s) => actual(s) === reference[name](s)), { numRuns: 3000 });
    });
  }
});

describe('markedBlock', () => {
  /** As it was: line by line, each line escaped, a marked member's line wrapped. */
  const referenceBlock = (text: string, marked: Set<string>, max = 4000): string => excerpt(text, max).split('\n').map((line) => {
    const m = /^ {2}"((?:[^"\\]|\\.)*)":/.exec(line);
    const esc = reference.html(line);
    return m && marked.has(m[1]!) ? `<mark title="differs from the expectation">${esc}</mark>` : esc;
  }).join('\n');

  const names = fc.constantFrom('BatchSize', 'a"b', 'x\\', 'é', '', 'Enabled');
  const line = fc.oneof(
    fc.tuple(fc.constantFrom('  ', ' ', '   ', '\t'), names, fc.constantFrom('":', '": 1,', '" :', '":\r', '\u2028":'), awkward).map(([pad, n, end, rest]) => `${pad}"${n}${end}${rest}`),
    fc.tuple(names, fc.constantFrom('\\', '\\\\', '\\"', '\u2028', '\r')).map(([n, esc]) => `  "${n}${esc}x":`),
    // a line break other than "\n" before a member, and a name across a "\n": not a member line
    fc.tuple(fc.constantFrom('x\r', '\r', '\u2028', 'y\u2029'), names).map(([before, n]) => `${before}  "${n}":`),
    fc.constantFrom('  "Batch\nSize": 1', '  "a\\\nb":'),
    awkward,
  );
  const block = fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n'));

  it('equals escaping line by line and marking the lines of the marked members', () => {
    const pretty = JSON.stringify({ BatchSize: 10, 'a"b': { c: [1, '\u2028  "BatchSize": 2'] }, Enabled: true, 'x\\': '<&>' }, null, 2);
    for (const marked of [new Set<string>(), new Set(['BatchSize']), new Set(['a\\"b', 'Enabled', 'x\\\\'])]) {
      expect(markedBlock(pretty, marked)).toBe(referenceBlock(pretty, marked));
      expect(markedBlock(pretty, marked, 40)).toBe(referenceBlock(pretty, marked, 40));
    }
    fc.assert(fc.property(block, fc.subarray(['BatchSize', 'a\\"b', 'x\\\\', 'é', '', 'Enabled', 'Batch\nSize', 'a\\\nb']), fc.integer({ min: 1, max: 200 }), (text, marked, max) => {
      const set = new Set(marked);
      return markedBlock(text, set) === referenceBlock(text, set) && markedBlock(text, set, max) === referenceBlock(text, set, max);
    }), { numRuns: 3000 });
  });
});

describe('FileSink', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esm-sink-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the UTF-8 of the strings and bytes it is given, in order, across its 64 KiB pieces', () => {
    const big = 'é…\ud83d\ude00x'.repeat(9000);
    const writes: Array<string | Uint8Array> = ['head\n', big, 'a'.repeat(65_535), '·', Buffer.from('raw bytes\n'), 'x'.repeat(21_845), 'y'.repeat(21_846), '', '\ud800 lone', big.slice(0, 30_000), 'tail\n'];
    for (let n = 1; n <= writes.length; n++) {
      const path = join(dir, `f${n}`);
      const sink = new FileSink(path);
      for (const w of writes.slice(0, n)) sink.write(w);
      sink.close();
      const expected = Buffer.concat(writes.slice(0, n).map((w) => (typeof w === 'string' ? Buffer.from(w, 'utf8') : w)));
      expect(readFileSync(path).equals(expected)).toBe(true);
    }
  });

  it('abandon closes the file without writing what it still holds', () => {
    const path = join(dir, 'abandoned');
    const sink = new FileSink(path);
    sink.write('never written');
    sink.abandon();
    expect(readFileSync(path, 'utf8')).toBe('');
  });
});
