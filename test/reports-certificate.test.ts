import { describe, expect, it } from 'vitest';
import type { Report } from '../engine/report-types.ts';
import { buildCertificate, certificateEligibility, gradeOf, levelCounts, verifyCertificate, type Certificate } from '../reports/certificate.ts';
import { canonicalJson } from '../reports/canonical-json.ts';
import { withCases } from '../reports/summary.ts';
import { sampleReport } from './helpers/sample-report.ts';

const OPTS = { suiteVersion: '0.1.0', now: new Date('2025-01-02T03:04:05Z') };
const sample = sampleReport();
/** A clean run: only pass, info and one SHOULD non-strict case. */
const clean = withCases(sample, sample.cases.filter((c) => ['pass', 'info'].includes(c.verdict) || c.rule === 'error.body'));
const copy = <T>(v: T): T => structuredClone(v);

describe('buildCertificate', () => {
  it('records suite, model, profile, target, date, counts per level and a sha256 digest', () => {
    const cert = buildCertificate(clean, OPTS);
    expect(cert.suite).toEqual({ name: 'esm-conformance', version: '0.1.0' });
    expect(cert.profile).toBe('seed');
    expect(cert.target.label).toBe('moto');
    expect(cert.date).toBe('2025-01-02T03:04:05.000Z');
    expect(cert.counts.MUST.pass).toBe(3);
    expect(cert.counts.SHOULD['non-strict']).toBe(1);
    expect(cert.grade).toBe('conformant-with-should-deviations');
    expect(cert.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(buildCertificate(clean, OPTS)).toEqual(cert);
  });

  it('grades conformant, not-conformant and incomplete', () => {
    const onlyPass = withCases(sample, sample.cases.filter((c) => c.verdict === 'pass'));
    expect(buildCertificate(onlyPass, OPTS).grade).toBe('conformant');
    expect(buildCertificate(sample, OPTS).grade).toBe('not-conformant');
    const inconclusive = withCases(sample, sample.cases.filter((c) => ['pass', 'inconclusive'].includes(c.verdict)));
    expect(buildCertificate(inconclusive, OPTS).grade).toBe('incomplete');
    expect(buildCertificate({ ...onlyPass, exitCode: 3 }, OPTS).grade).toBe('incomplete');
    expect(gradeOf(levelCounts(withCases(sample, [])), 0).grade).toBe('incomplete');
  });
});

describe('verifyCertificate', () => {
  const cert = buildCertificate(clean, OPTS);

  it('accepts an untouched certificate and report', () => {
    expect(verifyCertificate(cert, clean)).toEqual({ ok: true, problems: [] });
    expect(verifyCertificate(JSON.parse(JSON.stringify(cert)) as Certificate, JSON.parse(JSON.stringify(clean)) as Report).ok).toBe(true);
  });

  it('fails when a count, the grade, the date or the digest of the certificate is changed', () => {
    const count = copy(cert);
    count.counts.MUST.pass = 4;
    const r1 = verifyCertificate(count, clean);
    expect(r1.ok).toBe(false);
    expect(r1.problems.join('\n')).toContain('counts.MUST.pass: certificate has 4, the report gives 3');
    expect(r1.problems.join('\n')).toContain('digest does not match');
    const grade = { ...copy(cert), grade: 'conformant' as const };
    expect(verifyCertificate(grade, clean).problems.join('\n')).toContain('grade');
    expect(verifyCertificate({ ...copy(cert), date: '2030-01-01T00:00:00.000Z' }, clean).ok).toBe(false);
    expect(verifyCertificate({ ...copy(cert), digest: `sha256:${'0'.repeat(64)}` }, clean).ok).toBe(false);
  });

  it('fails when a case verdict in the report is changed (with or without fixing its counts)', () => {
    const tampered = copy(clean);
    const victim = tampered.cases.find((c) => c.verdict === 'pass')!;
    victim.verdict = 'fail';
    const raw = verifyCertificate(cert, tampered);
    expect(raw.ok).toBe(false);
    expect(raw.problems.join('\n')).toContain('report counts.pass');
    expect(verifyCertificate(cert, withCases(clean, tampered.cases)).ok).toBe(false);
    const swapped = copy(clean);
    swapped.cases[0]!.caseId = `${swapped.cases[0]!.rule}~ffffffffffff`;
    expect(verifyCertificate(cert, swapped).problems).toEqual(['digest does not match the certificate fields and the report cases']);
  });

  it('fails when the certificate names another suite version than the report', () => {
    const other = buildCertificate(clean, { ...OPTS, suiteVersion: '9.9.9' });
    expect(verifyCertificate(other, clean).problems.join('\n')).toContain('suite 9.9.9');
  });
});

describe('certificateEligibility', () => {
  it('accepts a full run', () => {
    expect(certificateEligibility(clean, { minRuns: 100, suiteVersion: '0.1.0' })).toEqual([]);
  });

  it('gives reasons for only/skip, a waived MUST, too few runs, another suite version, a replay', () => {
    const run = { ...sample.run, only: ['BatchSize.*'], skip: ['error.*'], runs: 10 };
    const report: Report = { ...sample, run, target: { ...sample.target, kind: 'replay' } };
    const reasons = certificateEligibility(report, { minRuns: 100, suiteVersion: '0.2.0' });
    expect(reasons).toHaveLength(6);
    expect(reasons.join('\n')).toContain('only: BatchSize.*');
    expect(reasons.join('\n')).toContain('skip: error.*');
    expect(reasons.join('\n')).toContain('1 MUST case(s) are waived (rules: error.ResourceNotFound.function)');
    expect(reasons.join('\n')).toContain('10 random runs, fewer than the 100 required');
  });
});

describe('canonicalJson', () => {
  it('sorts keys recursively and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: 0 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"x":0,"z":1}]},"b":1}');
  });
});
