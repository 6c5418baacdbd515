/** Commands that replay one case: the suite itself, and curl with its own SigV4 signing. */
import type { Case } from '../properties/types.ts';
import type { RunConfig } from './config.ts';

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function baseParts(config: RunConfig): string[] {
  const parts = [config.invokedAs ?? 'npx tsx runner.ts'];
  if (config.replayDir) return [...parts, '--replay', shellQuote(config.replayDir)];
  if (config.endpoint) parts.push('--endpoint', shellQuote(config.endpoint));
  if (config.region) parts.push('--region', config.region);
  parts.push('--expect', config.profile, '--seed', String(config.seed), '--runs', String(config.runs));
  if (config.provision) parts.push('--provision');
  if (config.allowRealAws) parts.push('--allow-real-aws');
  if (config.deviation) parts.push('--deviation', config.deviation);
  if (!config.sdk) parts.push('--no-sdk');
  for (const [flag, v] of [['--function-name', config.given.functionName], ['--function-version', config.given.version], ['--function-alias', config.given.alias], ['--kinesis-stream-arn', config.given.kinesisStreamArn], ['--dynamodb-stream-arn', config.given.dynamodbStreamArn]] as const) {
    if (v) parts.push(flag, shellQuote(v));
  }
  return parts;
}

export function suiteCommand(c: Case, config: RunConfig): string {
  return [...baseParts(config), '--case', shellQuote(c.id)].join(' ');
}

/** Replays the random case at a fast-check path (a shrunk counterexample) with the run's seed. */
export function pathCommand(path: string, config: RunConfig): string {
  return [...baseParts(config), '--path', shellQuote(path)].join(' ');
}

export function curlCommand(endpoint: URL, region: string, service: string, request: Case['request']): string {
  const body = request.raw ?? JSON.stringify(request.body ?? {});
  return [
    'curl -sS -i -X POST', shellQuote(new URL(request.path, endpoint).toString()),
    "-H 'Content-Type: application/json'",
    `--aws-sigv4 ${shellQuote(`aws:amz:${region}:${service}`)}`,
    '--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"',
    '--data-binary', shellQuote(body),
  ].join(' ');
}
