/** report.json written case by case is byte for byte what JSON.stringify(report, null, 2) writes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonReportWriter, writeJsonReport } from '../reports/json-stream.ts';
import { sampleReport } from './helpers/sample-report.ts';
import { tempDir } from './helpers/run-helpers.ts';

const tmp = tempDir('json-stream');
afterAll(() => tmp.remove());

describe('streamed report.json', () => {
  const reports = {
    sample: sampleReport(),
    empty: sampleReport({ cases: [] }),
    incomplete: sampleReport({ incomplete: 'none of the 3 valid requests could be judged', leaks: [{ kind: 'event-source-mapping', id: 'u', error: 'HTTP 500' }] }),
  };
  for (const [name, report] of Object.entries(reports)) {
    it(`equals JSON.stringify for the ${name} report`, () => {
      const file = join(tmp.dir, `${name}.json`);
      writeJsonReport(file, report as never);
      expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    });
  }

  it('many cases flushed in pieces still parse back to the same cases', () => {
    const file = join(tmp.dir, 'many.json');
    const one = sampleReport().cases[0]!;
    const w = new JsonReportWriter(file, { schemaVersion: '1.0.0' });
    for (let i = 0; i < 3000; i += 1) w.add({ ...one, caseId: `${one.rule}~${i.toString(16).padStart(12, '0')}` });
    w.finish({ exitCode: 0 });
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { cases: Array<{ caseId: string }>; exitCode: number };
    expect(parsed.cases).toHaveLength(3000);
    expect(parsed.cases[2999]!.caseId.endsWith('000000000bb7')).toBe(true);
    expect(parsed.exitCode).toBe(0);
  });
});
