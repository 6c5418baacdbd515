/**
 * A recording on disk: `meta.json` (what was run against what) and `exchanges.json` (every request the
 * cases sent and its answer, per case, in order). Each exchange has the shape of a nock definition (scope,
 * method, path, body, status, response, rawHeaders) plus what the engine saw (transport attempts, or why
 * there was no answer). Request headers are never stored: no Authorization, signature or session token.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resources } from '../../properties/types.ts';
import type { RetryRecord } from '../transport/index.ts';
import { SetupError, type RunConfig } from '../config.ts';

export const RECORDING_FORMAT = 'esm-conformance-recording';
export const MASKED_ACCOUNT = '000000000000';
const META_FILE = 'meta.json';
const EXCHANGES_FILE = 'exchanges.json';

/**
 * The run settings a replay takes from its recording (RunConfig's own fields): region, profile, model edition
 * (absent in recordings made before editions: the run's own), seed, runs,
 * the filters, whether valid cases also went through @aws-sdk/client-lambda (its traffic is recorded too) and
 * the SDK attempts per request (its retries are recorded as separate exchanges).
 */
export interface RecordingMeta extends Pick<RunConfig, 'region' | 'profile' | 'seed' | 'runs' | 'only' | 'skip' | 'caseIds' | 'sdk' | 'maxAttempts' | 'edition' | 'todayEdition'> {
  format: typeof RECORDING_FORMAT;
  version: 1;
  suite: string;
  recordedAt: string;
  endpoint: string;
  target: { kind: 'embedded' | 'remote'; label: string };
  resources: Resources;
  /** The account id was replaced by 000000000000 in resources, paths and bodies. */
  maskedAccount: boolean;
}

export interface RecordedExchange {
  /** `raw`: the engine's signed raw sender; `sdk`: @aws-sdk/client-lambda (one entry per HTTP attempt). */
  via: 'raw' | 'sdk';
  scope: string;
  method: string;
  path: string;
  body: string;
  status?: number;
  response?: string;
  rawHeaders?: string[];
  /** raw only: the transport's attempts and retries that led to this answer. */
  attempts?: number;
  retried?: RetryRecord[];
  /** No answer at all (timeout, network error); `code` is the error code an SDK attempt failed with. */
  failure?: { kind: 'timeout' | 'network' | 'aborted'; message: string; code?: string };
}

export interface RecordingFile {
  format: typeof RECORDING_FORMAT;
  version: 1;
  /** Per case id, in the order the case sent them. */
  cases: Record<string, RecordedExchange[]>;
  /** Requests sent outside any case (the final clean-up of mappings still alive). */
  outside: RecordedExchange[];
}

export interface Recording { meta: RecordingMeta; file: RecordingFile }

/** Replaces the 12-digit account id (not inside a longer digit run) by 000000000000. */
export function accountMasker(account: string | undefined): (s: string) => string {
  if (!account || !/^\d{12}$/.test(account)) return (s) => s;
  const pattern = new RegExp(`(?<!\\d)${account}(?!\\d)`, 'g');
  return (s) => s.replace(pattern, MASKED_ACCOUNT);
}

export function saveRecording(dir: string, rec: Recording): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, META_FILE), `${JSON.stringify(rec.meta, null, 2)}\n`);
  writeFileSync(join(dir, EXCHANGES_FILE), `${JSON.stringify(rec.file, null, 1)}\n`);
}

function readJson(dir: string, name: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new SetupError(`cannot read the recording ${join(dir, name)}: ${err.code ?? err.message.split('\n')[0]}`);
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== RECORDING_FORMAT || (data as { version?: unknown }).version !== 1) {
    throw new SetupError(`${join(dir, name)} is not a version 1 ${RECORDING_FORMAT} file`);
  }
  return data as Record<string, unknown>;
}

export function loadRecording(dir: string): Recording {
  const meta = readJson(dir, META_FILE) as unknown as RecordingMeta;
  const file = readJson(dir, EXCHANGES_FILE) as unknown as RecordingFile;
  if (typeof file.cases !== 'object' || file.cases === null || !Array.isArray(file.outside)) {
    throw new SetupError(`${join(dir, EXCHANGES_FILE)} has no cases or outside list`);
  }
  if (typeof meta.endpoint !== 'string' || typeof meta.resources !== 'object' || meta.resources === null) {
    throw new SetupError(`${join(dir, META_FILE)} names no endpoint or resources`);
  }
  return { meta, file };
}
