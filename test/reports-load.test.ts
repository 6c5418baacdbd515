import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import reportSchema from '../engine/report.schema.json' with { type: 'json' };
import { VERDICTS } from '../properties/types.ts';
import { loadReport, ReportError } from '../reports/load.ts';
import { sampleReport } from './helpers/sample-report.ts';

const dir = mkdtempSync(join(tmpdir(), 'reports-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function thrown(fn: () => unknown): ReportError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('expected a ReportError');
}

describe('sample report', () => {
  it('is valid against engine/report.schema.json and holds every verdict', () => {
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(reportSchema);
    const report = sampleReport();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(new Set(report.cases.map((c) => c.verdict))).toEqual(new Set(VERDICTS));
    expect(report.cases.length).toBeGreaterThanOrEqual(10);
  });
});

describe('loadReport', () => {
  it('reads and validates a report.json', () => {
    const report = sampleReport();
    expect(loadReport(write('ok.json', JSON.stringify(report)))).toEqual(report);
  });

  it('throws an unreadable ReportError for a missing file or non-JSON', () => {
    const missing = thrown(() => loadReport(join(dir, 'nope.json')));
    expect(missing.kind).toBe('unreadable');
    expect(missing.message).toContain('ENOENT');
    const notJson = thrown(() => loadReport(write('bad.json', '{"schemaVersion":')));
    expect(notJson.kind).toBe('unreadable');
    expect(notJson.message).not.toContain('\n');
  });

  it('throws an invalid ReportError with a one-line message for a schema violation', () => {
    const report = sampleReport() as unknown as { cases: Array<Record<string, unknown>> };
    report.cases[0]!.verdict = 'maybe';
    const e = thrown(() => loadReport(write('invalid.json', JSON.stringify(report))));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/\/cases\/0\/verdict/);
    expect(e.message).not.toContain('\n');
  });

  it('rejects a report that carries credentials in headers', () => {
    const report = sampleReport();
    report.cases[0]!.observed.headers.authorization = 'AWS4-HMAC-SHA256 Credential=AKIA...';
    expect(thrown(() => loadReport(write('creds.json', JSON.stringify(report)))).kind).toBe('invalid');
  });
});
