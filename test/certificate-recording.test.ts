/**
 * Certificates a third party can check: --certify --record puts the recording's digest in the certificate;
 * verify --recording DIR re-judges the recorded answers with the suite's own judge (an offline replay) and
 * fails when they do not give the certified verdicts: an edited report whose certificate was rebuilt with the
 * suite's own code verifies against the report, but not against the recording.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../runner.ts';
import type { Io } from '../cli/run-command.ts';
import type { Report } from '../engine/report-types.ts';
import { buildCertificate, type Certificate } from '../reports/certificate.ts';
import { tally } from '../reports/text.ts';
import { ruleSummaries } from '../engine/summary.ts';

const dir = mkdtempSync(join(tmpdir(), 'esm-cert-rec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const out = join(dir, 'out');
const rec = join(dir, 'rec');

function capture(): Io & { stdout: () => string; stderr: () => string } {
  const o: string[] = [];
  const e: string[] = [];
  return { out: (s) => o.push(s), err: (s) => e.push(s), isTty: false, env: {}, stdout: () => o.join('\n'), stderr: () => e.join('\n') };
}
const read = <T>(f: string): T => JSON.parse(readFileSync(f, 'utf8')) as T;

beforeAll(async () => {
  // A target with a deviation: its certificate says not-conformant, which an editor would like to change.
  const io = capture();
  // The seed edition: on the faithful reference every case is judged, so the forged certificate below can claim conformant.
  const code = await main(['--certify', '--record', rec, '--edition', 'seed', '--deviation', 'status-200', '--out', out, '--format', 'json'], io);
  if (code !== 1) throw new Error(`certify run: exit ${code}\n${io.stdout()}\n${io.stderr()}`);
}, 120_000);

describe('certificates with a recording digest', () => {
  it('say what they prove and carry the digest of the recorded exchanges', () => {
    const cert = read<Certificate>(join(out, 'certificate.json'));
    expect(cert.grade).toBe('not-conformant');
    expect(cert.attestation).toMatch(/self-attested/);
    expect(cert.recording?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(readFileSync(join(out, 'certificate.html'), 'utf8')).toContain(cert.recording!.digest);
  });

  it('verify --recording accepts the untouched run (and --json says so)', async () => {
    const io = capture();
    expect(await main(['verify', join(out, 'certificate.json'), join(out, 'report.json'), '--recording', rec, '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout())).toMatchObject({ ok: true, grade: 'not-conformant', recording: { rejudged: true }, problems: [] });
  }, 60_000);

  it('an edited report with a rebuilt certificate verifies against the report, but fails verify --recording', async () => {
    const report = read<Report>(join(out, 'report.json'));
    const cases = report.cases.map((c) => (c.verdict === 'fail' ? { ...c, verdict: 'pass' as const, failures: [] } : c));
    const edited: Report = { ...report, cases, counts: tally(cases.map((c) => c.verdict)), rules: ruleSummaries(cases as never), exitCode: 0 };
    const cert = read<Certificate>(join(out, 'certificate.json'));
    const forged = buildCertificate(edited, { suiteVersion: cert.suite.version, now: new Date(cert.date), ...(cert.recording ? { recording: cert.recording } : {}) });
    expect(forged.grade).toBe('conformant');
    writeFileSync(join(dir, 'edited.json'), JSON.stringify(edited));
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    const plain = capture();
    expect(await main(['verify', join(dir, 'forged.json'), join(dir, 'edited.json')], plain)).toBe(0); // the report alone cannot tell
    const io = capture();
    expect(await main(['verify', join(dir, 'forged.json'), join(dir, 'edited.json'), '--recording', rec], io)).toBe(1);
    expect(io.stdout()).toMatch(/does NOT verify/);
    expect(io.stdout()).toMatch(/the report says pass, the recorded answer judges fail/);
  }, 60_000);

  it('a folder that holds no recording is one usage line (exit 2)', async () => {
    const io = capture();
    expect(await main(['verify', join(out, 'certificate.json'), join(out, 'report.json'), '--recording', join(dir, 'nothing-here')], io)).toBe(2);
    expect(io.stderr().split('\n')).toHaveLength(1);
    expect(io.stderr()).toMatch(/--recording .*nothing-here/);
  });

  it('an edited recording does not match the certificate digest', async () => {
    const copy = join(dir, 'rec-edited');
    rmSync(copy, { recursive: true, force: true });
    const exchanges = read<{ cases: Record<string, Array<{ status?: number }>> }>(join(rec, 'exchanges.json'));
    const first = Object.values(exchanges.cases).find((xs) => xs.some((x) => x.status === 200))!;
    first.find((x) => x.status === 200)!.status = 202;
    mkdirSync(copy);
    writeFileSync(join(copy, 'exchanges.json'), JSON.stringify(exchanges));
    writeFileSync(join(copy, 'meta.json'), readFileSync(join(rec, 'meta.json')));
    const io = capture();
    expect(await main(['verify', join(out, 'certificate.json'), join(out, 'report.json'), '--recording', copy], io)).toBe(1);
    expect(io.stdout()).toMatch(/has digest sha256:[0-9a-f]+, the certificate names/);
  });
});
