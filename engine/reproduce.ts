/**
 * Commands that replay one case: the suite itself (writing to its own folder, never over the run's
 * reports), and curl (with its own SigV4 signing) and the AWS CLI against an endpoint that exists after the
 * run: for the embedded target, the `serve` command to start first on a fixed port.
 */
import type { Case } from '../properties/types.ts';
import type { CaseResult } from './report-types.ts';
import type { RunConfig } from './config.ts';

const shellQuote = (s: string): string => `'${s.includes("'") ? s.replace(/'/g, `'\\''`) : s}'`;
/** The port the printed `serve` command starts the embedded reference target on. */
export const SERVE_PORT = 9001;
const SERVE_URL = new URL(`http://127.0.0.1:${SERVE_PORT}`);

const invoked = (config: RunConfig): string => config.invokedAs ?? 'npx tsx runner.ts';

function baseParts(config: RunConfig): string[] {
  const parts = [invoked(config)];
  const out = ['--out', shellQuote(`${config.outDir ?? 'results'}/replay`)];
  if (config.replayDir) return [...parts, '--replay', shellQuote(config.replayDir), ...out];
  if (config.endpoint) parts.push('--endpoint', shellQuote(config.endpoint));
  if (config.region) parts.push('--region', config.region);
  parts.push('--expect', config.profile, '--seed', String(config.seed), '--runs', String(config.runs));
  // Everything that decides the case's id, its request or its verdict: the edition, the latency mode.
  if (config.edition) parts.push('--edition', shellQuote(config.edition));
  if (config.latency && !config.endpoint) parts.push('--latency', config.latency.mode, '--latency-scale', String(config.latency.scale));
  if (config.provision) parts.push('--provision');
  if (config.allowRealAws) parts.push('--allow-real-aws');
  if (config.deviation) parts.push('--deviation', config.deviation);
  if (!config.sdk) parts.push('--no-sdk');
  else if (config.sdkPass && config.sdkPass !== 'auto') parts.push('--sdk-pass', config.sdkPass);
  const g = config.given;
  const fn = g.functionNames?.length ? g.functionNames.join(',') : g.functionName;
  for (const [flag, v] of [['--function-name', fn], ['--function-version', g.version], ['--function-alias', g.alias], ['--other-function-name', g.otherFunctionName], ['--kinesis-stream-arn', g.kinesisStreamArn], ['--dynamodb-stream-arn', g.dynamodbStreamArn]] as const) {
    if (v) parts.push(flag, shellQuote(v));
  }
  for (const [kind, v] of Object.entries(g.sources ?? {})) parts.push('--source', shellQuote(`${kind}=${v}`));
  return [...parts, ...out];
}

export function suiteCommand(c: Case, config: RunConfig): string {
  return [...baseParts(config), '--case', shellQuote(c.id)].join(' ');
}

/** Replays the random case at a fast-check path (a shrunk counterexample) with the run's seed. */
export function pathCommand(path: string, config: RunConfig): string {
  return [...baseParts(config), '--path', shellQuote(path)].join(' ');
}

/**
 * `new URL(path, endpoint)` as text and the endpoint's origin, remembered by the endpoint's href: a run
 * sends every case to one endpoint, on a few paths. (Bounded: a long-lived process may see many.)
 */
const urls = new Map<string, string>();
const origins = new Map<string, string>();
function remembered(cache: Map<string, string>, key: string, make: () => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= 1000) cache.clear();
    value = make();
    cache.set(key, value);
  }
  return value;
}
// An href has no space (URL serialisation encodes it), so `href path` names one pair.
const resolvedUrl = (path: string, endpoint: URL): string => remembered(urls, `${endpoint.href} ${path}`, () => new URL(path, endpoint).toString());
const originOf = (endpoint: URL): string => remembered(origins, endpoint.href, () => endpoint.origin);

/** The body curl sends: the raw body, else the JSON body (`{}` when there is none). */
const curlBody = (request: Case['request']): string => request.raw ?? JSON.stringify(request.body ?? {});

function curlLine(endpoint: URL, region: string, service: string, path: string, body: string): string {
  return [
    'curl -sS -i -X POST', shellQuote(resolvedUrl(path, endpoint)),
    "-H 'Content-Type: application/json'",
    `--aws-sigv4 ${shellQuote(`aws:amz:${region}:${service}`)}`,
    '--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"',
    '--data-binary', shellQuote(body),
  ].join(' ');
}

export function curlCommand(endpoint: URL, region: string, service: string, request: Case['request']): string {
  return curlLine(endpoint, region, service, request.path, curlBody(request));
}

/** The AWS CLI form of a JSON object body's text (the CLI checks types and required members itself before sending). */
function awsCliLine(endpoint: URL, region: string, json: string): string {
  return `aws lambda create-event-source-mapping --endpoint-url ${shellQuote(originOf(endpoint))} --region ${region} --cli-input-json ${shellQuote(json)}`;
}

/** The AWS CLI form, for a JSON object body (the CLI checks types and required members itself before sending). */
export function awsCliCommand(endpoint: URL, region: string, request: Case['request']): string | undefined {
  if (request.raw !== undefined || request.body === undefined) return undefined;
  return awsCliLine(endpoint, region, JSON.stringify(request.body));
}

/** Where the reproduction can be sent after the run, and what to start or know first. */
function afterRun(config: RunConfig, endpoint: URL): { endpoint: URL; setup?: string; note?: string } {
  if (config.replayDir) return { endpoint, note: 'the run replayed a recording: the recorded endpoint may no longer answer' };
  if (!config.endpoint) {
    const flags = [`--port ${SERVE_PORT}`, `--region ${config.region}`, ...(config.deviation ? [`--deviation ${config.deviation}`] : []),
      ...(config.latency ? [`--latency ${config.latency.mode} --latency-scale ${config.latency.scale}`] : [])];
    return { endpoint: SERVE_URL, setup: `${invoked(config)} serve ${flags.join(' ')}`, note: 'the embedded target stopped with the run: start it first with the setup command (same resources)' };
  }
  if (config.provision && config.keepResources) return { endpoint, note: `the provisioned resources were kept (--keep-resources): delete them with ${invoked(config)} cleanup --endpoint ${shellQuote(config.endpoint)}` };
  if (config.provision) return { endpoint, note: 'the run deleted the resources this request names: rerun with --keep-resources to keep them (and delete them later with the cleanup command)' };
  return { endpoint };
}

export function reproduction(c: Case, bound: Case['request'], config: RunConfig, endpoint: URL, service: string): CaseResult['reproduce'] {
  const at = afterRun(config, endpoint);
  // curl and the AWS CLI send the same JSON text (the CLI form only for a JSON body): serialised once.
  const body = curlBody(bound);
  const awsCli = bound.raw === undefined && bound.body !== undefined ? awsCliLine(at.endpoint, config.region, body) : undefined;
  return {
    suite: suiteCommand(c, config), curl: curlLine(at.endpoint, config.region, service, bound.path, body),
    ...(awsCli ? { awsCli } : {}), ...(at.setup ? { setup: at.setup } : {}), ...(at.note ? { note: at.note } : {}),
  };
}
