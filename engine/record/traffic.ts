/** Record and replay as seen by the engine: which wire and SDK handler to use, and what to do at the end. */
import { resolveEditionName } from '../../spec/editions/store.ts';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { SUITE } from '../report-build.ts';
import type { RunConfig } from '../config.ts';
import type { Target } from '../target.ts';
import { makeWire, type Wire } from '../wire.ts';
import type { RawResult } from '../transport/index.ts';
import { accountMasker, loadRecording, MASKED_ACCOUNT, RECORDING_FORMAT, saveRecording, type RecordingMeta } from './format.ts';
import { TrafficRecorder } from './recorder.ts';
import { TrafficReplayer } from './replayer.ts';

export interface Traffic {
  /** The configuration the run goes by: a replay takes seed, runs, profile, region and SDK use from its recording. */
  config: RunConfig;
  /** Replay: the recorded target (nothing is set up or provisioned). */
  target?: Target;
  /** Called once the target is set up, before any case runs. */
  started(target: Target): void;
  /** `observe`: sees every result (engine/target-health.ts), recorded or replayed. */
  wire(endpoint: URL, config: RunConfig, observe?: (r: RawResult) => void): Wire;
  sdkHandler(inner: NodeHttpHandler): unknown;
  /** Replay: why the case cannot be judged (it did not send what was recorded). */
  problem(caseId: string): string | undefined;
  /** Record: writes the recording when the run completed. Replay: ends the network lock. */
  finish(target: Target | undefined, completed: boolean): Promise<void>;
}

export async function openTraffic(config: RunConfig): Promise<Traffic | undefined> {
  if (config.replayDir) return replaying(config, config.replayDir);
  if (config.recordDir) return recording(config, config.recordDir);
  return undefined;
}

function recording(config: RunConfig, dir: string): Traffic {
  let recorder: TrafficRecorder | undefined;
  let mask = (s: string) => s;
  const need = (): TrafficRecorder => {
    if (!recorder) throw new Error('recording before the target was set up');
    return recorder;
  };
  return {
    config,
    started(target) {
      recorder = new TrafficRecorder(target.endpoint.origin);
      if (config.maskAccount) recorder.mask = mask = accountMasker(target.resources.account);
    },
    wire: (endpoint, cfg, observe) => need().wire(makeWire(endpoint, cfg, undefined, observe)),
    sdkHandler: (inner) => need().sdkHandler(inner),
    problem: () => undefined,
    async finish(target, completed) {
      if (!completed || !target || !recorder) return;
      // Every string of the resources, nested ones (the event sources of other kinds) included.
      const resources = JSON.parse(mask(JSON.stringify(target.resources))) as Record<string, unknown>;
      const meta: RecordingMeta = {
        format: RECORDING_FORMAT, version: 1, suite: `${SUITE.name} ${SUITE.version}`, recordedAt: new Date().toISOString(),
        endpoint: target.endpoint.origin, region: config.region, profile: config.profile, edition: editionName(config.edition), todayEdition: editionName(config.todayEdition), seed: config.seed, runs: config.runs,
        only: config.only, skip: config.skip, caseIds: config.caseIds, sdk: config.sdk, maxAttempts: config.maxAttempts,
        target: { kind: target.kind === 'embedded' ? 'embedded' : 'remote', label: target.label },
        resources: resources as unknown as RecordingMeta['resources'], maskedAccount: config.maskAccount === true,
      };
      saveRecording(dir, { meta, file: recorder.file() });
      config.log?.(`recorded ${Object.keys(recorder.file().cases).length} cases to ${dir}${meta.maskedAccount ? ` (account masked as ${MASKED_ACCOUNT})` : ''}`);
    },
  };
}

/** The edition's own name (an alias such as `aws` moves when a newer model is imported; a replay must not). */
function editionName(name: string | undefined): string {
  try {
    return resolveEditionName(name ?? 'aws');
  } catch {
    return name ?? 'aws';
  }
}

async function replaying(config: RunConfig, dir: string): Promise<Traffic> {
  const { meta, file } = loadRecording(dir);
  const effective: RunConfig = {
    ...config, endpoint: meta.endpoint, region: meta.region, profile: meta.profile, ...(meta.edition ? { edition: meta.edition } : {}), ...(meta.todayEdition ? { todayEdition: meta.todayEdition } : {}), seed: meta.seed, runs: meta.runs,
    only: config.only.length ? config.only : meta.only, skip: config.skip.length ? config.skip : meta.skip,
    caseIds: config.caseIds.length ? config.caseIds : meta.caseIds, sdk: meta.sdk, maxAttempts: meta.maxAttempts,
    provision: false, given: {}, credentials: { accessKeyId: 'replay', secretAccessKey: 'replay' },
    targetLabel: config.targetLabel ?? meta.target.label,
  };
  const replayer = new TrafficReplayer(file);
  await replayer.start();
  const target: Target = {
    endpoint: new URL(meta.endpoint), kind: 'replay', label: effective.targetLabel ?? meta.target.label, resources: meta.resources, close: async () => [],
  };
  return {
    config: effective,
    target,
    started: () => undefined,
    // One attempt: the recording holds the answer the transport finally got, with its attempts.
    wire: (endpoint, cfg, observe) => replayer.wire(makeWire(endpoint, { ...cfg, maxAttempts: 1 }, undefined, observe)),
    sdkHandler: (inner) => replayer.sdkHandler(inner),
    problem: (id) => replayer.problem(id),
    async finish() {
      const unused = replayer.unused();
      if (unused) config.log?.(`replay: ${unused} recorded request(s) were not sent`);
      replayer.stop();
    },
  };
}
