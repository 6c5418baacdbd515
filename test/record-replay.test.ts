/**
 * Record a run against moto (--record, --mask-account), stop moto, and replay it offline (--replay) with
 * nock refusing every network connection: the same verdict for every case, no credentials in the
 * recording, and a recording with one request removed gives an error verdict, never a network call.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../runner.ts';
import type { Io } from '../cli/run-command.ts';
import type { Report } from '../engine/report-types.ts';
import type { RecordingFile, RecordingMeta } from '../engine/record/format.ts';
import { startMoto, type MotoServer } from './helpers/moto.ts';

let moto: MotoServer;
let root: string;
let recording: string;
let recorded: Report;
let recordedCode: number;

function captureIo(): Io & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (s) => lines.push(s), err: (s) => lines.push(s), isTty: false };
}

async function run(argv: string[], out: string): Promise<{ code: number; report: Report; lines: string[] }> {
  const io = captureIo();
  const code = await main([...argv, '--out', out, '--no-color', '--format', 'json'], io);
  const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
  return { code, report, lines: io.lines };
}

/** Replays `dir` with a listener on nock's 'no match' event: any request nock did not expect (= a network attempt). */
async function replay(dir: string, out: string): Promise<{ code: number; report: Report; lines: string[]; unexpected: string[] }> {
  const nock = (await import('nock')).default;
  const unexpected: string[] = [];
  const onNoMatch = (req: { method?: string; path?: string }) => unexpected.push(`${req.method} ${req.path}`);
  nock.emitter.on('no match', onNoMatch);
  try {
    return { ...(await run(['--replay', dir], out)), unexpected };
  } finally {
    nock.emitter.removeListener('no match', onNoMatch);
  }
}

const verdicts = (r: Report) => Object.fromEntries(r.cases.map((c) => [c.caseId, c.verdict]));
const failures = (r: Report) => Object.fromEntries(r.cases.map((c) => [c.caseId, c.failures.map((f) => `${f.rule} ${f.code} ${f.verdict}`).sort()]));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'esm-record-'));
  recording = join(root, 'recording');
  moto = await startMoto();
  const r = await run(['--endpoint', moto.url, '--provision', '--runs', '1', '--ledger', join(root, 'ledger'), '--record', recording, '--mask-account'], join(root, 'recorded'));
  [recorded, recordedCode] = [r.report, r.code];
  // Everything below runs offline: moto is gone before any replay.
  await moto.stop();
}, 90_000);
afterAll(async () => {
  await moto?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('record and replay', () => {
  it('records every case, with no credentials, signatures or tokens, and the account masked', async () => {
    expect([0, 1]).toContain(recordedCode);
    const files = await readdir(recording);
    expect(files.sort()).toEqual(['exchanges.json', 'meta.json']);
    for (const f of files) {
      const text = (await readFile(join(recording, f), 'utf8')).toLowerCase();
      expect(text).not.toContain('authorization');
      expect(text).not.toContain('signature=');
      expect(text).not.toContain('x-amz-security-token');
      expect(text).not.toContain('x-esm-replay');
      expect(text).not.toContain('123456789012'); // moto's account, masked
    }
    const meta = JSON.parse(await readFile(join(recording, 'meta.json'), 'utf8')) as RecordingMeta;
    expect(meta).toMatchObject({ endpoint: moto.url, region: 'us-east-1', runs: 1, profile: 'aws', maskedAccount: true, sdk: true });
    expect(meta.resources.account).toBe('000000000000');
    expect(meta.resources.kinesisStreamArn).toContain(':000000000000:stream/');
    const file = JSON.parse(await readFile(join(recording, 'exchanges.json'), 'utf8')) as RecordingFile;
    // Every case that was sent (a case of a kind moto has no resource for is not run, and sends nothing).
    const sent = recorded.cases.filter((c) => !c.observed.problem?.startsWith('not run: '));
    expect(Object.keys(file.cases).sort()).toEqual(sent.map((c) => c.caseId).sort());
    const vias = new Set(Object.values(file.cases).flat().map((x) => x.via));
    expect(vias).toEqual(new Set(['raw', 'sdk']));
  });

  it('replays offline (moto stopped, network disabled) with the same verdict for every case', async () => {
    const replayed = await replay(recording, join(root, 'replayed'));
    expect(replayed.unexpected).toEqual([]);
    expect(replayed.code, replayed.lines.join('\n')).toBe(recordedCode);
    expect(replayed.report.target).toMatchObject({ kind: 'replay', endpoint: moto.url });
    expect(verdicts(replayed.report)).toEqual(verdicts(recorded));
    expect(failures(replayed.report)).toEqual(failures(recorded));
    expect(replayed.report.counts).toEqual(recorded.counts);
    expect(replayed.lines.some((l) => l.includes('not sent'))).toBe(false);
  }, 60_000);

  it('replays a recording made long ago the same way (the SDK would correct its clock from an old Date and re-send)', async () => {
    const aged = join(root, 'aged');
    await cp(recording, aged, { recursive: true });
    const file = JSON.parse(await readFile(join(aged, 'exchanges.json'), 'utf8')) as RecordingFile;
    const old = new Date(Date.now() - 3 * 24 * 3600 * 1000).toUTCString();
    let dated = 0;
    for (const x of [...Object.values(file.cases).flat(), ...file.outside]) {
      const h = x.rawHeaders ?? [];
      for (let i = 0; i + 1 < h.length; i += 2) if (h[i]!.toLowerCase() === 'date') { h[i + 1] = old; dated += 1; }
    }
    expect(dated).toBeGreaterThan(0);
    await writeFile(join(aged, 'exchanges.json'), JSON.stringify(file));
    const replayed = await replay(aged, join(root, 'aged-out'));
    expect(replayed.unexpected).toEqual([]);
    expect(verdicts(replayed.report)).toEqual(verdicts(recorded));
  }, 60_000);

  it('a recording with one request removed gives an error verdict naming it, never a network call', async () => {
    const broken = join(root, 'broken');
    await cp(recording, broken, { recursive: true });
    const file = JSON.parse(await readFile(join(broken, 'exchanges.json'), 'utf8')) as RecordingFile;
    // The read-back GET of a valid case: the case's second request then meets the recorded DELETE.
    const [caseId, list] = Object.entries(file.cases).find(([, xs]) => xs[1]?.method === 'GET')!;
    const removed = list.splice(1, 1)[0]!;
    await writeFile(join(broken, 'exchanges.json'), JSON.stringify(file));

    const replayed = await replay(broken, join(root, 'broken-out'));
    expect(replayed.unexpected).toEqual([]);
    expect([0, 1]).toContain(replayed.code);
    const hit = replayed.report.cases.find((c) => c.caseId === caseId)!;
    expect(hit.verdict).toBe('error');
    expect(hit.observed.problem).toContain(`replay: case ${caseId}, request 2 (raw GET ${removed.path})`);
    expect(hit.observed.problem).toContain('the recording has raw DELETE');
    const others = (r: Report) => Object.fromEntries(Object.entries(verdicts(r)).filter(([id]) => id !== caseId));
    expect(others(replayed.report)).toEqual(others(recorded));
  }, 60_000);

  it('refuses --replay together with a target', async () => {
    const io = captureIo();
    expect(await main(['--replay', recording, '--endpoint', 'http://127.0.0.1:9'], io)).toBe(2);
    expect(io.lines.join('\n')).toMatch(/--replay takes the target from the recording: --endpoint is not allowed/);
  });
});
