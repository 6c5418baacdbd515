/** From parsed options to the engine's RunConfig: validation, credentials (dummy only for loopback). */
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { RunConfig } from '../engine/config.ts';
import { isLoopback, parseEndpoint } from '../engine/transport/index.ts';
import type { ProfileName } from '../spec/index.ts';
import { validateTarget } from './validate.ts';
import { speedOptions } from './speed-options.ts';
import { DEFAULT_REGION } from './aws-env.ts';
import { intOption, listOption, stringOption, UsageError, type Values } from './parse.ts';
import { caseAtPath, DEFAULT_RUNS, DEFAULT_SEED } from '../properties/plan.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const DUMMY = { accessKeyId: 'test', secretAccessKey: 'test' };

function endpointOf(values: Values): URL | undefined {
  const raw = stringOption(values, 'endpoint');
  if (raw === undefined) return undefined;
  try {
    return parseEndpoint(raw);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * cleanup without --endpoint may meet runs on real AWS and on loopback emulators in one ledger: the standard
 * provider chain when it has credentials (real AWS needs them), else dummy ones (any emulator takes them).
 */
export function cleanupCredentials(awsProfile?: string): RunConfig['credentials'] {
  const chain = fromNodeProviderChain(awsProfile ? { profile: awsProfile } : {});
  return async () => {
    try {
      return await chain();
    } catch {
      return DUMMY;
    }
  };
}

function credentialsFor(endpoint: URL | undefined, awsProfile: string | undefined): RunConfig['credentials'] {
  if (!endpoint) return DUMMY;
  if (isLoopback(endpoint) && !process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE && !awsProfile) return DUMMY;
  return fromNodeProviderChain(awsProfile ? { profile: awsProfile } : {});
}

/** The expectation set: --expect, else the deprecated --profile (aws|seed), else aws. */
export function expectationSet(values: Values): ProfileName {
  const expect = stringOption(values, 'expect');
  const old = stringOption(values, 'profile');
  if (old !== undefined && old !== 'aws' && old !== 'seed') {
    throw new UsageError(`--profile ${JSON.stringify(old)}: --profile names the expectation set (aws|seed) and is now --expect; an AWS credential profile is --aws-profile ${old}`);
  }
  if (expect !== undefined && old !== undefined && expect !== old) throw new UsageError(`--expect ${expect} and --profile ${old} disagree (--profile is the old name of --expect: give only --expect)`);
  return (expect ?? old ?? 'aws') as ProfileName;
}

/** Where an input came from, when not from its flag: a usage error about it then names the real cause. */
export interface InputSources { region?: string; endpoint?: string }

function withSource(e: unknown, sources: InputSources): never {
  if (!(e instanceof UsageError)) throw e;
  // Only on an error about that input: "--runs must be an integer" is not about the region.
  const about = (word: string) => new RegExp(`\\b${word}\\b`, 'i').test(e.message);
  const notes = [sources.endpoint && !sources.endpoint.startsWith('--') && (about('endpoint') || about('remote')) ? `the endpoint comes from ${sources.endpoint}` : '',
    sources.region && !sources.region.startsWith('--') && about('region') ? `the region comes from ${sources.region}` : ''].filter(Boolean);
  throw notes.length ? new UsageError(`${e.message} (${notes.join('; ')})`) : e;
}

function pathsOf(values: Values): string[] {
  const paths = listOption(values, 'path');
  const seed = intOption(values, 'seed', 0, 2 ** 31 - 1);
  // An edition's families (edition.*) are known once the run loads its edition: checked there.
  for (const p of paths) if (!p.startsWith('edition.') && !caseAtPath(seed, p)) throw new UsageError(`--path ${p}: no random case there (expected FAMILY:RUN[:SHRINK...], e.g. BatchSize.range:0)`);
  return paths;
}

function certifyChecks(values: Values): void {
  if (!values.certify) return;
  for (const name of ['only', 'skip', 'case', 'path']) if (listOption(values, name).length) throw new UsageError(`--certify runs the complete case set: --${name} is not allowed`);
  if (intOption(values, 'seed', 0) !== DEFAULT_SEED || intOption(values, 'runs', 0) !== DEFAULT_RUNS) {
    throw new UsageError(`--certify uses the fixed case set (seed ${DEFAULT_SEED}, runs ${DEFAULT_RUNS}): do not change --seed or --runs`);
  }
}

/** --replay takes the target, its resources, seed, runs, profile and region from the recording. */
function trafficChecks(values: Values, argv: string[]): void {
  if (!values.replay) return;
  for (const name of ['seed', 'runs', 'profile', 'expect', 'region']) {
    if (argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`))) throw new UsageError(`--replay takes --${name} from the recording: it is not allowed here`);
  }
  for (const name of ['endpoint', 'provision', 'record', 'deviation', 'function-name', 'function-version', 'function-alias', 'other-function-name', 'source', 'kinesis-stream-arn', 'dynamodb-stream-arn']) {
    if (values[name] !== undefined && values[name] !== false) throw new UsageError(`--replay takes the target from the recording: --${name} is not allowed`);
  }
}

const SOURCE_KINDS = ['sqs', 'sqs-fifo', 'msk', 'mq', 'documentdb', 'self-managed-kafka'];

/** --source KIND=ARN, repeated: the event sources of the other kinds on a given target. */
function sourcesOf(values: Values): Record<string, string> | undefined {
  const items = listOption(values, 'source');
  if (items.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const item of items) {
    const i = item.indexOf('=');
    const kind = i > 0 ? item.slice(0, i) : '';
    if (!SOURCE_KINDS.includes(kind) || i === item.length - 1) throw new UsageError(`--source takes KIND=ARN with KIND one of ${SOURCE_KINDS.join(', ')}, not ${JSON.stringify(item)}`);
    out[kind] = item.slice(i + 1);
  }
  return out;
}

export interface BuildOptions { validate?: boolean; invokedAs?: string; sources?: InputSources }

export function buildRunConfig(values: Values, argv: string[], opts: BuildOptions = {}): RunConfig {
  try {
    return buildChecked(values, argv, opts);
  } catch (e) {
    return withSource(e, opts.sources ?? {});
  }
}

function buildChecked(values: Values, argv: string[], opts: BuildOptions): RunConfig {
  certifyChecks(values);
  trafficChecks(values, argv);
  const endpoint = endpointOf(values);
  const awsProfile = stringOption(values, 'aws-profile');
  const invokedAs = opts.invokedAs ?? 'npx tsx runner.ts';
  if (values.deviation && endpoint) throw new UsageError('--deviation applies to the embedded target only (no --endpoint)');
  if (values.provision && !endpoint) throw new UsageError('--provision needs --endpoint (the embedded target has its resources)');
  if (values['keep-resources'] && !values.provision) throw new UsageError('--keep-resources applies to --provision only');
  const given: RunConfig['given'] = {};
  for (const [flag, key] of [['function-name', 'functionName'], ['function-version', 'version'], ['function-alias', 'alias'], ['other-function-name', 'otherFunctionName'], ['kinesis-stream-arn', 'kinesisStreamArn'], ['dynamodb-stream-arn', 'dynamodbStreamArn']] as const) {
    const v = stringOption(values, flag);
    if (v !== undefined) given[key] = v;
  }
  const sources = sourcesOf(values);
  if (sources) given.sources = sources;
  // Several functions (comma-separated): one lane per function and stream; version and alias flags name the first's.
  const names = given.functionName?.split(',').map((n) => n.trim()).filter(Boolean) ?? [];
  if (names.length > 1) {
    given.functionName = names[0];
    given.functionNames = [...new Set(names)];
  }
  const label = stringOption(values, 'target-label');
  const deviation = stringOption(values, 'deviation');
  const record = stringOption(values, 'record');
  const replay = stringOption(values, 'replay');
  // A recording folder that is not there is the user's input (exit 2), as `verify --recording` treats it.
  if (replay !== undefined && !existsSync(join(replay, 'meta.json'))) throw new UsageError(`--replay ${replay}: no recording there (no meta.json; make one with --record DIR)`);
  const config: RunConfig = {
    ...(endpoint ? { endpoint: endpoint.origin } : {}),
    region: stringOption(values, 'region') ?? DEFAULT_REGION,
    profile: expectationSet(values),
    edition: stringOption(values, 'edition') ?? 'aws',
    seed: intOption(values, 'seed', 0, 2 ** 31 - 1),
    runs: intOption(values, 'runs', 0, 10_000),
    only: listOption(values, 'only'),
    skip: listOption(values, 'skip'),
    caseIds: listOption(values, 'case'),
    casePaths: pathsOf(values),
    shrink: values['no-shrink'] !== true,
    concurrency: intOption(values, 'concurrency', 1, 64),
    ...speedOptions(values, !endpoint && !values.replay),
    timeoutMs: intOption(values, 'timeout', 1, 600_000),
    maxAttempts: intOption(values, 'max-attempts', 1, 10),
    given,
    provision: values.provision === true,
    allowRealAws: values['allow-real-aws'] === true,
    sdk: values['no-sdk'] !== true,
    ...(values['strict-parity'] === true ? { strictParity: true } : {}),
    credentials: credentialsFor(endpoint, awsProfile),
    ...(awsProfile ? { awsProfile } : {}),
    ...(values['keep-resources'] === true ? { keepResources: true } : {}),
    ...(values['mask-account'] === true ? { maskAccount: true } : {}),
    ledgerDir: stringOption(values, 'ledger') ?? '.esm-ledger',
    ...(label ? { targetLabel: label } : {}),
    ...(deviation ? { deviation } : {}),
    ...(record ? { recordDir: record } : {}),
    ...(replay ? { replayDir: replay } : {}),
    command: [invokedAs, ...argv].join(' '),
    ...(stringOption(values, 'out') !== '-' ? { outDir: stringOption(values, 'out') ?? 'results' } : {}),
    invokedAs,
  };
  if (opts.validate !== false) validateTarget(config);
  return config;
}
